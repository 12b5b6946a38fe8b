// SPDX-License-Identifier: GPL-2.0
/* example: built and run by the book */
#include <stdio.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/vmstat.h>
#include "sim/machine.h"
#include "sim/show.h"

#define BASE	0x10000UL

static void step(const char *what)
{
	struct zone *zone = page_zone(pfn_to_page(BASE));

	printf("%s: NR_FREE_PAGES %lu\n", what, zone_page_state(zone, NR_FREE_PAGES));
	show_free_blocks(stdout, BASE, BASE + 8);
}

int main(void)
{
	struct sim_config cfg = { .ram = 1UL << 30, .nr_cpus = 1 };

	if (sim_boot(&cfg) != 0)
		return 1;
	/* four blocks, as if allocated: taken off the free lists */
	model_take_block(BASE, 0, 0);
	model_take_block(BASE + 1, 0, 0);
	model_take_block(BASE + 2, 1, 0);
	model_take_block(BASE + 4, 2, 0);
	step("all eight pages allocated");

	__free_pages(pfn_to_page(BASE), 0);
	drain_local_pages(NULL);
	step("freed 0x10000");

	__free_pages(pfn_to_page(BASE + 2), 1);
	step("freed 0x10002 at order 1");

	__free_pages(pfn_to_page(BASE + 1), 0);
	drain_local_pages(NULL);
	step("freed 0x10001");
	sim_shutdown();
	return 0;
}
