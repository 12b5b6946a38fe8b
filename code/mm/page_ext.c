// SPDX-License-Identifier: GPL-2.0
/* stand-in for page_ext: a flat array beside the memmap */
/* The table beside the memmap, one record per page; model: a flat array. */
#include <stdlib.h>
#include <linux/mm.h>
#include <linux/page_ext.h>

struct page_ext *page_ext_table;
struct model_hooks model_hooks;		/* model: set by a harness (sim/ledger.c) */

bool page_ext_init(unsigned long nr_pages)
{
	page_ext_table = calloc(nr_pages, sizeof(*page_ext_table));
	return page_ext_table != NULL;
}

void page_ext_free(void)
{
	free(page_ext_table);
	page_ext_table = NULL;
}
