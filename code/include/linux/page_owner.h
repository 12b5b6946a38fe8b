/* SPDX-License-Identifier: GPL-2.0 */
/* stand-in for page_owner: whether each page is allocated, no stack traces */
#ifndef __LINUX_PAGE_OWNER_H
#define __LINUX_PAGE_OWNER_H

#include <linux/gfp.h>

void set_page_owner(struct page *page, unsigned int order, gfp_t gfp_mask);
void reset_page_owner(struct page *page, unsigned int order);
void dump_page_owner(struct page *page);

#endif /* __LINUX_PAGE_OWNER_H */
