/*
 * make bench: how fast the model is, and how much memory it needs.
 *
 *   bench [--tiny | --instructions | --times] [PAGESIM]
 *
 * Instruction counts, measured by callgrind (which repeats exactly on a
 * noisy machine), for each kind of free on a 1 GiB machine:
 *   an order-0 free that stays on the per-CPU list (a pcp hit), one that
 *   drains a batch, an order-0 free with the lists bypassed (its pageblock
 *   isolated) in ascending and in random order, a free that merges L times,
 *   and an order-9 free; and how many of those instructions are the model's
 *   own (the refusal check, the page owner record, the tracepoints), which
 *   5.10 with page_owner and tracing off does not run.
 * Then times: boot and peak memory at 1G, 16G and 64G (each boot in its own
 * process, so its peak is its own), ns per free, and pagesim on a script of
 * a million commands, written to a file, with pagesim's own peak memory
 * (wait4 on that child), the best and the median of five runs; and, among
 * the counts, pagesim's instructions per command.
 *
 * Each measurement runs this program again, as bench --phase NAME N, under
 * callgrind with collection off; the phase turns it on around what it
 * measures (CALLGRIND_TOGGLE_COLLECT, nothing when not under valgrind).
 *
 * --tiny measures each kind once, on small sizes, without callgrind: make
 * check runs it to see that this program still works.  Numbers, not pass or
 * fail: timing does not belong in the tests.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <valgrind/callgrind.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/page-isolation.h>
#include <linux/page_ref.h>
#include "sim/check.h"
#include "sim/machine.h"

static bool tiny;
static const char *self;

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

static void boot(unsigned long ram)
{
	struct sim_config cfg = { .ram = ram, .nr_cpus = 2 };

	if (sim_boot(&cfg) != 0) {
		fprintf(stderr, "bench: %s\n", sim_boot_error());
		exit(1);
	}
}

/* a fixed sequence, the same on every run */
static uint64_t rnd_state = 88172645463325252ULL;
static uint64_t rnd(void)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return rnd_state;
}

static int by_pfn(const void *a, const void *b)
{
	unsigned long x = page_to_pfn(*(struct page *const *)a);
	unsigned long y = page_to_pfn(*(struct page *const *)b);

	return x < y ? -1 : x > y;
}

/* --- the phases: each measures one kind of free, and returns how many ----- */

/* around what a phase measures: callgrind collects it, and it is timed */
static double t_start, t_sum;
#define START()	do { t_start = now(); CALLGRIND_TOGGLE_COLLECT; } while (0)
#define STOP()	do { CALLGRIND_TOGGLE_COLLECT; t_sum += now() - t_start; } while (0)

static struct page **pages;

static int alloc_order0(int n)
{
	int got = 0;

	pages = calloc(n, sizeof(*pages));
	while (got < n && (pages[got] = alloc_pages(GFP_HIGHUSER_MOVABLE, 0)))
		got++;
	return got;
}

static struct per_cpu_pages *this_pcp(struct page *page)
{
	return &this_cpu_ptr(page_zone(page)->pageset)->pcp;
}

/* frees that stay on the list (drain: only the one free in each round that drains) */
static long phase_pcp(int rounds, bool drain)
{
	int high, n, k = 0;
	long measured = 0;

	boot(1UL << 30);
	n = alloc_order0(1);
	high = this_pcp(pages[0])->high;
	free(pages);
	n = alloc_order0(rounds * high);
	drain_all_pages(NULL);
	for (int r = 0; r + 1 <= n / high; r++) {
		drain_all_pages(NULL);		/* the list starts empty */
		if (!drain)
			START();
		for (int i = 0; i < high - 1; i++)
			__free_pages(pages[k++], 0);
		if (!drain)
			STOP();
		else {
			START();
			__free_pages(pages[k++], 0);	/* count reaches high: drain */
			STOP();
		}
		measured += drain ? 1 : high - 1;
	}
	return measured;
}

/* order-0 frees into isolated pageblocks: past the lists, one by one */
static long phase_bypass(int n, bool random)
{
	boot(1UL << 30);
	n = alloc_order0(n);
	for (int i = 0; i < n; i++)
		if (!is_migrate_isolate_page(pages[i]))
			set_migratetype_isolate(pages[i]);
	qsort(pages, n, sizeof(*pages), by_pfn);
	if (random)
		for (int i = n - 1; i > 0; i--) {
			int j = rnd() % (i + 1);
			struct page *t = pages[i];

			pages[i] = pages[j];
			pages[j] = t;
		}
	START();
	for (int i = 0; i < n; i++)
		__free_pages(pages[i], 0);
	STOP();
	return n;
}

/*
 * A free that merges `levels` times (0 to 8): take an order-9 block, free
 * its pieces p+2^k at order k for 1 <= k <= levels (none can merge, as p is
 * still allocated), then free p at order 1.  Order 1 goes straight to
 * __free_one_page, past the per-CPU lists, with no pageblock isolated.
 */
static long phase_merge(int blocks, int levels)
{
	long measured = 0;

	boot(1UL << 30);
	for (int b = 0; b < blocks; b++) {
		struct page *p = alloc_pages(GFP_HIGHUSER_MOVABLE, 9);

		if (!p)
			break;
		for (int k = 1; k <= levels; k++) {
			set_page_count(p + (1 << k), 1);
			__free_pages(p + (1 << k), k);
		}
		START();
		__free_pages(p, 1);
		STOP();
		measured++;
	}
	return measured;
}

static long phase_order9(int rounds)
{
	static struct page *blocks[1024];
	long measured = 0;

	boot(1UL << 30);
	for (int r = 0; r < rounds; r++) {
		int n = 0;

		while (n < 1024 && (blocks[n] = alloc_pages(GFP_HIGHUSER_MOVABLE, 9)))
			n++;
		START();
		for (int i = 0; i < n; i++)
			__free_pages(blocks[i], 9);
		STOP();
		measured += n;
	}
	return measured;
}

static long run_phase(const char *name, long n)
{
	if (strcmp(name, "pcp-hit") == 0)
		return phase_pcp(n, false);
	if (strcmp(name, "pcp-drain") == 0)
		return phase_pcp(n, true);
	if (strcmp(name, "bypass-ascending") == 0)
		return phase_bypass(n, false);
	if (strcmp(name, "bypass-random") == 0)
		return phase_bypass(n, true);
	if (strncmp(name, "merge-", 6) == 0)
		return phase_merge(n, atoi(name + 6));
	if (strcmp(name, "order-9") == 0)
		return phase_order9(n);
	fprintf(stderr, "bench: unknown phase %s\n", name);
	exit(2);
}

/* --- callgrind ---------------------------------------------------------------- */

/* the functions (and inlined headers) that are the model's, not 5.10's */
static bool model_only(const char *line)
{
	static const char *const marks[] = {
		"model_", "sim_", "reset_page_owner", "trace_mm_page",
		"page_ext", "page_owner", "sim/", "trace/events", "linux/model.h",
	};

	for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
		if (strstr(line, marks[i]))
			return true;
	return false;
}

struct count {
	double total;		/* instructions per free */
	double model;		/* of them, the model's own */
};

/* run a phase under callgrind; instructions per measured free */
static struct count callgrind(const char *phase, long n)
{
	char out[64], cmd[512], line[1024], arg[32];
	struct count c = { 0, 0 };
	long measured = 0;
	double total = 0, model = 0, harness = 0;
	FILE *p;

	snprintf(out, sizeof(out), "/tmp/bench-callgrind.%d", (int)getpid());
	snprintf(arg, sizeof(arg), "%ld", n);
	snprintf(cmd, sizeof(cmd), "valgrind --tool=callgrind --collect-atstart=no "
		 "--callgrind-out-file=%s %s --phase %s %s 2>/dev/null", out, self, phase, arg);
	p = popen(cmd, "r");
	if (!p || fscanf(p, "%ld", &measured) != 1 || pclose(p) != 0 || measured <= 0) {
		fprintf(stderr, "bench: %s under callgrind failed (is valgrind installed?)\n", phase);
		exit(1);
	}
	/* per function, inlined code under the file it comes from */
	snprintf(cmd, sizeof(cmd), "callgrind_annotate --auto=no --inclusive=no --threshold=100 %s", out);
	p = popen(cmd, "r");
	while (p && fgets(line, sizeof(line), p)) {
		char *s = line;
		double v = 0;

		while (*s == ' ')
			s++;
		if (!(*s >= '0' && *s <= '9'))
			continue;
		for (; (*s >= '0' && *s <= '9') || *s == ','; s++)
			if (*s != ',')
				v = v * 10 + (*s - '0');
		if (strstr(s, "PROGRAM TOTALS"))
			total = v;
		else if (strstr(s, "bench/bench.c:"))
			harness += v;	/* this program's loops: not a free */
		else if (model_only(s))
			model += v;
	}
	if (p)
		pclose(p);
	unlink(out);
	c.total = (total - harness) / measured;
	c.model = model / measured;
	return c;
}

static void report(const char *what, struct count c)
{
	printf("  %-44s %9.0f", what, c.total);
	if (c.total > 0)
		printf("   model's own %6.0f (%2.0f%%)", c.model, 100 * c.model / c.total);
	printf("\n");
}

static void instructions(void)
{
	static const int sizes[] = { 5000, 10000, 20000 };
	struct count m0, m9, c;
	char what[64];

	printf("Instructions per free (callgrind; 1 GiB machine, checker off):\n");
	report("order-0, stays on the per-CPU list", callgrind("pcp-hit", 20));
	c = callgrind("pcp-drain", 20);
	report("order-0 that drains a batch (per free)", c);
	report("order-0 per-CPU lists bypassed, ascending", callgrind("bypass-ascending", 20000));
	for (int i = 0; i < 3; i++) {
		snprintf(what, sizeof(what), "order-0 lists bypassed, random, N=%d", sizes[i]);
		report(what, callgrind("bypass-random", sizes[i]));
	}
	m0 = callgrind("merge-1", 64);
	m9 = callgrind("merge-8", 64);
	report("order-1, merging once", m0);
	report("order-1, merging 8 times", m9);
	report("one merge level ((8 merges - 1) / 7)",
	       (struct count){ (m9.total - m0.total) / 7, (m9.model - m0.model) / 7 });
	report("order-9", callgrind("order-9", 4));
}

/* --- times ------------------------------------------------------------------- */

static double peak_mib(struct rusage *ru)
{
	return ru->ru_maxrss / 1024.0;
}

/* boot (and at 64G, use every page) in a child; report its time and peak */
static void boot_size(const char *name, unsigned long ram, bool churn)
{
	struct rusage ru;
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();

	if (pid == 0) {
		double t0 = now(), t1, t2 = 0, t3 = 0;
		unsigned long blocks = 0;

		boot(ram);
		t1 = now();
		if (churn) {
			struct sim_census c;
			struct page **all;
			struct page *p;

			sim_census(&c);
			all = malloc(c.managed * sizeof(*all));
			while ((p = alloc_pages(GFP_KERNEL, 0)))
				all[blocks++] = p;
			t2 = now();
			for (unsigned long i = 0; i < blocks; i++)
				__free_pages(all[i], 0);
			drain_all_pages(NULL);
			t3 = now();
			sim_census(&c);
			if (c.buddy != c.managed || sim_check(stderr) != 0) {
				fprintf(stderr, "bench: not every page came back\n");
				exit(1);
			}
			free(all);
		}
		getrusage(RUSAGE_SELF, &ru);
		printf("  boot %-4s %6.3f s, peak memory %7.1f MiB\n", name, t1 - t0, peak_mib(&ru));
		if (churn)
			printf("  at %s: allocate all %lu pages one by one %.2f s, free them all back %.2f s\n",
			       name, blocks, t2 - t1, t3 - t2);
		fflush(stdout);
		sim_shutdown();
		exit(0);
	}
	waitpid(pid, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		exit(1);
}

/* ns per free, for a phase run here (collection requests do nothing) */
static void timed(const char *what, const char *phase, long n)
{
	long measured;
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		measured = run_phase(phase, n);
		printf("  %-44s %7.1f ns per free (%ld frees)\n", what,
		       t_sum / measured * 1e9, measured);
		fflush(stdout);
		exit(0);
	}
	waitpid(pid, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "bench: phase %s failed\n", phase);
		exit(1);
	}
}

/* run pagesim on a script to a file, in a child; its time and its own peak */
static double run_pagesim(const char *pagesim, const char *ram, const char *script,
			  double *peak, int *exit_status)
{
	const char *outp = "/tmp/pagesim-bench.out";
	struct rusage ru;
	double t0 = now();
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		if (!freopen(outp, "w", stdout))
			exit(1);
		execl(pagesim, pagesim, "--ram", ram, script, (char *)NULL);
		exit(127);
	}
	wait4(pid, &status, 0, &ru);
	unlink(outp);
	*peak = peak_mib(&ru);
	*exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
	return now() - t0;
}

/* the script of quarter_million * 4 commands at path; allocs of new names, then their frees */
static void write_script(const char *path, int quarter_million)
{
	FILE *f = fopen(path, "w");

	if (!f)
		exit(1);
	for (int i = 0; i < quarter_million; i++)
		fprintf(f, "alloc a%d 0\nalloc b%d %d\nfree_pages a%d 0\nfree_pages b%d %d\n",
			i, i, i % 4, i, i, i % 4);
	if (fclose(f) != 0)
		exit(1);
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

#define RUNS	5

/*
 * pagesim on a script of quarter_million * 4 commands, written to a file;
 * commands per second after the boot, timed on an empty script, is taken off.
 * Each runs RUNS times, in turn: noise on a shared machine only adds time,
 * so the best of them is the figure, and the median is shown beside it.
 */
static void pagesim_million(const char *pagesim, const char *ram, int quarter_million, int runs)
{
	const char *path = "/tmp/pagesim-bench-million.sim";
	const char *empty = "/tmp/pagesim-bench-empty.sim";
	double t[RUNS], t_boot[RUNS], peak = 0, peak_boot = 0, p;
	int n = 4 * quarter_million, status = 0, st;
	FILE *f = fopen(empty, "w");

	if (!f || fclose(f) != 0)
		exit(1);
	write_script(path, quarter_million);
	for (int i = 0; i < runs; i++) {
		t_boot[i] = run_pagesim(pagesim, ram, empty, &p, &st);
		peak_boot = p > peak_boot ? p : peak_boot;
		status |= st;
		t[i] = run_pagesim(pagesim, ram, path, &p, &st);
		peak = p > peak ? p : peak;
		status |= st;
	}
	qsort(t, runs, sizeof(t[0]), by_value);
	qsort(t_boot, runs, sizeof(t_boot[0]), by_value);
	printf("  pagesim --ram %s, boot alone: %.2f s (best of %d; median %.2f s), "
	       "peak memory %.1f MiB\n", ram, t_boot[0], runs, t_boot[runs / 2], peak_boot);
	printf("  pagesim --ram %s, %d commands to a file: %.2f s (median %.2f s), "
	       "%.2f M commands/s after the boot (medians: %.2f), peak memory %.1f MiB, exit %d\n",
	       ram, n, t[0], t[runs / 2], n / (t[0] - t_boot[0]) / 1e6,
	       n / (t[runs / 2] - t_boot[runs / 2]) / 1e6, peak, status);
	unlink(path);
	unlink(empty);
	if (status) {
		fprintf(stderr, "bench: pagesim failed\n");
		exit(1);
	}
}

/* the instructions pagesim runs on a script (callgrind's total), or -1 */
static double pagesim_instructions(const char *pagesim, const char *script)
{
	char cmd[512], line[256];
	double refs = -1;
	FILE *p;

	snprintf(cmd, sizeof(cmd), "valgrind --tool=callgrind --callgrind-out-file=/dev/null "
		 "%s --ram 1G %s 2>&1 >/dev/null", pagesim, script);
	p = popen(cmd, "r");
	while (p && fgets(line, sizeof(line), p)) {
		char *s = strstr(line, "refs:");

		if (!s)
			continue;
		refs = 0;
		for (s += 5; *s; s++)
			if (*s >= '0' && *s <= '9')
				refs = refs * 10 + (*s - '0');
	}
	if (!p || pclose(p) != 0)
		return -1;
	return refs;
}

/* pagesim's instructions per command, the boot (an empty script) taken off */
static void pagesim_per_command(const char *pagesim)
{
	const char *path = "/tmp/pagesim-bench-count.sim";
	const char *empty = "/tmp/pagesim-bench-count-empty.sim";
	FILE *f = fopen(empty, "w");
	double boot, all;

	if (!f || fclose(f) != 0)
		exit(1);
	write_script(path, 25000);
	boot = pagesim_instructions(pagesim, empty);
	all = pagesim_instructions(pagesim, path);
	unlink(path);
	unlink(empty);
	if (boot < 0 || all < 0) {
		fprintf(stderr, "bench: pagesim under callgrind failed\n");
		exit(1);
	}
	printf("  pagesim, per command (100000 commands, 1 GiB)  %9.0f\n", (all - boot) / 100000);
}

int main(int argc, char **argv)
{
	const char *pagesim = NULL;
	bool counts = true, times = true;

	self = argv[0];
	if (argc == 4 && strcmp(argv[1], "--phase") == 0) {
		printf("%ld\n", run_phase(argv[2], atol(argv[3])));
		return 0;
	}
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "--tiny") == 0)
			tiny = true;
		else if (strcmp(argv[i], "--instructions") == 0)
			times = false;
		else if (strcmp(argv[i], "--times") == 0)
			counts = false;
		else
			pagesim = argv[i];
	if (tiny) {
		/* every phase once, small, and pagesim on a short script */
		static const char *const phases[] = { "pcp-hit", "pcp-drain", "bypass-ascending",
			"bypass-random", "merge-1", "merge-8", "order-9" };
		static const long sizes[] = { 1, 1, 100, 100, 2, 2, 1 };

		for (int i = 0; i < 7; i++)
			timed(phases[i], phases[i], sizes[i]);
		if (pagesim)
			pagesim_million(pagesim, "256M", 100, 1);
		return 0;
	}
	if (counts) {
		instructions();
		if (pagesim)
			pagesim_per_command(pagesim);
	}
	if (!times)
		return 0;
	printf("Booting the simulated machine:\n");
	boot_size("1G", 1UL << 30, false);
	boot_size("16G", 16UL << 30, false);
	boot_size("64G", 64UL << 30, true);
	printf("Freeing (1 GiB machine):\n");
	timed("order-0, stays on the per-CPU list", "pcp-hit", 100);
	timed("order-0, per-CPU lists bypassed, ascending", "bypass-ascending", 100000);
	timed("order-0, per-CPU lists bypassed, random", "bypass-random", 100000);
	timed("order-9", "order-9", 50);
	if (pagesim) {
		printf("Running a script:\n");
		pagesim_million(pagesim, "64G", 250000, RUNS);
	}
	return 0;
}
