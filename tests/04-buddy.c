/* Chapter 4: __free_one_page and its helpers. */
#include "helpers.h"

#define P 0x10000UL		/* a free order-10 block of DMA32 after boot */

/* free a block and, for order 0, push it through the per-CPU list */
static void release(unsigned long pfn, unsigned int order)
{
	__free_pages(pfn_to_page(pfn), order);
	if (order == 0)
		drain_local_pages(NULL);
	CHECK();
}

Test(buddy, find_buddy_pfn_flips_bit_order)
{
	cr_assert_eq(__find_buddy_pfn(0x1001, 0), 0x1000UL);
	cr_assert_eq(__find_buddy_pfn(0x1000, 0), 0x1001UL);
	cr_assert_eq(__find_buddy_pfn(0x1000, 1), 0x1002UL);
	cr_assert_eq(__find_buddy_pfn(0x1000, 2), 0x1004UL);
	cr_assert_eq(__find_buddy_pfn(0x1400, 10), 0x1000UL);
	for (unsigned long pfn = 0; pfn < 0x4000; pfn += 8)
		for (unsigned int o = 0; o < 3; o++)
			cr_assert_eq(__find_buddy_pfn(__find_buddy_pfn(pfn, o), o), pfn);
}

Test(buddy, combined_pfn_is_the_lower_buddy)
{
	for (unsigned int o = 0; o < MAX_ORDER; o++)
		for (unsigned long pfn = 0; pfn < 0x8000; pfn += 1UL << o) {
			unsigned long b = __find_buddy_pfn(pfn, o);

			cr_assert_eq(b & pfn, pfn < b ? pfn : b, "pfn %#lx order %u", pfn, o);
			cr_assert_eq((b & pfn) & ((2UL << o) - 1), 0UL, "aligned to order + 1");
		}
}

/* page_is_buddy, asked directly (through the model's model_page_is_buddy) */
#define is_buddy(pfn, buddy, order) \
	model_page_is_buddy(pfn_to_page(pfn), pfn_to_page(buddy), order)

TestSuite(page_is_buddy, .init = boot_1g, .fini = machine_off);

Test(page_is_buddy, free_block_of_the_same_order)
{
	cr_assert(is_buddy(P + 0x400, P, 10), "P is free at order 10 after boot");
	take(P, 1); take(P + 2, 1);
	__free_pages(pfn_to_page(P + 2), 1);
	cr_assert(is_buddy(P, P + 2, 1));
}

Test(page_is_buddy, not_when_in_use)
{
	take(P, 1); take(P + 2, 1);
	cr_assert_not(is_buddy(P, P + 2, 1));
	cr_assert_not(is_buddy(P, P + 3, 0), "a page inside a used block");
}

Test(page_is_buddy, not_at_another_order)
{
	take(P, 1); take(P + 2, 0); take(P + 3, 0);
	__free_pages(pfn_to_page(P + 2), 0);
	drain_local_pages(NULL);
	cr_assert(PageBuddy(pfn_to_page(P + 2)));
	cr_assert_not(is_buddy(P, P + 2, 1), "free, but at order 0");
	cr_assert_not(is_buddy(P + 0x400, P + 0x800, 9), "free, but at order 10");
}

Test(page_is_buddy, not_in_another_zone)
{
	struct page *buddy = pfn_to_page(P + 0x400);

	cr_assert(is_buddy(P, P + 0x400, 10));
	set_page_links(buddy, ZONE_NORMAL, 0, P + 0x400);
	cr_assert_not(is_buddy(P, P + 0x400, 10));
	set_page_links(buddy, ZONE_DMA32, 0, P + 0x400);
}

/* the merge chain of chapter 4's table, at P */
Test(merge, three_frees_merge_into_one_order_2_block, .init = boot_1g, .fini = machine_off)
{
	struct zone *zone = zone_of(P);
	unsigned long before;

	take(P, 0); take(P + 1, 0); take(P + 2, 1); take(P + 4, 2);
	STEP(release(P, 0));
	cr_assert(is_free_block(P, 0));
	STEP(release(P + 2, 1));
	cr_assert(is_free_block(P + 2, 1), "0x10000 is free but at order 0: no merge");
	before = free_pages_of(zone);
	STEP(release(P + 1, 0));
	cr_assert(is_free_block(P, 2), "0x10001 + 0x10000 -> order 1, + 0x10002 -> order 2");
	cr_assert_not(is_free_block(P + 2, 1));
	cr_assert_eq(free_pages_of(zone), before + 1, "NR_FREE_PAGES rose by exactly one");
}

Test(merge, stops_at_allocated_buddy, .init = boot_1g, .fini = machine_off)
{
	take(P, 2); take(P + 4, 2);
	STEP(release(P, 2));
	cr_assert(is_free_block(P, 2), "its buddy 0x10004 is allocated");
	STEP(release(P + 4, 2));
	cr_assert(is_free_block(P, 10), "now both are free: all the way to order 10");
}

Test(merge, stops_at_buddy_of_other_order, .init = boot_1g, .fini = machine_off)
{
	take(P, 1); take(P + 2, 0); take(P + 3, 0);
	STEP(release(P + 2, 0));
	cr_assert(is_free_block(P + 2, 0));
	STEP(release(P, 1));
	cr_assert(PageBuddy(pfn_to_page(P + 2)), "the buddy is free...");
	cr_assert(is_free_block(P, 1), "...but at order 0, not 1: no merge");
	cr_assert(is_free_block(P + 2, 0));
}

Test(merge, stops_at_zone_boundary, .init = boot_1g, .fini = machine_off)
{
	struct page *buddy;

	take(P, 0); take(P + 1, 0);
	STEP(release(P + 1, 0));
	/* pretend the free buddy 0x10001 belongs to another zone */
	buddy = pfn_to_page(P + 1);
	set_page_links(buddy, ZONE_NORMAL, 0, P + 1);
	__free_pages(pfn_to_page(P), 0);
	drain_local_pages(NULL);
	cr_assert(is_free_block(P, 0), "a buddy in another zone is not merged");
	cr_assert(PageBuddy(buddy) && buddy_order(buddy) == 0);
	/* undo: take both back out, relabel, free them together */
	cr_assert_not_null(model_take_block(P, 0, 0));	/* no check: still relabelled */
	set_page_links(buddy, ZONE_DMA32, 0, P + 1);
	take(P + 1, 0);
	CHECK();
}

Test(merge, stops_at_order_10, .init = boot_1g, .fini = machine_off)
{
	struct zone *zone = zone_of(P);
	int blocks = nr_free_of(zone, 10);

	take(P, 10); take(P + 0x400, 10);
	STEP(release(P, 10));
	STEP(release(P + 0x400, 10));
	cr_assert(is_free_block(P, 10));
	cr_assert(is_free_block(P + 0x400, 10), "two free order-10 buddies stay apart");
	cr_assert_eq(nr_free_of(zone, 10), blocks);
}

Test(merge, ignores_migratetype_below_pageblock, .init = boot_1g, .fini = machine_off)
{
	struct page *pb = pfn_to_page(P);

	take(P, 0); take(P + 1, 0);
	set_pageblock_migratetype(pb, MIGRATE_UNMOVABLE);
	STEP(release(P + 1, 0));
	cr_assert_eq(free_block_type(P + 1, 0), MIGRATE_UNMOVABLE);
	set_pageblock_migratetype(pb, MIGRATE_MOVABLE);
	STEP(release(P, 0));
	cr_assert(is_free_block(P, 10), "merged with the UNMOVABLE-listed buddy, and on up");
	cr_assert_eq(free_block_type(P, 10), MIGRATE_MOVABLE);
}

Test(merge, goes_on_the_freed_pages_list, .init = boot_1g, .fini = machine_off)
{
	struct page *pb = pfn_to_page(P);

	take(P, 0); take(P + 1, 0); take(P + 2, 1);	/* 0x10002 held: stop at order 1 */
	STEP(release(P + 1, 0));		/* on the MOVABLE list */
	set_pageblock_migratetype(pb, MIGRATE_RECLAIMABLE);
	STEP(release(P, 0));
	cr_assert(is_free_block(P, 1));
	cr_assert_eq(free_block_type(P, 1), MIGRATE_RECLAIMABLE,
		     "the list of the page freed, not of the buddy absorbed");
	set_pageblock_migratetype(pb, MIGRATE_MOVABLE);
}

Test(merge, crosses_pageblocks_of_different_types, .init = boot_1g, .fini = machine_off)
{
	take(P, 9);
	model_set_pageblock_type(pfn_to_page(P + 0x200), MIGRATE_UNMOVABLE);
	cr_assert_eq(free_block_type(P + 0x200, 9), MIGRATE_UNMOVABLE);
	STEP(release(P, 9));
	cr_assert(is_free_block(P, 10), "MOVABLE + UNMOVABLE pageblocks merge in 5.10");
	cr_assert_eq(free_block_type(P, 10), MIGRATE_MOVABLE);
}

Test(merge, isolated_pageblock_does_not_merge_with_neighbour, .init = boot_1g, .fini = machine_off)
{
	struct zone *zone = zone_of(P);
	unsigned long before;

	take(P, 9);
	STEP(set_migratetype_isolate(pfn_to_page(P)));
	cr_assert_eq(zone->nr_isolate_pageblock, 1UL);
	before = free_pages_of(zone);
	STEP(release(P, 9));
	cr_assert(is_free_block(P, 9));
	cr_assert_eq(free_block_type(P, 9), MIGRATE_ISOLATE);
	cr_assert(is_free_block(P + 0x200, 9), "the movable neighbour stays apart");
	cr_assert_eq(free_pages_of(zone), before, "isolated pages are not counted free");
	STEP(unset_migratetype_isolate(pfn_to_page(P), MIGRATE_MOVABLE));
	cr_assert(is_free_block(P, 10), "undoing the isolation lets them merge");
	cr_assert_eq(free_pages_of(zone), before + 512);
}

Test(merge, neighbour_of_isolated_pageblock_does_not_merge, .init = boot_1g, .fini = machine_off)
{
	take(P, 9); take(P + 0x200, 9);
	STEP(set_migratetype_isolate(pfn_to_page(P + 0x200)));
	STEP(release(P + 0x200, 9));
	STEP(release(P, 9));
	cr_assert(is_free_block(P, 9), "its buddy's pageblock is isolated");
	cr_assert_eq(free_block_type(P, 9), MIGRATE_MOVABLE);
	cr_assert_eq(free_block_type(P + 0x200, 9), MIGRATE_ISOLATE);
}

Test(merge, only_the_head_keeps_pagebuddy, .init = boot_1g, .fini = machine_off)
{
	struct page *absorbed = pfn_to_page(P + 1), *interior = pfn_to_page(P + 3);
	unsigned long interior_flags;

	take(P, 0); take(P + 1, 0); take(P + 2, 1); take(P + 4, 2);
	STEP(release(P, 0));
	STEP(release(P + 2, 1));
	interior_flags = interior->flags;
	STEP(release(P + 1, 0));
	cr_assert(PageBuddy(pfn_to_page(P)) && page_private(pfn_to_page(P)) == 2);
	cr_assert_not(PageBuddy(pfn_to_page(P + 2)), "absorbed at order 1");
	cr_assert_eq(page_private(pfn_to_page(P + 2)), 0UL);
	cr_assert_eq((unsigned long)pfn_to_page(P + 2)->lru.next, 0xdead000000000100UL,
		     "list_del poisoned its links");
	cr_assert_eq(absorbed->page_type, 0xffffffffU, "0x10001 went to the pcp, never buddy");
	cr_assert_eq(interior->flags, interior_flags, "an interior page is not touched");
	cr_assert_not(PageBuddy(interior));
}

Test(merge, nr_free_counts_blocks, .init = boot_1g, .fini = machine_off)
{
	struct zone *zone = zone_of(P);
	int n0, n1, n2;

	take(P, 0); take(P + 1, 0); take(P + 2, 1); take(P + 4, 2);
	STEP(release(P, 0));
	STEP(release(P + 2, 1));
	n0 = nr_free_of(zone, 0); n1 = nr_free_of(zone, 1); n2 = nr_free_of(zone, 2);
	STEP(release(P + 1, 0));
	cr_assert_eq(nr_free_of(zone, 0), n0 - 1, "the order-0 buddy absorbed");
	cr_assert_eq(nr_free_of(zone, 1), n1 - 1, "the order-1 buddy absorbed");
	cr_assert_eq(nr_free_of(zone, 2), n2 + 1, "one block of order 2 added");
}

/* boot frees each block to the tail, so the list is in the order freed */
TestSuite(to_tail, .init = boot_1g, .fini = machine_off);

Test(to_tail, fpi_to_tail)
{
	cr_assert_eq(free_block_index(0x3000, 10), 0, "the first block freed at boot");
	cr_assert_eq(free_block_index(0x3400, 10), 1);
	cr_assert_eq(free_block_index(0x10000, 10), (0x10000 - 0x3000) / 0x400);
}

/* an order-0 block whose buddy is in use, while the next order's buddy is free */
Test(to_tail, when_buddy_merge_likely)
{
	take(0x20000, 0);		/* leaves 0x20001 free at order 0: a list of one */
	take(P, 0); take(P + 1, 0);	/* 0x10002 stays free at order 1 */
	cr_assert_eq(free_block_index(0x20001, 0), 0);
	STEP(release(P, 0));
	cr_assert(is_free_block(P, 0));
	cr_assert_eq(free_block_index(P, 0), 1, "freeing 0x10001 would merge twice: tail");
}

/* the same at order 8, the highest order buddy_merge_likely looks up from */
Test(to_tail, when_buddy_merge_likely_at_order_8)
{
	take(0x20000, 8);			/* leaves 0x20100 free at order 8 */
	take(P, 8); take(P + 0x100, 8);		/* P + 0x200 stays free at order 9 */
	cr_assert_eq(free_block_index(0x20100, 8), 0);
	STEP(release(P, 8));
	cr_assert(is_free_block(P, 8));
	cr_assert_gt(free_block_index(P, 8), free_block_index(0x20100, 8),
		     "freeing P + 0x100 would merge twice: towards the tail, behind 0x20100");
}

/* at order 9 it does not look: the merge to 10 is the last */
Test(to_tail, not_at_order_9)
{
	take(0x20000, 9);			/* leaves 0x20200 free at order 9 */
	take(P, 9); take(P + 0x200, 9);
	STEP(release(P, 9));
	cr_assert_lt(free_block_index(P, 9), free_block_index(0x20200, 9), "at the head");
}

Test(to_tail, head_otherwise)
{
	take(0x20000, 0);
	take(P, 0); take(P + 1, 0); take(P + 2, 1);	/* 0x10002 in use: no second merge */
	STEP(release(P, 0));
	cr_assert_eq(free_block_index(P, 0), 0, "head of the order-0 list");
	cr_assert_eq(free_block_index(0x20001, 0), 1);
}

/*
 * The two loop forms of section 4.4's sidebar, run on an abstract buddy
 * state: buddy_free[o] says whether the buddy at order o is free with order
 * o, and isolated says whether the order-9 isolation check forbids the
 * merge.  Each returns the final order and how many pageblock types it
 * read.
 */
static unsigned int old_form(unsigned int order, const bool *buddy_free, bool isolated,
			     bool zone_isolated, int *reads)
{
	unsigned int max_order = pageblock_order + 1 < MAX_ORDER ? pageblock_order + 1 : MAX_ORDER;

	*reads = 0;
continue_merging:
	while (order < max_order - 1) {
		if (!buddy_free[order])
			return order;
		order++;
	}
	if (max_order < MAX_ORDER) {
		if (zone_isolated) {
			(*reads)++;
			if (isolated)
				return order;
		}
		max_order++;
		goto continue_merging;
	}
	return order;
}

static unsigned int new_form(unsigned int order, const bool *buddy_free, bool isolated,
			     bool zone_isolated, int *reads)
{
	unsigned int max_order = MAX_ORDER - 1 < pageblock_order ? MAX_ORDER - 1 : pageblock_order;

	*reads = 0;
continue_merging:
	while (order < max_order) {
		if (!buddy_free[order])
			return order;
		order++;
	}
	if (order < MAX_ORDER - 1) {
		if (zone_isolated) {
			(*reads)++;
			if (isolated)
				return order;
		}
		max_order = order + 1;
		goto continue_merging;
	}
	return order;
}

Test(merge, old_and_new_loop_forms_agree)
{
	for (unsigned int start = 0; start < MAX_ORDER; start++)
		for (unsigned int pattern = 0; pattern < (1u << MAX_ORDER); pattern++)
			for (int iso = 0; iso < 4; iso++) {
				bool buddy_free[MAX_ORDER];
				int r_old, r_new;
				unsigned int o_old, o_new;

				for (unsigned int o = 0; o < MAX_ORDER; o++)
					buddy_free[o] = pattern & (1u << o);
				o_old = old_form(start, buddy_free, iso & 1, iso & 2, &r_old);
				o_new = new_form(start, buddy_free, iso & 1, iso & 2, &r_new);
				cr_assert_eq(o_old, o_new, "start %u pattern %#x iso %d", start, pattern, iso);
				if (start < MAX_ORDER - 1)
					cr_assert_eq(r_old, r_new, "same reads below order 10");
				else
					cr_assert_eq(r_old - r_new, (iso & 2) ? 1 : 0,
						     "at order 10 only the old form reads, when isolated");
			}
}

/* the buddy below the page: buddy_pfn - pfn is negative, at every order */
Test(merge, buddy_below_the_page, .init = boot_1g, .fini = machine_off)
{
	take(P + 0x3ff, 0);			/* the last page of an order-10 block */
	STEP(release(P + 0x3ff, 0));		/* each buddy lies below: P+0x3fe, P+0x3fc, ... */
	cr_assert(is_free_block(P, 10), "merged down to the block's first page");
	cr_assert_not(PageBuddy(pfn_to_page(P + 0x3ff)));
}
