// SPDX-License-Identifier: GPL-2.0
/* example: built and run by the book */
#include <stdio.h>
#include <linux/mm.h>
#include <asm/io.h>
#include "sim/machine.h"

static void show_address(unsigned long x)
{
	struct page *page = virt_to_page(x);
	char pa[20], pfn[20];

	/* "0x0", not "0" as %#lx would print */
	snprintf(pa, sizeof(pa), "0x%lx", __pa(x));
	snprintf(pfn, sizeof(pfn), "0x%lx", page_to_pfn(page));
	printf("0x%016lx  %-12s  __pa %12s  pfn %9s  struct page 0x%lx\n",
	       x, x >= __START_KERNEL_map ? "kernel image" : "direct map",
	       pa, pfn, page_kaddr(page));
}

int main(void)
{
	struct sim_config cfg = { .ram = 8UL << 30, .nr_cpus = 1 };

	if (sim_boot(&cfg) != 0)
		return 1;
	show_address(0xffff888000000000UL);
	show_address(0xffff888001234000UL);
	show_address(0xffff888100000000UL);
	show_address(0xffffffff81000000UL);
	show_address(0xffffffff80000000UL);
	printf("page_address(virt_to_page(0xffffffff81000000)) = %p\n",
	       page_address(virt_to_page(0xffffffff81000000UL)));
	sim_shutdown();
	return 0;
}
