// SPDX-License-Identifier: GPL-2.0
/* example: built and run by the book */
#include <stdio.h>
#include <string.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <trace/events/kmem.h>
#include "mm/internal.h"
#include "sim/fill.h"
#include "sim/machine.h"

static void record(struct page *page, unsigned int order, int migratetype)
{
	printf(" %s", sim_fill_name(page));
}

static void run(const char *title, int u, int m, int r, int count)
{
	struct sim_config cfg = { .ram = 1UL << 30, .nr_cpus = 1 };
	struct zone *zone;
	struct per_cpu_pages *pcp;
	unsigned long flags;

	sim_boot(&cfg);
	sim_fill_pcp("u", u, MIGRATE_UNMOVABLE, 0x20000, 1);
	sim_fill_pcp("m", m, MIGRATE_MOVABLE, 0x20200, 1);
	sim_fill_pcp("r", r, MIGRATE_RECLAIMABLE, 0x20400, 1);
	zone = page_zone(pfn_to_page(0x20000));
	pcp = &this_cpu_ptr(zone->pageset)->pcp;

	printf("%s, count=%d:", title, count);
	register_trace_mm_page_pcpu_drain(record);
	pcp->batch = count;		/* drain_zone_pages drains one batch */
	local_irq_save(flags);
	drain_zone_pages(zone, pcp);
	local_irq_restore(flags);
	unregister_trace_mm_page_pcpu_drain(record);
	printf("\n");
	sim_shutdown();
}

int main(void)
{
	run("U=[u1 u2 u3] M=[m1 .. m5] R=[]", 3, 5, 0, 4);
	run("M=[m1 .. m10] only", 0, 10, 0, 6);
	run("U=[u1] M=[m1 .. m6] R=[]", 1, 6, 0, 7);
	run("U, M, R with 4 pages each", 4, 4, 4, 12);
	return 0;
}
