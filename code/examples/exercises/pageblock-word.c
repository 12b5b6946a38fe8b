// SPDX-License-Identifier: GPL-2.0
/* example: built and run by the book */
/* The pageblock bitmap words of two sections, and one write to them. */
#include <stdio.h>
#include <linux/mm.h>
#include "mm/internal.h"
#include "sim/machine.h"

static void print_words(unsigned long pfn)
{
	unsigned long *bitmap = __pfn_to_section(pfn)->usage->pageblock_flags;

	printf("section %2lu:", pfn_to_section_nr(pfn));
	for (int w = 0; w < 4; w++)
		printf(" %016lx", bitmap[w]);
	printf("\n");
}

int main(void)
{
	struct sim_config cfg = { .ram = 2UL << 30, .nr_cpus = 1 };

	if (sim_boot(&cfg) != 0)
		return 1;
	print_words(0x10);
	print_words(0x7fe00);
	printf("set_pageblock_migratetype(pfn_to_page(0x7fe00), MIGRATE_RECLAIMABLE)\n");
	set_pageblock_migratetype(pfn_to_page(0x7fe00), MIGRATE_RECLAIMABLE);
	print_words(0x7fe00);
	sim_shutdown();
	return 0;
}
