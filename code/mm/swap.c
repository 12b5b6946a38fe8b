// SPDX-License-Identifier: GPL-2.0
/* 5.10 logic */
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/memcontrol.h>

static void __put_single_page(struct page *page)
{
	mem_cgroup_uncharge(page);	/* and, in the kernel, off the LRU */
	free_unref_page(page);
}

static void __put_compound_page(struct page *page)
{
	/* compound_page_dtors[page[1].compound_dtor]: free_compound_page */
	free_compound_page(page);
}

void __put_page(struct page *page)
{
	if (unlikely(PageCompound(page)))
		__put_compound_page(page);
	else
		__put_single_page(page);
}
