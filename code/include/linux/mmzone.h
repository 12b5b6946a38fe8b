/* SPDX-License-Identifier: GPL-2.0 */
/* 5.10 logic */
#ifndef _LINUX_MMZONE_H
#define _LINUX_MMZONE_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/bitops.h>
#include <linux/spinlock.h>
#include <linux/atomic.h>
#include <linux/page-flags-layout.h>
#include <linux/pageblock-flags.h>
#include <asm/page.h>
#include <asm/sparsemem.h>

#define MAX_ORDER		11
#define MAX_ORDER_NR_PAGES	(1 << (MAX_ORDER - 1))

enum migratetype {
	MIGRATE_UNMOVABLE,
	MIGRATE_MOVABLE,
	MIGRATE_RECLAIMABLE,
	MIGRATE_PCPTYPES,	/* the number of types on the per-CPU lists */
	MIGRATE_HIGHATOMIC = MIGRATE_PCPTYPES,
	MIGRATE_CMA,		/* CONFIG_CMA */
	MIGRATE_ISOLATE,	/* CONFIG_MEMORY_ISOLATION */
	MIGRATE_TYPES
};

extern const char * const migratetype_names[MIGRATE_TYPES];
extern int page_group_by_mobility_disabled;

#define is_migrate_cma(mt)	unlikely((mt) == MIGRATE_CMA)

#define MIGRATETYPE_MASK	((1UL << PB_migratetype_bits) - 1)

#define get_pageblock_migratetype(page)					\
	get_pfnblock_flags_mask(page, page_to_pfn(page), MIGRATETYPE_MASK)

struct free_area {
	struct list_head free_list[MIGRATE_TYPES];
	unsigned long nr_free;		/* blocks of this order, all lists */
};

enum zone_stat_item {
	NR_FREE_PAGES,
	NR_ZONE_LRU_BASE,
	NR_ZONE_INACTIVE_ANON = NR_ZONE_LRU_BASE,
	NR_ZONE_ACTIVE_ANON,
	NR_ZONE_INACTIVE_FILE,
	NR_ZONE_ACTIVE_FILE,
	NR_ZONE_UNEVICTABLE,
	NR_ZONE_WRITE_PENDING,
	NR_MLOCK,
	NR_PAGETABLE,
	NR_BOUNCE,
	NR_FREE_CMA_PAGES,
	NR_VM_ZONE_STAT_ITEMS
};

struct per_cpu_pages {
	int count;		/* pages on the lists */
	int high;		/* drain when count reaches this */
	int batch;		/* how many to add or drain at a time */
	struct list_head lists[MIGRATE_PCPTYPES];
};

struct per_cpu_pageset {
	struct per_cpu_pages pcp;
	s8 expire;		/* NUMA: countdown to draining a remote zone */
	s8 stat_threshold;
};

enum zone_type {
	ZONE_DMA,		/* below 16 MiB */
	ZONE_DMA32,		/* below 4 GiB */
	ZONE_NORMAL,
	ZONE_MOVABLE,
	__MAX_NR_ZONES
};
#define MAX_NR_ZONES	__MAX_NR_ZONES

struct pglist_data;

struct zone {
	int node;
	struct pglist_data *zone_pgdat;
	struct per_cpu_pageset *pageset;	/* one per CPU */

	unsigned long zone_start_pfn;
	atomic_long_t managed_pages;	/* pages the buddy allocator manages */
	unsigned long spanned_pages;	/* pfns from start to end, holes too */
	unsigned long present_pages;	/* pfns that are RAM */
	const char *name;
	unsigned long nr_isolate_pageblock;
	long lowmem_reserve[MAX_NR_ZONES];	/* kept free for each higher zone */

	struct free_area free_area[MAX_ORDER];
	spinlock_t lock;	/* free_area, PageBuddy and buddy order */

	atomic_long_t vm_stat[NR_VM_ZONE_STAT_ITEMS];
};

typedef struct pglist_data {
	struct zone node_zones[MAX_NR_ZONES];
	int nr_zones;
	unsigned long node_start_pfn;
	unsigned long node_present_pages;
	unsigned long node_spanned_pages;
	int node_id;
} pg_data_t;

#define MAX_NUMNODES	(1 << NODES_SHIFT)
extern struct pglist_data *node_data[MAX_NUMNODES];
#define NODE_DATA(nid)		(node_data[nid])

extern const char * const zone_names[MAX_NR_ZONES];

static inline unsigned long zone_managed_pages(struct zone *zone)
{
	return (unsigned long)atomic_long_read(&zone->managed_pages);
}

static inline unsigned long zone_end_pfn(const struct zone *zone)
{
	return zone->zone_start_pfn + zone->spanned_pages;
}

static inline bool zone_spans_pfn(const struct zone *zone, unsigned long pfn)
{
	return zone->zone_start_pfn <= pfn && pfn < zone_end_pfn(zone);
}

static inline bool populated_zone(struct zone *zone)
{
	return zone->present_pages != 0;
}

#define zone_idx(zone)	((zone) - (zone)->zone_pgdat->node_zones)

/* every zone with pages; model: one node, so its zones in order */
#define for_each_populated_zone(zone)					\
	for (zone = NODE_DATA(0)->node_zones;				\
	     zone < NODE_DATA(0)->node_zones + MAX_NR_ZONES; zone++)	\
		if (!populated_zone(zone))				\
			; /* do nothing */				\
		else

void build_all_zonelists(pg_data_t *pgdat);

/* only arm64, ia64 and MIPS can have holes inside a MAX_ORDER block */
#define pfn_valid_within(pfn)	(1)

#define PFN_SECTION_SHIFT	(SECTION_SIZE_BITS - PAGE_SHIFT)
#define PAGES_PER_SECTION	(1UL << PFN_SECTION_SHIFT)
#define PAGE_SECTION_MASK	(~(PAGES_PER_SECTION - 1))
#define SECTIONS_SHIFT		(MAX_PHYSMEM_BITS - SECTION_SIZE_BITS)
#define NR_MEM_SECTIONS		(1UL << SECTIONS_SHIFT)

#define SUBSECTION_SHIFT	21	/* 2 MiB */
#define PFN_SUBSECTION_SHIFT	(SUBSECTION_SHIFT - PAGE_SHIFT)
#define PAGES_PER_SUBSECTION	(1UL << PFN_SUBSECTION_SHIFT)
#define SUBSECTIONS_PER_SECTION	(1UL << (SECTION_SIZE_BITS - SUBSECTION_SHIFT))

struct mem_section_usage {
	unsigned long subsection_map[SUBSECTIONS_PER_SECTION / BITS_PER_LONG];
	unsigned long pageblock_flags[];	/* 4 bits per pageblock */
};

struct mem_section {
	unsigned long section_mem_map;	/* model: only the flag bits */
	struct mem_section_usage *usage;
};

#define SECTION_MARKED_PRESENT	(1UL << 0)
#define SECTION_HAS_MEM_MAP	(1UL << 1)
#define SECTION_IS_ONLINE	(1UL << 2)
#define SECTION_IS_EARLY	(1UL << 3)

extern struct mem_section *mem_section;

static inline unsigned long pfn_to_section_nr(unsigned long pfn)
{
	return pfn >> PFN_SECTION_SHIFT;
}

static inline struct mem_section *__nr_to_section(unsigned long nr)
{
	if (nr >= NR_MEM_SECTIONS || !mem_section)
		return NULL;
	return &mem_section[nr];
}

static inline struct mem_section *__pfn_to_section(unsigned long pfn)
{
	return __nr_to_section(pfn_to_section_nr(pfn));
}

static inline int valid_section(struct mem_section *section)
{
	return section && (section->section_mem_map & SECTION_HAS_MEM_MAP);
}

static inline int early_section(struct mem_section *section)
{
	return section && (section->section_mem_map & SECTION_IS_EARLY);
}

static inline int subsection_map_index(unsigned long pfn)
{
	return (pfn & ~PAGE_SECTION_MASK) / PAGES_PER_SUBSECTION;
}

static inline int pfn_section_valid(struct mem_section *ms, unsigned long pfn)
{
	int idx = subsection_map_index(pfn);

	return test_bit(idx, ms->usage->subsection_map);
}

static inline int pfn_valid(unsigned long pfn)
{
	struct mem_section *ms;

	if (pfn_to_section_nr(pfn) >= NR_MEM_SECTIONS)
		return 0;
	ms = __nr_to_section(pfn_to_section_nr(pfn));
	if (!valid_section(ms))
		return 0;
	/* a section present at boot is valid throughout */
	return early_section(ms) || pfn_section_valid(ms, pfn);
}

#endif /* _LINUX_MMZONE_H */
