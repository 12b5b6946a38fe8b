/* SPDX-License-Identifier: GPL-2.0 */
/* 5.10 logic */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H

#include <stddef.h>
#include <linux/types.h>

struct address_space;
struct mem_cgroup;

struct page {
	unsigned long flags;		/* PG_* bits; zone and node on top */
	union {
		struct {	/* free, page-cache and anonymous pages */
			struct list_head lru;
			struct address_space *mapping;
			pgoff_t index;
			unsigned long private;
		};
		struct {	/* the tail pages of a compound page */
			unsigned long compound_head;	/* head + 1 */
			unsigned char compound_dtor;	/* first tail only */
			unsigned char compound_order;	/* first tail only */
			atomic_t compound_mapcount;	/* first tail only */
			unsigned int compound_nr;	/* first tail only */
		};
		struct {	/* the second tail page */
			unsigned long _compound_pad_1;
			atomic_t hpage_pinned_refcount;
			struct list_head deferred_list;
		};
	};
	union {
		atomic_t _mapcount;		/* -1: not mapped */
		unsigned int page_type;		/* PageBuddy and friends */
	};
	atomic_t _refcount;
	struct mem_cgroup *mem_cgroup;
};

_Static_assert(sizeof(struct page) == 64, "struct page is 64 bytes");
_Static_assert(offsetof(struct page, lru) == 8, "lru at 8");
_Static_assert(offsetof(struct page, compound_head) == 8, "compound_head at 8");
_Static_assert(offsetof(struct page, compound_order) == 17, "compound_order at 17");
_Static_assert(offsetof(struct page, compound_mapcount) == 20, "compound_mapcount at 20");
_Static_assert(offsetof(struct page, mapping) == 24, "mapping at 24");
_Static_assert(offsetof(struct page, index) == 32, "index at 32");
_Static_assert(offsetof(struct page, private) == 40, "private at 40");
_Static_assert(offsetof(struct page, _mapcount) == 48, "_mapcount at 48");
_Static_assert(offsetof(struct page, page_type) == 48, "page_type at 48");
_Static_assert(offsetof(struct page, _refcount) == 52, "_refcount at 52");
_Static_assert(offsetof(struct page, mem_cgroup) == 56, "mem_cgroup at 56");

#endif /* _LINUX_MM_TYPES_H */
