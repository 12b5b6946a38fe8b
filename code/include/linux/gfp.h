/* SPDX-License-Identifier: GPL-2.0 */
/* 5.10 logic */
#ifndef __LINUX_GFP_H
#define __LINUX_GFP_H

#include <linux/mmzone.h>

typedef unsigned int gfp_t;

#define __GFP_DMA		0x01u
#define __GFP_HIGHMEM		0x02u
#define __GFP_DMA32		0x04u
#define __GFP_MOVABLE		0x08u
#define __GFP_RECLAIMABLE	0x10u
#define __GFP_IO		0x40u
#define __GFP_FS		0x80u
#define __GFP_DIRECT_RECLAIM	0x400u
#define __GFP_KSWAPD_RECLAIM	0x800u
#define __GFP_COMP		0x40000u
#define __GFP_ACCOUNT		0x400000u

#define __GFP_RECLAIM	(__GFP_DIRECT_RECLAIM | __GFP_KSWAPD_RECLAIM)
#define GFP_KERNEL	(__GFP_RECLAIM | __GFP_IO | __GFP_FS)
#define GFP_HIGHUSER_MOVABLE	(GFP_KERNEL | __GFP_HIGHMEM | __GFP_MOVABLE)
#define GFP_MOVABLE_MASK	(__GFP_RECLAIMABLE | __GFP_MOVABLE)
#define GFP_MOVABLE_SHIFT	3

static inline int gfp_migratetype(const gfp_t gfp_flags)
{
	if (unlikely(page_group_by_mobility_disabled))
		return MIGRATE_UNMOVABLE;
	return (gfp_flags & GFP_MOVABLE_MASK) >> GFP_MOVABLE_SHIFT;
}

/* alloc_flags of the allocator's internals */
#define ALLOC_NO_WATERMARKS	0x04
#define ALLOC_NOFRAGMENT	0x100
#define ALLOC_CMA		0x80

#define COMPOUND_PAGE_DTOR	1

struct page *alloc_pages(gfp_t gfp_mask, unsigned int order);

void __free_pages(struct page *page, unsigned int order);
void free_pages(unsigned long addr, unsigned int order);
void free_unref_page(struct page *page);
void free_compound_page(struct page *page);
void drain_zone_pages(struct zone *zone, struct per_cpu_pages *pcp);
void drain_local_pages(struct zone *zone);
void drain_all_pages(struct zone *zone);

#define __free_page(page)	__free_pages((page), 0)
#define free_page(addr)		free_pages((addr), 0)

#endif /* __LINUX_GFP_H */
