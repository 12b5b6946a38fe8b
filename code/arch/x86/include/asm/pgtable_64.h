/* SPDX-License-Identifier: GPL-2.0 */
/* 5.10 logic */
#ifndef _ASM_X86_PGTABLE_64_H
#define _ASM_X86_PGTABLE_64_H

#include <asm/pgtable_64_types.h>

struct page;

/*
 * Model: the kernel's vmemmap is (struct page *)VMEMMAP_START.  Ours is a
 * host array set up by the simulated machine; page_kaddr() gives the
 * address the kernel's struct page would have.
 */
extern struct page *vmemmap;

#define page_kaddr(pg) \
	(VMEMMAP_START + (unsigned long)((pg) - vmemmap) * sizeof(struct page))

#endif /* _ASM_X86_PGTABLE_64_H */
