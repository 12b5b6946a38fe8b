// SPDX-License-Identifier: GPL-2.0
/* harness: who owns each page, and 5.10's drift of NR_FREE_PAGES */
#include <string.h>
#include <linux/mm.h>
#include <linux/page_ext.h>
#include "sim/ledger.h"

/* a block that failed its checks: its owned pages now belong to no one */
static void page_leaked(struct page *page, unsigned int order)
{
	for (unsigned long i = 0; i < (1UL << order); i++) {
		struct page_ext *ext = lookup_page_ext(page + i);

		if (ext->flags & (1UL << PAGE_EXT_OWNER_ALLOCATED))
			ext->flags = (ext->flags & ~(1UL << PAGE_EXT_OWNER_ALLOCATED)) |
				     1UL << PAGE_EXT_LEAKED;
	}
}

/*
 * Free pages taken off a list that failed their checks: they belong to no
 * one now.  Off the buddy lists they were still counted in NR_FREE_PAGES,
 * and 5.10 does not uncount them: the model records by how much.
 */
unsigned long sim_free_pages_drift[MAX_NR_ZONES];

static void free_page_leaked(struct page *page, unsigned int order)
{
	for (unsigned long i = 0; i < (1UL << order); i++)
		lookup_page_ext(page + i)->flags |= 1UL << PAGE_EXT_LEAKED;
}

static void page_bad_while_free(struct page *page)
{
	lookup_page_ext(page)->flags |= 1UL << PAGE_EXT_BAD_WHILE_FREE;
}

static void free_pages_drift(struct zone *zone, long nr_pages)
{
	sim_free_pages_drift[zone_idx(zone)] += nr_pages;
}

static void note_pageblock_sides(struct zone *zone, struct page *page, bool counted_isolated);

/* a new machine: the hooks set, no drift yet */
void sim_ledger_init(void)
{
	memset(sim_free_pages_drift, 0, sizeof(sim_free_pages_drift));
	model_hooks = (struct model_hooks){
		.free_would_corrupt = sim_free_block_would_corrupt,
		.page_leaked = page_leaked,
		.free_page_leaked = free_page_leaked,
		.page_bad_while_free = page_bad_while_free,
		.free_pages_drift = free_pages_drift,
		.pageblock_sides = note_pageblock_sides,
	};
}


/* the blocks move_freepages_block() will move, as its caller counts them */
static void note_pageblock_sides(struct zone *zone, struct page *page, bool counted_isolated)
{
	unsigned long start = page_to_pfn(page) & ~(pageblock_nr_pages - 1);
	unsigned long end = start + pageblock_nr_pages;

	if (!zone_spans_pfn(zone, end - 1))
		return;
	if (!zone_spans_pfn(zone, start))
		start = page_to_pfn(page);
	for (unsigned long pfn = start; pfn < end;) {
		struct page *p = pfn_to_page(pfn);

		if (!PageBuddy(p)) {
			pfn++;
			continue;
		}
		model_note_list_side(zone, pfn, page_private(p), counted_isolated);
		pfn += 1UL << page_private(p);
	}
}
