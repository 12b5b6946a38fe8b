// SPDX-License-Identifier: GPL-2.0
/* harness: the invariants of the whole machine */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <linux/mm.h>
#include <linux/page_ext.h>
#include <linux/page-isolation.h>
#include <linux/vmstat.h>
#include "sim/check.h"
#include "sim/ledger.h"
#include "sim/machine.h"

enum { NOWHERE, IN_BLOCK, BLOCK_HEAD, ON_PCP };

static unsigned char *where;		/* per pfn */
static unsigned char *head_order;	/* per pfn: order of a block head */
static FILE *report;
static int violations;

static const char *place(unsigned long pfn)
{
	static const char *names[] = { "nowhere", "in a free block",
				       "heading a free block", "on a per-CPU list" };
	return names[where[pfn]];
}

static void violated(const char *invariant, unsigned long pfn, const char *fmt, ...)
{
	struct page *page = pfn_to_page(pfn);
	va_list ap;

	violations++;
	if (!report || violations > 20)
		return;
	fprintf(report, "invariant violated: %s: pfn %#lx: ", invariant, pfn);
	va_start(ap, fmt);
	vfprintf(report, fmt, ap);
	va_end(ap);
	fprintf(report, "\n  pfn %#lx: %s, PageBuddy %d, private %lu, refcount %d, "
		"page_type %#x, flags %#lx, pageblock %s\n", pfn, place(pfn),
		PageBuddy(page), page->private, page_ref_count(page),
		page->page_type, page->flags & ((1UL << NR_PAGEFLAGS) - 1),
		migratetype_names[get_pageblock_migratetype(page)]);
}

static bool is_page_link(struct list_head *l)
{
	unsigned long a = (unsigned long)l, v = (unsigned long)vmemmap;

	return a >= v && a < v + ALIGN(max_pfn, PAGES_PER_SECTION) * sizeof(struct page) &&
	       (a - v) % sizeof(struct page) == offsetof(struct page, lru);
}

static void check_free_lists(struct zone *zone)
{
	unsigned long free_pages = 0;

	for (unsigned int order = 0; order < MAX_ORDER; order++) {
		unsigned long blocks = 0;

		for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
			struct list_head *head = &zone->free_area[order].free_list[mt];

			for (struct list_head *l = head->next; l != head; l = l->next) {
				struct page *page;
				unsigned long pfn;

				if (!is_page_link(l) || blocks > zone->spanned_pages) {
					violated("free list intact", zone->zone_start_pfn,
						 "%s order %u %s list has a bad link %p",
						 zone->name, order, migratetype_names[mt], (void *)l);
					break;
				}
				page = list_entry(l, struct page, lru);
				pfn = page_to_pfn(page);
				blocks++;
				if (pfn & ((1UL << order) - 1))
					violated("free block aligned", pfn, "order %u block not aligned", order);
				else if (!zone_spans_pfn(zone, pfn + (1UL << order) - 1) || page_zone(page) != zone)
					violated("free block in its zone", pfn, "order %u block leaves %s",
						 order, zone->name);
				else {
					if (!PageBuddy(page) && !page_ext_test(page, PAGE_EXT_BAD_WHILE_FREE))
						violated("free block has PageBuddy", pfn, "on the %s order %u list",
							 migratetype_names[mt], order);
					if (page->private != order)
						violated("free block's private is its order", pfn,
							 "on the order %u list, private %lu", order, page->private);
					for (unsigned long p = pfn; p < pfn + (1UL << order); p++) {
						if (where[p] != NOWHERE)
							violated("one place per page", p, "also in the order %u block at %#lx",
								 order, pfn);
						where[p] = p == pfn ? BLOCK_HEAD : IN_BLOCK;
					}
					head_order[pfn] = order;
					if (!is_migrate_isolate(mt))
						free_pages += 1UL << order;
				}
			}
		}
		if (blocks != zone->free_area[order].nr_free)
			violated("nr_free counts the blocks", zone->zone_start_pfn,
				 "%s order %u: nr_free %lu, blocks on the lists %lu",
				 zone->name, order, zone->free_area[order].nr_free, blocks);
	}
	/* 5.10's own drift: bad blocks found at allocation stay counted */
	free_pages += sim_free_pages_drift[zone_idx(zone)];
	if (free_pages != zone_page_state(zone, NR_FREE_PAGES))
		violated("NR_FREE_PAGES counts the free pages", zone->zone_start_pfn,
			 "%s: NR_FREE_PAGES %lu, pages on the lists (not isolate) and drift %lu",
			 zone->name, zone_page_state(zone, NR_FREE_PAGES), free_pages);
}

static void check_pcp_lists(struct zone *zone)
{
	int cpu;

	for_each_online_cpu(cpu) {
		struct per_cpu_pages *pcp = &per_cpu_ptr(zone->pageset, cpu)->pcp;
		int count = 0;

		for (int mt = 0; mt < MIGRATE_PCPTYPES; mt++) {
			struct list_head *head = &pcp->lists[mt];

			for (struct list_head *l = head->next; l != head; l = l->next) {
				struct page *page;
				unsigned long pfn;

				if (!is_page_link(l) || count > pcp->count) {
					violated("per-CPU list intact", zone->zone_start_pfn,
						 "cpu %d %s list has a bad link", cpu,
						 migratetype_names[mt]);
					break;
				}
				page = list_entry(l, struct page, lru);
				pfn = page_to_pfn(page);
				count++;
				if (page_zone(page) != zone)
					violated("per-CPU page in its zone", pfn,
						 "on cpu %d's %s list", cpu, zone->name);
				if (where[pfn] != NOWHERE)
					violated("one place per page", pfn, "also on cpu %d's list", cpu);
				where[pfn] = ON_PCP;
			}
		}
		if (count != pcp->count)
			violated("pcp count counts its lists", zone->zone_start_pfn,
				 "cpu %d %s: count %d, pages on the lists %d",
				 cpu, zone->name, pcp->count, count);
	}
}

static void check_buddy_marks(size_t n)
{
	for (unsigned long pfn = 0; pfn < n; pfn++)
		if (PageBuddy(pfn_to_page(pfn)) && where[pfn] != BLOCK_HEAD)
			violated("PageBuddy means on a free list", pfn, "PageBuddy but %s",
				 place(pfn));
}

static inline bool isolation_forbids(unsigned long pfn, unsigned long buddy,
				     unsigned int order)
{
	int mt = get_pageblock_migratetype(pfn_to_page(pfn));
	int buddy_mt = get_pageblock_migratetype(pfn_to_page(buddy));

	return order == pageblock_order &&
	       (is_migrate_isolate(mt) || is_migrate_isolate(buddy_mt));
}

static void check_merges(size_t n)
{
	for (unsigned long pfn = 0; pfn < n; pfn++) {
		unsigned int order = head_order[pfn];
		unsigned long buddy = pfn ^ (1UL << order);

		if (where[pfn] != BLOCK_HEAD || order >= MAX_ORDER - 1 || buddy < pfn)
			continue;
		if (where[buddy] != BLOCK_HEAD || head_order[buddy] != order ||
		    page_zone_id(pfn_to_page(pfn)) != page_zone_id(pfn_to_page(buddy)))
			continue;
		if (isolation_forbids(pfn, buddy, order) ||
		    page_ext_test(pfn_to_page(pfn), PAGE_EXT_BAD_WHILE_FREE) ||
		    page_ext_test(pfn_to_page(buddy), PAGE_EXT_BAD_WHILE_FREE))
			continue;
		violated("no missed merge", pfn, "free at order %u, and so is its buddy %#lx",
			 order, buddy);
	}
}

void sim_census(struct sim_census *c)
{
	struct zone *zone;

	memset(c, 0, sizeof(*c));
	for_each_populated_zone(zone) {
		int cpu;

		c->managed += zone_managed_pages(zone);
		for (unsigned int order = 0; order < MAX_ORDER; order++)
			c->buddy += zone->free_area[order].nr_free << order;
		for_each_online_cpu(cpu)
			c->pcp += per_cpu_ptr(zone->pageset, cpu)->pcp.count;
	}
	for (unsigned long pfn = 0; pfn < max_pfn; pfn++) {
		struct page *page = pfn_to_page(pfn);

		c->allocated += page_ext_test(page, PAGE_EXT_OWNER_ALLOCATED);
		c->leaked += page_ext_test(page, PAGE_EXT_LEAKED);
	}
}

static void check_conservation(size_t n)
{
	struct sim_census c;

	for (unsigned long pfn = 0; pfn < n; pfn++) {
		struct page *page = pfn_to_page(pfn);
		bool allocated = page_ext_test(page, PAGE_EXT_OWNER_ALLOCATED);
		bool leaked = page_ext_test(page, PAGE_EXT_LEAKED);

		if (allocated && leaked)
			violated("one place per page", pfn, "both allocated and leaked");
		if ((allocated || leaked) && where[pfn] != NOWHERE)
			violated("one place per page", pfn, "%s but %s",
				 allocated ? "allocated" : "leaked", place(pfn));
	}
	sim_census(&c);
	if (c.buddy + c.pcp + c.allocated + c.leaked != c.managed)
		violated("conservation", 0,
			 "managed %lu != free %lu + per-CPU %lu + allocated %lu + leaked %lu",
			 c.managed, c.buddy, c.pcp, c.allocated, c.leaked);
}

unsigned long sim_free_blocks_without_pagebuddy(unsigned long *first)
{
	struct pglist_data *pgdat = NODE_DATA(0);
	unsigned long n = 0;

	for (int z = 0; z < MAX_NR_ZONES; z++)
		for (unsigned int order = 0; order < MAX_ORDER; order++)
			for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
				struct list_head *head =
					&pgdat->node_zones[z].free_area[order].free_list[mt];

				for (struct list_head *l = head->next; l != head; l = l->next)
					if (!PageBuddy(list_entry(l, struct page, lru)) && !n++)
						*first = page_to_pfn(list_entry(l, struct page, lru));
			}
	return n;
}

int sim_check(FILE *out)
{
	struct zone *zone;
	size_t n = ALIGN(max_pfn, PAGES_PER_SECTION);
	unsigned char *seen = model_cost_seen;	/* the checker's reads cost nothing */

	model_cost_seen = NULL;
	report = out;
	violations = 0;
	where = calloc(n, 1);
	head_order = calloc(n, 1);
	if (!where || !head_order) {
		free(where);
		free(head_order);
		model_cost_seen = seen;
		return -1;
	}
	for_each_populated_zone(zone) {
		check_free_lists(zone);
		check_pcp_lists(zone);
	}
	check_buddy_marks(n);
	check_merges(n);
	check_conservation(n);
	free(where);
	free(head_order);
	where = head_order = NULL;
	model_cost_seen = seen;
	return violations;
}
