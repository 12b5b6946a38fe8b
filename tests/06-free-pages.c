/* Chapter 6: free_pages, __free_pages, free_the_page, and references. */
#include <string.h>
#include "helpers.h"

#define P 0x10000UL

static int by_text(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* the free blocks as a sorted list of lines: the set, not the list order */
static char *free_set(void)
{
	char *text = freelist_text(), *lines[8192], *out;
	size_t n = 0, len = strlen(text) + 1;

	for (char *l = strtok(text, "\n"); l && n < 8192; l = strtok(NULL, "\n"))
		lines[n++] = l;
	qsort(lines, n, sizeof(lines[0]), by_text);
	out = calloc(len, 1);
	for (size_t i = 0; i < n; i++) {
		strcat(out, lines[i]);
		strcat(out, "\n");
	}
	free(text);
	return out;
}

TestSuite(free_pages, .init = boot_1g, .fini = machine_off);

Test(free_pages, null_does_nothing)
{
	char *before = free_set(), *after;
	unsigned long pgfree = vm_event_states[0].event[PGFREE];
	struct sim_census c0, c1;

	sim_census(&c0);
	for (unsigned int order = 0; order < MAX_ORDER; order++)
		STEP(free_pages(0, order));
	sim_census(&c1);
	after = free_set();
	cr_assert_str_eq(after, before);
	cr_assert_eq(memcmp(&c0, &c1, sizeof(c0)), 0);
	cr_assert_eq(vm_event_states[0].event[PGFREE], pgfree, "not even counted");
	free(before);
	free(after);
}

Test(free_pages, unaligned_address_frees_its_page)
{
	struct page *page = take(P, 0);
	unsigned long pfns[4];

	STEP(free_pages((unsigned long)page_address(page) + 123, 0));
	cr_assert_eq(pcp_pfns(0, zone_of(P), MIGRATE_MOVABLE, pfns, 4), 1);
	cr_assert_eq(pfns[0], P);
}

Test(free_pages, frees_through_free_the_page_by_order)
{
	struct page *a = take(P, 0), *b = take(P + 2, 1);

	STEP(free_pages((unsigned long)page_address(a), 0));
	cr_assert_eq(pcp_count(0, zone_of(P)), 1, "order 0: to the per-CPU list");
	STEP(free_pages((unsigned long)page_address(b), 1));
	cr_assert(is_free_block(P + 2, 1), "order 1: straight to the buddy lists");
	cr_assert_eq(pcp_count(0, zone_of(P)), 1);
}

/*
 * With a second reference, __free_pages frees page + 2^k at order k, for
 * k = order - 1 down to 0: every page but page 0.
 */
TestSuite(extra_ref, .init = boot_1g, .fini = machine_off);

Test(extra_ref, non_compound_frees_all_but_page_0)
{
	for (unsigned int order = 0; order <= 3; order++) {
		unsigned long base = P + 0x100 * order;
		struct page *page = take(base, order);
		struct sim_census c0, c1;
		unsigned long freed[4], pcp[4];
		int n = 0;

		sim_census(&c0);
		get_page(page);
		register_trace_mm_page_free(NULL);
		STEP(__free_pages(page, order));
		sim_census(&c1);
		cr_assert_eq(page_ref_count(page), 1, "order %u: page 0 keeps one reference", order);
		cr_assert(page_ext_test(page, PAGE_EXT_OWNER_ALLOCATED), "page 0 is still allocated");
		cr_assert_eq(c0.allocated - c1.allocated, (1UL << order) - 1, "order %u", order);
		/* which blocks: page + 2^k at order k, k >= 1 in the buddy lists... */
		for (unsigned int k = 1; k < order; k++)
			freed[n++] = base + (1UL << k);
		for (int i = 0; i < n; i++)
			cr_assert_not(page_ext_test(pfn_to_page(freed[i]), PAGE_EXT_OWNER_ALLOCATED));
		/* ...and page + 1, alone, on this CPU's list */
		if (order > 0) {
			cr_assert_eq(pcp_pfns(0, zone_of(base), MIGRATE_MOVABLE, pcp, 4), 1);
			cr_assert_eq(pcp[0], base + 1);
		}
		drain_all_pages(NULL);
		CHECK();
	}
}

Test(extra_ref, final_put_restores_the_merged_state)
{
	for (unsigned int order = 0; order <= 3; order++) {
		char *before = free_set(), *after;
		struct page *page = alloc_pages(GFP_HIGHUSER_MOVABLE, order);

		get_page(page);				/* the speculative reference */
		STEP(__free_pages(page, order));	/* the owner frees */
		STEP(put_page(page));			/* the other holder lets go */
		STEP(drain_all_pages(NULL));
		after = free_set();
		cr_assert_str_eq(after, before, "order %u: nothing leaked", order);
		free(before);
		free(after);
	}
}

Test(extra_ref, without_it_the_whole_block_is_freed)
{
	for (unsigned int order = 0; order <= 3; order++) {
		char *before = free_set(), *after;
		struct page *page = alloc_pages(GFP_HIGHUSER_MOVABLE, order);

		STEP(__free_pages(page, order));
		STEP(drain_all_pages(NULL));
		after = free_set();
		cr_assert_str_eq(after, before, "order %u", order);
		free(before);
		free(after);
	}
}

Test(extra_ref, compound_frees_nothing_until_the_last_put)
{
	for (unsigned int order = 1; order <= 3; order++) {
		char *before = free_set(), *after;
		struct page *page = alloc_pages(GFP_HIGHUSER_MOVABLE | __GFP_COMP, order);
		struct sim_census c0, c1;

		cr_assert(PageHead(page));
		get_page(page);
		sim_census(&c0);
		STEP(__free_pages(page, order));
		sim_census(&c1);
		cr_assert_eq(c1.allocated, c0.allocated, "order %u: PageHead, nothing freed", order);
		STEP(put_page(page + 1));	/* a tail reference counts for the head */
		after = free_set();
		cr_assert_str_eq(after, before, "order %u: the whole compound page is back", order);
		free(before);
		free(after);
	}
}

TestSuite(refcount, .init = boot_1g, .fini = machine_off);

Test(refcount, double_free_of_order_0_goes_to_minus_1)
{
	struct page *page = take(P, 0);

	STEP(__free_pages(page, 0));
	cr_assert_eq(page_ref_count(page), 0);
	STEP(__free_pages(page, 0));
	cr_assert_eq(page_ref_count(page), -1, "not zero, so nothing more happens now");
	cr_assert_eq(pcp_count(0, zone_of(P)), 1, "the page is on the list once");
	cr_assert_str_eq(console(), "");
}

/* a new block has one reference, on its first page; at zero it is freed */
Test(refcount, a_block_is_counted_on_its_first_page)
{
	struct page *page;

	STEP(page = alloc_pages(GFP_KERNEL, 2));
	cr_assert_eq(page_ref_count(page), 1);
	for (int i = 1; i < 4; i++)
		cr_assert_eq(page_ref_count(page + i), 0, "page %d is not counted", i);
	STEP(get_page(page));
	cr_assert_eq(page_ref_count(page), 2);
	STEP(put_page(page));
	cr_assert(page_ext_owned(page), "one reference left: not freed");
	STEP(__free_pages(page, 2));
	cr_assert_eq(page_ref_count(page), 0);
	for (int i = 0; i < 4; i++)
		cr_assert_not(page_ext_owned(page + i), "at zero, freed: page %d", i);
}

/* get_page and put_page on any page of a compound page count on its head */
Test(refcount, compound_references_count_on_the_head)
{
	struct page *page;

	STEP(page = alloc_pages(GFP_KERNEL | __GFP_COMP, 2));
	STEP(get_page(page + 3));
	cr_assert_eq(page_ref_count(page), 2, "the head's count");
	cr_assert_eq(page_ref_count(page + 3), 0, "not the tail's");
	STEP(put_page(page + 1));
	cr_assert_eq(page_ref_count(page), 1);
	STEP(put_page(page));
}
