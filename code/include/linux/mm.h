/* SPDX-License-Identifier: GPL-2.0 */
/* 5.10 logic */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H

#include <linux/types.h>
#include <linux/mmzone.h>
#include <linux/mm_types.h>
#include <linux/page-flags.h>
#include <linux/page_ref.h>
#include <linux/pfn.h>
#include <linux/mmdebug.h>
#include <asm/page.h>

static inline enum zone_type page_zonenum(const struct page *page)
{
	return (page->flags >> ZONES_PGSHIFT) & ZONES_MASK;
}

static inline int page_to_nid(const struct page *page)
{
	return (page->flags >> NODES_PGSHIFT) & NODES_MASK;
}

static inline struct zone *page_zone(const struct page *page)
{
	return &NODE_DATA(page_to_nid(page))->node_zones[page_zonenum(page)];
}

static inline int page_zone_id(struct page *page)
{
	return (page->flags >> ZONEID_PGSHIFT) & ZONEID_MASK;
}

static inline void set_page_links(struct page *page, enum zone_type zone,
				  unsigned long node, unsigned long pfn)
{
	page->flags &= ~(ZONES_MASK << ZONES_PGSHIFT | NODES_MASK << NODES_PGSHIFT);
	page->flags |= (unsigned long)zone << ZONES_PGSHIFT;
	page->flags |= node << NODES_PGSHIFT;
}

static inline void page_cpupid_reset_last(struct page *page)
{
	page->flags |= LAST_CPUPID_MASK << LAST_CPUPID_PGSHIFT;
}

#define page_to_virt(x)	__va(PFN_PHYS(page_to_pfn(x)))

static inline void *lowmem_page_address(const struct page *page)
{
	return page_to_virt(page);
}

#define page_address(page)	lowmem_page_address(page)

static inline int put_page_testzero(struct page *page)
{
	VM_BUG_ON_PAGE(page_ref_count(page) == 0, page);
	return page_ref_dec_and_test(page);
}

static inline int page_count(struct page *page)
{
	return atomic_read(&compound_head(page)->_refcount);
}

static inline void get_page(struct page *page)
{
	page = compound_head(page);
	page_ref_inc(page);
}

void __put_page(struct page *page);

static inline void put_page(struct page *page)
{
	page = compound_head(page);
	if (put_page_testzero(page))
		__put_page(page);
}

static inline void page_mapcount_reset(struct page *page)
{
	atomic_set(&page->_mapcount, -1);
}

static inline int compound_mapcount(struct page *page)
{
	page = compound_head(page);
	return atomic_read(&page[1].compound_mapcount) + 1;
}

/* the number of mappings, for a page that is not a compound tail */
static inline int page_mapcount(struct page *page)
{
	return atomic_read(&page->_mapcount) + 1;
}

static inline unsigned long page_private(const struct page *page)
{
	return page->private;
}

static inline void set_page_private(struct page *page, unsigned long private)
{
	page->private = private;
}

/* an allocated page's index is -1 if it came from the reserves, else 0 */
static inline bool page_is_pfmemalloc(struct page *page)
{
	return page->index == -1UL;
}

static inline void set_page_pfmemalloc(struct page *page)
{
	page->index = -1UL;
}

static inline void clear_page_pfmemalloc(struct page *page)
{
	page->index = 0;
}

void free_area_init(void);	/* model: no argument (chapter 3) */

#endif /* _LINUX_MM_H */
