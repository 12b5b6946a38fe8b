/* SPDX-License-Identifier: GPL-2.0 */
/* 5.10 logic */
#ifndef _LINUX_PAGE_REF_H
#define _LINUX_PAGE_REF_H

#include <linux/atomic.h>
#include <linux/mm_types.h>

static inline int page_ref_count(const struct page *page)
{
	model_cost_touch(page);		/* model: counted (chapter 12) */
	return atomic_read(&page->_refcount);
}

static inline void set_page_count(struct page *page, int v)
{
	model_cost_touch(page);		/* model: counted (chapter 12) */
	atomic_set(&page->_refcount, v);
}

static inline void init_page_count(struct page *page)
{
	set_page_count(page, 1);
}

static inline void page_ref_inc(struct page *page)
{
	model_cost_touch(page);		/* model: counted (chapter 12) */
	atomic_inc(&page->_refcount);
}

static inline int page_ref_dec_and_test(struct page *page)
{
	model_cost_touch(page);		/* model: counted (chapter 12) */
	return atomic_dec_and_test(&page->_refcount);
}

#endif /* _LINUX_PAGE_REF_H */
