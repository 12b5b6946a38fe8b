/* SPDX-License-Identifier: GPL-2.0 */
/* 5.10 logic */
#ifndef _ASM_X86_PAGE_H
#define _ASM_X86_PAGE_H

#include <linux/types.h>
#include <asm/page_types.h>
#include <asm/page_64.h>
#include <asm/pgtable_64.h>
#include <asm-generic/memory_model.h>

#define __pa(x)			__phys_addr((unsigned long)(x))
#define __va(x)			((void *)((unsigned long)(x) + PAGE_OFFSET))
#define virt_to_page(kaddr)	pfn_to_page(__pa(kaddr) >> PAGE_SHIFT)
#define pfn_to_kaddr(pfn)	__va((pfn) << PAGE_SHIFT)

bool __virt_addr_valid(unsigned long kaddr);
#define virt_addr_valid(kaddr)	__virt_addr_valid((unsigned long)(kaddr))

#endif /* _ASM_X86_PAGE_H */
