/* Chapter 7: free_pages_prepare, check_free_page, bad_page, and misuse. */
#include <string.h>
#include <linux/fs.h>
#include <linux/uaccess.h>
#include "helpers.h"

#define P 0x10000UL
#define FAKE_MAPPING ((struct address_space *)0xffff888012345000UL)
#define FAKE_MEMCG ((struct mem_cgroup *)0xffff888011110000UL)

static bool says(const char *text)
{
	return strstr(console(), text) != NULL;
}

/* --- the steps of free_pages_prepare ----------------------------------------- */

static int traced_order = -1;
static bool traced_locked;
static void on_free(struct page *page, unsigned int order, int mt)
{
	traced_order = order;
	traced_locked = PageLocked(page + 1);
}

TestSuite(prepare, .init = boot_1g, .fini = machine_off);

Test(prepare, trace_fires_before_the_checks)
{
	struct page *page = take(P, 1);

	SetPageLocked(page + 1);
	register_trace_mm_page_free(on_free);
	STEP(__free_pages(page, 1));
	unregister_trace_mm_page_free(on_free);
	cr_assert_eq(traced_order, 1, "the event fires for a block that is then not freed");
	cr_assert(traced_locked, "before any check or clearing");
	cr_assert(says("page dumped because: PAGE_FLAGS_CHECK_AT_FREE flag(s) set"));
}

Test(prepare, hwpoison_order_0_is_leaked)
{
	struct page *page = take(P, 0);
	struct sim_census c0, c1;

	SetPageHWPoison(page);
	sim_census(&c0);
	STEP(__free_pages(page, 0));
	sim_census(&c1);
	cr_assert_eq(pcp_count(0, zone_of(P)), 0, "never reaches a per-CPU list");
	cr_assert_eq(c1.leaked - c0.leaked, 1UL);
	cr_assert_str_eq(console(), "", "dropped without a report");
}

Test(prepare, hwpoison_order_1_is_checked_as_usual)
{
	struct page *page = take(P, 1);

	take(P + 2, 1);
	SetPageHWPoison(page);
	STEP(__free_pages(page, 1));
	cr_assert(is_free_block(P, 1), "5.10 special-cases order 0 only");
	cr_assert(PageHWPoison(page), "and the flag is not in PAGE_FLAGS_CHECK_AT_PREP");
}

Test(prepare, clears_check_at_prep_flags_of_a_clean_block)
{
	struct page *page = take(P, 2);
	unsigned long zone_bits = page->flags & ~((1UL << NR_PAGEFLAGS) - 1);

	take(P + 4, 2);
	for (int i = 0; i < 4; i++) {
		SetPageDirty(page + i);
		SetPageUptodate(page + i);
		SetPageReferenced(page + i);
	}
	page[2].private = 0x1234;
	page[3].index = 0x99;
	STEP(__free_pages(page, 2));
	cr_assert(is_free_block(P, 2));
	for (int i = 0; i < 4; i++) {
		cr_assert_eq(page[i].flags & PAGE_FLAGS_CHECK_AT_PREP, 0UL, "page %d", i);
		cr_assert_eq(page[i].flags & ~((1UL << NR_PAGEFLAGS) - 1), zone_bits,
			     "zone, node and cpupid bits are kept");
	}
	cr_assert_eq(page[2].private, 0x1234UL, "private is not touched");
	cr_assert_eq(page[3].index, 0x99UL, "index is not touched");
}

Test(prepare, compound_tails_lose_mapping_and_compound_head)
{
	struct page *page = alloc_pages(GFP_HIGHUSER_MOVABLE | __GFP_COMP, 3);

	cr_assert(PageHead(page));
	cr_assert(PageTail(page + 5));
	cr_assert_eq((void *)page[5].mapping, TAIL_MAPPING);
	STEP(__free_pages(page, 3));
	cr_assert_not(PageHead(page));
	for (int i = 1; i < 8; i++) {
		cr_assert_not(PageTail(page + i), "page %d", i);
		cr_assert_null(page[i].mapping, "page %d", i);
	}
	cr_assert_str_eq(console(), "");
}

/* PG_double_map is PG_workingset's bit, in the first tail page (PF_SECOND) */
Test(prepare, double_map_is_cleared_in_the_first_tail)
{
	struct page *page = alloc_pages(GFP_HIGHUSER_MOVABLE | __GFP_COMP, 2);

	page[1].flags |= 1UL << PG_double_map;
	cr_assert(PageDoubleMap(page));
	page->flags |= 1UL << PG_workingset;	/* the head's own workingset bit */
	SetPageLRU(page);			/* so the head is reported, flags intact */
	STEP(__free_pages(page, 2));
	cr_assert_not(page[1].flags & (1UL << PG_double_map), "cleared in page[1]");
	cr_assert(says("(lru|workingset|head)\n"), "the head keeps workingset:\n%s", console());
}

Test(prepare, anon_mapping_tag_is_cleared)
{
	struct page *page = take(P, 0);

	page->mapping = (struct address_space *)((unsigned long)FAKE_MAPPING | PAGE_MAPPING_ANON);
	STEP(__free_pages(page, 0));
	cr_assert_null(page->mapping);
	STEP(drain_local_pages(NULL));
	cr_assert_str_eq(console(), "", "an anonymous page is fine to free");
}

Test(prepare, kmem_charge_is_undone)
{
	struct page *page = take(P, 1);

	take(P + 2, 1);
	page->mem_cgroup = FAKE_MEMCG;
	__SetPageKmemcg(page);
	STEP(__free_pages(page, 1));
	cr_assert_null(page->mem_cgroup);
	cr_assert(is_free_block(P, 1), "the type is gone, so _mapcount reads -1 again");
	cr_assert_str_eq(console(), "");
}

/* --- bad pages: each reason, in 5.10's words --------------------------------- */

/* free an order-1 block at P with page i spoiled by spoil(); it must be reported */
static void free_spoiled(void (*spoil)(struct page *), int i, const char *reason)
{
	struct page *page = take(P, 1);
	struct sim_census c0, c1;
	char first[80];

	take(P + 2, 1);
	spoil(page + i);
	sim_census(&c0);
	STEP(__free_pages(page, 1));
	sim_census(&c1);
	snprintf(first, sizeof(first), "BUG: Bad page state in process pagesim  pfn:%05lx\n", P + i);
	cr_assert(says(first), "expected '%s' in:\n%s", first, console());
	cr_assert(says(reason), "expected '%s' in:\n%s", reason, console());
	cr_assert_not(is_free_block(P, 1), "a bad block is not freed");
	cr_assert_eq(c1.leaked - c0.leaked, 2UL, "it is counted as leaked");
}

static void mapped(struct page *p) { atomic_set(&p->_mapcount, 0); }
static void in_page_cache(struct page *p) { p->mapping = FAKE_MAPPING; }
static void referenced(struct page *p) { atomic_set(&p->_refcount, 1); }
static void locked(struct page *p) { SetPageLocked(p); }
static void on_lru(struct page *p) { SetPageLRU(p); }
static void charged(struct page *p) { p->mem_cgroup = FAKE_MEMCG; }

TestSuite(bad_page, .init = boot_1g, .fini = machine_off);

Test(bad_page, nonzero_mapcount)
{
	free_spoiled(mapped, 1, "page dumped because: nonzero mapcount\n");
	cr_assert(says("mapcount:1 "));
}

Test(bad_page, non_null_mapping)
{
	free_spoiled(in_page_cache, 0, "page dumped because: non-NULL mapping\n");
	cr_assert(says("mapping:ffff888012345000 "));
}

Test(bad_page, nonzero_refcount)
{
	free_spoiled(referenced, 1, "page dumped because: nonzero _refcount\n");
}

Test(bad_page, locked)
{
	free_spoiled(locked, 0, "page dumped because: PAGE_FLAGS_CHECK_AT_FREE flag(s) set\n");
	cr_assert(says("(locked)\n"), "%%pGp decodes the flag:\n%s", console());
}

Test(bad_page, on_the_lru)
{
	free_spoiled(on_lru, 1, "page dumped because: PAGE_FLAGS_CHECK_AT_FREE flag(s) set\n");
	cr_assert(says("(lru)\n"));
}

Test(bad_page, charged_to_a_cgroup)
{
	free_spoiled(charged, 0, "page dumped because: page still charged to cgroup\n");
	cr_assert(says("page->mem_cgroup:ffff888011110000\n"));
}

/* a compound_head that points forward is corrupt: the dump masks mapping */
static void corrupt_head(struct page *p)
{
	p->compound_head = (unsigned long)(p + 8) + 1;
	p->mapping = (struct address_space *)((unsigned long)FAKE_MAPPING | PAGE_MAPPING_ANON);
}

Test(bad_page, corrupt_head_dump_masks_the_mapping)
{
	free_spoiled(corrupt_head, 1, "page dumped because: non-NULL mapping\n");
	cr_assert(says("page:ffffea0000400040 refcount:0 mapcount:0 mapping:0000000000000000 "),
		  "%s", console());
}

Test(bad_page, report_in_5_10_words)
{
	struct page *page = take(P, 1);
	const char *expected =
		"BUG: Bad page state in process pagesim  pfn:10000\n"
		"page:ffffea0000400000 refcount:0 mapcount:0 mapping:0000000000000000 index:0x0 pfn:0x10000\n"
		"flags: 0x1fffc0000000001(locked)\n"
		"raw: 01fffc0000000001 dead000000000100 dead000000000122 0000000000000000\n"
		"raw: 0000000000000000 0000000000000000 00000000ffffffff 0000000000000000\n"
		"page dumped because: PAGE_FLAGS_CHECK_AT_FREE flag(s) set\n"
		"Modules linked in:\n"
		"CPU: 0 PID: 1 Comm: pagesim Not tainted 5.10.0 #1\n"
		"Hardware name: pagesim simulated x86_64 machine\n"
		"Disabling lock debugging due to kernel taint\n";

	SetPageLocked(page);
	STEP(__free_pages(page, 1));
	cr_assert_str_eq(console(), expected);
}

Test(bad_page, taint_shows_in_later_reports)
{
	free_spoiled(locked, 0, "(locked)");
	console_reset();
	take(P + 4, 0);
	SetPageLocked(pfn_to_page(P + 4));
	STEP(__free_pages(pfn_to_page(P + 4), 0));
	STEP(drain_local_pages(NULL));
	cr_assert_str_eq(console(), "", "order 0: flags cleared before the deferred check");
	take(P + 8, 1);
	SetPageLocked(pfn_to_page(P + 8));
	STEP(__free_pages(pfn_to_page(P + 8), 1));
	cr_assert(says("Comm: pagesim Tainted: G    B             5.10.0 #1\n"), "%s", console());
	cr_assert_not(says("Disabling lock debugging"), "said only once");
}

Test(bad_page, reason_is_the_last_that_applies)
{
	struct page *page = take(P, 1);

	take(P + 2, 1);
	atomic_set(&page[1]._mapcount, 0);	/* mapped... */
	page[1].mapping = FAKE_MAPPING;		/* ...in the page cache... */
	atomic_set(&page[1]._refcount, 1);	/* ...and referenced */
	STEP(__free_pages(page, 1));
	cr_assert(says("page dumped because: nonzero _refcount\n"), "%s", console());
	cr_assert_not(says("because: nonzero mapcount"));
	cr_assert_not(says("because: non-NULL mapping"));
}

Test(bad_page, cgroup_charge_beats_everything)
{
	struct page *page = take(P, 1);

	take(P + 2, 1);
	atomic_set(&page[1]._mapcount, 0);
	atomic_set(&page[1]._refcount, 1);
	SetPageLocked(page + 1);
	page[1].mem_cgroup = FAKE_MEMCG;
	STEP(__free_pages(page, 1));
	cr_assert(says("page dumped because: page still charged to cgroup\n"), "%s", console());
}

Test(bad_page, rate_limited_after_60, .timeout = 30)
{
	for (int i = 0; i < 61; i++) {
		struct page *page = take(P + 2 * i, 1);

		SetPageLocked(page);
		STEP(__free_pages(page, 1));
	}
	cr_assert_eq(count_in_console("BUG: Bad page state in process"), 60, "60 come out");
	cr_assert_eq(count_in_console("messages suppressed"), 0);
	jiffies += 60 * HZ;			/* a minute later */
	take(P + 200, 1);
	SetPageLocked(pfn_to_page(P + 200));
	STEP(__free_pages(pfn_to_page(P + 200), 1));
	cr_assert(says("BUG: Bad page state: 1 messages suppressed\n"));
	cr_assert_eq(count_in_console("BUG: Bad page state in process"), 61);
}

/* quiet for exactly a minute after the first of the 60: not a tick less */
Test(bad_page, quiet_for_exactly_a_minute, .init = boot_1g, .fini = machine_off, .timeout = 30)
{
	unsigned long first = jiffies;

	for (int i = 0; i < 61; i++) {
		struct page *page = take(P + 2 * i, 1);

		SetPageLocked(page);
		STEP(__free_pages(page, 1));
	}
	jiffies = first + 60 * HZ - 1;		/* a tick short of the minute */
	take(P + 200, 1);
	SetPageLocked(pfn_to_page(P + 200));
	STEP(__free_pages(pfn_to_page(P + 200), 1));
	cr_assert_eq(count_in_console("BUG: Bad page state in process"), 60, "still quiet");
	jiffies = first + 60 * HZ;		/* the minute is up */
	take(P + 202, 1);
	SetPageLocked(pfn_to_page(P + 202));
	STEP(__free_pages(pfn_to_page(P + 202), 1));
	cr_assert(says("BUG: Bad page state: 2 messages suppressed\n"), "%s", console());
	cr_assert_eq(count_in_console("BUG: Bad page state in process"), 61);
}

/* --- the dump of a page in the page cache, and of a poisoned struct page ----- */

/* a file in the page cache, as __dump_page reads it */
static const struct address_space_operations shmem_aops;
static struct inode inode = { .i_ino = 0x3f1 };
static struct dentry dentry = { .d_name = { .name = "notes.txt" } };
static struct address_space file = { .host = &inode, .a_ops = &shmem_aops };

static void in_the_page_cache_of(struct page *p, struct address_space *mapping)
{
	model_kernel_memory_add(&shmem_aops, sizeof(shmem_aops), "shmem_aops");
	model_kernel_memory_add(&inode, sizeof(inode), NULL);
	model_kernel_memory_add(&dentry, sizeof(dentry), NULL);
	model_kernel_memory_add(&file, sizeof(file), NULL);
	p->mapping = mapping;
}

static void in_a_named_file(struct page *p)
{
	inode.i_dentry.first = &dentry.d_u.d_alias;
	in_the_page_cache_of(p, &file);
}

static void in_a_file_without_dentry(struct page *p)
{
	inode.i_dentry.first = NULL;
	in_the_page_cache_of(p, &file);
}

static void in_a_mapping_without_host(struct page *p)
{
	static struct address_space swapper = { .a_ops = &shmem_aops };

	model_kernel_memory_add(&swapper, sizeof(swapper), NULL);
	in_the_page_cache_of(p, &swapper);
}

Test(bad_page, file_page_dump_names_aops_inode_and_dentry)
{
	free_spoiled(in_a_named_file, 0, "page dumped because: non-NULL mapping\n");
	cr_assert(says("\naops:shmem_aops ino:3f1 dentry name:\"notes.txt\"\nflags: "),
		  "%s", console());
}

Test(bad_page, file_page_dump_without_dentry_names_the_inode)
{
	free_spoiled(in_a_file_without_dentry, 0, "page dumped because: non-NULL mapping\n");
	cr_assert(says("\naops:shmem_aops ino:3f1\nflags: "), "%s", console());
}

Test(bad_page, mapping_without_host_dump_names_the_aops)
{
	free_spoiled(in_a_mapping_without_host, 0, "page dumped because: non-NULL mapping\n");
	cr_assert(says("\naops:shmem_aops\nflags: "), "%s", console());
}

Test(bad_page, unreadable_mapping_is_said_so)
{
	free_spoiled(in_page_cache, 0, "page dumped because: non-NULL mapping\n");
	cr_assert(says("\nfailed to read mapping contents, not a valid kernel address?\nflags: "),
		  "%s", console());
}

/* a struct page never initialised, as poisoned memory leaves it: all ones */
static void poisoned(struct page *p) { p->flags = PAGE_POISON_PATTERN; }

Test(bad_page, poisoned_struct_page_is_dumped_as_raw_words)
{
	const char *expected =
		"BUG: Bad page state in process pagesim  pfn:10001\n"
		"page:ffffea0000400040 is uninitialized and poisoned\n"
		"raw: ffffffffffffffff ffffea0000400048 ffffea0000400048 0000000000000000\n"
		"raw: 0000000000000000 0000000000000000 00000000ffffffff 0000000000000000\n"
		"page dumped because: PAGE_FLAGS_CHECK_AT_FREE flag(s) set\n"
		"Modules linked in:\n";

	free_spoiled(poisoned, 1, "page dumped because: PAGE_FLAGS_CHECK_AT_FREE flag(s) set\n");
	cr_assert(!strncmp(console(), expected, strlen(expected)),
		  "no field is decoded, only the raw words:\n%s", console());
	pfn_to_page(P + 1)->flags = pfn_to_page(P)->flags;	/* for the checks at the end */
}

/* --- misuse: what 5.10 does, and what the model does -------------------------- */

Test(misuse, double_free_of_order_0_is_reported_at_the_drain, .init = boot_1g, .fini = machine_off)
{
	struct page *page = take(P, 0);
	struct sim_census c0, c1;

	STEP(__free_pages(page, 0));
	STEP(__free_pages(page, 0));
	cr_assert_str_eq(console(), "");
	sim_census(&c0);
	STEP(drain_local_pages(NULL));
	sim_census(&c1);
	cr_assert(says("refcount:-1 "));
	cr_assert(says("page dumped because: nonzero _refcount\n"));
	cr_assert_eq(c1.leaked - c0.leaked, 1UL, "leaked, not freed");
}

Test(misuse, double_free_of_order_n_is_refused, .init = boot_1g, .fini = machine_off)
{
	struct page *page = take(P, 2);
	struct sim_census c0, c1;

	take(P + 4, 2);
	STEP(__free_pages(page, 2));
	sim_census(&c0);
	STEP(__free_pages(page, 2));		/* count -1; P+2 and P+1 freed again */
	sim_census(&c1);
	cr_assert(says("refused to free pfn 0x10002 order 1"), "%s", console());
	cr_assert(says("refused to free pfn 0x10001 order 0"), "%s", console());
	cr_assert_eq(memcmp(&c0, &c1, sizeof(c0)), 0, "nothing moved");
	cr_assert(is_free_block(P, 2));
}

/*
 * A block that failed its checks is leaked, and may be freed again once it
 * is mended: its pages carry the leaked mark, not the record of an
 * allocated page, so the refusal looks closer than its usual one pass.
 */
Test(misuse, a_leaked_block_freed_again_is_freed, .init = boot_1g, .fini = machine_off)
{
	struct page *page = take(P, 2);
	unsigned long refused = sim_nr_refused;

	take(P + 4, 2);
	page[1].mapping = FAKE_MAPPING;
	STEP(__free_pages(page, 2));
	cr_assert(says("BUG: Bad page state"), "%s", console());
	cr_assert_not(is_free_block(P, 2), "a bad block is not freed");
	cr_assert(page_ext_test(page + 1, PAGE_EXT_LEAKED), "but leaked");
	page[1].mapping = NULL;
	set_page_count(page, 1);
	STEP(__free_pages(page, 2));
	cr_assert_eq(sim_nr_refused, refused, "a leaked block may be freed");
	cr_assert(is_free_block(P, 2), "mended, it is freed");
	cr_assert_not(page_ext_test(page + 1, PAGE_EXT_LEAKED), "and leaked no more");
}

Test(misuse, double_free_reports_a_part_that_heads_a_free_block, .init = boot_1g, .fini = machine_off)
{
	struct page *page = take(P, 2);

	take(P + 4, 2);
	STEP(__free_pages(page, 2));		/* P, order 2, is free */
	take(P, 1);				/* the first half is reused: P+2 heads a free block */
	cr_assert(is_free_block(P + 2, 1));
	STEP(__free_pages(page, 2));		/* the stale free of the old order-2 block */
	cr_assert(says("BUG: Bad page state in process pagesim  pfn:10002\n"), "%s", console());
	cr_assert(says("mapcount:-128 "), "a free page's page_type, read as a mapcount");
	cr_assert(says("page dumped because: nonzero mapcount\n"));
	cr_assert_not(PageBuddy(pfn_to_page(P + 2)), "bad_page wiped PageBuddy...");
	cr_assert_eq(free_block_type(P + 2, 1), MIGRATE_MOVABLE, "...but left it on its list");
}

Test(misuse, wrong_order_too_large_into_a_free_block_is_reported, .init = boot_1g, .fini = machine_off)
{
	struct page *page = take(P, 1);		/* P+2 stays free, at order 1 */

	STEP(__free_pages(page, 2));
	cr_assert(says("BUG: Bad page state in process pagesim  pfn:10002\n"), "%s", console());
	cr_assert(says("page dumped because: nonzero mapcount\n"), "PageBuddy, read as a mapcount");
	cr_assert_not(is_free_block(P, 2), "the block is not freed");
}

Test(misuse, wrong_order_too_large_into_a_used_block_is_reported, .init = boot_1g, .fini = machine_off)
{
	struct page *mine = take(P, 1), *theirs = take(P + 2, 1);

	take(P + 4, 2);
	STEP(__free_pages(mine, 2));
	cr_assert(says("BUG: Bad page state in process pagesim  pfn:10002\n"), "%s", console());
	cr_assert(says("page dumped because: nonzero _refcount\n"), "their first page has a reference");
	cr_assert_not(is_free_block(P, 2));
	console_reset();
	STEP(__free_pages(theirs, 1));		/* theirs is still theirs to free */
	cr_assert(is_free_block(P + 2, 1));
	cr_assert_str_eq(console(), "");
}

Test(misuse, wrong_order_too_large_into_per_cpu_pages_is_refused, .init = boot_1g, .fini = machine_off)
{
	struct page *page = take(P, 1);
	struct sim_census c0, c1;

	take(P + 2, 0); take(P + 3, 0);
	STEP(__free_pages(pfn_to_page(P + 2), 0));	/* both wait on this CPU's list */
	STEP(__free_pages(pfn_to_page(P + 3), 0));
	sim_census(&c0);
	STEP(__free_pages(page, 2));	/* they pass the checks: 5.10 would corrupt */
	sim_census(&c1);
	cr_assert(says("refused to free pfn 0x10000 order 2: a page of it is not allocated"),
		  "%s", console());
	cr_assert_eq(memcmp(&c0, &c1, sizeof(c0)), 0, "nothing moved");
	cr_assert_eq(pcp_count(0, zone_of(P)), 2);
}

Test(misuse, wrong_order_too_small_keeps_the_rest, .init = boot_1g, .fini = machine_off)
{
	struct page *page = take(P, 2);
	struct sim_census c0, c1;

	take(P + 4, 2);
	sim_census(&c0);
	STEP(__free_pages(page, 1));
	sim_census(&c1);
	cr_assert(is_free_block(P, 1));
	cr_assert_eq(c0.allocated - c1.allocated, 2UL, "P+2 and P+3 stay allocated for ever");
}

Test(misuse, tail_page_underflows_and_the_block_is_reported_later, .init = boot_1g, .fini = machine_off)
{
	struct page *page = alloc_pages(GFP_HIGHUSER_MOVABLE | __GFP_COMP, 2);

	STEP(__free_pages(page + 1, 0));
	cr_assert_eq(page_ref_count(page + 1), -1, "a tail's count goes from 0 to -1");
	cr_assert_str_eq(console(), "", "nothing freed, nothing said");
	STEP(put_page(page));			/* the compound page is freed... */
	cr_assert(says("page dumped because: nonzero _refcount\n"), "...and its tail reported");
}

Test(misuse, misaligned_block_is_refused, .init = boot_1g, .fini = machine_off)
{
	struct page *page = take(P, 2);
	struct sim_census c0, c1;

	set_page_count(page + 1, 1);		/* a caller that holds the wrong page */
	sim_census(&c0);
	STEP(__free_pages(page + 1, 1));
	sim_census(&c1);
	cr_assert(says("refused to free pfn 0x10001 order 1: the block is not aligned to its order"),
		  "%s", console());
	cr_assert_eq(memcmp(&c0, &c1, sizeof(c0)), 0);
}

/* everything show prints: the free lists, the per-CPU lists, the counters */
static void show_state(FILE *f)
{
	show_freelist(f);
	show_pcp(f);
	show_zoneinfo(f);
}

static char *machine_state(void)
{
	return shown(show_state);
}

Test(misuse, refused_free_changes_no_list, .init = boot_1g, .fini = machine_off)
{
	struct page *page = take(P, 3);
	char *before, *after;

	set_page_count(page + 2, 1);		/* free pfn P+2 at order 2: misaligned */
	SetPageReferenced(page + 3);
	before = machine_state();
	STEP(__free_pages(page + 2, 2));
	after = machine_state();
	cr_assert(says("refused to free pfn 0x10002 order 2"), "%s", console());
	cr_assert_str_eq(after, before, "no list or counter changed");
	/* but the checks ran first, as in 5.10: a page that passed lost its flags */
	cr_assert_not(PageReferenced(page + 3));
	cr_assert_eq(page_ref_count(page + 2), 0);
	free(before);
	free(after);
}

Test(misuse, block_straddling_a_zone_is_reported_or_refused, .fini = machine_off)
{
	struct page *page;

	boot(6 * GiB, 1);
	/* DMA's last page with the next: the kernel image, reserved, is reported */
	take(0xfff, 0);
	STEP(__free_pages(pfn_to_page(0xfff), 1));
	cr_assert(says("pfn:01000\n"), "%s", console());
	cr_assert(says("(reserved)\n"));
	/* DMA32's last page with Normal's first: clean pages, a misaligned block */
	console_reset();
	page = take(0xffffe, 1);
	take(0x100000, 1);
	set_page_count(page + 1, 1);		/* a caller holding the wrong page... */
	set_page_count(pfn_to_page(0x100000), 0);	/* ...and a count the checks pass */
	STEP(__free_pages(page + 1, 1));
	cr_assert(says("refused to free pfn 0xfffff order 1: the block is not aligned"), "%s", console());
	cr_assert_neq(page_zone(pfn_to_page(0xfffff)), page_zone(pfn_to_page(0x100000)));
}

Test(misuse, refcount_underflow_of_a_free_page_is_reported_at_allocation, .init = boot_1g, .fini = machine_off)
{
	struct page *page;

	take(P, 0);			/* leaves P+1 free at order 0, alone on its list */
	STEP(put_page(pfn_to_page(P + 1)));	/* a put on a free page: 0 -> -1 */
	cr_assert_eq(page_ref_count(pfn_to_page(P + 1)), -1);
	cr_assert_str_eq(console(), "", "nothing is said yet");
	STEP(page = alloc_pages(GFP_HIGHUSER_MOVABLE, 0));	/* the refill takes P+1 first */
	cr_assert(says("BUG: Bad page state in process pagesim  pfn:10001\n"), "%s", console());
	cr_assert(says("page dumped because: nonzero _refcount\n"));
	cr_assert_neq(page_to_pfn(page), P + 1, "the allocator skips it and takes another");
	cr_assert(page_ext_test(pfn_to_page(P + 1), PAGE_EXT_LEAKED));
	cr_assert_eq(pcp_count(0, zone_of(P)), 61, "63 taken, 62 listed, one handed out");
}
