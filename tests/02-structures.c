/* Chapter 2: lists, page flags and types, pageblocks, zones. */
#include "helpers.h"

struct item {
	int n;
	struct list_head link;
};

Test(list, add_makes_first_add_tail_makes_last)
{
	LIST_HEAD(head);
	struct item a = { .n = 1 }, b = { .n = 2 }, c = { .n = 3 };

	list_add(&a.link, &head);
	list_add(&b.link, &head);		/* b before a */
	list_add_tail(&c.link, &head);		/* c after a */
	cr_assert_eq(list_first_entry(&head, struct item, link)->n, 2);
	cr_assert_eq(list_last_entry(&head, struct item, link)->n, 3);
	cr_assert_eq(list_next_entry(&b, link)->n, 1);
}

Test(list, del_poisons_the_entry)
{
	LIST_HEAD(head);
	struct item a = { .n = 1 };

	list_add(&a.link, &head);
	list_del(&a.link);
	cr_assert(list_empty(&head));
	cr_assert_eq((unsigned long)a.link.next, 0xdead000000000100UL);
	cr_assert_eq((unsigned long)a.link.prev, 0xdead000000000122UL);
}

Test(page_type, buddy_clears_bit_0x80)
{
	struct page page = { .page_type = 0xffffffff };

	cr_assert_not(PageBuddy(&page));
	cr_assert_eq(page_mapcount(&page), 0, "an unmapped page has _mapcount -1");
	__SetPageBuddy(&page);
	cr_assert_eq(page.page_type, 0xffffff7fU);
	cr_assert(PageBuddy(&page));
	cr_assert_eq(page_mapcount(&page), -128, "dumps of free pages say mapcount:-128");
	__ClearPageBuddy(&page);
	cr_assert_eq(page.page_type, 0xffffffffU);
}

Test(page_type, a_mapped_page_has_no_type)
{
	struct page page = { .page_type = 0 };		/* _mapcount 0: mapped once */

	cr_assert_not(PageBuddy(&page));
	cr_assert_not(page_has_type(&page));
	page.page_type = 0xfffffdff;			/* PageKmemcg */
	cr_assert(PageKmemcg(&page));
	cr_assert(page_has_type(&page));
}

Test(page_flags, check_at_free_mask)
{
	cr_assert_eq(PAGE_FLAGS_CHECK_AT_FREE, 0x30f231UL);
}

Test(page_flags, check_at_prep_mask)
{
	cr_assert_eq(NR_PAGEFLAGS, 27);
	cr_assert_eq(PG_hwpoison, 23);
	cr_assert_eq(PAGE_FLAGS_CHECK_AT_PREP, 0x77fffffUL);
}

Test(page_flags, zone_and_node_sit_above_the_flags, .init = boot_1g, .fini = machine_off)
{
	struct page *page = pfn_to_page(0x10000);

	cr_assert_eq(page_zonenum(page), ZONE_DMA32);
	cr_assert_eq(page_to_nid(page), 0);
	cr_assert_eq(page_zone(page), &NODE_DATA(0)->node_zones[ZONE_DMA32]);
	cr_assert_eq(page->flags & ~((1UL << NR_PAGEFLAGS) - 1), 0x01fffc0000000000UL,
		     "zone 1 at bit 56, last_cpupid all ones at bits 42-55");
	cr_assert_eq(page_zone_id(page), 1);
}

Test(pageblock, pfn_0x12345_is_word_1_shift_4, .init = boot_1g, .fini = machine_off)
{
	/* pfn 0x12345: section 2, pageblock 17, bit 68: word 1, shift 4 */
	unsigned long *words = __pfn_to_section(0x12345)->usage->pageblock_flags;

	cr_assert_eq(pfn_to_section_nr(0x12345), 2UL);
	cr_assert_eq((words[1] >> 4) & 7, (unsigned long)MIGRATE_MOVABLE);
	set_pageblock_migratetype(pfn_to_page(0x12345), MIGRATE_RECLAIMABLE);
	cr_assert_eq((words[1] >> 4) & 7, (unsigned long)MIGRATE_RECLAIMABLE);
	cr_assert_eq(get_pageblock_migratetype(pfn_to_page(0x12200)), MIGRATE_RECLAIMABLE,
		     "the whole pageblock 0x12200-0x123ff");
	cr_assert_eq(get_pageblock_migratetype(pfn_to_page(0x12400)), MIGRATE_MOVABLE);
	/* the skip bit, next to it, is untouched */
	cr_assert_eq((words[1] >> 7) & 1, 0UL);
	set_pageblock_migratetype(pfn_to_page(0x12345), MIGRATE_MOVABLE);
}

TestSuite(free_area, .init = boot_1g, .fini = machine_off);

Test(free_area, nr_free_counts_blocks_not_pages)
{
	struct zone *zone = zone_of(0x10000);
	unsigned long pages = 0;

	for (int o = 0; o < MAX_ORDER; o++)
		pages += (unsigned long)nr_free_of(zone, o) << o;
	cr_assert_eq(pages, free_pages_of(zone), "with nothing isolated the two agree");
	cr_assert_lt((unsigned long)nr_free_of(zone, 10), free_pages_of(zone) / 1000);
}

/*
 * build_all_zonelists turns grouping by mobility off when the zones hold
 * fewer than pageblock_nr_pages * MIGRATE_TYPES pages: 3072, 12 MiB.
 */
static void managed_total(unsigned long pages)
{
	struct pglist_data *pgdat = NODE_DATA(0);

	for (int z = 0; z < MAX_NR_ZONES; z++)
		atomic_long_set(&pgdat->node_zones[z].managed_pages, z == ZONE_DMA32 ? pages : 0);
	build_all_zonelists(NULL);
}

Test(pageblock, grouping_by_mobility_is_off_below_12_mib, .fini = machine_off)
{
	boot(64 * MiB, 1);		/* the smallest machine the model boots */
	cr_assert_eq(page_group_by_mobility_disabled, 0, "on with 64 MiB");
	cr_assert_eq(pageblock_nr_pages * MIGRATE_TYPES, 3072UL, "12 MiB of pages");
	managed_total(3072);
	cr_assert_eq(page_group_by_mobility_disabled, 0, "on from 3072 pages");
	managed_total(3071);
	cr_assert_eq(page_group_by_mobility_disabled, 1, "off below");
}

Test(pageblock, without_grouping_by_mobility_every_pcp_type_is_unmovable, .init = boot_1g, .fini = machine_off)
{
	struct page *page = pfn_to_page(0x10000);

	page_group_by_mobility_disabled = 1;
	set_pageblock_migratetype(page, MIGRATE_RECLAIMABLE);
	cr_assert_eq(get_pageblock_migratetype(page), MIGRATE_UNMOVABLE);
	set_pageblock_migratetype(page, MIGRATE_CMA);
	cr_assert_eq(get_pageblock_migratetype(page), MIGRATE_CMA, "the others are kept");
	cr_assert_eq(gfp_migratetype(GFP_HIGHUSER_MOVABLE), MIGRATE_UNMOVABLE,
		     "every allocation is unmovable");
	page_group_by_mobility_disabled = 0;
	set_pageblock_migratetype(page, MIGRATE_MOVABLE);
}
