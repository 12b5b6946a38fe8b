// SPDX-License-Identifier: GPL-2.0
/* harness: refuse a free that would corrupt the free lists */
/*
 * Model only: refuse a free that would corrupt the free lists, where
 * 5.10 without CONFIG_DEBUG_VM trusts its caller.
 */
#include <string.h>
#include <linux/mm.h>
#include <linux/page_ext.h>
#include <linux/printk.h>
#include "sim/ledger.h"
#include "sim/machine.h"

unsigned long sim_nr_refused;

/* the records of an allocated block of the largest order */
static const struct page_ext allocated[MAX_ORDER_NR_PAGES] = {
	[0 ... MAX_ORDER_NR_PAGES - 1] = { PAGE_EXT_ALLOCATED },
};

/* is every record exactly that of an allocated page: one pass */
static bool all_allocated(const struct page_ext *ext, unsigned int order)
{
	return memcmp(ext, allocated, sizeof(allocated[0]) << order) == 0;
}

bool sim_free_block_would_corrupt(struct page *page, unsigned int order)
{
	unsigned long pfn = page_to_pfn(page);
	unsigned long end = pfn + (1UL << order);
	struct zone *zone = page_zone(page);
	unsigned long bad = pfn;
	const char *why = NULL;

	if (pfn & ((1UL << order) - 1))
		why = "the block is not aligned to its order";
	else if (!zone_spans_pfn(zone, pfn) || !zone_spans_pfn(zone, end - 1) ||
		 page_zone_id(page) != page_zone_id(pfn_to_page(end - 1)))
		why = "the block does not lie within one zone";
	else if (all_allocated(lookup_page_ext(page), order))
		return false;		/* the usual case: nothing leaked */
	else
		for (bad = pfn; bad < end; bad++)
			if (!page_ext_owned(pfn_to_page(bad))) {
				why = PageReserved(pfn_to_page(bad))
				      ? "a page of it is reserved, never given to the allocator"
				      : "a page of it is not allocated (already free?)";
				break;
			}
	if (!why) {
		/* it will be freed: a page leaked before is leaked no more */
		for (unsigned long p = pfn; p < end; p++)
			lookup_page_ext(pfn_to_page(p))->flags &= ~(1UL << PAGE_EXT_LEAKED);
		return false;
	}
	printk(KERN_ERR "pagesim: refused to free pfn %#lx order %u: %s (pfn %#lx); "
	       "5.10 would corrupt its free lists here\n", pfn, order, why, bad);
	sim_nr_refused++;
	return true;
}
