/* SPDX-License-Identifier: GPL-2.0 */
/* 5.10 logic */
#ifndef _ASM_X86_PGTABLE_64_TYPES_H
#define _ASM_X86_PGTABLE_64_TYPES_H

#define __VMEMMAP_BASE_L4	0xffffea0000000000UL
#define VMEMMAP_START		vmemmap_base
extern unsigned long vmemmap_base;

#endif /* _ASM_X86_PGTABLE_64_TYPES_H */
