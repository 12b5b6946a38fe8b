// SPDX-License-Identifier: GPL-2.0
/* harness: the machine's state, printed as /proc prints it */
#include <linux/mm.h>
#include <linux/percpu.h>
#include "sim/machine.h"
#include "sim/show.h"

/* the free blocks that start in one of the ranges [start[i], end[i]) */
void show_free_blocks_in(FILE *out, int nr_ranges, const unsigned long *start,
			 const unsigned long *end)
{
	struct zone *zone;

	for_each_populated_zone(zone) {
		for (int order = 0; order < MAX_ORDER; order++)
			for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
				struct page *page;

				list_for_each_entry(page, &zone->free_area[order].free_list[mt], lru) {
					unsigned long pfn = page_to_pfn(page);
					int i = 0;

					while (i < nr_ranges && !(pfn >= start[i] && pfn < end[i]))
						i++;
					if (i < nr_ranges)
						fprintf(out, "zone=%s order=%d type=%s pfn=%#lx\n",
							zone->name, order, migratetype_names[mt], pfn);
				}
			}
	}
}

void show_freelist(FILE *out)
{
	unsigned long start = 0, end = ~0UL;

	show_free_blocks_in(out, 1, &start, &end);
}

void show_free_blocks(FILE *out, unsigned long start_pfn, unsigned long end_pfn)
{
	show_free_blocks_in(out, 1, &start_pfn, &end_pfn);
}

void show_pageblocks_in(FILE *out, int nr_ranges, const unsigned long *start,
			const unsigned long *end)
{
	for (int i = 0; i < nr_ranges; i++)
		for (unsigned long pfn = start[i] & ~(pageblock_nr_pages - 1); pfn < end[i];
		     pfn += pageblock_nr_pages)
			fprintf(out, "pageblock pfn=%#lx type=%s\n", pfn,
				migratetype_names[get_pageblock_migratetype(pfn_to_page(pfn))]);
}

static const char *const pcp_list_names[MIGRATE_PCPTYPES] = {
	"unmovable", "movable", "reclaimable"
};

void show_pcp(FILE *out)
{
	struct zone *zone;
	int cpu;

	for_each_online_cpu(cpu)
		for_each_populated_zone(zone) {
			struct per_cpu_pages *pcp;

			pcp = &per_cpu_ptr(zone->pageset, cpu)->pcp;
			fprintf(out, "cpu=%d zone=%s count=%d high=%d batch=%d",
				cpu, zone->name, pcp->count, pcp->high, pcp->batch);
			for (int mt = 0; mt < MIGRATE_PCPTYPES; mt++) {
				struct page *page;
				const char *sep = "";

				fprintf(out, " %s=[", pcp_list_names[mt]);
				list_for_each_entry(page, &pcp->lists[mt], lru) {
					fprintf(out, "%s%#lx", sep, page_to_pfn(page));
					sep = " ";
				}
				fputc(']', out);
			}
			fputc('\n', out);
		}
}

/* this CPU's lists, one count per populated zone, on one line */
void show_pcp_counts(FILE *out)
{
	struct zone *zone;

	fprintf(out, "cpu=%d", smp_processor_id());
	for_each_populated_zone(zone)
		fprintf(out, " %s=%d", zone->name, this_cpu_ptr(zone->pageset)->pcp.count);
	fputc('\n', out);
}
