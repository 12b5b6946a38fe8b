/* Chapter 8: free_unref_page and the per-CPU lists. */
#include <string.h>
#include "helpers.h"

#define P 0x10000UL

TestSuite(pcp, .init = boot_1g, .fini = machine_off);

Test(pcp, order_0_goes_to_this_cpus_list_at_the_head)
{
	unsigned long pfns[4];

	take(P, 0); take(P + 1, 0);
	STEP(__free_pages(pfn_to_page(P), 0));
	STEP(__free_pages(pfn_to_page(P + 1), 0));
	cr_assert_eq(pcp_pfns(0, zone_of(P), MIGRATE_MOVABLE, pfns, 4), 2, "the movable list");
	cr_assert_eq(pfns[0], P + 1, "the page freed last is at the head");
	cr_assert_eq(pfns[1], P);
	cr_assert_eq(pcp_count(1, zone_of(P)), 0, "CPU 1's lists are not touched");
	cr_assert_not(PageBuddy(pfn_to_page(P)), "not PageBuddy on a per-CPU list");
}

Test(pcp, migratetype_is_cached_in_index)
{
	unsigned long pfns[2];

	take(P, 0);
	set_pageblock_migratetype(pfn_to_page(P), MIGRATE_RECLAIMABLE);
	STEP(__free_pages(pfn_to_page(P), 0));
	cr_assert_eq(pfn_to_page(P)->index, (unsigned long)MIGRATE_RECLAIMABLE);
	cr_assert_eq(pcp_pfns(0, zone_of(P), MIGRATE_RECLAIMABLE, pfns, 2), 1);
	set_pageblock_migratetype(pfn_to_page(P), MIGRATE_MOVABLE);
	STEP(drain_local_pages(NULL));
	cr_assert_eq(free_block_type(P, 10), MIGRATE_RECLAIMABLE,
		     "drained by the cached type, not the pageblock's new one (and merged up)");
}

Test(pcp, isolated_pageblock_bypasses_the_lists)
{
	struct zone *zone = zone_of(P);
	unsigned long before;

	take(P, 0);
	STEP(set_migratetype_isolate(pfn_to_page(P)));
	before = free_pages_of(zone);
	STEP(__free_pages(pfn_to_page(P), 0));
	cr_assert_eq(pcp_count(0, zone), 0, "straight to the buddy allocator");
	cr_assert(is_free_block(P, 9), "merged on the isolate list");
	cr_assert_eq(free_block_type(P, 9), MIGRATE_ISOLATE);
	cr_assert_eq(free_pages_of(zone), before, "and not counted as free");
}

Test(pcp, cma_page_goes_on_movable_list_keeping_its_type)
{
	unsigned long pfns[2];

	take(P, 0);
	model_set_pageblock_type(pfn_to_page(P), MIGRATE_CMA);
	STEP(__free_pages(pfn_to_page(P), 0));
	cr_assert_eq(pcp_pfns(0, zone_of(P), MIGRATE_MOVABLE, pfns, 2), 1);
	cr_assert_eq(pfns[0], P);
	cr_assert_eq(pfn_to_page(P)->index, (unsigned long)MIGRATE_CMA, "index keeps CMA");
}

Test(pcp, highatomic_page_goes_on_movable_list_keeping_its_type)
{
	unsigned long pfns[2];

	take(P, 0);
	model_set_pageblock_type(pfn_to_page(P), MIGRATE_HIGHATOMIC);
	STEP(__free_pages(pfn_to_page(P), 0));
	cr_assert_eq(pcp_pfns(0, zone_of(P), MIGRATE_MOVABLE, pfns, 2), 1);
	cr_assert_eq(pfn_to_page(P)->index, (unsigned long)MIGRATE_HIGHATOMIC);
	STEP(drain_local_pages(NULL));
	cr_assert_eq(free_block_type(P, 10), MIGRATE_HIGHATOMIC, "merged with its movable buddy too");
}

Test(pcp, cma_page_drains_to_the_cma_list)
{
	struct zone *zone = zone_of(P);
	unsigned long cma;

	take(P, 0);
	model_set_pageblock_type(pfn_to_page(P), MIGRATE_CMA);
	cma = zone_page_state(zone, NR_FREE_CMA_PAGES);
	STEP(__free_pages(pfn_to_page(P), 0));
	STEP(drain_local_pages(NULL));
	cr_assert(is_free_block(P, 10), "5.10 merges a CMA pageblock with its neighbour");
	cr_assert_eq(free_block_type(P, 10), MIGRATE_CMA);
	cr_assert_eq(zone_page_state(zone, NR_FREE_CMA_PAGES), cma + 1);
}

Test(pcp, check_is_deferred_to_the_drain)
{
	take(P, 0); take(P + 1, 0);
	pfn_to_page(P)->mapping = (struct address_space *)0xffff888012345000UL;
	STEP(__free_pages(pfn_to_page(P), 0));
	cr_assert_str_eq(console(), "", "not checked on the way in");
	STEP(drain_local_pages(NULL));
	cr_assert(strstr(console(), "page dumped because: non-NULL mapping\n"),
		  "checked on the way out:\n%s", console());
	/* but a flag set before the free was cleared by then */
	console_reset();
	SetPageLocked(pfn_to_page(P + 1));
	STEP(__free_pages(pfn_to_page(P + 1), 0));
	STEP(drain_local_pages(NULL));
	cr_assert_str_eq(console(), "", "a locked page slips through");
}

Test(pcp, pgfree_counts_and_nr_free_pages_does_not)
{
	struct zone *zone = zone_of(P);
	unsigned long nr = free_pages_of(zone), pgfree = vm_event_states[0].event[PGFREE];

	take(P, 0);
	STEP(__free_pages(pfn_to_page(P), 0));
	cr_assert_eq(vm_event_states[0].event[PGFREE], pgfree + 1, "PGFREE: at once");
	cr_assert_eq(free_pages_of(zone), nr - 1, "NR_FREE_PAGES: not yet");
	STEP(drain_local_pages(NULL));
	cr_assert_eq(free_pages_of(zone), nr, "NR_FREE_PAGES: when it reaches the buddy lists");
}

Test(pcp, page_freed_on_cpu_1_stays_on_cpu_1)
{
	unsigned long pfns[2];
	struct page *page;

	take(P, 0);
	sim_set_cpu(1);
	STEP(__free_pages(pfn_to_page(P), 0));
	sim_set_cpu(0);
	cr_assert_eq(pcp_pfns(1, zone_of(P), MIGRATE_MOVABLE, pfns, 2), 1);
	cr_assert_eq(pfns[0], P);
	cr_assert_eq(pcp_count(0, zone_of(P)), 0);
	page = alloc_pages(GFP_HIGHUSER_MOVABLE, 0);
	cr_assert_neq(page_to_pfn(page), P, "CPU 0 does not see CPU 1's page");
	sim_set_cpu(1);
	page = alloc_pages(GFP_HIGHUSER_MOVABLE, 0);
	cr_assert_eq(page_to_pfn(page), P, "CPU 1 allocates it again, from the head");
	sim_set_cpu(0);
	CHECK();
}

/* allocation takes from the head too: the page freed last comes back first */
Test(pcp, last_freed_is_first_reused)
{
	struct page *a, *b, *again;

	STEP(a = alloc_pages(GFP_HIGHUSER_MOVABLE, 0));
	STEP(b = alloc_pages(GFP_HIGHUSER_MOVABLE, 0));
	STEP(__free_pages(a, 0));
	STEP(__free_pages(b, 0));
	STEP(again = alloc_pages(GFP_HIGHUSER_MOVABLE, 0));
	cr_assert_eq(again, b, "the hot page");
	STEP(again = alloc_pages(GFP_HIGHUSER_MOVABLE, 0));
	cr_assert_eq(again, a);
}

/* the preparation runs with interrupts on; the commit, with them off */
static int irqs_at_free = -1, irqs_at_drain = -1;
static void note_irqs_at_free(struct page *page, unsigned int order, int mt)
{
	irqs_at_free = irqs_disabled();
}
static void note_irqs_at_drain(struct page *page, unsigned int order, int mt)
{
	irqs_at_drain = irqs_disabled();
}

Test(pcp, prepare_with_irqs_on_commit_with_irqs_off)
{
	struct page *pages[378];

	for (int i = 0; i < 378; i++)
		pages[i] = alloc_pages(GFP_HIGHUSER_MOVABLE, 0);
	register_trace_mm_page_free(note_irqs_at_free);		/* in free_pages_prepare */
	register_trace_mm_page_pcpu_drain(note_irqs_at_drain);	/* in the commit's drain */
	for (int i = 0; i < 378; i++)
		STEP(__free_pages(pages[i], 0));
	unregister_trace_mm_page_free(note_irqs_at_free);
	unregister_trace_mm_page_pcpu_drain(note_irqs_at_drain);
	cr_assert_eq(irqs_at_free, 0, "free_unref_page_prepare: interrupts on");
	cr_assert_eq(irqs_at_drain, 1, "free_unref_page_commit: interrupts off");
	cr_assert_not(irqs_disabled(), "and on again after");
}
