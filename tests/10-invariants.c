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

Test(check, a_healthy_machine_passes, .init = boot_1g, .fini = machine_off)
{
	cr_assert_eq(sim_check(stderr), 0);
}

Test(check, stray_pagebuddy, .init = boot_1g, .fini = machine_off)
{
	take(P, 0);
	__SetPageBuddy(pfn_to_page(P));
	expect("invariant violated: PageBuddy means on a free list", "pfn 0x10000");
}

Test(check, free_block_without_pagebuddy, .init = boot_1g, .fini = machine_off)
{
	__ClearPageBuddy(pfn_to_page(P));
	expect("free block has PageBuddy", "pfn 0x10000");
}

Test(check, free_block_with_wrong_order, .init = boot_1g, .fini = machine_off)
{
	pfn_to_page(P)->private = 9;
	expect("free block's private is its order", "pfn 0x10000");
}

Test(check, nr_free_off_by_one, .init = boot_1g, .fini = machine_off)
{
	zone_of(P)->free_area[3].nr_free++;
	expect("nr_free counts the blocks", "DMA32 order 3");
}

Test(check, nr_free_pages_off_by_one, .init = boot_1g, .fini = machine_off)
{
	__mod_zone_page_state(zone_of(P), NR_FREE_PAGES, 1);
	expect("NR_FREE_PAGES counts the free pages", "DMA32");
}

Test(check, pcp_count_off_by_one, .init = boot_1g, .fini = machine_off)
{
	per_cpu_ptr(zone_of(P)->pageset, 1)->pcp.count++;
	expect("pcp count counts its lists", "cpu 1 DMA32");
}

Test(check, page_in_two_places, .init = boot_1g, .fini = machine_off)
{
	struct page *page = take(P, 0);

	__free_pages(page, 0);			/* on the per-CPU list */
	lookup_page_ext(page)->flags |= 1UL << PAGE_EXT_OWNER_ALLOCATED;
	expect("one place per page", "pfn 0x10000");
}

Test(check, missed_merge, .init = boot_1g, .fini = machine_off)
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

Test(check, lost_page, .init = boot_1g, .fini = machine_off)
{
	take(P, 0);
	reset_page_owner(pfn_to_page(P), 0);	/* neither allocated, free, nor leaked */
	expect("conservation", "allocated");
}

Test(check, corrupt_free_list_link, .init = boot_1g, .fini = machine_off)
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
Test(drift, bad_page_leaves_a_free_block_without_pagebuddy, .init = boot_1g, .fini = machine_off)
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
Test(drift, cma_count_survives_a_merge_across_pageblocks, .init = boot_1g, .fini = machine_off)
{
	struct zone *zone = zone_of(P);
	unsigned long cma0 = zone_page_state(zone, NR_FREE_CMA_PAGES);
	struct page *a = take(P, 9), *b = take(P + 0x200, 9), *merged;

	sim_set_pageblock_type(a, MIGRATE_CMA);
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

/*
 * A bad block found at allocation: rmqueue drops it and tries another, and
 * only the block handed out leaves NR_FREE_PAGES.
 */
Test(drift, bad_block_at_allocation_stays_in_nr_free_pages, .init = boot_1g, .fini = machine_off)
{
	struct zone *zone = zone_of(P);
	struct sim_census c0, c1;
	struct page *got;
	unsigned long listed = 0;

	take(P, 1); take(P + 2, 1); take(P + 4, 2);	/* no merge, and not merge-likely */
	STEP(__free_pages(pfn_to_page(P), 1));	/* P, order 1, at the head of its list */
	atomic_set(&pfn_to_page(P + 1)->_refcount, -1);	/* a stale put on a free page */
	sim_census(&c0);
	STEP(got = alloc_pages(GFP_HIGHUSER_MOVABLE, 1));
	sim_census(&c1);
	cr_assert(strstr(console(), "BUG: Bad page state in process pagesim  pfn:10001\n"), "%s", console());
	cr_assert_neq(got, pfn_to_page(P), "the bad block is skipped");
	cr_assert_eq(c1.leaked - c0.leaked, 2UL);
	cr_assert_eq(free_pages_drift[ZONE_DMA32], 2UL, "5.10 leaves its 2 pages counted");
	for (unsigned int o = 0; o < MAX_ORDER; o++)
		for (int mt = 0; mt < MIGRATE_TYPES; mt++)
			if (mt != MIGRATE_ISOLATE) {
				struct page *p;

				list_for_each_entry(p, &zone->free_area[o].free_list[mt], lru)
					listed += 1UL << o;
			}
	cr_assert_eq(zone_page_state(zone, NR_FREE_PAGES), listed + 2,
		     "NR_FREE_PAGES now exceeds the listed pages by the bad block");
}
