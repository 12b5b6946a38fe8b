// SPDX-License-Identifier: GPL-2.0
/* example: built and run by the book */
/* page_type, page_mapcount and PageBuddy of two pages, state by state. */
#include <stdio.h>
#include <linux/mm.h>
#include "sim/machine.h"

static void print_state(const char *state, struct page *page)
{
	printf("%-36s page_type 0x%08x  page_mapcount %4d  PageBuddy %d\n",
	       state, page->page_type, page_mapcount(page), PageBuddy(page) ? 1 : 0);
}

int main(void)
{
	struct sim_config cfg = { .ram = 128UL << 20, .nr_cpus = 1 };
	struct page *page;

	if (sim_boot(&cfg) != 0)
		return 1;
	page = pfn_to_page(0x3000);	/* heads a free order-10 block */
	print_state("1. 0x3000, heads a free block", page);
	print_state("2. 0x3001, inside that block", page + 1);
	model_take_block(0x3000, 0, 0);	/* allocate pfn 0x3000 alone */
	print_state("3. 0x3000, allocated", page);
	print_state("4. 0x3001, after 0x3000 is taken", page + 1);
	atomic_set(&page->_mapcount, 0);	/* one process maps it */
	print_state("5. 0x3000, mapped once", page);
	page_mapcount_reset(page);
	__SetPageKmemcg(page);			/* charged kernel memory instead */
	print_state("6. 0x3000, PageKmemcg", page);
	sim_shutdown();
	return 0;
}
