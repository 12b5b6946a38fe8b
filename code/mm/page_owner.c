/*
 * The page owner record, kept always.  5.10 records stack traces here;
 * the model records only whether each page is allocated, and its own two
 * marks: leaked, and PageBuddy lost to bad_page().
 */
#include <stdlib.h>
#include <linux/mm.h>
#include <linux/page_ext.h>
#include <linux/page_owner.h>

struct page_ext *page_ext_table;

bool page_ext_init(unsigned long nr_pages)
{
	page_ext_table = calloc(nr_pages, sizeof(*page_ext_table));
	return page_ext_table != NULL;
}

void page_ext_free(void)
{
	free(page_ext_table);
	page_ext_table = NULL;
}

void set_page_owner(struct page *page, unsigned int order, gfp_t gfp_mask)
{
	(void)gfp_mask;
	for (unsigned long i = 0; i < (1UL << order); i++)
		lookup_page_ext(page + i)->flags =
			1UL << PAGE_EXT_OWNER | 1UL << PAGE_EXT_OWNER_ALLOCATED;
}

void reset_page_owner(struct page *page, unsigned int order)
{
	for (unsigned long i = 0; i < (1UL << order); i++)
		lookup_page_ext(page + i)->flags &= ~(1UL << PAGE_EXT_OWNER_ALLOCATED);
}

void dump_page_owner(struct page *page)
{
	(void)page;	/* page_owner=on is not given: 5.10 prints nothing */
}

/* a block that failed its checks: its owned pages now belong to no one */
void page_leaked(struct page *page, unsigned int order)
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

void free_page_leaked(struct page *page, unsigned int order)
{
	for (unsigned long i = 0; i < (1UL << order); i++)
		lookup_page_ext(page + i)->flags |= 1UL << PAGE_EXT_LEAKED;
}

void page_bad_while_free(struct page *page)
{
	lookup_page_ext(page)->flags |= 1UL << PAGE_EXT_BAD_WHILE_FREE;
}


/* is this free block on the isolate list of its order? */
static bool on_isolate_list(struct zone *zone, struct page *page, unsigned int order)
{
	struct list_head *head = &zone->free_area[order].free_list[MIGRATE_ISOLATE];
	unsigned long seen = 0;

	for (struct list_head *l = head->next; l != head && seen++ < zone->spanned_pages;
	     l = l->next)
		if (l == &page->lru)
			return true;
	return false;
}

/*
 * 5.10 is about to unlink or move this free block, and counts it in
 * NR_FREE_PAGES as if it lay on the isolated side of the line or not.
 * Record the difference when it lies on the other side.
 */
void sim_note_list_side(struct zone *zone, struct page *page, unsigned int order,
			bool counted_isolated)
{
	bool isolated = on_isolate_list(zone, page, order);

	if (isolated != counted_isolated)
		sim_free_pages_drift[zone_idx(zone)] += isolated ? -(1UL << order) : 1UL << order;
}

/* the blocks move_freepages_block() will move, as its caller counts them */
void sim_note_pageblock_sides(struct zone *zone, struct page *page, bool counted_isolated)
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
		sim_note_list_side(zone, p, page_private(p), counted_isolated);
		pfn += 1UL << page_private(p);
	}
}
