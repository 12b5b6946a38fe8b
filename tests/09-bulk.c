/* Chapter 9: free_pcppages_bulk and the drains. */
#include <string.h>
#include "helpers.h"
#include "sim/fill.h"

static char order_seen[512];
static int events;
static bool freed_before_event = true;
static int last_mt = -1;

static void record(struct page *page, unsigned int order, int mt)
{
	strcat(order_seen, sim_fill_name(page));
	strcat(order_seen, " ");
	events++;
	last_mt = mt;
	/* the page is already on a free list, alone or merged */
	if (page_ext_test(page, PAGE_EXT_OWNER_ALLOCATED) || PageBuddy(page) == 0) {
		unsigned long pfn = page_to_pfn(page);
		bool found = false;

		for (unsigned int o = 0; o < MAX_ORDER && !found; o++) {
			unsigned long head = pfn & ~((1UL << o) - 1);

			found = PageBuddy(pfn_to_page(head)) && buddy_order(pfn_to_page(head)) >= o;
		}
		if (!found)
			freed_before_event = false;
	}
}

/* every other pfn, so that the drained pages do not merge */
static void fill(const char *prefix, int n, int mt, unsigned long pfn)
{
	cr_assert(sim_fill_pcp(prefix, n, mt, pfn, 2));
}

static const char *drain_checked(int u, int m, int r, int count, bool check)
{
	struct zone *zone = zone_of(0x20000);
	struct per_cpu_pages *pcp = &this_cpu_ptr(zone->pageset)->pcp;

	fill("u", u, MIGRATE_UNMOVABLE, 0x20000);
	fill("m", m, MIGRATE_MOVABLE, 0x20400);
	fill("r", r, MIGRATE_RECLAIMABLE, 0x20800);
	if (check)
		CHECK();
	order_seen[0] = '\0';
	register_trace_mm_page_pcpu_drain(record);
	pcp->batch = count;
	drain_zone_pages(zone, pcp);
	unregister_trace_mm_page_pcpu_drain(record);
	if (check)
		CHECK();
	return order_seen;
}

static const char *drain(int u, int m, int r, int count)
{
	return drain_checked(u, m, r, count, true);
}

/* the four examples of chapter 9's step-by-step list */
TestSuite(bulk, .init = boot_1g, .fini = machine_off);

Test(bulk, batch_free_2_takes_two_from_unmovable)
{
	cr_assert_str_eq(drain(3, 5, 0, 4), "m5 u3 u2 m4 ");
}

Test(bulk, two_empty_visits_take_all_from_one_list)
{
	cr_assert_str_eq(drain(0, 10, 0, 6), "m10 m9 m8 m7 m6 m5 ");
}

Test(bulk, batch_free_left_over_carries_to_the_next_list)
{
	cr_assert_str_eq(drain(1, 6, 0, 7), "m6 u1 m5 m4 m3 m2 m1 ");
}

Test(bulk, three_lists_give_one_page_each_in_turn)
{
	cr_assert_str_eq(drain(4, 4, 4, 12), "m4 r4 u4 m3 r3 u3 m2 r2 u2 m1 r1 u1 ");
}

Test(bulk, takes_from_the_tail)
{
	cr_assert_str_eq(drain(0, 5, 0, 2), "m5 m4 ", "the oldest pages, at the tail");
}

Test(bulk, frees_in_the_order_picked)
{
	drain(2, 2, 2, 6);
	cr_assert_str_eq(order_seen, "m2 r2 u2 m1 r1 u1 ");
	cr_assert(freed_before_event, "each event comes after its page's __free_one_page");
}

Test(bulk, reaching_high_drains_exactly_batch)
{
	struct zone *zone = zone_of(0x10000);
	struct page *pages[378];
	unsigned long nr;

	for (int i = 0; i < 378; i++)
		pages[i] = alloc_pages(GFP_HIGHUSER_MOVABLE, 0);
	cr_assert_eq(pcp_count(0, zone), 0, "378 = 6 refills of 63");
	for (int i = 0; i < 377; i++)
		__free_pages(pages[i], 0);
	CHECK();
	cr_assert_eq(pcp_count(0, zone), 377);
	nr = free_pages_of(zone);
	order_seen[0] = '\0';
	events = 0;
	register_trace_mm_page_pcpu_drain(record);
	STEP(__free_pages(pages[377], 0));
	unregister_trace_mm_page_pcpu_drain(record);
	cr_assert_eq(pcp_count(0, zone), 378 - 63, "the 378th free drains one batch");
	cr_assert_eq(events, 63);
	cr_assert_eq(free_pages_of(zone), nr + 63);
	/* the 63 drained are the first 63 freed: the list keeps the newest */
	{
		static unsigned long left[400];

		cr_assert_eq(pcp_pfns(0, zone, MIGRATE_MOVABLE, left, 400), 315);
		for (int i = 0; i < 315; i++)
			cr_assert_eq(left[i], page_to_pfn(pages[377 - i]), "position %d", i);
	}
}

Test(bulk, rejected_page_is_leaked_and_uses_count)
{
	struct sim_census c0, c1;

	set_pageblock_migratetype(pfn_to_page(0x20400), MIGRATE_MOVABLE);
	fill("m", 4, MIGRATE_MOVABLE, 0x20400);
	atomic_set(&pfn_to_page(0x20400 + 2 * 3)->_refcount, -1);	/* m3: freed twice */
	sim_census(&c0);
	{
		struct zone *zone = zone_of(0x20400);
		struct per_cpu_pages *pcp = &this_cpu_ptr(zone->pageset)->pcp;

		order_seen[0] = '\0';
		register_trace_mm_page_pcpu_drain(record);
		pcp->batch = 2;
		drain_zone_pages(zone, pcp);	/* count 2: m4, then m3 is rejected */
		unregister_trace_mm_page_pcpu_drain(record);
		cr_assert_eq(pcp->count, 2, "both came off the list");
	}
	CHECK();
	sim_census(&c1);
	cr_assert_str_eq(order_seen, "m4 ", "only m4 reached __free_one_page");
	cr_assert(strstr(console(), "page dumped because: nonzero _refcount\n"));
	cr_assert_eq(c1.leaked - c0.leaked, 1UL);
}

Test(bulk, rereads_migratetype_when_isolated)
{
	struct zone *zone = zone_of(0x10000);

	take(0x10000, 0);
	STEP(__free_pages(pfn_to_page(0x10000), 0));	/* cached: MOVABLE */
	/* another CPU isolates the pageblock; its own drain is not run here */
	set_pageblock_migratetype(pfn_to_page(0x10000), MIGRATE_ISOLATE);
	zone->nr_isolate_pageblock++;
	__mod_zone_freepage_state(zone, -(long)move_freepages_block(zone, pfn_to_page(0x10000),
								    MIGRATE_ISOLATE, NULL),
				  MIGRATE_MOVABLE);
	CHECK();
	register_trace_mm_page_pcpu_drain(record);
	STEP(drain_local_pages(NULL));
	unregister_trace_mm_page_pcpu_drain(record);
	cr_assert_eq(last_mt, MIGRATE_ISOLATE, "the fresh type was used");
	cr_assert_eq(free_block_type(0x10000, 9), MIGRATE_ISOLATE);
	STEP(unset_migratetype_isolate(pfn_to_page(0x10000), MIGRATE_MOVABLE));
}

Test(bulk, drain_event_after_the_free_with_the_type_used)
{
	take(0x10000, 0);
	model_set_pageblock_type(pfn_to_page(0x10000), MIGRATE_CMA);
	STEP(__free_pages(pfn_to_page(0x10000), 0));
	register_trace_mm_page_pcpu_drain(record);
	STEP(drain_local_pages(NULL));
	unregister_trace_mm_page_pcpu_drain(record);
	cr_assert_eq(last_mt, MIGRATE_CMA, "CMA, though the page sat on the MOVABLE list");
	cr_assert(freed_before_event);
}

Test(bulk, trace_line_format)
{
	char *out = NULL;
	size_t len = 0;

	model_trace_out = open_memstream(&out, &len);
	model_trace_on = true;
	take(0x12340, 0);
	STEP(__free_pages(pfn_to_page(0x12340), 0));
	STEP(drain_local_pages(NULL));
	model_trace_on = false;
	fclose(model_trace_out);
	model_trace_out = NULL;
	cr_assert_str_eq(out,
		"         pagesim-1       [000] mm_page_free: page=ffffea000048d000 pfn=74560 order=0\n"
		"         pagesim-1       [000] mm_page_pcpu_drain: page=ffffea000048d000 pfn=74560 order=0 migratetype=1\n");
	free(out);
}

TestSuite(drain, .init = boot_1g, .fini = machine_off);

Test(drain, all_pages_empties_every_cpu)
{
	for (int cpu = 0; cpu < 2; cpu++) {
		sim_set_cpu(cpu);
		for (int i = 0; i < 5; i++)
			__free_pages(alloc_pages(GFP_HIGHUSER_MOVABLE, 0), 0);
	}
	sim_set_cpu(0);
	CHECK();
	cr_assert_gt(pcp_count(0, zone_of(0x10000)), 0);
	cr_assert_gt(pcp_count(1, zone_of(0x10000)), 0);
	STEP(drain_all_pages(NULL));
	cr_assert_eq(pcp_count(0, zone_of(0x10000)), 0);
	cr_assert_eq(pcp_count(1, zone_of(0x10000)), 0);
}

Test(drain, local_pages_only_this_cpu)
{
	for (int cpu = 0; cpu < 2; cpu++) {
		sim_set_cpu(cpu);
		__free_pages(alloc_pages(GFP_HIGHUSER_MOVABLE, 0), 0);
	}
	STEP(drain_local_pages(NULL));		/* on CPU 1 */
	cr_assert_eq(pcp_count(1, zone_of(0x10000)), 0);
	cr_assert_gt(pcp_count(0, zone_of(0x10000)), 0, "CPU 0's list is left alone");
	sim_set_cpu(0);
}

/*
 * The round robin without the carry-over of batch_free: reset in every
 * round.  The order of the pages is the same for every content of the
 * lists, because batch_free exceeds 1 only after an empty list was seen.
 */
static void without_carry_over(int u, int m, int r, int count, char *out)
{
	int len[3] = { u, m, r };
	const char prefix[3] = { 'u', 'm', 'r' };
	int mt = 0;

	out[0] = '\0';
	while (count) {
		int batch_free = 0;

		do {
			batch_free++;
			mt = (mt + 1) % 3;
		} while (len[mt] == 0);
		if (batch_free == 3)
			batch_free = count;
		do {
			sprintf(out + strlen(out), "%c%d ", prefix[mt], len[mt]);
			len[mt]--;
		} while (--count && --batch_free && len[mt]);
	}
}

Test(bulk, carry_over_never_changes_the_order)
{
	char expected[512];

	for (int u = 0; u <= 4; u++)
		for (int m = 0; m <= 4; m++)
			for (int r = 0; r <= 4; r++)
				for (int count = 1; count <= u + m + r; count++) {
					without_carry_over(u, m, r, count, expected);
					cr_assert_str_eq(drain_checked(u, m, r, count, false), expected,
							 "u %d m %d r %d count %d", u, m, r, count);
					drain_local_pages(NULL);
				}
	CHECK();
}

/* the pages are picked without the lock, and freed under it, taken once */
static struct zone *bulk_zone;
static int zone_locks;
static void count_zone_lock(spinlock_t *lock)
{
	if (lock == &bulk_zone->lock)
		zone_locks++;
}

Test(bulk, one_lock_for_the_whole_batch)
{
	struct page *pages[378];

	bulk_zone = zone_of(0x10000);
	for (int i = 0; i < 378; i++)
		pages[i] = alloc_pages(GFP_HIGHUSER_MOVABLE, 0);
	for (int i = 0; i < 377; i++)
		__free_pages(pages[i], 0);
	CHECK();
	zone_locks = 0;
	model_before_lock = count_zone_lock;
	STEP(__free_pages(pages[377], 0));	/* reaches high: 63 pages go back */
	model_before_lock = NULL;
	cr_assert_eq(pcp_count(0, bulk_zone), 378 - 63);
	cr_assert_eq(zone_locks, 1, "zone->lock taken once for 63 pages");
}
