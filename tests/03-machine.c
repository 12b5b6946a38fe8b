/* Chapter 3: the simulated machine, its shims, boot and pcp sizing. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include "helpers.h"
#include <criterion/redirect.h>

static struct zone *Z(int z)
{
	return &NODE_DATA(0)->node_zones[z];
}

Test(machine, zones_are_cut_at_16M_and_4G, .init = boot_1g, .fini = machine_off)
{
	cr_assert_eq(Z(ZONE_DMA)->zone_start_pfn, 1UL, "pfn 0 is not RAM");
	cr_assert_eq(zone_end_pfn(Z(ZONE_DMA)), 0x1000UL);
	cr_assert_eq(Z(ZONE_DMA32)->zone_start_pfn, 0x1000UL);
	cr_assert_eq(zone_end_pfn(Z(ZONE_DMA32)), 0x40000UL);
	cr_assert_not(populated_zone(Z(ZONE_NORMAL)), "1 GiB has no Normal zone");
	cr_assert_str_eq(Z(ZONE_DMA32)->name, "DMA32");
	cr_assert_eq(Z(ZONE_DMA)->present_pages, 3998UL, "0x1-0x9e and 0x100-0xfff");
}

Test(machine, normal_zone_above_4G, .fini = machine_off)
{
	boot(6 * GiB, 1);
	cr_assert_eq(zone_end_pfn(Z(ZONE_DMA32)), 0x100000UL);
	cr_assert_eq(Z(ZONE_NORMAL)->zone_start_pfn, 0x100000UL);
	cr_assert_eq(zone_end_pfn(Z(ZONE_NORMAL)), 0x180000UL);
	cr_assert_str_eq(Z(ZONE_NORMAL)->name, "Normal");
}

Test(machine, reserved_pages_stay_reserved, .init = boot_1g, .fini = machine_off)
{
	const unsigned long pfns[] = { 0, 1, 0xf, 0x9f, 0xff, 0x1000, 0x2fff, max_pfn - 1 };

	for (size_t i = 0; i < sizeof(pfns) / sizeof(pfns[0]); i++) {
		struct page *page = pfn_to_page(pfns[i]);

		cr_assert(PageReserved(page), "pfn %#lx", pfns[i]);
		cr_assert_eq(page_ref_count(page), 1, "pfn %#lx", pfns[i]);
		cr_assert_not(PageBuddy(page), "pfn %#lx", pfns[i]);
	}
	cr_assert_not(PageReserved(pfn_to_page(0x10)), "the first free page, past 64 KiB");
	cr_assert_not(PageReserved(pfn_to_page(0x3000)), "just past the kernel image");
	cr_assert_eq(zone_managed_pages(Z(ZONE_DMA)), 3998UL - 15, "the first 64 KiB are reserved");
}

Test(machine, boot_frees_max_order_blocks_to_the_tail, .init = boot_1g, .fini = machine_off)
{
	struct zone *zone = Z(ZONE_DMA32);
	struct page *page;
	unsigned long prev = 0;
	int n = 0;

	/* freed in rising pfn order, each to the tail: the list is in pfn order */
	list_for_each_entry(page, &zone->free_area[10].free_list[MIGRATE_MOVABLE], lru) {
		cr_assert_gt(page_to_pfn(page), prev);
		prev = page_to_pfn(page);
		n++;
	}
	cr_assert_eq(n, 239);
	cr_assert(is_free_block(0x3000, 10), "the first block after the kernel image");
	cr_assert_eq(free_block_index(0x3000, 10), 0);
}

Test(machine, dma_first_pageblock_is_unmovable, .init = boot_1g, .fini = machine_off)
{
	cr_assert_eq(get_pageblock_migratetype(pfn_to_page(0x10)), MIGRATE_UNMOVABLE,
		     "pfn 0 is not RAM, so memmap_init_zone never marks pageblock 0");
	for (unsigned long pfn = 0x200; pfn < 0x1000; pfn += 0x200)
		cr_assert_eq(get_pageblock_migratetype(pfn_to_page(pfn)), MIGRATE_MOVABLE);
	cr_assert(free_block_type(0x10, 4) == MIGRATE_UNMOVABLE,
		  "so its free pages go to the UNMOVABLE lists");
}

Test(machine, dma32_batch_63_high_378, .init = boot_1g, .fini = machine_off)
{
	for (int cpu = 0; cpu < 2; cpu++) {
		struct per_cpu_pages *pcp = &per_cpu_ptr(Z(ZONE_DMA32)->pageset, cpu)->pcp;

		cr_assert_eq(pcp->batch, 63);
		cr_assert_eq(pcp->high, 378);
		cr_assert_eq(pcp->count, 0);
	}
}

Test(machine, dma_high_0_batch_1, .init = boot_1g, .fini = machine_off)
{
	struct per_cpu_pages *pcp = &per_cpu_ptr(Z(ZONE_DMA)->pageset, 0)->pcp;

	cr_assert_eq(pcp->high, 0);
	cr_assert_eq(pcp->batch, 1);
}

/*
 * The table of per-CPU list sizes (chapter 3), by managed pages: each row
 * holds for a range of zone sizes, and these machines' DMA32 zones fall in
 * the ranges of the rows 16384, 32768, 65536, 131072 and >= 176128.
 */
Test(machine, zone_batchsize_table, .fini = machine_off)
{
	static const struct { unsigned long ram, lo, hi; int batch, high; } rows[] = {
		{ 128 * MiB, 16384, 24575, 3, 18 },
		{ 160 * MiB, 24576, 45055, 7, 42 },
		{ 256 * MiB, 45056, 88063, 15, 90 },
		{ 512 * MiB, 90112, 176127, 31, 186 },
		{ 1 * GiB, 176128, ~0UL, 63, 378 },
	};

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct per_cpu_pages *pcp;
		unsigned long m;

		boot(rows[i].ram, 1);
		pcp = &per_cpu_ptr(Z(ZONE_DMA32)->pageset, 0)->pcp;
		m = zone_managed_pages(Z(ZONE_DMA32));
		cr_assert(m >= rows[i].lo && m <= rows[i].hi, "%lu MiB: %lu managed", rows[i].ram >> 20, m);
		cr_assert_eq(pcp->batch, rows[i].batch, "%lu managed pages", m);
		cr_assert_eq(pcp->high, rows[i].high, "%lu managed pages", m);
		sim_shutdown();
	}
	boot(64 * MiB, 1);
}

Test(machine, rejects_bad_sizes)
{
	struct sim_config cfg = { .ram = 32 * MiB, .nr_cpus = 1 };

	cr_assert_neq(sim_boot(&cfg), 0);
	cr_assert(strstr(sim_boot_error(), "too small"), "%s", sim_boot_error());
	cfg.ram = 128 * GiB;
	cr_assert_neq(sim_boot(&cfg), 0);
	cr_assert(strstr(sim_boot_error(), "too large"), "%s", sim_boot_error());
	cfg.ram = GiB + 100;
	cr_assert_neq(sim_boot(&cfg), 0);
	cr_assert(strstr(sim_boot_error(), "not a multiple"), "%s", sim_boot_error());
	cfg.ram = GiB;
	cfg.nr_cpus = 65;
	cr_assert_neq(sim_boot(&cfg), 0);
	cr_assert(strstr(sim_boot_error(), "CPUs"), "%s", sim_boot_error());
}

Test(machine, boots_64G, .fini = machine_off, .timeout = 120)
{
	boot(64 * GiB, 2);
	cr_assert_eq(max_pfn, 64UL << 18);
	cr_assert(populated_zone(Z(ZONE_NORMAL)));
	cr_assert_eq(free_pages_of(Z(ZONE_NORMAL)), zone_managed_pages(Z(ZONE_NORMAL)),
		     "all of Normal is free");
	cr_assert_eq(nr_free_of(Z(ZONE_NORMAL), 10), (int)(zone_managed_pages(Z(ZONE_NORMAL)) / 1024),
		     "in order-10 blocks, but for the end below the memmap");
}

/* a freelist text reduced to its blocks: no type, sorted */
static int cmp_line(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void blocks_only(char *text)
{
	char *lines[1 << 16], *copy = strdup(text), *save = NULL, *out = text;
	size_t n = 0;

	for (char *l = strtok_r(copy, "\n", &save); l && n < 1 << 16; l = strtok_r(NULL, "\n", &save)) {
		char *t = strstr(l, " type=");

		if (t)
			memmove(t, strchr(t + 1, ' '), strlen(strchr(t + 1, ' ')) + 1);
		lines[n++] = l;
	}
	qsort(lines, n, sizeof(*lines), cmp_line);
	for (size_t i = 0; i < n; i++)
		out += sprintf(out, "%s\n", lines[i]);
	free(copy);
}

Test(machine, every_page_comes_back, .init = boot_1g, .fini = machine_off)
{
	struct sim_census before, after;
	char *start = freelist_text(), *end;

	sim_census(&before);
	cr_assert_eq(before.allocated, 0UL);
	cr_assert_eq(before.buddy, before.managed);
	/* allocate every page there is, then free it all back */
	struct page **pages = calloc(before.managed, sizeof(*pages));
	unsigned long n = 0;
	struct page *p;

	while ((p = alloc_pages(GFP_KERNEL, 0)))
		pages[n++] = p;
	cr_assert_eq(n, before.managed);
	CHECK();
	while (n)
		__free_pages(pages[--n], 0);
	drain_all_pages(NULL);
	CHECK();
	sim_census(&after);
	cr_assert_eq(after.buddy, after.managed);
	end = freelist_text();
	cr_assert_str_neq(start, "");
	blocks_only(start);
	blocks_only(end);
	cr_assert_str_eq(start, end, "the same free blocks, whatever their lists' types");
	free(pages);
	free(start);
	free(end);
}

/* the lock shim's rules: each broken rule aborts the program */
Test(lockdep, lock_with_irqs_on_aborts, .signal = SIGABRT, .init = boot_1g)
{
	spin_lock(&Z(ZONE_DMA32)->lock);
}

Test(lockdep, recursive_lock_aborts, .signal = SIGABRT, .init = boot_1g)
{
	unsigned long flags;

	spin_lock_irqsave(&Z(ZONE_DMA32)->lock, flags);
	spin_lock(&Z(ZONE_DMA32)->lock);
	(void)flags;
}

Test(lockdep, unlock_of_lock_not_held_aborts, .signal = SIGABRT, .init = boot_1g)
{
	spin_unlock(&Z(ZONE_DMA32)->lock);
}

Test(lockdep, assert_held_without_the_lock_aborts, .signal = SIGABRT, .init = boot_1g)
{
	lockdep_assert_held(&Z(ZONE_DMA32)->lock);
}

Test(lockdep, assert_irqs_disabled_with_irqs_on_aborts, .signal = SIGABRT, .init = boot_1g)
{
	lockdep_assert_irqs_disabled();
}

Test(lockdep, cpu_switch_with_irqs_off_aborts, .signal = SIGABRT, .init = boot_1g)
{
	unsigned long flags;

	local_irq_save(flags);
	sim_set_cpu(1);
	(void)flags;
}

Test(lockdep, the_rules_hold_on_the_free_path, .init = boot_1g, .fini = machine_off)
{
	/* the same checks stay quiet on correct use */
	struct page *page = alloc_pages(GFP_KERNEL, 3);

	STEP(__free_pages(page, 3));
	page = alloc_pages(GFP_KERNEL, 0);
	STEP(__free_pages(page, 0));
	STEP(drain_all_pages(NULL));
}

/*
 * A stub says once that it was reached, whatever the length of its id
 * (reread-under-lock has 17 characters), and every stub is announced.
 */
Test(exercise_stub, says_once_per_stub, .init = cr_redirect_stderr)
{
	static const char *ids[] = { "reread-under-lock", "merge-loop", "find-buddy-pfn",
				     "a-much-longer-exercise-id-than-any-in-the-book" };

	for (int round = 0; round < 40; round++)
		for (unsigned int i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
			model_exercise_stub(ids[i], "f");
	fflush(stderr);
	cr_assert_stderr_eq_str("exercise reread-under-lock: f() is a stub; implement it\n"
				"exercise merge-loop: f() is a stub; implement it\n"
				"exercise find-buddy-pfn: f() is a stub; implement it\n"
				"exercise a-much-longer-exercise-id-than-any-in-the-book: f() is a stub; implement it\n");
}
