// SPDX-License-Identifier: GPL-2.0
/* example: built and run by the book */
/* __pa, virt_to_page and page_address with the kernel image moved up 2 MiB. */
#include <stdio.h>
#include <linux/mm.h>
#include "sim/machine.h"

static void print_pa(unsigned long x)
{
	struct page *page = virt_to_page(x);

	printf("%#018lx  __pa %#9lx  pfn %#6lx  page_address %p\n",
	       x, __pa(x), page_to_pfn(page), page_address(page));
}

int main(void)
{
	struct sim_config cfg = { .ram = 128UL << 20, .nr_cpus = 1 };

	if (sim_boot(&cfg) != 0)
		return 1;
	phys_base = 0x200000;		/* as __startup_64 would set it */
	print_pa(0xffffffff82345678UL);
	print_pa(0xffff888002345678UL);
	phys_base = 0;
	sim_shutdown();
	return 0;
}
