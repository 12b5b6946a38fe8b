/* SPDX-License-Identifier: GPL-2.0 */
/* 5.10 logic */
#ifndef _ASM_X86_PROCESSOR_H
#define _ASM_X86_PROCESSOR_H

struct cpuinfo_x86 {
	unsigned char x86_phys_bits;	/* physical address bits the CPU has */
};
extern struct cpuinfo_x86 boot_cpu_data;

#endif /* _ASM_X86_PROCESSOR_H */
