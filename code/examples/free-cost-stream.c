// SPDX-License-Identifier: GPL-2.0
/* example: built and run by the book */
#include <stdio.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/page-isolation.h>
#include "sim/machine.h"
#include "sim/show.h"

#define STREAM	(63 * 100)
#define NR	(378 + STREAM)

static struct page *pages[NR];

/* the counters over these frees, in all and per free, then zero again */
static void report(const char *what, long frees)
{
	printf("%-22s %4ld frees: locks=%lu irqs=%lu list_ops=%lu lines=%lu; per free: "
	       "locks=%.4f irqs=%.2f list_ops=%.2f lines=%.2f\n", what, frees,
	       model_cost.locks, model_cost.irqs, model_cost.list_ops, model_cost.lines,
	       (double)model_cost.locks / frees, (double)model_cost.irqs / frees,
	       (double)model_cost.list_ops / frees, (double)model_cost.lines / frees);
	model_cost_reset();
}

static void free_range(int from, int to)
{
	for (int i = from; i < to; i++)
		__free_pages(pages[i], 0);
}

int main(void)
{
	struct sim_config cfg = { .ram = 1UL << 30, .nr_cpus = 1 };
	struct per_cpu_pages *pcp;

	if (sim_boot(&cfg) != 0)
		return 1;
	for (int i = 0; i < NR; i++)
		pages[i] = alloc_pages(GFP_HIGHUSER_MOVABLE, 0);
	pcp = &this_cpu_ptr(page_zone(pages[0])->pageset)->pcp;
	printf("batch %d, high %d\n", pcp->batch, pcp->high);
	drain_local_pages(NULL);		/* the list starts empty */
	if (!sim_cost_on())
		return 1;
	free_range(0, 377);
	report("fill the list", 377);
	free_range(377, 378);
	report("the free that drains", 1);
	free_range(378, NR);
	report("a steady stream", STREAM);

	for (int i = 0; i < STREAM; i++)
		pages[i] = alloc_pages(GFP_HIGHUSER_MOVABLE, 0);
	for (int i = 0; i < STREAM; i++)
		if (!is_migrate_isolate_page(pages[i]))
			set_migratetype_isolate(pages[i]);
	model_cost_reset();
	free_range(0, STREAM);
	report("past the lists", STREAM);
	sim_shutdown();
	return 0;
}
