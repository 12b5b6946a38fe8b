/* SPDX-License-Identifier: GPL-2.0 */
/* 5.10 logic */
#ifndef LINUX_MM_DEBUG_H
#define LINUX_MM_DEBUG_H

struct page;

/* CONFIG_DEBUG_VM is off: the checks compile to nothing */
#define VM_BUG_ON(cond)			((void)sizeof(!!(cond)))
#define VM_BUG_ON_PAGE(cond, page)	((void)sizeof(!!(cond)), (void)(page))

void __dump_page(struct page *page, const char *reason);

#endif /* LINUX_MM_DEBUG_H */
