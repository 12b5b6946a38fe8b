/* SPDX-License-Identifier: GPL-2.0 */
/* 5.10 logic */
#ifndef __MM_INTERNAL_H
#define __MM_INTERNAL_H

#include <linux/mm.h>

static inline unsigned long
__find_buddy_pfn(unsigned long page_pfn, unsigned int order)
{
	return page_pfn ^ (1 << order);
}

/* the order of a free block; the caller has checked PageBuddy */
static inline unsigned int buddy_order(struct page *page)
{
	return page_private(page);
}

void init_per_zone_wmark_min(void);
void __free_pages_core(struct page *page, unsigned int order);
void memblock_free_pages(struct page *page, unsigned long pfn,
			 unsigned int order);
void setup_per_cpu_pageset(void);
void set_pageblock_migratetype(struct page *page, int migratetype);
int __isolate_free_page(struct page *page, unsigned int order);
void __putback_isolated_page(struct page *page, unsigned int order, int mt);

static inline bool is_migrate_highatomic(enum migratetype migratetype)
{
	return migratetype == MIGRATE_HIGHATOMIC;
}

#endif /* __MM_INTERNAL_H */
