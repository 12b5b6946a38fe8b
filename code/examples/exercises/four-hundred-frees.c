// SPDX-License-Identifier: GPL-2.0
/* example: built and run by the book */
#include <stdio.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <trace/events/kmem.h>
#include "sim/machine.h"

#define NR_FREES 400

static struct page *by_free[NR_FREES];	/* the page of each free */
static int nr_drained, first_drained = NR_FREES, last_drained;

/* a page reached the buddy allocator: note which free it came from */
static void note_drained(struct page *page, unsigned int order, int migratetype)
{
	for (int i = 0; i < NR_FREES; i++)
		if (by_free[i] == page) {
			nr_drained++;
			if (i + 1 < first_drained)
				first_drained = i + 1;
			if (i + 1 > last_drained)
				last_drained = i + 1;
		}
}

int main(void)
{
	struct sim_config cfg = { .ram = 1UL << 30, .nr_cpus = 1 };
	struct per_cpu_pages *pcp;

	if (sim_boot(&cfg) != 0)
		return 1;
	for (int i = 0; i < NR_FREES; i++)
		by_free[i] = alloc_pages(GFP_HIGHUSER_MOVABLE, 0);
	pcp = &this_cpu_ptr(page_zone(by_free[0])->pageset)->pcp;
	printf("batch %d, high %d\n", pcp->batch, pcp->high);
	drain_local_pages(NULL);		/* the list starts empty */
	register_trace_mm_page_pcpu_drain(note_drained);
	for (int k = 1; k <= NR_FREES; k++) {
		__free_pages(by_free[k - 1], 0);
		if (k != 377 && k != 378 && k != 400)
			continue;
		printf("after free %d: count %d, %d back in the buddy allocator",
		       k, pcp->count, nr_drained);
		if (nr_drained)
			printf(": frees %d to %d", first_drained, last_drained);
		printf("\n");
	}
	unregister_trace_mm_page_pcpu_drain(note_drained);
	sim_shutdown();
	return 0;
}
