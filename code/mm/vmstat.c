// SPDX-License-Identifier: GPL-2.0
/* 5.10 logic */
#include <linux/mm.h>
#include <linux/printed_config.h>
#include <linux/seq_file.h>
#include <linux/vmstat.h>

struct vm_event_state vm_event_states[NR_CPUS];

static void walk_zones_in_node(struct seq_file *m, pg_data_t *pgdat, bool assert_populated,
			       void (*print)(struct seq_file *m, pg_data_t *pgdat,
					     struct zone *zone))
{
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &pgdat->node_zones[z];

		if (assert_populated && !populated_zone(zone))
			continue;
		print(m, pgdat, zone);
	}
}

static void frag_show_print(struct seq_file *m, pg_data_t *pgdat,
			    struct zone *zone)
{
	seq_printf(m, "Node %d, zone %8s ", pgdat->node_id, zone->name);
	for (int order = 0; order < MAX_ORDER; ++order)
		seq_printf(m, "%6lu ", zone->free_area[order].nr_free);
	seq_putc(m, '\n');
}

void show_buddyinfo(FILE *out)
{
	struct seq_file m = { out };

	walk_zones_in_node(&m, NODE_DATA(0), true, frag_show_print);
}

static void pagetypeinfo_showfree_print(struct seq_file *m, pg_data_t *pgdat,
					struct zone *zone)
{
	for (int mtype = 0; mtype < MIGRATE_TYPES; mtype++) {
		if (!printed_migratetype_exists(mtype))
			continue;
		seq_printf(m, "Node %4d, zone %8s, type %12s ",
			   pgdat->node_id, zone->name, migratetype_names[mtype]);
		for (int order = 0; order < MAX_ORDER; ++order) {
			struct list_head *head = &zone->free_area[order].free_list[mtype];
			unsigned long freecount = 0;
			bool overflow = false;

			for (struct list_head *curr = head->next; curr != head;
			     curr = curr->next) {
				if (++freecount >= 100000) {
					overflow = true;
					break;
				}
			}
			seq_printf(m, "%s%6lu ", overflow ? ">" : "", freecount);
		}
		seq_putc(m, '\n');
	}
}

static void pagetypeinfo_showblockcount_print(struct seq_file *m,
					      pg_data_t *pgdat, struct zone *zone)
{
	unsigned long count[MIGRATE_TYPES] = { 0 };

	for (unsigned long pfn = zone->zone_start_pfn; pfn < zone_end_pfn(zone);
	     pfn += pageblock_nr_pages) {
		struct page *page = pfn_to_page(pfn);

		if (page_zone(page) != zone)
			continue;
		count[get_pageblock_migratetype(page)]++;
	}
	seq_printf(m, "Node %d, zone %8s ", pgdat->node_id, zone->name);
	for (int mtype = 0; mtype < MIGRATE_TYPES; mtype++)
		if (printed_migratetype_exists(mtype))
			seq_printf(m, "%12lu ", count[mtype]);
	seq_putc(m, '\n');
}

void show_pagetypeinfo(FILE *out)
{
	struct seq_file m = { out };

	seq_printf(&m, "Page block order: %d\n", pageblock_order);
	seq_printf(&m, "Pages per block:  %lu\n", pageblock_nr_pages);
	seq_putc(&m, '\n');

	seq_printf(&m, "%-43s ", "Free pages count per migrate type at order");
	for (int order = 0; order < MAX_ORDER; ++order)
		seq_printf(&m, "%6d ", order);
	seq_putc(&m, '\n');
	walk_zones_in_node(&m, NODE_DATA(0), true, pagetypeinfo_showfree_print);

	seq_printf(&m, "\n%-23s", "Number of blocks type ");
	for (int mtype = 0; mtype < MIGRATE_TYPES; mtype++)
		if (printed_migratetype_exists(mtype))
			seq_printf(&m, "%12s ", migratetype_names[mtype]);
	seq_putc(&m, '\n');
	walk_zones_in_node(&m, NODE_DATA(0), true, pagetypeinfo_showblockcount_print);
}

static void zoneinfo_show_print(struct seq_file *m, pg_data_t *pgdat,
				struct zone *zone)
{
	int i;

	seq_printf(m, "Node %d, zone %8s", pgdat->node_id, zone->name);
	seq_printf(m, "\n  pages free     %lu"
		   "\n        spanned  %lu"
		   "\n        present  %lu"
		   "\n        managed  %lu",
		   zone_page_state(zone, NR_FREE_PAGES), zone->spanned_pages,
		   zone->present_pages, zone_managed_pages(zone));
	seq_printf(m, "\n        protection: (%ld", zone->lowmem_reserve[0]);
	for (i = 1; i < printed_nr_zones(); i++)
		seq_printf(m, ", %ld", printed_lowmem_reserve(zone, i));
	seq_putc(m, ')');

	/* if unpopulated, no other information is useful */
	if (!populated_zone(zone)) {
		seq_putc(m, '\n');
		return;
	}

	seq_printf(m, "\n      %-12s %lu", "nr_free_pages",
		   zone_page_state(zone, NR_FREE_PAGES));
	seq_printf(m, "\n      %-12s %lu", "nr_free_cma",
		   zone_page_state(zone, NR_FREE_CMA_PAGES));
	seq_printf(m, "\n  pagesets");
	for_each_online_cpu(i) {
		struct per_cpu_pageset *pageset = per_cpu_ptr(zone->pageset, i);

		seq_printf(m, "\n    cpu: %i"
			   "\n              count: %i"
			   "\n              high:  %i"
			   "\n              batch: %i",
			   i, pageset->pcp.count, pageset->pcp.high,
			   pageset->pcp.batch);
		seq_printf(m, "\n  vm stats threshold: %d", pageset->stat_threshold);
	}
	/* model: no kswapd, so it never gives up on the node */
	seq_printf(m, "\n  node_unreclaimable:  %u"
		   "\n  start_pfn:           %lu",
		   0u, zone->zone_start_pfn);
	seq_putc(m, '\n');
}

void show_zoneinfo(FILE *out)
{
	struct seq_file m = { out };

	walk_zones_in_node(&m, NODE_DATA(0), false, zoneinfo_show_print);
	if (printed_config->zone_device)
		zoneinfo_show_print(&m, NODE_DATA(0), printed_device_zone());
}

static int calculate_normal_threshold(struct zone *zone)
{
	int threshold;
	int mem;	/* memory in 128 MiB units */

	mem = zone_managed_pages(zone) >> (27 - PAGE_SHIFT);
	threshold = 2 * fls(num_online_cpus()) * (1 + fls(mem));
	return min(125, threshold);
}

void refresh_zone_stat_thresholds(void)
{
	struct zone *zone;
	int cpu;

	for_each_populated_zone(zone) {
		int threshold;

		threshold = calculate_normal_threshold(zone);
		for_each_online_cpu(cpu)
			per_cpu_ptr(zone->pageset, cpu)->stat_threshold = threshold;
	}
}
