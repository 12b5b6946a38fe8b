/* SPDX-License-Identifier: GPL-2.0 */
/* 5.10 logic */
#ifndef _ASM_X86_PAGE_TYPES_H
#define _ASM_X86_PAGE_TYPES_H

#define PAGE_SHIFT		12
#define PAGE_SIZE		(1UL << PAGE_SHIFT)
#define PAGE_MASK		(~(PAGE_SIZE - 1))

#include <asm/page_64_types.h>

#define PAGE_OFFSET		((unsigned long)__PAGE_OFFSET)

#endif /* _ASM_X86_PAGE_TYPES_H */
