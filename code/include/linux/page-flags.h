/* SPDX-License-Identifier: GPL-2.0 */
/* 5.10 logic */
#ifndef PAGE_FLAGS_H
#define PAGE_FLAGS_H

#include <linux/bitops.h>
#include <linux/compiler.h>
#include <linux/mm_types.h>

enum pageflags {
	PG_locked,		/* 0: page is locked, e.g. for I/O */
	PG_referenced,
	PG_uptodate,
	PG_dirty,
	PG_lru,			/* 4: on an LRU list */
	PG_active,
	PG_workingset,
	PG_waiters,
	PG_error,
	PG_slab,		/* 9: owned by the slab allocator */
	PG_owner_priv_1,
	PG_arch_1,
	PG_reserved,		/* 12: never to be freed */
	PG_private,
	PG_private_2,
	PG_writeback,
	PG_head,		/* 16: first page of a compound page */
	PG_mappedtodisk,
	PG_reclaim,
	PG_swapbacked,
	PG_unevictable,
	PG_mlocked,		/* 21 */
	PG_uncached,		/* CONFIG_X86_PAT */
	PG_hwpoison,		/* 23: CONFIG_MEMORY_FAILURE */
	PG_young,		/* CONFIG_IDLE_PAGE_TRACKING */
	PG_idle,
	PG_arch_2,
	__NR_PAGEFLAGS,		/* 27 */

	PG_reported = PG_uptodate,	/* free page reporting, on free pages */
	PG_double_map = PG_workingset,	/* in the first tail page */
	PG_isolated = PG_reclaim,
};
#define NR_PAGEFLAGS	__NR_PAGEFLAGS

#define PAGEFLAG(uname, lname)						\
static inline int Page##uname(const struct page *page)			\
{ return test_bit(PG_##lname, &page->flags); }				\
static inline void SetPage##uname(struct page *page)			\
{ page->flags |= 1UL << PG_##lname; }					\
static inline void ClearPage##uname(struct page *page)			\
{ page->flags &= ~(1UL << PG_##lname); }				\
static inline void __SetPage##uname(struct page *page)			\
{ page->flags |= 1UL << PG_##lname; }					\
static inline void __ClearPage##uname(struct page *page)		\
{ page->flags &= ~(1UL << PG_##lname); }

PAGEFLAG(Locked, locked)
PAGEFLAG(Referenced, referenced)
PAGEFLAG(Uptodate, uptodate)
PAGEFLAG(Dirty, dirty)
PAGEFLAG(LRU, lru)
PAGEFLAG(Active, active)
PAGEFLAG(Slab, slab)
PAGEFLAG(Reserved, reserved)
PAGEFLAG(Private, private)
PAGEFLAG(Writeback, writeback)
PAGEFLAG(Head, head)
PAGEFLAG(Unevictable, unevictable)
PAGEFLAG(Mlocked, mlocked)
PAGEFLAG(HWPoison, hwpoison)
PAGEFLAG(Reported, reported)

/* PG_double_map has the PF_SECOND policy: it lives in the first tail page */
static inline int PageDoubleMap(const struct page *head)
{ return test_bit(PG_double_map, &head[1].flags); }
static inline void ClearPageDoubleMap(struct page *head)
{ head[1].flags &= ~(1UL << PG_double_map); }

static inline int PageHighMem(const struct page *page)
{
	return 0;		/* x86_64 has no high memory */
}

static inline struct page *compound_head(struct page *page)
{
	unsigned long head = READ_ONCE(page->compound_head);

	if (unlikely(head & 1))
		return (struct page *)(head - 1);
	return page;
}

static inline int PageTail(const struct page *page)
{
	return READ_ONCE(page->compound_head) & 1;
}

static inline int PageCompound(const struct page *page)
{
	return PageHead(page) || PageTail(page);
}

static inline void set_compound_head(struct page *page, struct page *head)
{
	WRITE_ONCE(page->compound_head, (unsigned long)head + 1);
}

static inline void clear_compound_head(struct page *page)
{
	WRITE_ONCE(page->compound_head, 0);
}

static inline unsigned int compound_order(struct page *page)
{
	if (!PageHead(page))
		return 0;
	return page[1].compound_order;
}

#define PAGE_TYPE_BASE		0xf0000000
#define PAGE_MAPCOUNT_RESERVE	-128
#define PG_buddy		0x00000080
#define PG_offline		0x00000100
#define PG_kmemcg		0x00000200
#define PG_table		0x00000400
#define PG_guard		0x00000800

#define PageType(page, flag)						\
	(model_cost_touch(page),	/* model: counted (chapter 12) */	\
	 ((page)->page_type & (PAGE_TYPE_BASE | (flag))) == PAGE_TYPE_BASE)

static inline int page_has_type(const struct page *page)
{
	return (int)page->page_type < PAGE_MAPCOUNT_RESERVE;
}

#define PAGE_TYPE_OPS(uname, lname)					\
static inline int Page##uname(const struct page *page)			\
{ return PageType(page, PG_##lname); }					\
static inline void __SetPage##uname(struct page *page)			\
{ model_cost_touch(page); page->page_type &= ~PG_##lname; }		\
static inline void __ClearPage##uname(struct page *page)		\
{ model_cost_touch(page); page->page_type |= PG_##lname; }

PAGE_TYPE_OPS(Buddy, buddy)
PAGE_TYPE_OPS(Offline, offline)
PAGE_TYPE_OPS(Kmemcg, kmemcg)
PAGE_TYPE_OPS(Table, table)
PAGE_TYPE_OPS(Guard, guard)

#define PAGE_FLAGS_CHECK_AT_FREE					\
	(1UL << PG_lru | 1UL << PG_locked | 1UL << PG_private |		\
	 1UL << PG_private_2 | 1UL << PG_writeback | 1UL << PG_reserved | \
	 1UL << PG_slab | 1UL << PG_active | 1UL << PG_unevictable |	\
	 1UL << PG_mlocked)

#define __PG_HWPOISON		(1UL << PG_hwpoison)	/* CONFIG_MEMORY_FAILURE */
bool take_page_off_buddy(struct page *page);		/* appendix A */

#define PAGE_FLAGS_CHECK_AT_PREP					\
	(((1UL << NR_PAGEFLAGS) - 1) & ~__PG_HWPOISON)

/* anon, movable and KSM pages tag the low bits of mapping */
#define PAGE_MAPPING_ANON	0x1
#define PAGE_MAPPING_MOVABLE	0x2
#define PAGE_MAPPING_KSM	(PAGE_MAPPING_ANON | PAGE_MAPPING_MOVABLE)
#define PAGE_MAPPING_FLAGS	(PAGE_MAPPING_ANON | PAGE_MAPPING_MOVABLE)

static inline int PageMappingFlags(const struct page *page)
{
	return ((unsigned long)page->mapping & PAGE_MAPPING_FLAGS) != 0;
}

/* a page a driver can migrate without the LRU (zsmalloc, balloon) */
static inline int __PageMovable(const struct page *page)
{
	return ((unsigned long)page->mapping & PAGE_MAPPING_FLAGS) ==
	       PAGE_MAPPING_MOVABLE;
}

#define PAGE_POISON_PATTERN	-1l

static inline int PagePoisoned(const struct page *page)
{
	return page->flags == (unsigned long)PAGE_POISON_PATTERN;
}

#endif /* PAGE_FLAGS_H */
