/* SPDX-License-Identifier: GPL-2.0 */
/* 5.10 logic */
#ifndef _ASM_X86_SPARSEMEM_H
#define _ASM_X86_SPARSEMEM_H

#define SECTION_SIZE_BITS	27	/* 128 MiB */
#define MAX_PHYSMEM_BITS	46	/* 4-level paging */

#endif /* _ASM_X86_SPARSEMEM_H */
