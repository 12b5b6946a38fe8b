// SPDX-License-Identifier: GPL-2.0
/* example: built and run by the book */
#include <stdio.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/spinlock.h>
#include "sim/machine.h"

#define NR_PAGES 1000

static struct page *pages[NR_PAGES];
static struct zone *zone;
static int taken;

static void count(spinlock_t *lock)
{
	if (lock == &zone->lock)
		taken++;
}

static void run(const char *title, int high, int batch)
{
	struct per_cpu_pages *pcp;
	int allocating;

	pcp = &this_cpu_ptr(zone->pageset)->pcp;
	drain_local_pages(NULL);		/* the lists start empty */
	pcp->high = high;
	pcp->batch = batch;
	taken = 0;
	model_before_lock = count;
	for (int i = 0; i < NR_PAGES; i++)
		pages[i] = alloc_pages(GFP_HIGHUSER_MOVABLE, 0);
	allocating = taken;
	for (int i = 0; i < NR_PAGES; i++)
		__free_pages(pages[i], 0);
	model_before_lock = NULL;
	printf("%s: zone->lock taken %d times to allocate, %d times to free\n",
	       title, allocating, taken - allocating);
}

int main(void)
{
	struct sim_config cfg = { .ram = 1UL << 30, .nr_cpus = 1 };
	int high, batch;

	if (sim_boot(&cfg) != 0)
		return 1;
	pages[0] = alloc_pages(GFP_HIGHUSER_MOVABLE, 0);
	zone = page_zone(pages[0]);
	__free_pages(pages[0], 0);
	high = this_cpu_ptr(zone->pageset)->pcp.high;
	batch = this_cpu_ptr(zone->pageset)->pcp.batch;
	run("high 378, batch 63", high, batch);
	run("high 0, batch 1", 0, 1);
	sim_shutdown();
	return 0;
}
