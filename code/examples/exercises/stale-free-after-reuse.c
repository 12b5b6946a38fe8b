// SPDX-License-Identifier: GPL-2.0
/* example: built and run by the book */
#include <stdio.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include "sim/machine.h"
#include "sim/show.h"

#define P	0x10000UL

static void step(const char *what)
{
	printf("== %s\n", what);
	show_free_blocks(stdout, P, P + 8);
}

int main(void)
{
	struct sim_config cfg = { .ram = 1UL << 30, .nr_cpus = 1 };
	struct page *page;

	if (sim_boot(&cfg) != 0)
		return 1;
	model_console = stdout;
	page = model_take_block(P, 2, 0);		/* A's block: P to P+3 */
	model_take_block(P + 4, 2, 0);		/* so that it merges no further */
	__free_pages(page, 2);
	step("A freed its order-2 block");
	model_take_block(P, 1, 0);		/* B is given P and P+1 */
	step("B was given P at order 1");
	__free_pages(page, 2);			/* A's stale free */
	step("A freed its block again");
	__free_pages(page, 1);			/* B frees its block */
	step("B freed its block");
	drain_local_pages(NULL);
	step("drained");
	printf("P: refcount=%d; P+2: PageBuddy=%d\n",
	       page_ref_count(page), PageBuddy(page + 2));
	sim_shutdown();
	return 0;
}
