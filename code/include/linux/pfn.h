/* SPDX-License-Identifier: GPL-2.0 */
/* 5.10 logic */
#ifndef _LINUX_PFN_H
#define _LINUX_PFN_H

#include <asm/page_types.h>

#define PFN_UP(x)	(((x) + PAGE_SIZE - 1) >> PAGE_SHIFT)
#define PFN_DOWN(x)	((x) >> PAGE_SHIFT)
#define PFN_PHYS(x)	((phys_addr_t)(x) << PAGE_SHIFT)
#define PHYS_PFN(x)	((unsigned long)((x) >> PAGE_SHIFT))

#endif /* _LINUX_PFN_H */
