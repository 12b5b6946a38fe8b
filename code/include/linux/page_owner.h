/* SPDX-License-Identifier: GPL-2.0 */
/* stand-in for page_owner: whether each page is allocated, no stack traces */
#ifndef __LINUX_PAGE_OWNER_H
#define __LINUX_PAGE_OWNER_H

#include <linux/gfp.h>
#include <linux/page_ext.h>

/* 5.10's static key, on when booted with page_owner=on: the model keeps the record always */
#define page_owner_inited	true

void set_page_owner(struct page *page, unsigned int order, gfp_t gfp_mask);
void dump_page_owner(struct page *page);

/* 5.10's is out of line; the model's is inline, as it runs on every free */
static inline void __reset_page_owner(struct page *page, unsigned int order)
{
	struct page_ext *ext = lookup_page_ext(page);

	for (unsigned long i = 0; i < (1UL << order); i++)
		ext[i].flags &= ~(1UL << PAGE_EXT_OWNER_ALLOCATED);
}

/* as in 5.10, an inline test of the key before the call */
static inline void reset_page_owner(struct page *page, unsigned int order)
{
	if (page_owner_inited)
		__reset_page_owner(page, order);
}

#endif /* __LINUX_PAGE_OWNER_H */
