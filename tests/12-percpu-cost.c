/* Chapter 12: what a free costs, counted. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "helpers.h"
#include "pagesim/pagesim.h"
#include "sim/show.h"
#include "sim/threads.h"

#define P 0x10000UL		/* a free pageblock of DMA32 on a 1 GiB machine */

/* a 1 GiB machine, counting */
void boot_counting(void);

void boot_counting(void)
{
	boot_1g();
	cr_assert(sim_cost_on());
}

TestSuite(cost, .init = boot_counting, .fini = machine_off);

/* the counters since the last call, then zero */
static struct model_cost since(void)
{
	struct model_cost c = model_cost;

	model_cost_reset();
	return c;
}

static bool line_counted(unsigned long pfn)
{
	return model_cost_seen[pfn / 8] & 1 << pfn % 8;
}

/* n order-0 movable pages, allocated on this CPU */
static struct page **alloc_n(int n)
{
	struct page **pages = calloc(n, sizeof(*pages));

	cr_assert_not_null(pages);
	for (int i = 0; i < n; i++)
		cr_assert_not_null(pages[i] = alloc_pages(GFP_HIGHUSER_MOVABLE, 0));
	return pages;
}

static struct per_cpu_pages *pcp_of(struct page *page)
{
	return &this_cpu_ptr(page_zone(page)->pageset)->pcp;
}

Test(cost, pcp_hit_takes_no_lock)
{
	struct model_cost c;

	take(P, 0);
	since();
	__free_pages(pfn_to_page(P), 0);
	c = since();
	cr_assert_eq(c.locks, 0, "a free that stays on the list takes no zone->lock");
	cr_assert_eq(c.irqs, 1, "free_unref_page turns interrupts off once");
	cr_assert_eq(c.list_ops, 1, "one list_add, on the per-CPU list");
}

Test(cost, pcp_hit_touches_the_page_and_the_old_head)
{
	struct model_cost c;

	take(P, 0);
	take(P + 1, 0);
	since();
	__free_pages(pfn_to_page(P), 0);
	c = since();
	cr_assert_eq(c.lines, 1, "into an empty list: only the page itself");
	__free_pages(pfn_to_page(P + 1), 0);
	cr_assert(line_counted(P) && line_counted(P + 1));
	c = since();
	cr_assert_eq(c.lines, 2, "the page, and the head it goes in front of");
}

/* free pages until the list is at high - 1, so that the next free drains */
static struct page **fill_to_high(int extra, int *high)
{
	struct page **pages;

	*high = pcp_of(alloc_n(1)[0])->high;
	pages = alloc_n(*high + extra);
	drain_local_pages(NULL);
	for (int i = 0; i < *high - 1; i++)
		__free_pages(pages[i], 0);
	return pages;
}

Test(cost, drain_takes_the_lock_once_for_a_batch)
{
	int high;
	struct page **pages = fill_to_high(0, &high);
	struct per_cpu_pages *pcp = pcp_of(pages[0]);
	struct model_cost c;

	cr_assert_eq(pcp->batch, 63);
	since();
	__free_pages(pages[high - 1], 0);
	c = since();
	cr_assert_eq(pcp->count, high - pcp->batch, "the free drained one batch");
	cr_assert_eq(c.locks, 1, "free_pcppages_bulk takes zone->lock once for 63 pages");
	cr_assert_eq(c.irqs, 1, "with interrupts off once, in free_unref_page");
	cr_assert_geq(c.list_ops, 1 + 2 * 63, "each page off the list and onto a free list");
	free(pages);
}

Test(cost, stream_takes_the_lock_once_per_batch)
{
	int high, rounds = 10;
	struct page **pages = fill_to_high(1 + 63 * rounds, &high);
	struct model_cost c;

	__free_pages(pages[high - 1], 0);	/* the first drain: 315 stay */
	since();
	for (int i = 0; i < 63 * rounds; i++)
		__free_pages(pages[high + i], 0);
	c = since();
	cr_assert_eq(c.locks, rounds, "one zone->lock per 63 frees");
	cr_assert_eq(c.irqs, 63 * rounds, "interrupts off once per free");
	free(pages);
}

Test(cost, bypass_takes_the_lock_every_time)
{
	struct model_cost c;

	for (int i = 0; i < 8; i++)
		take(P + 2 * i, 0);	/* no two are buddies */
	set_migratetype_isolate(pfn_to_page(P));
	since();
	for (int i = 0; i < 8; i++)
		__free_pages(pfn_to_page(P + 2 * i), 0);
	c = since();
	cr_assert_eq(pcp_count(0, zone_of(P)), 0, "past the lists");
	cr_assert_eq(c.locks, 8, "free_one_page takes zone->lock for each free");
	cr_assert_eq(c.irqs, 8, "and turns interrupts off for each");
	cr_assert_geq(c.list_ops, 8, "each goes on a free list");
}

Test(cost, order_n_takes_the_lock_every_time)
{
	struct model_cost c;

	take(P, 1);
	take(P + 8, 3);
	since();
	__free_pages(pfn_to_page(P), 1);
	c = since();
	cr_assert_eq(c.locks, 1, "__free_pages_ok takes zone->lock");
	cr_assert_eq(c.irqs, 1);
	__free_pages(pfn_to_page(P + 8), 3);
	c = since();
	cr_assert_eq(c.locks, 1, "for every block of order > 0");
	cr_assert_eq(c.irqs, 1);
}

Test(cost, order_9_touches_every_struct_page)
{
	struct model_cost c;

	take(P, 9);
	since();
	__free_pages(pfn_to_page(P), 9);
	for (unsigned long pfn = P; pfn < P + 512; pfn++)
		cr_assert(line_counted(pfn), "free_pages_prepare checks pfn %#lx", pfn);
	c = since();
	cr_assert_geq(c.lines, 512);
}

Test(cost, a_line_counts_once_until_read)
{
	take(P, 0);
	since();
	for (int i = 0; i < 3; i++)
		page_ref_count(pfn_to_page(P));
	page_ref_count(pfn_to_page(P + 1));
	cr_assert_eq(since().lines, 2, "two struct pages, each counted once");
	page_ref_count(pfn_to_page(P));
	cr_assert_eq(since().lines, 1, "counted again after the counters were read");
}

Test(cost, the_checker_costs_nothing)
{
	FILE *f = fopen("/dev/null", "w");
	struct model_cost c;

	take(P, 0);
	since();
	cr_assert_eq(sim_check(f), 0);
	fclose(f);
	c = since();
	cr_assert_eq(c.locks + c.irqs + c.list_ops + c.lines, 0, "the checker's reads are not a free");
}

/* run a script on the booted machine; its standard output in out */
static int run(const char *script, char *out, size_t size, FILE *errors)
{
	struct pagesim_options opt = { .check = false, .errors = errors };
	FILE *in = fmemopen((void *)script, strlen(script), "r");
	FILE *f = tmpfile();
	int status, saved = dup(1);
	size_t n;

	cr_assert(in && f && saved >= 0);
	fflush(stdout);
	dup2(fileno(f), 1);
	status = pagesim_run(in, "s.sim", &opt);
	fflush(stdout);
	dup2(saved, 1);
	close(saved);
	rewind(f);
	n = fread(out, 1, size - 1, f);
	out[n] = '\0';
	fclose(f);
	fclose(in);
	return status;
}

Test(cost, show_cost_prints_one_line_and_starts_again)
{
	char out[4096];
	const char *lines;

	cr_assert_eq(run("alloc a 0\nshow cost\nfree_pages a 0\nshow cost\nshow cost\n",
			 out, sizeof(out), NULL), 0);
	lines = strchr(strchr(out, '\n') + 1, '\n') + 1;	/* past alloc and the first */
	cr_assert_str_eq(lines, "cost locks=0 irqs=1 list_ops=1 lines=2\n"
			 "cost locks=0 irqs=0 list_ops=0 lines=0\n",
			 "the free alone, then nothing:\n%s", out);
}

Test(cost, show_cost_takes_no_argument)
{
	char out[4096], *err;
	size_t len;
	FILE *errors = open_memstream(&err, &len);

	cr_assert_eq(run("show cost now\nshow cost\n", out, sizeof(out), errors), 2);
	fclose(errors);
	cr_assert(strstr(err, "s.sim:1: error: usage: show ") && strstr(err, "|pcp|cost"),
		  "a usage error: %s", err);
	cr_assert_str_eq(out, "", "nothing runs past the bad line");
	free(err);
}

Test(cost, show_cost_is_an_error_while_counting_is_off)
{
	char out[4096], *err;
	size_t len;
	FILE *errors = open_memstream(&err, &len);

	cr_assert_eq(run("cost off\nshow cost\n", out, sizeof(out), errors), 2);
	fclose(errors);
	cr_assert(strstr(err, "s.sim:2: error: show cost: the counters are off"), "%s", err);
	free(err);
}

Test(cost, cost_takes_on_or_off)
{
	char out[4096], *err;
	size_t len;
	FILE *errors = open_memstream(&err, &len);

	cr_assert_eq(run("cost maybe\n", out, sizeof(out), errors), 2);
	fclose(errors);
	cr_assert(strstr(err, "s.sim:1: error: cost on or cost off, not 'maybe'"), "%s", err);
	free(err);
}

Test(cost, counting_is_off_until_turned_on)
{
	char out[4096];

	sim_cost_off();
	take(P, 0);
	__free_pages(pfn_to_page(P), 0);
	cr_assert_eq(model_cost.locks + model_cost.irqs + model_cost.list_ops + model_cost.lines,
		     0, "nothing counted while off");
	cr_assert_eq(run("alloc a 0\ncost on\nfree_pages a 0\nshow cost\ncost off\n",
			 out, sizeof(out), NULL), 0);
	cr_assert(strstr(out, "\ncost locks=0 irqs=1 list_ops=1 lines=1\n"),
		  "the page back on the list its allocation emptied: %s", out);
	cr_assert_null(model_cost_seen, "cost off stops counting");
}

static void free_one(int cpu, void *arg)
{
	(void)cpu;
	(void)arg;
	__free_pages(alloc_pages(GFP_HIGHUSER_MOVABLE, 0), 0);
}

Test(cost, threads_do_not_count)
{
	cr_assert_eq(sim_run_cpus(2, free_one, NULL), 0);
	cr_assert_null(model_cost_seen, "the threaded mode turned counting off");
	cr_assert_eq(model_cost.locks + model_cost.irqs + model_cost.list_ops, 0);
}
