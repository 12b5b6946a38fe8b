// SPDX-License-Identifier: GPL-2.0
/* stand-in for the layout variables of early boot */
/*
 * The layout variables of early boot.  In the kernel, phys_base lives in
 * head_64.S and boot_cpu_data in setup.c; the model keeps them together.
 */
#include <linux/types.h>
#include <asm/page.h>
#include <asm/processor.h>

unsigned long page_offset_base = __PAGE_OFFSET_BASE_L4;
unsigned long vmemmap_base = __VMEMMAP_BASE_L4;
unsigned long phys_base;
struct cpuinfo_x86 boot_cpu_data = { .x86_phys_bits = 46 };
