// SPDX-License-Identifier: GPL-2.0
/* stand-in for what the kernel configuration changes in printed output */
#include <string.h>
#include <linux/mm.h>
#include <linux/printed_config.h>

const struct printed_config printed_configs[] = {
	{ "book", NODES_SHIFT, ZONES_SHIFT, NR_CPUS_BITS, NR_PAGEFLAGS, false, true },
	{ "debian", 10, 3, 13, 25, true, false },
	{ NULL, 0, 0, 0, 0, false, false },
};

const struct printed_config *printed_config = &printed_configs[0];

const struct printed_config *find_printed_config(const char *name)
{
	for (const struct printed_config *c = printed_configs; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

unsigned long printed_page_flags(unsigned long flags)
{
	const struct printed_config *c = printed_config;
	unsigned long low = flags & ((1UL << NR_PAGEFLAGS) - 1);
	unsigned long cpupid = (flags >> LAST_CPUPID_PGSHIFT) & LAST_CPUPID_MASK;
	unsigned long zone = (flags >> ZONES_PGSHIFT) & ZONES_MASK;
	unsigned long node = (flags >> NODES_PGSHIFT) & NODES_MASK;
	int cpupid_shift = LAST__PID_SHIFT + c->nr_cpus_bits;
	int nodes_pgoff = BITS_PER_LONG - c->nodes_shift;
	int zones_pgoff = nodes_pgoff - c->zones_shift;
	int cpupid_pgoff = zones_pgoff - cpupid_shift;

	if (c == &printed_configs[0])
		return flags;
	if (c->nr_pageflags < NR_PAGEFLAGS) {	/* no PG_young, PG_idle */
		unsigned long arch_2 = (low >> PG_arch_2) & 1;

		low &= BIT(PG_young) - 1;
		low |= arch_2 << PG_young;
	}
	if (cpupid == LAST_CPUPID_MASK)
		cpupid = (1UL << cpupid_shift) - 1;
	return low | cpupid << cpupid_pgoff | zone << zones_pgoff | node << nodes_pgoff;
}

bool printed_migratetype_exists(int migratetype)
{
	return printed_config->cma || migratetype != MIGRATE_CMA;
}

/* without CONFIG_CMA, the types after CMA move down by one */
int printed_migratetype(int migratetype)
{
	if (!printed_config->cma && migratetype > MIGRATE_CMA)
		return migratetype - 1;
	return migratetype;
}

int printed_nr_zones(void)
{
	return MAX_NR_ZONES + printed_config->zone_device;
}

/* an empty Device zone adds no pages: its column repeats the Movable one */
long printed_lowmem_reserve(struct zone *zone, int j)
{
	return zone->lowmem_reserve[j < MAX_NR_ZONES ? j : MAX_NR_ZONES - 1];
}

struct zone *printed_device_zone(void)
{
	static struct zone device = { .name = "Device" };

	return &device;
}
