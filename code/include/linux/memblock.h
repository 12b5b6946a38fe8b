/* SPDX-License-Identifier: GPL-2.0 */
/* stand-in for memblock, as much as boot needs */
#ifndef _LINUX_MEMBLOCK_H
#define _LINUX_MEMBLOCK_H

#include <linux/types.h>

#define INIT_MEMBLOCK_REGIONS	8

struct memblock_region {
	phys_addr_t base;
	phys_addr_t size;
};

struct memblock_type {
	int cnt;
	struct memblock_region regions[INIT_MEMBLOCK_REGIONS];
};

struct memblock {
	struct memblock_type memory;
	struct memblock_type reserved;
};

extern struct memblock memblock;
extern unsigned long max_pfn;	/* one past the last pfn of RAM */

void memblock_reset(void);
int memblock_add(phys_addr_t base, phys_addr_t size);
int memblock_reserve(phys_addr_t base, phys_addr_t size);
bool memblock_is_memory(phys_addr_t addr);
void memblock_free_all(void);

#endif /* _LINUX_MEMBLOCK_H */
