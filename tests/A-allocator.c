/* Appendix A: the model's allocator leaves pages as 5.10's does. */
#include "helpers.h"

Test(alloc, leaves_the_state_of_the_real_allocator, .init = boot_1g, .fini = machine_off)
{
	struct page *page = alloc_pages(GFP_KERNEL, 3);

	cr_assert_eq(page_ref_count(page), 1, "one reference on the first page");
	for (int i = 1; i < 8; i++)
		cr_assert_eq(page_ref_count(page + i), 0, "none on the others");
	for (int i = 0; i < 8; i++) {
		cr_assert_not(PageBuddy(page + i));
		cr_assert_eq(page_private(page + i), 0UL);
		cr_assert(page_ext_test(page + i, PAGE_EXT_OWNER_ALLOCATED));
	}
	cr_assert_not(PageHead(page), "not compound without __GFP_COMP");
}

Test(alloc, compound_pages_are_prepared, .init = boot_1g, .fini = machine_off)
{
	struct page *page = alloc_pages(GFP_KERNEL | __GFP_COMP, 3);

	cr_assert(PageHead(page));
	cr_assert_eq(compound_order(page), 3U);
	for (int i = 1; i < 8; i++) {
		cr_assert(PageTail(page + i));
		cr_assert_eq(compound_head(page + i), page);
	}
	cr_assert_eq((void *)page[3].mapping, TAIL_MAPPING);
	cr_assert_eq(compound_mapcount(page), 0);
}

Test(alloc, takes_the_smallest_block_from_the_head, .init = boot_1g, .fini = machine_off)
{
	/* after boot DMA32's smallest movable block is the order-1 one at the end */
	struct page *page = alloc_pages(GFP_HIGHUSER_MOVABLE, 1);

	cr_assert_eq(page_to_pfn(page), 0x3eff8UL);
	page = alloc_pages(GFP_HIGHUSER_MOVABLE, 10);
	cr_assert_eq(page_to_pfn(page), 0x3000UL, "the first order-10 block on the list");
}

Test(alloc, expand_puts_back_the_halves, .init = boot_1g, .fini = machine_off)
{
	struct page *page = alloc_pages(GFP_HIGHUSER_MOVABLE, 9);	/* boot's one order-9 block */

	cr_assert(!is_free_block(page_to_pfn(page), 9));
	page = alloc_pages(GFP_HIGHUSER_MOVABLE, 9);		/* now an order-10 block splits */
	cr_assert_eq(page_to_pfn(page), 0x3000UL);
	cr_assert(is_free_block(0x3200, 9), "the other half, back on the list");
	CHECK();
}

Test(alloc, order_0_refills_a_batch, .init = boot_1g, .fini = machine_off)
{
	struct zone *zone = zone_of(0x10000);

	STEP(alloc_pages(GFP_HIGHUSER_MOVABLE, 0));
	cr_assert_eq(pcp_count(0, zone), 62, "a batch of 63 came over; one was taken");
}

Test(alloc, unmovable_fallback_claims_a_pageblock, .init = boot_1g, .fini = machine_off)
{
	struct page *page;

	STEP(page = alloc_pages(GFP_KERNEL, 4));
	cr_assert_eq(get_pageblock_migratetype(page), MIGRATE_UNMOVABLE,
		     "no unmovable blocks at boot: a movable pageblock is claimed");
	for (unsigned long pfn = page_to_pfn(page) + 16; pfn < ALIGN(page_to_pfn(page) + 1, 1024);) {
		unsigned int order = buddy_order(pfn_to_page(pfn));

		cr_assert_eq(free_block_type(pfn, order), MIGRATE_UNMOVABLE,
			     "the rest of the stolen block, pfn %#lx", pfn);
		pfn += 1UL << order;
	}
}

Test(alloc, fails_only_when_nothing_is_free, .fini = machine_off)
{
	unsigned long n = 0;

	boot(64 * MiB, 1);
	while (alloc_pages(GFP_KERNEL, 0))
		n++;
	CHECK();
	{
		struct sim_census c;

		sim_census(&c);
		cr_assert_eq(c.buddy + c.pcp, 0UL, "every free page was handed out");
		cr_assert_eq(n, c.managed);
	}
	cr_assert_null(alloc_pages(GFP_KERNEL, 0));
}

Test(alloc, never_from_an_isolated_pageblock, .fini = machine_off)
{
	unsigned long iso = 0x4000;
	struct page *page;

	boot(64 * MiB, 1);
	model_take_block(iso ^ 0x200, 9, 0);
	STEP(set_migratetype_isolate(pfn_to_page(iso)));
	while ((page = alloc_pages(GFP_HIGHUSER_MOVABLE, 0)))
		cr_assert(page_to_pfn(page) < iso || page_to_pfn(page) >= iso + 0x200,
			  "pfn %#lx is in the isolated pageblock", page_to_pfn(page));
	CHECK();
}

static unsigned long first_pfn(struct list_head *list)
{
	return page_to_pfn(list_first_entry(list, struct page, lru));
}

static unsigned long last_pfn(struct list_head *list)
{
	return page_to_pfn(list_entry(list->prev, struct page, lru));
}

/* move_to_free_list and __putback_isolated_page put blocks at the tail */
Test(alloc, pageblock_moves_go_to_the_tail, .init = boot_1g, .fini = machine_off)
{
	struct zone *zone = zone_of(0x3000);
	struct list_head *iso9 = &zone->free_area[9].free_list[MIGRATE_ISOLATE];
	struct list_head *mov9 = &zone->free_area[9].free_list[MIGRATE_MOVABLE];
	struct list_head *mov10 = &zone->free_area[10].free_list[MIGRATE_MOVABLE];

	take(0x3000, 9);		/* leaves 0x3200 free at order 9 */
	take(0x3400, 9);		/* leaves 0x3600 free at order 9 */
	STEP(cr_assert_eq(set_migratetype_isolate(pfn_to_page(0x3200)), 0));
	STEP(cr_assert_eq(set_migratetype_isolate(pfn_to_page(0x3600)), 0));
	cr_assert_eq(first_pfn(iso9), 0x3200UL);
	cr_assert_eq(last_pfn(iso9), 0x3600UL, "moved to the tail of the isolate list");
	CHECK();

	STEP(unset_migratetype_isolate(pfn_to_page(0x3200), MIGRATE_MOVABLE));
	STEP(unset_migratetype_isolate(pfn_to_page(0x3600), MIGRATE_MOVABLE));
	cr_assert_eq(last_pfn(mov9), 0x3600UL, "moved back to the tail");

	/* a block whose buddy is free is freed again, to the tail, and merges */
	STEP(__free_pages(pfn_to_page(0x3000), 9));
	cr_assert_eq(first_pfn(mov10), 0x3000UL, "an ordinary order-10 free: the head");
	take(0x3000, 10);
	STEP(cr_assert_eq(set_migratetype_isolate(pfn_to_page(0x3600)), 0));
	STEP(__free_pages(pfn_to_page(0x3400), 9));	/* cannot merge with isolated 0x3600 */
	STEP(unset_migratetype_isolate(pfn_to_page(0x3600), MIGRATE_MOVABLE));
	cr_assert(is_free_block(0x3400, 10));
	cr_assert_eq(last_pfn(mov10), 0x3400UL, "__putback_isolated_page: to the tail");
}

/*
 * No free block of a pageblock's size is left: the unmovable request
 * steals a smaller movable block, and moves every free block of its
 * pageblock to the unmovable lists with it.
 */
Test(alloc, steal_moves_every_free_block_of_the_pageblock, .fini = machine_off)
{
	struct page *page;
	unsigned long base, moved = 0;

	boot(64 * MiB, 1);
	while (alloc_pages(GFP_HIGHUSER_MOVABLE, 10))
		;
	while (alloc_pages(GFP_HIGHUSER_MOVABLE, 9))
		;
	CHECK();
	STEP(page = alloc_pages(GFP_KERNEL, 3));
	cr_assert_not_null(page);
	base = page_to_pfn(page) & ~(pageblock_nr_pages - 1);
	for (unsigned long pfn = base; pfn < base + pageblock_nr_pages;) {
		struct page *p = pfn_to_page(pfn);

		if (!PageBuddy(p)) {
			pfn++;
			continue;
		}
		cr_assert_eq(free_block_type(pfn, buddy_order(p)), MIGRATE_UNMOVABLE,
			     "pfn %#lx order %lu", pfn, buddy_order(p));
		moved++;
		pfn += 1UL << buddy_order(p);
	}
	cr_assert_gt(moved, 1UL, "more than the block taken");
}

/* a page on a per-CPU list is not checked again as it is handed out */
Test(alloc, order_0_is_not_checked_as_it_leaves_the_list, .init = boot_1g, .fini = machine_off)
{
	struct page *page, *again;

	STEP(page = alloc_pages(GFP_HIGHUSER_MOVABLE, 0));
	STEP(__free_pages(page, 0));		/* at the head of this CPU's list */
	atomic_set(&page->_refcount, -1);	/* a stale put on a free page */
	STEP(again = alloc_pages(GFP_HIGHUSER_MOVABLE, 0));
	cr_assert_eq(again, page, "handed out again");
	cr_assert_str_eq(console(), "", "unchecked: nothing is said");
	cr_assert_eq(page_ref_count(again), 1, "prep_new_page sets the count to 1");
}

/* prep_new_page ends with clear_page_pfmemalloc(), which sets index to 0 */
Test(alloc, new_pages_have_index_0, .init = boot_1g, .fini = machine_off)
{
	struct page *single, *block;

	STEP(single = alloc_pages(GFP_HIGHUSER_MOVABLE, 0));
	STEP(block = alloc_pages(GFP_HIGHUSER_MOVABLE, 3));
	cr_assert_eq(single->index, 0UL,
		     "5.10 clears index; the refill left the migratetype (%lu) there", single->index);
	cr_assert_eq(block->index, 0UL,
		     "5.10 clears index; __rmqueue_smallest left the migratetype (%lu) there", block->index);
	STEP(single = model_take_block(0x10000, 0, 0));
	cr_assert_eq(single->index, 0UL, "a block taken for a test is prepared the same way");
}

/*
 * check_new_page tests PAGE_FLAGS_CHECK_AT_PREP | __PG_HWPOISON.  An
 * order-1 block with a poisoned page passes the free checks (chapter 7);
 * at allocation it is dropped without a report, and another block is used.
 */
Test(alloc, poisoned_block_is_dropped_without_a_report, .init = boot_1g, .fini = machine_off)
{
	const unsigned long p = 0x10000;
	struct sim_census c0, c1;
	struct page *got;

	take(p, 1); take(p + 2, 1); take(p + 4, 2);	/* no merge, and not merge-likely */
	SetPageHWPoison(pfn_to_page(p + 1));
	STEP(__free_pages(pfn_to_page(p), 1));
	cr_assert(is_free_block(p, 1), "freed, poison and all, at the head of its list");
	sim_census(&c0);
	STEP(got = alloc_pages(GFP_HIGHUSER_MOVABLE, 1));
	sim_census(&c1);
	cr_assert_neq(got, pfn_to_page(p), "5.10 does not hand out a poisoned block");
	cr_assert_not(PageHWPoison(got) || PageHWPoison(got + 1));
	cr_assert_str_eq(console(), "", "a poisoned page is dropped without a report");
	cr_assert_eq(c1.leaked - c0.leaked, 2UL, "the block is kept out of use");
	cr_assert_eq(atomic_read(&pfn_to_page(p + 1)->_mapcount), -1, "its mapcount reset");
	cr_assert_eq(sim_free_pages_drift[ZONE_DMA32], 2UL, "and left in NR_FREE_PAGES, as any bad block");
}

/* at a refill, a poisoned page is dropped as it leaves the buddy lists */
Test(alloc, poisoned_page_is_dropped_at_the_refill, .init = boot_1g, .fini = machine_off)
{
	const unsigned long p = 0x10000;
	struct zone *zone = zone_of(p);
	unsigned long pfns[64];
	struct page *got;
	int n;

	take(p, 1); take(p + 2, 1); take(p + 4, 2);
	STEP(model_set_pageblock_type(pfn_to_page(p), MIGRATE_RECLAIMABLE));
	SetPageHWPoison(pfn_to_page(p + 1));
	STEP(__free_pages(pfn_to_page(p), 1));	/* the smallest reclaimable block */
	STEP(got = alloc_pages(GFP_KERNEL | __GFP_RECLAIMABLE, 0));
	cr_assert_eq(got, pfn_to_page(p), "the refill split the block and took its first page");
	n = pcp_pfns(0, zone, MIGRATE_RECLAIMABLE, pfns, 64);
	for (int i = 0; i < n; i++)
		cr_assert_neq(pfns[i], p + 1, "the poisoned page is not put on the per-CPU list");
	cr_assert(page_ext_test(pfn_to_page(p + 1), PAGE_EXT_LEAKED));
	cr_assert_str_eq(console(), "", "without a report");
	cr_assert_eq(sim_free_pages_drift[ZONE_DMA32], 0UL, "a refill counts every page it took");
}

/*
 * move_freepages counts, among the pages in use, those that could be
 * migrated: on the LRU, or movable without it (a mapping tagged
 * PAGE_MAPPING_MOVABLE, as zsmalloc and balloon pages are).
 */
Test(alloc, move_freepages_counts_lru_and_non_lru_movable_pages, .init = boot_1g, .fini = machine_off)
{
	const unsigned long p = 0x10000;
	static long ops_owner;			/* stands for the driver's address_space */
	struct zone *zone = zone_of(p);
	unsigned long flags;
	int moved, movable;

	SetPageLRU(take(p, 0));
	take(p + 1, 0)->mapping = (struct address_space *)((unsigned long)&ops_owner |
							    PAGE_MAPPING_MOVABLE);
	take(p + 2, 0);					/* in use, not movable */
	spin_lock_irqsave(&zone->lock, flags);
	moved = move_freepages_block(zone, pfn_to_page(p), MIGRATE_MOVABLE, &movable);
	spin_unlock_irqrestore(&zone->lock, flags);
	cr_assert_eq(moved, 509, "the pageblock's free pages");
	cr_assert_eq(movable, 2, "PageLRU(page) || __PageMovable(page): 2 pages, not %d", movable);
	pfn_to_page(p)->flags &= ~(1UL << PG_lru);
	pfn_to_page(p + 1)->mapping = NULL;
}

/*
 * 5.10's unset_migratetype_isolate tests only order >= pageblock_order, so
 * a free order-10 block goes through __isolate_free_page, whose loop makes
 * each pageblock of the block MOVABLE unless ISOLATE, CMA or HIGHATOMIC.
 */
static int upper_type_after_unisolating(int upper_type)
{
	const unsigned long p = 0x10000;
	struct zone *zone = zone_of(p);
	struct list_head *mov10 = &zone->free_area[10].free_list[MIGRATE_MOVABLE];

	cr_assert(is_free_block(p, MAX_ORDER - 1));
	STEP(model_set_pageblock_type(pfn_to_page(p + 512), upper_type));
	STEP(cr_assert_eq(set_migratetype_isolate(pfn_to_page(p)), 0));
	cr_assert_eq(free_block_type(p, MAX_ORDER - 1), MIGRATE_ISOLATE, "the whole block moved");
	STEP(unset_migratetype_isolate(pfn_to_page(p), MIGRATE_MOVABLE));
	cr_assert_eq(free_block_type(p, MAX_ORDER - 1), MIGRATE_MOVABLE);
	cr_assert_eq(last_pfn(mov10), p, "freed again, to the tail");
	cr_assert_eq(get_pageblock_migratetype(pfn_to_page(p)), MIGRATE_MOVABLE);
	cr_assert_eq(sim_free_pages_drift[ZONE_DMA32], 0UL);
	return get_pageblock_migratetype(pfn_to_page(p + 512));
}

Test(alloc, unisolating_an_order_10_block_makes_its_other_pageblock_movable, .init = boot_1g, .fini = machine_off)
{
	cr_assert_eq(upper_type_after_unisolating(MIGRATE_UNMOVABLE), MIGRATE_MOVABLE,
		     "__isolate_free_page's loop turns an unmovable pageblock movable");
}

Test(alloc, unisolating_an_order_10_block_keeps_cma_and_highatomic, .init = boot_1g, .fini = machine_off)
{
	cr_assert_eq(upper_type_after_unisolating(MIGRATE_CMA), MIGRATE_CMA);
	machine_off();
	boot_1g();
	cr_assert_eq(upper_type_after_unisolating(MIGRATE_HIGHATOMIC), MIGRATE_HIGHATOMIC);
}

/*
 * Every free block of order 3, in pageblocks of type mt: all of 64 MiB is
 * taken as order-3 blocks, and one block in every `every` is given back,
 * from the top down, so none can merge and the lowest is at each head.
 * The pages kept get PG_lru when lru is set: in use, movable.
 */
static void only_order_3_free(int mt, unsigned long every, bool lru)
{
	static unsigned long pfns[1 << 13];
	unsigned long n = 0;
	struct page *page;

	boot(64 * MiB, 1);
	while ((page = alloc_pages(GFP_HIGHUSER_MOVABLE, 3)))
		pfns[n++] = page_to_pfn(page);
	cr_assert_gt(n, 500UL, "%lu", n);
	while (n--) {
		if ((pfns[n] >> 3) % every == 0)
			__free_pages(pfn_to_page(pfns[n]), 3);
		else if (lru)
			for (int i = 0; i < 8; i++)
				SetPageLRU(pfn_to_page(pfns[n] + i));
	}
	for (unsigned long pfn = 0x1000; pfn < max_pfn; pfn += pageblock_nr_pages)
		if (get_pageblock_migratetype(pfn_to_page(pfn)) != (unsigned long)mt)
			model_set_pageblock_type(pfn_to_page(pfn), mt);
	CHECK();
}

/* a movable request steals a whole pageblock only from an order of 4 up */
Test(alloc, movable_request_steals_a_single_block_below_order_4, .fini = machine_off)
{
	struct page *page;

	only_order_3_free(MIGRATE_UNMOVABLE, 2, false);
	STEP(page = alloc_pages(GFP_HIGHUSER_MOVABLE, 2));
	cr_assert_not_null(page);
	cr_assert_eq(get_pageblock_migratetype(page), MIGRATE_UNMOVABLE,
		     "an order-3 block cannot be stolen whole: the pageblock stays");
	cr_assert_eq(free_block_type(page_to_pfn(page) + 4, 2), MIGRATE_MOVABLE,
		     "the other half goes on the movable list");
}

/* a steal claims the pageblock only if half of it is free or alike */
Test(alloc, steal_claims_a_pageblock_only_when_half_is_free_or_alike, .fini = machine_off)
{
	struct page *page;

	only_order_3_free(MIGRATE_MOVABLE, 4, true);	/* a quarter free, the rest lru */
	STEP(page = alloc_pages(GFP_KERNEL, 1));
	cr_assert_not_null(page);
	cr_assert_eq(get_pageblock_migratetype(page), MIGRATE_MOVABLE,
		     "128 free pages and 384 movable ones: not claimed");
	machine_off();
	only_order_3_free(MIGRATE_MOVABLE, 2, true);	/* half free */
	STEP(page = alloc_pages(GFP_KERNEL, 1));
	cr_assert_eq(get_pageblock_migratetype(page), MIGRATE_UNMOVABLE, "256 free: claimed");
}
