/* SPDX-License-Identifier: GPL-2.0 */
/* stand-in for page_ext: a flat array beside the memmap */
#ifndef __LINUX_PAGE_EXT_H
#define __LINUX_PAGE_EXT_H

#include <linux/mmzone.h>
#include <asm/page.h>

enum page_ext_flags {
	PAGE_EXT_OWNER,
	PAGE_EXT_OWNER_ALLOCATED,
	PAGE_EXT_LEAKED,		/* model: kept out of the free lists */
	PAGE_EXT_BAD_WHILE_FREE,	/* model: PageBuddy reset by bad_page */
};

struct page_ext {
	unsigned long flags;
};

extern struct page_ext *page_ext_table;

static inline struct page_ext *lookup_page_ext(const struct page *page)
{
	return &page_ext_table[page_to_pfn(page)];
}

static inline bool page_ext_test(const struct page *page, enum page_ext_flags f)
{
	return lookup_page_ext(page)->flags & (1UL << f);
}

/* may this page be freed: allocated, or leaked and freed again */
static inline bool page_ext_owned(const struct page *page)
{
	return lookup_page_ext(page)->flags &
	       (1UL << PAGE_EXT_OWNER_ALLOCATED | 1UL << PAGE_EXT_LEAKED);
}

bool page_ext_init(unsigned long nr_pages);
void page_ext_free(void);

#endif /* __LINUX_PAGE_EXT_H */
