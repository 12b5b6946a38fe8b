// SPDX-License-Identifier: GPL-2.0
/* example: built and run by the book */
#include <stdio.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include "sim/machine.h"

#define P	0x10000UL

int main(void)
{
	struct sim_config cfg = { .ram = 1UL << 30, .nr_cpus = 1 };
	struct page *block, *single;

	if (sim_boot(&cfg) != 0)
		return 1;
	model_console = stdout;		/* the reports, in order with our lines */

	/* an order-1 block: its second page mapped, referenced and locked */
	block = model_take_block(P, 1, 0);
	model_take_block(P + 2, 1, 0);
	atomic_set(&block[1]._mapcount, 0);
	atomic_set(&block[1]._refcount, 1);
	SetPageLocked(block + 1);
	printf("== free the order-1 block at 0x%lx\n", P);
	__free_pages(block, 1);

	/* a single page, mapped and locked */
	single = model_take_block(P + 8, 0, 0);
	atomic_set(&single->_mapcount, 0);
	SetPageLocked(single);
	printf("== free the page at 0x%lx\n", P + 8);
	__free_pages(single, 0);
	printf("== drain\n");
	drain_local_pages(NULL);
	sim_shutdown();
	return 0;
}
