/* Chapter 5: __free_pages_ok and free_one_page, the order > 0 path. */
#include <string.h>
#include "helpers.h"

#define P 0x10000UL

static char *pcp_text(void)
{
	return shown(show_pcp);
}

TestSuite(order_n, .init = boot_1g, .fini = machine_off);

Test(order_n, never_touches_the_pcp_lists)
{
	/* put a few pages on both CPUs' lists first, so there is something to touch */
	for (int cpu = 0; cpu < 2; cpu++) {
		sim_set_cpu(cpu);
		__free_pages(alloc_pages(GFP_KERNEL, 0), 0);
		__free_pages(alloc_pages(GFP_HIGHUSER_MOVABLE, 0), 0);
	}
	sim_set_cpu(0);
	for (unsigned int order = 1; order < MAX_ORDER; order++) {
		struct page *page = alloc_pages(GFP_KERNEL, order);
		char *before = pcp_text(), *after;

		cr_assert_not_null(page);
		STEP(__free_pages(page, order));
		after = pcp_text();
		cr_assert_str_eq(after, before, "order %u", order);
		free(before);
		free(after);
	}
}

Test(order_n, counts_pgfree_by_the_block)
{
	for (unsigned int order = 1; order < MAX_ORDER; order++) {
		struct page *page = alloc_pages(GFP_KERNEL, order);
		unsigned long cpu0 = vm_event_states[0].event[PGFREE];
		unsigned long cpu1 = vm_event_states[1].event[PGFREE];

		sim_set_cpu(1);
		STEP(__free_pages(page, order));
		sim_set_cpu(0);
		cr_assert_eq(vm_event_states[1].event[PGFREE] - cpu1, 1UL << order);
		cr_assert_eq(vm_event_states[0].event[PGFREE], cpu0, "only the freeing CPU counts");
	}
}

Test(order_n, bad_block_is_not_freed)
{
	struct page *page = take(P, 2);
	struct sim_census before, after;

	sim_census(&before);
	SetPageLocked(page + 1);
	STEP(__free_pages(page, 2));
	sim_census(&after);
	cr_assert(strstr(console(), "BUG: Bad page state in process pagesim  pfn:10001\n"),
		  "%s", console());
	cr_assert(strstr(console(), "page dumped because: PAGE_FLAGS_CHECK_AT_FREE flag(s) set\n"));
	cr_assert_not(is_free_block(P, 2));
	cr_assert_not(PageBuddy(page));
	cr_assert_eq(after.leaked - before.leaked, 4UL, "the whole block is leaked");
	cr_assert_eq(before.allocated - after.allocated, 4UL);
	cr_assert_eq(after.buddy, before.buddy);
}

/* CPU 1 isolates P's pageblock just before CPU 0 takes zone->lock */
static struct zone *race_zone;
static void isolate_before_lock(spinlock_t *lock)
{
	if (lock != &race_zone->lock)
		return;
	model_before_lock = NULL;
	model_cpu = 1;				/* CPU 0 is inside free_one_page */
	set_migratetype_isolate(pfn_to_page(P));
	model_cpu = 0;
}

TestSuite(free_one_page, .init = boot_1g, .fini = machine_off);

Test(free_one_page, rereads_migratetype_under_the_lock)
{
	struct page *page = take(P, 3);
	unsigned long before;

	race_zone = zone_of(P);
	before = free_pages_of(race_zone);
	model_before_lock = isolate_before_lock;
	__free_pages(page, 3);		/* read MOVABLE; isolated before the lock */
	cr_assert_null(model_before_lock, "the other CPU ran");
	/* the pageblock's other 504 free pages moved to the isolate list; the
	 * freed block went there too, merged with them, and was not counted */
	cr_assert(is_free_block(P, 9));
	cr_assert_eq(free_block_type(P, 9), MIGRATE_ISOLATE, "the type read under the lock");
	cr_assert_eq(free_pages_of(race_zone), before - 504, "and so not counted as free");
	CHECK();
	STEP(unset_migratetype_isolate(pfn_to_page(P), MIGRATE_MOVABLE));
	cr_assert(is_free_block(P, 10));
}

/* CPU 1 makes P's pageblock RECLAIMABLE, not isolated, before the lock */
static void retype_before_lock(spinlock_t *lock)
{
	if (lock != &race_zone->lock)
		return;
	model_before_lock = NULL;
	model_cpu = 1;
	set_pageblock_migratetype(pfn_to_page(P), MIGRATE_RECLAIMABLE);
	model_cpu = 0;
}

Test(free_one_page, uses_the_first_read_without_isolation)
{
	struct page *page = take(P, 3);

	take(P + 8, 3);
	race_zone = zone_of(P);
	model_before_lock = retype_before_lock;
	STEP(__free_pages(page, 3));		/* read MOVABLE; RECLAIMABLE before the lock */
	cr_assert_null(model_before_lock, "the other CPU ran");
	cr_assert_eq(free_block_type(P, 3), MIGRATE_MOVABLE, "no isolation: the first read stands");
}
