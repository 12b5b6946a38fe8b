/*
 * Helpers for the Criterion tests: boot a machine per test, capture what
 * the kernel prints, check every invariant after every step, and look at
 * the free lists and per-CPU lists by pfn.
 */
#ifndef TESTS_HELPERS_H
#define TESTS_HELPERS_H

#include <criterion/criterion.h>
#include <stdio.h>
#include <linux/gfp.h>
#include <linux/memcontrol.h>
#include <linux/mm.h>
#include <linux/page-isolation.h>
#include <linux/page_ext.h>
#include <linux/page_owner.h>
#include <linux/panic.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <asm/processor.h>
#include <linux/vmstat.h>
#include <trace/events/kmem.h>
#include "mm/internal.h"
#include "sim/check.h"
#include "sim/ledger.h"
#include "sim/machine.h"
#include "sim/show.h"

#define GiB (1UL << 30)
#define MiB (1UL << 20)

void boot(unsigned long ram, int cpus);
void boot_1g(void);		/* the usual .init: 1 GiB, 2 CPUs */
void machine_off(void);		/* the usual .fini */

/* what printk wrote since boot, or since console_reset() */
const char *console(void);
void console_reset(void);
int count_in_console(const char *needle);

/* every invariant of chapter 10 holds, or the test fails saying which */
void check_machine_at(const char *file, int line);
extern const char *check_context;	/* said with a failure, e.g. a seed */
#define CHECK()		check_machine_at(__FILE__, __LINE__)
#define STEP(x)		do { x; CHECK(); } while (0)

struct zone *zone_of(unsigned long pfn);
struct page *take(unsigned long pfn, unsigned int order);	/* as allocated */

/* the free block with its first page at pfn and this order */
bool is_free_block(unsigned long pfn, unsigned int order);
int free_block_type(unsigned long pfn, unsigned int order);	/* list, or -1 */
int free_block_index(unsigned long pfn, unsigned int order);	/* 0: head */
unsigned long free_pages_of(struct zone *zone);		/* NR_FREE_PAGES */
int nr_free_of(struct zone *zone, unsigned int order);

/* a per-CPU list, head to tail */
int pcp_pfns(int cpu, struct zone *zone, int mt, unsigned long *out, int max);
int pcp_count(int cpu, struct zone *zone);

/* the whole of show freelist, to compare two states */
char *shown(void (*show)(FILE *out));	/* what show() prints; free() it */
char *freelist_text(void);

#endif /* TESTS_HELPERS_H */
