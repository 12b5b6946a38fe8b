// SPDX-License-Identifier: GPL-2.0
/* example: built and run by the book */
#include <stdio.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/page-isolation.h>
#include <linux/percpu.h>
#include <linux/spinlock.h>
#include <linux/vmstat.h>
#include "sim/machine.h"
#include "sim/show.h"

#define P	0x10000UL	/* the first pfn of a pageblock */

static struct zone *zone;
static int isolate;		/* what CPU 1 does: isolate, or undo it */

/* CPU 1 runs this just before CPU 0 takes a spinlock */
static void cpu1(spinlock_t *lock)
{
	if (lock != &zone->lock)
		return;
	model_before_lock = NULL;
	model_cpu = 1;
	if (isolate)
		set_migratetype_isolate(pfn_to_page(P));
	else
		unset_migratetype_isolate(pfn_to_page(P), MIGRATE_MOVABLE);
	model_cpu = 0;
}

static void run(const char *title, int isolated_at_start, int cpu1_isolates)
{
	struct sim_config cfg = { .ram = 1UL << 30, .nr_cpus = 2 };
	struct page *page;
	unsigned long before;

	if (sim_boot(&cfg) != 0)
		return;
	zone = page_zone(pfn_to_page(P));
	if (isolated_at_start)
		set_migratetype_isolate(pfn_to_page(P));
	page = model_take_block(P, 3, 0);
	before = zone_page_state(zone, NR_FREE_PAGES);
	isolate = cpu1_isolates;
	model_before_lock = cpu1;
	__free_pages(page, 3);			/* on CPU 0 */
	printf("%s: NR_FREE_PAGES %+ld\n", title,
	       (long)(zone_page_state(zone, NR_FREE_PAGES) - before));
	show_free_blocks(stdout, P, P + 1024);
	sim_shutdown();
}

int main(void)
{
	run("CPU 1 isolates", 0, 1);
	run("CPU 1 un-isolates", 1, 0);
	return 0;
}
