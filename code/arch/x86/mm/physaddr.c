// SPDX-License-Identifier: GPL-2.0
/* 5.10 logic */
#include <linux/mmzone.h>
#include <asm/page.h>
#include <asm/processor.h>

static inline bool phys_addr_valid(u64 addr)
{
	return !(addr >> boot_cpu_data.x86_phys_bits);
}

bool __virt_addr_valid(unsigned long x)
{
	unsigned long y = x - __START_KERNEL_map;

	if (x > y) {			/* no borrow: x is in the kernel image */
		x = y + phys_base;
		if (y >= KERNEL_IMAGE_SIZE)
			return false;
	} else {
		x = y + (__START_KERNEL_map - PAGE_OFFSET);
		/* no carry: the original x was below PAGE_OFFSET */
		if (x > y || !phys_addr_valid(x))
			return false;
	}

	return pfn_valid(x >> PAGE_SHIFT);
}
