// SPDX-License-Identifier: GPL-2.0
/* stand-in for memblock; 5.10 logic in memblock_free_all and __free_pages_memory */
#include <linux/gfp.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include "internal.h"

struct memblock memblock;
unsigned long max_pfn;

void memblock_reset(void)
{
	memblock.memory.cnt = 0;
	memblock.reserved.cnt = 0;
}

static int memblock_insert(struct memblock_type *type, phys_addr_t base,
			   phys_addr_t size)
{
	int i = type->cnt;

	if (i == INIT_MEMBLOCK_REGIONS)
		return -1;
	while (i > 0 && type->regions[i - 1].base > base) {
		type->regions[i] = type->regions[i - 1];
		i--;
	}
	type->regions[i] = (struct memblock_region){ base, size };
	type->cnt++;
	return 0;
}

int memblock_add(phys_addr_t base, phys_addr_t size)
{
	return memblock_insert(&memblock.memory, base, size);
}

int memblock_reserve(phys_addr_t base, phys_addr_t size)
{
	return memblock_insert(&memblock.reserved, base, size);
}

bool memblock_is_memory(phys_addr_t addr)
{
	for (int i = 0; i < memblock.memory.cnt; i++) {
		struct memblock_region *r = &memblock.memory.regions[i];

		if (addr >= r->base && addr < r->base + r->size)
			return true;
	}
	return false;
}

static void __free_pages_memory(unsigned long start, unsigned long end)
{
	int order;

	while (start < end) {
		order = min(MAX_ORDER - 1UL, __ffs(start));

		while (start + (1UL << order) > end)
			order--;

		memblock_free_pages(pfn_to_page(start), start, order);

		start += (1UL << order);
	}
}

static void __free_memory_core(phys_addr_t start, phys_addr_t end)
{
	unsigned long start_pfn = PFN_UP(start);
	unsigned long end_pfn = min_t(unsigned long, PFN_DOWN(end), max_pfn);

	if (start_pfn < end_pfn)
		__free_pages_memory(start_pfn, end_pfn);
}

void memblock_free_all(void)
{
	for (int i = 0; i < memblock.memory.cnt; i++) {
		struct memblock_region *m = &memblock.memory.regions[i];
		phys_addr_t start = m->base, end = m->base + m->size;

		for (int j = 0; j < memblock.reserved.cnt && start < end; j++) {
			struct memblock_region *r = &memblock.reserved.regions[j];
			phys_addr_t r_end = r->base + r->size;

			if (r_end <= start || r->base >= end)
				continue;
			if (r->base > start)
				__free_memory_core(start, r->base);
			start = max(start, r_end);
		}
		if (start < end)
			__free_memory_core(start, end);
	}
}
