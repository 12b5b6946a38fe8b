// SPDX-License-Identifier: GPL-2.0
/* harness: the simulated machine, playing hardware and early boot */
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
#include <linux/model.h>
#include "mm/internal.h"
#include "sim/ledger.h"
#include "sim/machine.h"

static char boot_error[160];

/* the node's data, which the kernel would allocate at the top of RAM */
struct sim_node {
	struct pglist_data pgdat;
	struct per_cpu_pageset pagesets[MAX_NR_ZONES][NR_CPUS];
};
static struct sim_node *node;
static void *node_memory;		/* where node is, in host memory */
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

	if (bytes && bytes % (1UL << 30) == 0)
		snprintf(buf, sizeof(buf), "%luG", bytes >> 30);
	else if (bytes && bytes % (1UL << 20) == 0)
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

/*
 * The pagesets start on a cache line, so that CPU 0's lists and CPU 1's
 * never share one (chapter 12 runs them on two threads at once); the
 * addresses the model prints are offsets into the node, and stay the same.
 */
static struct sim_node *alloc_node(void)
{
	size_t skew = (64 - offsetof(struct sim_node, pagesets) % 64) % 64;
	struct sim_node *n;

	node_memory = aligned_alloc(64, (sizeof(*n) + skew + 63) / 64 * 64);
	if (!node_memory)
		return NULL;
	n = (struct sim_node *)((char *)node_memory + skew);
	memset(n, 0, sizeof(*n));
	return n;
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
	madvise(vmemmap, memmap_pages * sizeof(struct page), MADV_HUGEPAGE);	/* a hint */
	mem_section = calloc(NR_MEM_SECTIONS, sizeof(struct mem_section));
	usages = calloc(nr_sections, usage_size);
	node = alloc_node();
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
	for (int z = 0; z < MAX_NR_ZONES; z++)
		node->pgdat.node_zones[z].pageset = node->pagesets[z];
	model_kaddr_add(vmemmap, memmap_pages * sizeof(struct page), VMEMMAP_START);
	model_kaddr_add(node, sizeof(*node), (unsigned long)__va(node_phys));
	return page_ext_init(memmap_pages) || fail("out of host memory");
}

int sim_boot(const struct sim_config *cfg)
{
	if (!config_ok(cfg))
		return -1;
	model_bad_page_reset();		/* a new machine: no reports yet, no taint */
	model_taint_reset();
	model_kernel_memory_reset();	/* and no kernel objects but its own */
	jiffies = 0;
	model_soft_lockup = false;
	sim_nr_refused = 0;
	sim_ledger_init();		/* the ledger's hooks, no drift yet */
	lay_out_memory(cfg->ram);
	if (!allocate_machine(cfg->nr_cpus))
		return -1;
	free_area_init();		/* zones, and every struct page */
	memblock_free_all();		/* give free memory to the buddy allocator */
	build_all_zonelists(NULL);	/* group by mobility? (5.10: before the frees) */
	setup_per_cpu_pageset();	/* then size the per-CPU lists */
	init_per_zone_wmark_min();	/* the reserves /proc/zoneinfo shows */
	return 0;
}

void sim_set_cpu(int cpu)
{
	if (model_irqs[model_cpu].off)
		lockdep_splat("CPU switch with IRQs off", "this CPU", __func__);
	model_cpu = cpu;
}

void sim_shutdown(void)
{
	if (vmemmap)
		munmap(vmemmap, memmap_pages * sizeof(struct page));
	free(mem_section);
	free(usages);
	free(node_memory);
	page_ext_free();
	model_cost_stop();
	vmemmap = NULL;
	mem_section = NULL;
	usages = NULL;
	node = NULL;
	node_memory = NULL;
	node_data[0] = NULL;
	memset(vm_event_states, 0, sizeof(vm_event_states));
	model_kernel_memory_reset();
	memset(model_irqs, 0, sizeof(model_irqs));
	model_cpu = 0;
	max_pfn = 0;
}
