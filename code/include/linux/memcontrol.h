/* SPDX-License-Identifier: GPL-2.0 */
/* stand-in for the memory cgroup hooks of the free path, switched off */
#ifndef _LINUX_MEMCONTROL_H
#define _LINUX_MEMCONTROL_H

#include <linux/mm.h>

/* some cgroup exists that accounts kernel memory */
static inline bool memcg_kmem_enabled(void)
{
	return true;
}

static inline void mem_cgroup_uncharge(struct page *page)
{
	if (!page->mem_cgroup)
		return;
	if (PageKmemcg(page))
		__ClearPageKmemcg(page);
	page->mem_cgroup = NULL;	/* and the charge is returned */
}

static inline void __memcg_kmem_uncharge_page(struct page *page, int order)
{
	if (!page->mem_cgroup)
		return;
	page->mem_cgroup = NULL;	/* and 1 << order pages uncharged */
	if (PageKmemcg(page))
		__ClearPageKmemcg(page);
}

#endif /* _LINUX_MEMCONTROL_H */
