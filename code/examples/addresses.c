#include <stdio.h>
#include <linux/mm.h>
#include <asm/io.h>
#include "sim/machine.h"

static void show(unsigned long x)
{
	unsigned long pa = __pa(x);
	struct page *page = virt_to_page(x);

	printf("%#018lx  %-12s  __pa %#12lx  pfn %#9lx  struct page %#lx\n",
	       x, x >= __START_KERNEL_map ? "kernel image" : "direct map",
	       pa, page_to_pfn(page), page_kaddr(page));
}

int main(void)
{
	struct sim_config cfg = { .ram = 8UL << 30, .nr_cpus = 1 };

	if (sim_boot(&cfg) != 0)
		return 1;
	show(0xffff888000000000UL);
	show(0xffff888001234000UL);
	show(0xffff888100000000UL);
	show(0xffffffff81000000UL);
	show(0xffffffff80000000UL);
	printf("page_address(virt_to_page(0xffffffff81000000)) = %p\n",
	       page_address(virt_to_page(0xffffffff81000000UL)));
	sim_shutdown();
	return 0;
}
