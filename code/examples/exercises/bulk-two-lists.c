// SPDX-License-Identifier: GPL-2.0
/* example: built and run by the book */
#include <stdio.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <trace/events/kmem.h>
#include "mm/internal.h"
#include "sim/fill.h"
#include "sim/machine.h"

static void print_drained(struct page *page, unsigned int order, int migratetype)
{
	printf(" %s", sim_fill_name(page));
}

int main(void)
{
	struct sim_config cfg = { .ram = 1UL << 30, .nr_cpus = 1 };
	struct per_cpu_pages *pcp;
	struct zone *zone;
	struct page *page;

	if (sim_boot(&cfg) != 0)
		return 1;
	sim_fill_pcp("u", 2, MIGRATE_UNMOVABLE, 0x20000, 1);
	sim_fill_pcp("r", 4, MIGRATE_RECLAIMABLE, 0x20400, 1);
	zone = page_zone(pfn_to_page(0x20000));
	pcp = &this_cpu_ptr(zone->pageset)->pcp;

	printf("freed:");
	register_trace_mm_page_pcpu_drain(print_drained);
	pcp->batch = 5;			/* drain_zone_pages drains one batch: count 5 */
	drain_zone_pages(zone, pcp);
	unregister_trace_mm_page_pcpu_drain(print_drained);
	printf("\nleft:");
	for (int mt = 0; mt < MIGRATE_PCPTYPES; mt++)
		list_for_each_entry(page, &pcp->lists[mt], lru)
			printf(" %s", sim_fill_name(page));
	printf("\n");
	sim_shutdown();
	return 0;
}
