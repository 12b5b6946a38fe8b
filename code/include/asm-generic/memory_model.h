/* SPDX-License-Identifier: GPL-2.0 */
/* 5.10 logic */
#ifndef __ASM_MEMORY_MODEL_H
#define __ASM_MEMORY_MODEL_H

/* CONFIG_SPARSEMEM_VMEMMAP: the memmap is one virtually contiguous array */
#define __pfn_to_page(pfn)	(vmemmap + (pfn))
#define __page_to_pfn(page)	(unsigned long)((page) - vmemmap)

#define page_to_pfn __page_to_pfn
#define pfn_to_page __pfn_to_page

#endif /* __ASM_MEMORY_MODEL_H */
