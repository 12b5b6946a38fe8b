/*
 * An independent oracle for the model.
 *
 * The oracle keeps one thing: which page frames are free.  It starts from
 * the machine's memory map (RAM minus what boot reserves), never from the
 * model's lists, and it applies the kernel's rules for what a free releases:
 * the last reference frees the whole block; with references left, a
 * non-compound block frees every page but the first; a compound one frees
 * nothing.  After a full drain, a correct buddy allocator must hold exactly
 * the maximal naturally aligned blocks of free frames, up to order 10,
 * within one zone, split at order 9 where exactly one of two pageblocks is
 * isolated.  Thousands of seeded random scenarios compare the two.
 *
 * ORACLE_SCENARIOS sets how many (default 2000); a failure prints its seed,
 * and ORACLE_SEED=n replays that one scenario.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "helpers.h"

#define RAM		(128 * MiB)
#define MAX_BLOCKS	4096

struct block {
	unsigned long pfn;
	unsigned int order;
	bool compound;
	int refs;		/* references the scenario holds */
	bool owner_freed;	/* the allocating owner has called __free_pages */
};

struct oracle {
	unsigned long npfn;
	unsigned char *free;		/* per pfn */
	unsigned char *isolated;	/* per pageblock */
	struct block blocks[MAX_BLOCKS];
	int nblocks;
	unsigned long seed;		/* the generator's state */
	unsigned long id;		/* the scenario's seed, to replay it */
	char trail[4096];		/* the last operations, for the report */
};

static unsigned long rnd(struct oracle *o)
{
	/* xorshift64*: repeatable from the seed alone */
	o->seed ^= o->seed >> 12;
	o->seed ^= o->seed << 25;
	o->seed ^= o->seed >> 27;
	return o->seed * 2685821657736338717UL;
}

static unsigned long below(struct oracle *o, unsigned long n)
{
	return rnd(o) % n;
}

static void note(struct oracle *o, const char *fmt, ...)
{
	va_list ap;
	size_t len = strlen(o->trail);

	if (len > sizeof(o->trail) - 200)
		memmove(o->trail, o->trail + 1000, (len = strlen(o->trail + 1000)) + 1);
	va_start(ap, fmt);
	vsnprintf(o->trail + len, sizeof(o->trail) - len, fmt, ap);
	va_end(ap);
}

/* --- the oracle's own view of memory ------------------------------------------------ */

static int zone_index(unsigned long pfn)
{
	return pfn < 0x1000 ? ZONE_DMA : pfn < 0x100000 ? ZONE_DMA32 : ZONE_NORMAL;
}

static void oracle_init(struct oracle *o)
{
	const struct sim_range *res;
	int nres = sim_reserved_ranges(&res);

	o->npfn = RAM >> PAGE_SHIFT;
	o->free = calloc(o->npfn, 1);
	o->isolated = calloc(o->npfn / pageblock_nr_pages + 1, 1);
	o->nblocks = 0;
	o->trail[0] = '\0';
	for (unsigned long pfn = 0; pfn < o->npfn; pfn++) {
		bool reserved = false;

		for (int i = 0; i < nres; i++)
			if (PFN_PHYS(pfn) >= res[i].start && PFN_PHYS(pfn) < res[i].end)
				reserved = true;
		o->free[pfn] = sim_pfn_is_ram(pfn) && !reserved;
	}
}

static void oracle_free(struct oracle *o, unsigned long pfn, unsigned long n)
{
	for (unsigned long p = pfn; p < pfn + n; p++) {
		cr_assert_not(o->free[p], "seed %lu: oracle frees pfn %#lx twice\n%s", o->id, p, o->trail);
		o->free[p] = 1;
	}
}

/* the blocks a correct buddy allocator holds, after a full drain */
static int expected_blocks(struct oracle *o, unsigned long *out, int max)
{
	int n = 0;

	for (unsigned long pfn = 0; pfn < o->npfn;) {
		int order = -1;

		if (!o->free[pfn]) {
			pfn++;
			continue;
		}
		for (int k = 0; k < MAX_ORDER; k++) {
			unsigned long end = pfn + (1UL << k);
			bool all = (pfn & ((1UL << k) - 1)) == 0 && end <= o->npfn &&
				   zone_index(pfn) == zone_index(end - 1);

			for (unsigned long p = pfn; all && p < end; p++)
				all = o->free[p];
			if (!all)
				break;
			if (k == 10) {
				bool a = o->isolated[pfn / pageblock_nr_pages];
				bool b = o->isolated[pfn / pageblock_nr_pages + 1];

				if (a != b)
					break;		/* the isolation rule */
			}
			order = k;
		}
		cr_assert(n < max);
		out[n++] = pfn << 4 | order;
		pfn += 1UL << order;
	}
	return n;
}

static int model_blocks(unsigned long *out, int max)
{
	int n = 0;

	for (int z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &NODE_DATA(0)->node_zones[z];

		if (!populated_zone(zone))
			continue;
		for (int order = 0; order < MAX_ORDER; order++)
			for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
				struct page *page;

				list_for_each_entry(page, &zone->free_area[order].free_list[mt], lru) {
					cr_assert(n < max);
					out[n++] = page_to_pfn(page) << 4 | order;
				}
			}
	}
	return n;
}

static int by_value(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a, y = *(const unsigned long *)b;

	return x < y ? -1 : x > y;
}

static void compare(struct oracle *o)
{
	static unsigned long want[1 << 15], got[1 << 15];
	int nw, ng;

	drain_all_pages(NULL);
	nw = expected_blocks(o, want, 1 << 15);
	ng = model_blocks(got, 1 << 15);
	qsort(got, ng, sizeof(got[0]), by_value);
	for (int i = 0; i < nw && i < ng; i++)
		if (want[i] != got[i])
			cr_assert_fail("seed %lu: after a drain the oracle wants block pfn %#lx order %lu, "
				       "the model has pfn %#lx order %lu\nlast operations:\n%s",
				       o->id, want[i] >> 4, want[i] & 15, got[i] >> 4, got[i] & 15, o->trail);
	cr_assert_eq(nw, ng, "seed %lu: the oracle wants %d free blocks, the model has %d\n%s",
		     o->id, nw, ng, o->trail);
}

/* --- the operations of a scenario --------------------------------------------------- */

static void op_alloc(struct oracle *o)
{
	static const gfp_t types[] = { GFP_KERNEL, GFP_HIGHUSER_MOVABLE,
				       GFP_KERNEL | __GFP_RECLAIMABLE };
	unsigned int order = below(o, 4) ? below(o, 4) : below(o, MAX_ORDER);
	bool compound = order > 0 && below(o, 2);
	gfp_t gfp = types[below(o, 3)] | (compound ? __GFP_COMP : 0);
	struct page *page;
	unsigned long pfn;

	if (o->nblocks == MAX_BLOCKS)
		return;
	page = alloc_pages(gfp, order);
	note(o, "alloc order %u%s gfp %#x -> %s\n", order, compound ? " comp" : "", gfp,
	     page ? "ok" : "failed");
	if (!page)
		return;
	pfn = page_to_pfn(page);
	for (unsigned long p = pfn; p < pfn + (1UL << order); p++) {
		cr_assert(o->free[p], "seed %lu: the model handed out pfn %#lx, which is not free\n%s",
			  o->id, p, o->trail);
		cr_assert_not(o->isolated[p / pageblock_nr_pages],
			      "seed %lu: the model handed out pfn %#lx of an isolated pageblock", o->id, p);
		o->free[p] = 0;
	}
	cr_assert_eq(pfn & ((1UL << order) - 1), 0UL, "seed %lu: misaligned block", o->id);
	o->blocks[o->nblocks++] = (struct block){ pfn, order, compound, 1, false };
}

static void forget(struct oracle *o, int i)
{
	o->blocks[i] = o->blocks[--o->nblocks];
}

/* the owner frees its block, by one of the entry points */
static void op_owner_free(struct oracle *o, int i)
{
	struct block *b = &o->blocks[i];
	struct page *page = pfn_to_page(b->pfn);
	unsigned long way = below(o, 3);

	note(o, "owner frees pfn %#lx order %u refs %d via %s\n", b->pfn, b->order, b->refs,
	     way == 0 ? "free_pages" : way == 1 ? "__free_pages" : "put_page");
	if (way == 2 && b->refs == 1 && (b->compound || b->order == 0))
		put_page(page);
	else if (way == 0)
		free_pages((unsigned long)page_address(page), b->order);
	else
		__free_pages(page, b->order);
	b->owner_freed = true;
	if (--b->refs == 0) {
		oracle_free(o, b->pfn, 1UL << b->order);
		forget(o, i);
	} else if (!b->compound && b->order > 0) {
		/* every part but page 0: page + 2^k at order k */
		oracle_free(o, b->pfn + 1, (1UL << b->order) - 1);
		b->order = 0;
	}
}

/* a speculative holder drops its reference */
static void op_put(struct oracle *o, int i)
{
	struct block *b = &o->blocks[i];

	note(o, "put_page pfn %#lx refs %d\n", b->pfn, b->refs);
	put_page(pfn_to_page(b->pfn));
	if (--b->refs == 0) {
		oracle_free(o, b->pfn, 1UL << b->order);
		forget(o, i);
	}
}

static void step(struct oracle *o, bool check_every_step)
{
	unsigned long r = below(o, 100);

	if (r < 45 || o->nblocks == 0) {
		op_alloc(o);
	} else if (r < 52) {
		int i = below(o, o->nblocks);

		if (!o->blocks[i].owner_freed) {
			note(o, "get_page pfn %#lx\n", o->blocks[i].pfn);
			get_page(pfn_to_page(o->blocks[i].pfn));
			o->blocks[i].refs++;
		}
	} else if (r < 92) {
		int i = below(o, o->nblocks);
		struct block *b = &o->blocks[i];

		/* a put may drop the last reference only where that frees it all */
		if (!b->owner_freed)
			op_owner_free(o, i);
		else
			op_put(o, i);
	} else if (r < 97) {
		int cpu = below(o, 2);

		note(o, "cpu %d\n", cpu);
		sim_set_cpu(cpu);
	} else {
		compare(o);
	}
	if (check_every_step)
		CHECK();
}

/* isolate pageblock pb with its order-10 neighbour's half in use, so the
 * two halves are split at order 9 as the isolation rule leaves them */
static void isolate(struct oracle *o, unsigned long pb)
{
	unsigned long pfn = pb * pageblock_nr_pages;
	unsigned long other = pfn ^ pageblock_nr_pages;
	struct page *taken = model_take_block(other, pageblock_order, 0);

	note(o, "isolate pageblock %#lx\n", pfn);
	set_migratetype_isolate(pfn_to_page(pfn));
	if (taken)
		__free_pages(taken, pageblock_order);
	o->isolated[pb] = 1;
}

static void scenario(unsigned long seed, bool check_every_step)
{
	struct oracle o = { .seed = seed * 2 + 1, .id = seed };
	static char context[64];
	int steps;

	snprintf(context, sizeof(context), "seed %lu (replay: ORACLE_SEED=%lu)", seed, seed);
	check_context = context;
	boot(RAM, 2);
	oracle_init(&o);
	if (below(&o, 3) == 0) {
		int n = 1 + below(&o, 3);

		for (int i = 0; i < n; i++) {
			unsigned long pb = (0x3000 + below(&o, (RAM >> PAGE_SHIFT) / 2)) / pageblock_nr_pages;

			if (!o.isolated[pb])
				isolate(&o, pb);
		}
		CHECK();
	}
	steps = 50 + below(&o, 400);
	for (int i = 0; i < steps; i++)
		step(&o, check_every_step);
	compare(&o);
	CHECK();
	free(o.free);
	free(o.isolated);
	sim_shutdown();
	check_context = NULL;
}

Test(oracle, random_scenarios_match_the_oracle, .timeout = 600)
{
	const char *one = getenv("ORACLE_SEED");
	const char *many = getenv("ORACLE_SCENARIOS");
	unsigned long n = many ? strtoul(many, NULL, 10) : 2000;

	if (one) {
		scenario(strtoul(one, NULL, 10), true);
		return;
	}
	for (unsigned long seed = 1; seed <= n; seed++)
		scenario(seed, seed <= 100);	/* every invariant after every step, at first */
}
