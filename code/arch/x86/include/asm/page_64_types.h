/* SPDX-License-Identifier: GPL-2.0 */
/* 5.10 logic */
#ifndef _ASM_X86_PAGE_64_TYPES_H
#define _ASM_X86_PAGE_64_TYPES_H

#define __PAGE_OFFSET_BASE_L4	0xffff888000000000UL
#define __PAGE_OFFSET		page_offset_base
extern unsigned long page_offset_base;

#define __START_KERNEL_map	0xffffffff80000000UL
#define KERNEL_IMAGE_SIZE	(512UL << 20)	/* without CONFIG_RANDOMIZE_BASE */
#define __PHYSICAL_START	0x1000000UL	/* CONFIG_PHYSICAL_START: 16 MiB */
#define __START_KERNEL		(__START_KERNEL_map + __PHYSICAL_START)

#endif /* _ASM_X86_PAGE_64_TYPES_H */
