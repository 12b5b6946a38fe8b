/* SPDX-License-Identifier: GPL-2.0 */
/* model only: every name the model adds to the kernel's */
#ifndef _LINUX_MODEL_H
#define _LINUX_MODEL_H

#include <stdbool.h>
#include <stddef.h>

struct page;
struct zone;

/* the stubs of the student edition's exercises call this */
void model_exercise_stub(const char *exercise, const char *function);
#define EXERCISE_STUB(exercise)	model_exercise_stub(exercise, __func__)

/* a new machine: no bad-page reports yet, no taint */
void model_bad_page_reset(void);
void model_taint_reset(void);

/* where the kernel's objects are, as printed, and what exists of them */
void model_kaddr_add(const void *host, size_t size, unsigned long kaddr);
unsigned long model_kaddr(const void *p);
void model_kernel_memory_add(const void *start, size_t size, const char *symbol);
void model_kernel_memory_reset(void);
const char *model_kernel_symbol(const void *addr);

/* for the tests: what 5.10 keeps static, and allocation at a given pfn */
bool model_page_is_buddy(struct page *page, struct page *buddy, unsigned int order);
void model_set_pageblock_type(struct page *page, int migratetype);
struct page *model_take_block(unsigned long pfn, unsigned int order, unsigned int gfp);

/* what the free path costs, counted (chapter 12) */
#ifndef CONFIG_MODEL_COST
#define CONFIG_MODEL_COST 1
#endif

struct model_cost {
	unsigned long locks;		/* spin_lock calls: zone->lock */
	unsigned long irqs;		/* local_irq_save calls, each undone by a restore */
	unsigned long list_ops;		/* entries put on a list or taken off one */
	unsigned long lines;		/* memmap cache lines touched, each counted once */
};
extern struct model_cost model_cost;
extern unsigned char *model_cost_seen;	/* a bit per memmap line; NULL: not counting */

bool model_cost_start(const void *memmap, size_t bytes);
void model_cost_stop(void);
void model_cost_reset(void);
void model_cost_touch_line(const void *p);
void model_cost_count_list(const void *entry, const void *prev, const void *next);

#define model_cost_counting()						\
	(CONFIG_MODEL_COST && __builtin_expect(model_cost_seen != NULL, 0))
#define model_cost_touch(p)						\
	(model_cost_counting() ? model_cost_touch_line(p) : (void)0)

static inline void model_cost_lock(void)
{
	if (model_cost_counting())
		model_cost.locks++;
}

static inline void model_cost_irq(void)
{
	if (model_cost_counting())
		model_cost.irqs++;
}

/* a list entry goes on or comes off, between prev and next */
static inline void model_cost_list(const void *entry, const void *prev, const void *next)
{
	if (model_cost_counting())
		model_cost_count_list(entry, prev, next);
}

/* what the model tells a harness; a hook left NULL does nothing */
struct model_hooks {
	bool (*free_would_corrupt)(struct page *page, unsigned int order);
	void (*page_leaked)(struct page *page, unsigned int order);
	void (*free_page_leaked)(struct page *page, unsigned int order);
	void (*page_bad_while_free)(struct page *page);
	void (*free_pages_drift)(struct zone *zone, long nr_pages);
	void (*pageblock_sides)(struct zone *zone, struct page *page, bool counted_isolated);
};
extern struct model_hooks model_hooks;

#define model_hook(name, ...) \
	do { if (model_hooks.name) model_hooks.name(__VA_ARGS__); } while (0)

#define model_page_leaked(page, order)	model_hook(page_leaked, page, order)
#define model_free_page_leaked(page, order) model_hook(free_page_leaked, page, order)
#define model_page_bad_while_free(page)	model_hook(page_bad_while_free, page)
#define model_free_pages_drift(zone, n)	model_hook(free_pages_drift, zone, n)
#define model_note_pageblock_sides(zone, page, counted_isolated) \
	model_hook(pageblock_sides, zone, page, counted_isolated)

#endif /* _LINUX_MODEL_H */
