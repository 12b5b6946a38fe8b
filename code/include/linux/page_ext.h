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
	PAGE_EXT_ISOLATE_LIST,		/* model: free, on an isolate list */
};

/* the record of each page of a block the allocator handed out */
#define PAGE_EXT_ALLOCATED	(1UL << PAGE_EXT_OWNER | 1UL << PAGE_EXT_OWNER_ALLOCATED)

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
/* a block goes on the free list of this migratetype */
static inline void page_ext_note_list(struct page *page, int migratetype)
{
	struct page_ext *ext = lookup_page_ext(page);

	ext->flags = (ext->flags & ~(1UL << PAGE_EXT_ISOLATE_LIST)) |
		     (unsigned long)(migratetype == MIGRATE_ISOLATE) << PAGE_EXT_ISOLATE_LIST;
}

/*
 * 5.10 is about to unlink or move this free block, and counts it in
 * NR_FREE_PAGES as if it lay on the isolated side of the line or not.
 * Record the difference when it lies on the other side.
 */
static inline void model_note_list_side(struct zone *zone, unsigned long pfn,
					unsigned int order, bool counted_isolated)
{
	bool isolate_list = page_ext_table[pfn].flags >> PAGE_EXT_ISOLATE_LIST & 1;

	if (unlikely(isolate_list != counted_isolated))
		model_free_pages_drift(zone, counted_isolated ? 1L << order : -(1L << order));
}
/* model: a free 5.10 would trust, and that would corrupt the free lists */
static inline bool model_free_would_corrupt(struct page *page, unsigned int order)
{
	if (likely(order == 0) && likely(lookup_page_ext(page)->flags == PAGE_EXT_ALLOCATED))
		return false;		/* the usual order-0 free */
	return model_hooks.free_would_corrupt && model_hooks.free_would_corrupt(page, order);
}

#endif /* __LINUX_PAGE_EXT_H */
