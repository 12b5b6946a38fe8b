#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/memblock.h>
#include <linux/vmstat.h>
#include <linux/page_ext.h>
#include <linux/panic.h>
#include <linux/sched.h>
#include <linux/uaccess.h>
#include "mm/internal.h"
#include "sim/machine.h"

unsigned long max_pfn;
struct pglist_data *node_data[MAX_NUMNODES];
struct page *vmemmap;
struct mem_section *mem_section;
struct vm_event_state vm_event_states[NR_CPUS];

static char boot_error[160];

/* the node's data, which the kernel would allocate at the top of RAM */
struct sim_node {
	struct pglist_data pgdat;
	struct per_cpu_pageset pagesets[MAX_NR_ZONES][NR_CPUS];
};
static struct sim_node *node;
static unsigned long node_phys;		/* where it would be in RAM */
static unsigned long memmap_pages;	/* pfns that have a struct page */
static struct mem_section_usage *usages;

static struct sim_range reserved[4];
static int nr_reserved;

const char *sim_boot_error(void)
{
	return boot_error;
}

static bool fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(boot_error, sizeof(boot_error), fmt, ap);
	va_end(ap);
	return false;
}

static const char *size_text(unsigned long bytes)
{
	static char buf[32];

	if (bytes % (1UL << 30) == 0)
		snprintf(buf, sizeof(buf), "%luG", bytes >> 30);
	else if (bytes % (1UL << 20) == 0)
		snprintf(buf, sizeof(buf), "%luM", bytes >> 20);
	else
		snprintf(buf, sizeof(buf), "%lu bytes", bytes);
	return buf;
}

static bool config_ok(const struct sim_config *cfg)
{
	if (cfg->ram < SIM_RAM_MIN)
		return fail("RAM size %s is too small: the machine needs at least %luM",
			    size_text(cfg->ram), SIM_RAM_MIN >> 20);
	if (cfg->ram > SIM_RAM_MAX)
		return fail("RAM size %s is too large: the model simulates at most %luG",
			    size_text(cfg->ram), SIM_RAM_MAX >> 30);
	if (cfg->ram & (PAGE_SIZE - 1))
		return fail("RAM size %lu is not a multiple of the 4K page size", cfg->ram);
	if (cfg->nr_cpus < 1 || cfg->nr_cpus > NR_CPUS)
		return fail("%d CPUs: the model simulates 1 to %d", cfg->nr_cpus, NR_CPUS);
	return true;
}

#define LOW_RESERVE	0x10000UL		/* CONFIG_X86_RESERVE_LOW: 64 KiB */
#define EBDA_START	0x9f000UL		/* the BIOS area and VGA hole up to 1 MiB */
#define KERNEL_SIZE	(32UL << 20)

static void reserve(unsigned long start, unsigned long end, const char *what)
{
	reserved[nr_reserved++] = (struct sim_range){ start, end, what };
	memblock_reserve(start, end - start);
}

static void lay_out_memory(unsigned long ram)
{
	unsigned long memmap_bytes, top;

	max_pfn = ram >> PAGE_SHIFT;
	memmap_pages = ALIGN(max_pfn, PAGES_PER_SECTION);
	memmap_bytes = ALIGN(memmap_pages * sizeof(struct page), 2UL << 20);
	top = memmap_bytes + ALIGN(sizeof(struct sim_node), PAGE_SIZE);
	node_phys = ram - top;

	memblock_reset();
	nr_reserved = 0;
	memblock_add(PAGE_SIZE, EBDA_START - PAGE_SIZE);	/* page 0 is not RAM */
	memblock_add(0x100000, ram - 0x100000);
	reserve(0, LOW_RESERVE, "low memory for the BIOS");
	reserve(__PHYSICAL_START, __PHYSICAL_START + KERNEL_SIZE, "the kernel image");
	reserve(node_phys, ram, "the memmap and the node's data");
}

int sim_reserved_ranges(const struct sim_range **ranges)
{
	*ranges = reserved;
	return nr_reserved;
}

bool sim_pfn_is_ram(unsigned long pfn)
{
	return memblock_is_memory(PFN_PHYS(pfn));
}

static bool allocate_machine(int nr_cpus)
{
	unsigned long nr_sections = memmap_pages / PAGES_PER_SECTION;
	size_t usage_size = sizeof(struct mem_section_usage) +
		PAGES_PER_SECTION / pageblock_nr_pages * NR_PAGEBLOCK_BITS / 8;

	vmemmap = mmap(NULL, memmap_pages * sizeof(struct page), PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (vmemmap == MAP_FAILED) {
		vmemmap = NULL;
		return fail("cannot map %lu MiB of host memory for the memmap",
			    memmap_pages * sizeof(struct page) >> 20);
	}
	mem_section = calloc(NR_MEM_SECTIONS, sizeof(struct mem_section));
	usages = calloc(nr_sections, usage_size);
	node = calloc(1, sizeof(*node));
	if (!mem_section || !usages || !node)
		return fail("out of host memory");

	for (unsigned long nr = 0; nr < nr_sections; nr++) {
		struct mem_section *ms = &mem_section[nr];

		ms->usage = (struct mem_section_usage *)((char *)usages + nr * usage_size);
		ms->section_mem_map = SECTION_MARKED_PRESENT | SECTION_HAS_MEM_MAP |
				      SECTION_IS_ONLINE | SECTION_IS_EARLY;
		for (unsigned long s = 0; s < SUBSECTIONS_PER_SECTION; s++) {
			unsigned long pfn = nr * PAGES_PER_SECTION + s * PAGES_PER_SUBSECTION;

			if (pfn < max_pfn)
				ms->usage->subsection_map[s / BITS_PER_LONG] |= 1UL << (s % BITS_PER_LONG);
		}
	}
	nr_cpu_ids = nr_cpus;
	model_cpu = 0;
	node_data[0] = &node->pgdat;
	return page_ext_init(memmap_pages) || fail("out of host memory");
}

const char * const zone_names[MAX_NR_ZONES] = { "DMA", "DMA32", "Normal", "Movable" };

static const unsigned long zone_limit[MAX_NR_ZONES] = {
	[ZONE_DMA] = 0x1000,		/* the pfn of 16 MiB */
	[ZONE_DMA32] = 0x100000,	/* the pfn of 4 GiB */
	[ZONE_NORMAL] = ~0UL,
	[ZONE_MOVABLE] = 0,
};

/* the pfns in [start, end) that are RAM, from the memblock regions */
static unsigned long ram_pages_in(unsigned long start, unsigned long end)
{
	unsigned long n = 0;

	for (int i = 0; i < memblock.memory.cnt; i++) {
		struct memblock_region *r = &memblock.memory.regions[i];
		unsigned long lo = max(start, PFN_UP(r->base));
		unsigned long hi = min(end, PFN_DOWN(r->base + r->size));

		if (lo < hi)
			n += hi - lo;
	}
	return n;
}

static void init_zones(void)
{
	struct pglist_data *pgdat = NODE_DATA(0);
	unsigned long start = 1;	/* the first pfn of RAM */

	pgdat->node_id = 0;
	pgdat->node_start_pfn = start;
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &pgdat->node_zones[z];
		unsigned long end = min(zone_limit[z], max_pfn);

		zone->node = 0;
		zone->zone_pgdat = pgdat;
		zone->name = zone_names[z];
		zone->pageset = node->pagesets[z];
		spin_lock_init_named(&zone->lock, "&zone->lock");
		for (int order = 0; order < MAX_ORDER; order++)
			for (int t = 0; t < MIGRATE_TYPES; t++)
				INIT_LIST_HEAD(&zone->free_area[order].free_list[t]);
		if (z == ZONE_MOVABLE || end <= start)
			continue;
		zone->zone_start_pfn = start;
		zone->spanned_pages = end - start;
		zone->present_pages = ram_pages_in(start, end);
		pgdat->node_spanned_pages += zone->spanned_pages;
		pgdat->node_present_pages += zone->present_pages;
		pgdat->nr_zones = z + 1;
		start = end;
	}
}

/* the zone of pfn; past the end of RAM, the last zone */
static enum zone_type zone_of(unsigned long pfn)
{
	enum zone_type last = ZONE_DMA;

	for (int z = 0; z < ZONE_MOVABLE; z++) {
		struct zone *zone = &NODE_DATA(0)->node_zones[z];

		if (!populated_zone(zone))
			continue;
		if (pfn < zone_end_pfn(zone))
			return z;
		last = z;
	}
	return last;
}

static void __init_single_page(struct page *page, unsigned long pfn,
			       enum zone_type zone, int nid)
{
	memset(page, 0, sizeof(*page));
	set_page_links(page, zone, nid, pfn);
	atomic_set(&page->_refcount, 1);	/* init_page_count */
	page_mapcount_reset(page);
	page_cpupid_reset_last(page);
	INIT_LIST_HEAD(&page->lru);
}

static void init_memmap(void)
{
	unsigned long pfn = 0;

	init_zones();
	while (pfn < memmap_pages) {
		enum zone_type z = zone_of(pfn);
		struct zone *zone = &NODE_DATA(0)->node_zones[z];
		unsigned long end = z == zone_of(memmap_pages - 1) ? memmap_pages
								     : zone_end_pfn(zone);

		for (; pfn < end; pfn++) {
			struct page *page = pfn_to_page(pfn);

			__init_single_page(page, pfn, z, 0);
			__SetPageReserved(page);
			if (IS_ALIGNED(pfn, pageblock_nr_pages) && pfn < max_pfn &&
			    sim_pfn_is_ram(pfn))
				set_pageblock_migratetype(page, MIGRATE_MOVABLE);
		}
	}
}

int sim_boot(const struct sim_config *cfg)
{
	if (!config_ok(cfg))
		return -1;
	model_bad_page_reset();		/* a new machine: no reports yet, no taint */
	model_taint_reset();
	model_kernel_memory_reset();	/* and no kernel objects but its own */
	jiffies = 0;
	sim_nr_refused = 0;
	memset(sim_free_pages_drift, 0, sizeof(sim_free_pages_drift));
	lay_out_memory(cfg->ram);
	if (!allocate_machine(cfg->nr_cpus))
		return -1;
	init_memmap();
	memblock_free_all();		/* give free memory to the buddy allocator */
	build_all_zonelists(NULL);	/* group by mobility? (5.10: before the frees) */
	setup_per_cpu_pageset();	/* then size the per-CPU lists */
	init_per_zone_wmark_min();	/* the reserves /proc/zoneinfo shows */
	return 0;
}

void sim_set_cpu(int cpu)
{
	if (model_irqs_off[model_cpu])
		lockdep_splat("CPU switch with IRQs off", "this CPU", __func__);
	model_cpu = cpu;
}

unsigned long sim_kaddr(const void *p)
{
	const char *c = p;

	if (vmemmap && c >= (const char *)vmemmap &&
	    c < (const char *)(vmemmap + memmap_pages))
		return VMEMMAP_START + (unsigned long)(c - (const char *)vmemmap);
	if (node && c >= (const char *)node && c < (const char *)(node + 1))
		return (unsigned long)__va(node_phys) + (unsigned long)(c - (const char *)node);
	return (unsigned long)p;
}

void sim_shutdown(void)
{
	if (vmemmap)
		munmap(vmemmap, memmap_pages * sizeof(struct page));
	free(mem_section);
	free(usages);
	free(node);
	page_ext_free();
	vmemmap = NULL;
	mem_section = NULL;
	usages = NULL;
	node = NULL;
	node_data[0] = NULL;
	memset(vm_event_states, 0, sizeof(vm_event_states));
	memset(model_irqs_off, 0, sizeof(model_irqs_off));
	model_cpu = 0;
	max_pfn = 0;
}
