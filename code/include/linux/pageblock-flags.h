/* SPDX-License-Identifier: GPL-2.0 */
/* 5.10 logic */
#ifndef PAGEBLOCK_FLAGS_H
#define PAGEBLOCK_FLAGS_H

#include <asm/page_types.h>

enum pageblock_bits {
	PB_migrate,
	PB_migrate_end = PB_migrate + 3 - 1,	/* 3 bits of migratetype */
	PB_migrate_skip,			/* for compaction */
	NR_PAGEBLOCK_BITS
};
#define PB_migratetype_bits	3

#define HPAGE_SHIFT		21			/* PMD_SHIFT: 2 MiB */
#define HUGETLB_PAGE_ORDER	(HPAGE_SHIFT - PAGE_SHIFT)
#define pageblock_order		HUGETLB_PAGE_ORDER	/* 9 */
#define pageblock_nr_pages	(1UL << pageblock_order)

struct page;
unsigned long get_pfnblock_flags_mask(struct page *page, unsigned long pfn,
				      unsigned long mask);
void set_pfnblock_flags_mask(struct page *page, unsigned long flags,
			     unsigned long pfn, unsigned long mask);

#endif /* PAGEBLOCK_FLAGS_H */
