/* Chapter 10: the checker finds each broken invariant; 5.10's own drift. */
#include <string.h>
#include "helpers.h"

#define P 0x10000UL

/* run the checker and return its report, which must name the invariant */
static char *broken(void)
{
	static char *text;
	size_t len = 0;
	FILE *f;

	free(text);
	text = NULL;
	f = open_memstream(&text, &len);
	cr_assert_gt(sim_check(f), 0, "the checker must find the broken invariant");
	fclose(f);
	return text;
}

static void expect(const char *invariant, const char *pfn)
{
	char *report = broken();

	cr_assert(strstr(report, invariant), "expected '%s' in:\n%s", invariant, report);
	cr_assert(strstr(report, pfn), "expected '%s' in:\n%s", pfn, report);
	cr_assert(strstr(report, "\n  pfn "), "and the state around it:\n%s", report);
}

TestSuite(check, .init = boot_1g, .fini = machine_off);

Test(check, a_healthy_machine_passes)
{
	cr_assert_eq(sim_check(stderr), 0);
}

Test(check, stray_pagebuddy)
{
	take(P, 0);
	__SetPageBuddy(pfn_to_page(P));
	expect("invariant violated: PageBuddy means on a free list", "pfn 0x10000");
}

Test(check, free_block_without_pagebuddy)
{
	__ClearPageBuddy(pfn_to_page(P));
	expect("free block has PageBuddy", "pfn 0x10000");
}

Test(check, free_block_with_wrong_order)
{
	pfn_to_page(P)->private = 9;
	expect("free block's private is its order", "pfn 0x10000");
}

Test(check, nr_free_off_by_one)
{
	zone_of(P)->free_area[3].nr_free++;
	expect("nr_free counts the blocks", "DMA32 order 3");
}

Test(check, nr_free_pages_off_by_one)
{
	__mod_zone_page_state(zone_of(P), NR_FREE_PAGES, 1);
	expect("NR_FREE_PAGES counts the free pages", "DMA32");
}

Test(check, pcp_count_off_by_one)
{
	per_cpu_ptr(zone_of(P)->pageset, 1)->pcp.count++;
	expect("pcp count counts its lists", "cpu 1 DMA32");
}

Test(check, page_in_two_places)
{
	struct page *page = take(P, 0);

	__free_pages(page, 0);			/* on the per-CPU list */
	lookup_page_ext(page)->flags |= 1UL << PAGE_EXT_OWNER_ALLOCATED;
	expect("one place per page", "pfn 0x10000");
}

Test(check, missed_merge)
{
	struct zone *zone = zone_of(P);

	take(P, 0); take(P + 1, 0);
	/* put both back by hand, without merging them */
	for (unsigned long pfn = P; pfn < P + 2; pfn++) {
		struct page *page = pfn_to_page(pfn);

		reset_page_owner(page, 0);
		set_page_count(page, 0);
		set_page_private(page, 0);
		__SetPageBuddy(page);
		list_add(&page->lru, &zone->free_area[0].free_list[MIGRATE_MOVABLE]);
		zone->free_area[0].nr_free++;
		__mod_zone_freepage_state(zone, 1, MIGRATE_MOVABLE);
	}
	expect("no missed merge", "pfn 0x10000");
}

Test(check, lost_page)
{
	take(P, 0);
	reset_page_owner(pfn_to_page(P), 0);	/* neither allocated, free, nor leaked */
	expect("conservation", "allocated");
}

Test(check, corrupt_free_list_link)
{
	take(P, 1);				/* P+2 heads a free order-1 block */
	pfn_to_page(P + 2)->lru.next = LIST_POISON1;
	expect("free list intact", "bad link");
}

/*
 * 5.10's own drift, shown and let pass.  A stale free of a block whose
 * second half heads a free block: bad_page() wipes PageBuddy but the block
 * stays on its list, in nr_free and in NR_FREE_PAGES.
 */
TestSuite(drift, .init = boot_1g, .fini = machine_off);

Test(drift, bad_page_leaves_a_free_block_without_pagebuddy)
{
	struct page *page = take(P, 2), *got = NULL;

	take(P + 4, 2);
	STEP(__free_pages(page, 2));
	take(P, 1);
	STEP(__free_pages(page, 2));		/* the stale free: P+2 is reported */
	cr_assert(strstr(console(), "page dumped because: nonzero mapcount"));
	cr_assert_not(PageBuddy(pfn_to_page(P + 2)));
	cr_assert_eq(free_block_type(P + 2, 1), MIGRATE_MOVABLE, "still on its free list");
	cr_assert(page_ext_test(pfn_to_page(P + 2), PAGE_EXT_BAD_WHILE_FREE), "and marked");
	/* its buddy comes free, and cannot merge with it: exempt, so CHECK passes */
	set_page_count(page, 1);
	STEP(__free_pages(page, 1));
	cr_assert(is_free_block(P, 1));
	cr_assert_eq(free_block_type(P + 2, 1), MIGRATE_MOVABLE, "two free buddies, unmerged");
	/* the allocator takes it off the list as usual; the mark goes with it */
	for (int i = 0; i < 8 && got != pfn_to_page(P + 2); i++)
		STEP(got = alloc_pages(GFP_HIGHUSER_MOVABLE, 1));
	cr_assert_eq(got, pfn_to_page(P + 2));
	cr_assert_not(page_ext_test(got, PAGE_EXT_BAD_WHILE_FREE));
}

/*
 * NR_FREE_CMA_PAGES follows the migratetype a block is freed and allocated
 * with.  A CMA pageblock merged at order 9 with a movable one, then taken
 * as movable, leaves 512 "free CMA pages" that do not exist.
 */
Test(drift, cma_count_survives_a_merge_across_pageblocks)
{
	struct zone *zone = zone_of(P);
	unsigned long cma0 = zone_page_state(zone, NR_FREE_CMA_PAGES);
	struct page *a = take(P, 9), *b = take(P + 0x200, 9), *merged;

	model_set_pageblock_type(a, MIGRATE_CMA);
	STEP(__free_pages(a, 9));		/* CMA: counted in NR_FREE_CMA_PAGES */
	cr_assert_eq(zone_page_state(zone, NR_FREE_CMA_PAGES), cma0 + 512);
	STEP(__free_pages(b, 9));		/* MOVABLE: merges, onto the MOVABLE list */
	cr_assert_eq(free_block_type(P, 10), MIGRATE_MOVABLE);
	STEP(merged = alloc_pages(GFP_HIGHUSER_MOVABLE, 10));	/* off the MOVABLE list */
	cr_assert_eq(merged, a, "the merged block was at the head");
	cr_assert_eq(zone_page_state(zone, NR_FREE_CMA_PAGES), cma0 + 512,
		     "the counter still claims 512 free CMA pages...");
	cr_assert(page_ext_test(a, PAGE_EXT_OWNER_ALLOCATED), "...all of which are allocated");
}

/* the pages on a zone's free lists other than the isolate lists */
static unsigned long listed_pages(struct zone *zone)
{
	unsigned long listed = 0;

	for (unsigned int o = 0; o < MAX_ORDER; o++)
		for (int mt = 0; mt < MIGRATE_TYPES; mt++)
			if (mt != MIGRATE_ISOLATE) {
				struct page *p;

				list_for_each_entry(p, &zone->free_area[o].free_list[mt], lru)
					listed += 1UL << o;
			}
	return listed;
}

/*
 * A bad block found at allocation: rmqueue drops it and tries another, and
 * only the block handed out leaves NR_FREE_PAGES.
 */
Test(drift, bad_block_at_allocation_stays_in_nr_free_pages)
{
	struct zone *zone = zone_of(P);
	struct sim_census c0, c1;
	struct page *got;

	take(P, 1); take(P + 2, 1); take(P + 4, 2);	/* no merge, and not merge-likely */
	STEP(__free_pages(pfn_to_page(P), 1));	/* P, order 1, at the head of its list */
	atomic_set(&pfn_to_page(P + 1)->_refcount, -1);	/* a stale put on a free page */
	sim_census(&c0);
	STEP(got = alloc_pages(GFP_HIGHUSER_MOVABLE, 1));
	sim_census(&c1);
	cr_assert(strstr(console(), "BUG: Bad page state in process pagesim  pfn:10001\n"), "%s", console());
	cr_assert_neq(got, pfn_to_page(P), "the bad block is skipped");
	cr_assert_eq(c1.leaked - c0.leaked, 2UL);
	cr_assert_eq(sim_free_pages_drift[ZONE_DMA32], 2UL, "5.10 leaves its 2 pages counted");
	cr_assert_eq(zone_page_state(zone, NR_FREE_PAGES), listed_pages(zone) + 2,
		     "NR_FREE_PAGES now exceeds the listed pages by the bad block");
}

/*
 * Isolating the upper pageblock of a free order-10 block moves nothing: its
 * first page is a tail.  Split the block, and the upper half sits on the
 * movable list inside the isolated pageblock.  A page freed there merges
 * with a buddy from that list, and NR_FREE_PAGES keeps the buddy's pages.
 */
Test(drift, isolating_half_a_free_block_drifts_at_the_merge)
{
	struct zone *zone = zone_of(P);

	cr_assert(is_free_block(P, MAX_ORDER - 1));
	STEP(cr_assert_eq(set_migratetype_isolate(pfn_to_page(P + 512)), 0));
	cr_assert(is_free_block(P, MAX_ORDER - 1), "nothing moved");
	cr_assert_eq(free_block_type(P, MAX_ORDER - 1), MIGRATE_MOVABLE);
	struct page *got = NULL;

	take(P, 9);
	cr_assert_eq(free_block_type(P + 512, 9), MIGRATE_MOVABLE, "in an isolated pageblock");
	for (int i = 0; i < 4 && got != pfn_to_page(P + 512); i++)
		STEP(got = alloc_pages(GFP_HIGHUSER_MOVABLE, 8));
	cr_assert_eq(got, pfn_to_page(P + 512), "the allocator splits it");
	cr_assert_eq(free_block_type(P + 768, 8), MIGRATE_MOVABLE, "and lists the rest as movable");
	cr_assert_eq(sim_free_pages_drift[ZONE_DMA32], 0UL);
	STEP(__free_pages(pfn_to_page(P + 512), 8));
	cr_assert_eq(free_block_type(P + 512, 9), MIGRATE_ISOLATE, "merged, onto the isolate list");
	cr_assert_eq(sim_free_pages_drift[ZONE_DMA32], 256UL, "the buddy's pages stay counted");
	cr_assert_eq(zone_page_state(zone, NR_FREE_PAGES), listed_pages(zone) + 256);
}

/*
 * Freeing the 512 pages of an isolated pageblock one by one, in a shuffled
 * order: each merges with buddies that are on the isolate list, and the
 * model sees so from page_ext (PAGE_EXT_ISOLATE_LIST), so nothing drifts.
 */
Test(drift, random_order_frees_into_an_isolated_pageblock_keep_the_count, .init = boot_1g,
     .fini = machine_off)
{
	struct zone *zone = zone_of(P);
	unsigned long order[512], seed = 12345;
	struct page *block = take(P, 9);

	for (int i = 0; i < 512; i++) {
		set_page_count(block + i, 1);
		order[i] = i;
	}
	STEP(cr_assert_eq(set_migratetype_isolate(block), 0));
	for (int i = 511; i > 0; i--) {
		unsigned long j, t;

		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		j = (seed >> 33) % (i + 1);
		t = order[i], order[i] = order[j], order[j] = t;
	}
	for (int i = 0; i < 512; i++)
		STEP(__free_pages(block + order[i], 0));
	cr_assert(is_free_block(P, 9), "the pageblock merged back into one block");
	cr_assert_eq(free_block_type(P, 9), MIGRATE_ISOLATE);
	cr_assert_eq(sim_free_pages_drift[ZONE_DMA32], 0UL, "every buddy was on the isolate list");
	cr_assert_eq(zone_page_state(zone, NR_FREE_PAGES), listed_pages(zone),
		     "isolated pages are not counted free");
}

/*
 * The same upper half, left on the movable list: un-isolating its
 * pageblock takes it off that list and frees it again, and counts its 512
 * pages a second time.
 */
Test(drift, unisolating_a_block_left_on_the_movable_list)
{
	struct zone *zone = zone_of(P);

	STEP(cr_assert_eq(set_migratetype_isolate(pfn_to_page(P + 512)), 0));
	take(P, 9);
	cr_assert_eq(free_block_type(P + 512, 9), MIGRATE_MOVABLE);
	STEP(unset_migratetype_isolate(pfn_to_page(P + 512), MIGRATE_MOVABLE));
	cr_assert_eq(free_block_type(P + 512, 9), MIGRATE_MOVABLE);
	cr_assert_eq(zone->nr_isolate_pageblock, 0UL);
	cr_assert_eq(sim_free_pages_drift[ZONE_DMA32], 512UL, "counted twice");
	cr_assert_eq(zone_page_state(zone, NR_FREE_PAGES), listed_pages(zone) + 512);
}

/*
 * The move path of the same: the upper half split by the allocator, its
 * first page allocated, so un-isolating moves the free rest, which never
 * left the movable list, and counts it again.
 */
Test(drift, unisolating_moves_a_block_it_believes_isolated)
{
	struct zone *zone = zone_of(P);
	struct page *got = NULL;

	STEP(cr_assert_eq(set_migratetype_isolate(pfn_to_page(P + 512)), 0));
	take(P, 9);
	for (int i = 0; i < 4 && got != pfn_to_page(P + 512); i++)
		STEP(got = alloc_pages(GFP_HIGHUSER_MOVABLE, 8));
	cr_assert_eq(got, pfn_to_page(P + 512));
	STEP(unset_migratetype_isolate(pfn_to_page(P + 512), MIGRATE_MOVABLE));
	cr_assert_eq(free_block_type(P + 768, 8), MIGRATE_MOVABLE);
	cr_assert_eq(sim_free_pages_drift[ZONE_DMA32], 256UL, "counted twice");
	cr_assert_eq(zone_page_state(zone, NR_FREE_PAGES), listed_pages(zone) + 256);
}

/*
 * The other way round.  Isolate the lower pageblock of a free order-10
 * block and the whole block moves to the isolate list.  Take its lower
 * half as take_page_off_buddy() does, and the upper half stays on the
 * isolate list in a pageblock that is not isolated.  Isolating that
 * pageblock then uncounts pages that were never counted.
 */
static void upper_half_on_the_isolate_list(void)
{
	STEP(cr_assert_eq(set_migratetype_isolate(pfn_to_page(P)), 0));
	cr_assert_eq(free_block_type(P, MAX_ORDER - 1), MIGRATE_ISOLATE);
	take(P, 9);
	cr_assert_eq(free_block_type(P + 512, 9), MIGRATE_ISOLATE);
	cr_assert_eq(get_pageblock_migratetype(pfn_to_page(P + 512)), MIGRATE_MOVABLE);
	cr_assert_eq(sim_free_pages_drift[ZONE_DMA32], 0UL);
}

Test(drift, isolating_a_block_already_on_the_isolate_list)
{
	struct zone *zone = zone_of(P);

	upper_half_on_the_isolate_list();
	STEP(cr_assert_eq(set_migratetype_isolate(pfn_to_page(P + 512)), 0));
	cr_assert_eq(sim_free_pages_drift[ZONE_DMA32], -512UL, "uncounted twice");
	cr_assert_eq(zone_page_state(zone, NR_FREE_PAGES) + 512, listed_pages(zone));
}

Test(drift, changing_the_type_of_a_block_on_the_isolate_list)
{
	struct zone *zone = zone_of(P);

	upper_half_on_the_isolate_list();
	STEP(model_set_pageblock_type(pfn_to_page(P + 512), MIGRATE_RECLAIMABLE));
	cr_assert_eq(free_block_type(P + 512, 9), MIGRATE_RECLAIMABLE);
	cr_assert_eq(sim_free_pages_drift[ZONE_DMA32], -512UL, "listed, never counted");
	cr_assert_eq(zone_page_state(zone, NR_FREE_PAGES) + 512, listed_pages(zone));
}

/*
 * take_page_off_buddy() lists the rest of the block it breaks up by its
 * pageblock's type, and leaves NR_FREE_PAGES as if the block had been on
 * that side of the isolate line, as __isolate_free_page() believes too.
 */
Test(drift, taking_a_block_left_on_the_movable_list)
{
	struct zone *zone = zone_of(P);

	STEP(cr_assert_eq(set_migratetype_isolate(pfn_to_page(P + 512)), 0));
	take(P, 9);
	cr_assert_eq(free_block_type(P + 512, 9), MIGRATE_MOVABLE);
	STEP(cr_assert(take_page_off_buddy(pfn_to_page(P + 512))));
	cr_assert_eq(free_block_type(P + 768, 8), MIGRATE_ISOLATE, "the rest by the pageblock's type");
	cr_assert_eq(sim_free_pages_drift[ZONE_DMA32], 512UL, "512 pages left the movable list uncounted");
	cr_assert_eq(zone_page_state(zone, NR_FREE_PAGES), listed_pages(zone) + 512);
}

/*
 * take_page_off_buddy() in v5.10 takes the page off the free lists and
 * puts the rest of its block back, but never updates NR_FREE_PAGES: the
 * page stays counted.  5.10.43 made it subtract the page.
 */
Test(drift, take_page_off_buddy_leaves_the_page_in_nr_free_pages)
{
	struct zone *zone = zone_of(P);
	unsigned long before = zone_page_state(zone, NR_FREE_PAGES);

	cr_assert(is_free_block(P, MAX_ORDER - 1));
	STEP(cr_assert(take_page_off_buddy(pfn_to_page(P + 5))));
	cr_assert_not(PageBuddy(pfn_to_page(P + 5)));
	cr_assert(is_free_block(P + 4, 0) && is_free_block(P + 6, 1) && is_free_block(P, 2) &&
		  is_free_block(P + 512, 9), "the rest of the block, back on the lists");
	cr_assert_eq(zone_page_state(zone, NR_FREE_PAGES), before,
		     "v5.10 leaves the counter alone");
	cr_assert_eq(sim_free_pages_drift[ZONE_DMA32], 1UL, "the page taken stays counted");
	cr_assert_eq(zone_page_state(zone, NR_FREE_PAGES), listed_pages(zone) + 1);
	cr_assert_not(take_page_off_buddy(pfn_to_page(P + 5)), "not free any more");
}

Test(drift, take_page_off_buddy_in_an_isolated_pageblock_makes_no_drift)
{
	struct zone *zone = zone_of(P);

	STEP(cr_assert_eq(set_migratetype_isolate(pfn_to_page(P)), 0));
	STEP(cr_assert(take_page_off_buddy(pfn_to_page(P + 5))));
	cr_assert_eq(free_block_type(P + 512, 9), MIGRATE_ISOLATE);
	cr_assert_eq(sim_free_pages_drift[ZONE_DMA32], 0UL, "isolated pages are not counted");
	cr_assert_eq(zone_page_state(zone, NR_FREE_PAGES), listed_pages(zone));
}
