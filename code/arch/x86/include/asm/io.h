/* SPDX-License-Identifier: GPL-2.0 */
/* 5.10 logic */
#ifndef _ASM_X86_IO_H
#define _ASM_X86_IO_H

#include <asm/page.h>

#define page_to_phys(page)	((phys_addr_t)page_to_pfn(page) << PAGE_SHIFT)

#endif /* _ASM_X86_IO_H */
