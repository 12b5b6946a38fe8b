// SPDX-License-Identifier: GPL-2.0
/* example: timed, so not in build/examples/; make writes build/threads/ */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/spinlock.h>
#include <linux/vmstat.h>
#include "sim/machine.h"
#include "sim/threads.h"

enum { PCP, BYPASS, NR_MODES };
static const char *const mode_names[NR_MODES] = {
	"through the per-CPU lists", "bypassing them (high 0, batch 1)",
};

static int nr_pages = 16384;		/* freed by each thread in a run */
static int nr_reps = 41;
static struct page **pages[2];
static int arrived, nr_running;	/* the barrier: threads that reached it */
static double started, finished[2];

static unsigned long lock_waits(void)
{
	return model_lock_waits[0] + model_lock_waits[1];
}

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, n, sizeof(*v), by_value);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}
static void set_lists(int high, int batch)
{
	struct zone *zone;
	int cpu;

	drain_all_pages(NULL);
	for_each_populated_zone(zone)
		for_each_online_cpu(cpu) {
			struct per_cpu_pages *pcp = &per_cpu_ptr(zone->pageset, cpu)->pcp;

			pcp->batch = 1;
			pcp->high = high;
			pcp->batch = batch;
		}
}
static void one_cpu(int cpu, void *arg)
{
	struct page **p = pages[cpu];

	for (int i = 0; i < nr_pages; i++)
		if (!(p[i] = alloc_pages(GFP_HIGHUSER_MOVABLE, 0))) {
			fprintf(stderr, "pcp-threads: allocation %d on CPU %d failed\n", i, cpu);
			exit(1);
		}
	if (__atomic_add_fetch(&arrived, 1, __ATOMIC_ACQ_REL) == nr_running)
		started = now();
	while (__atomic_load_n(&arrived, __ATOMIC_ACQUIRE) < nr_running)
		;
	for (int i = 0; i < nr_pages; i++)
		__free_pages(p[i], 0);
	finished[cpu] = now();
}
static double run(int nr_threads)
{
	double last = 0;

	arrived = 0;
	nr_running = nr_threads;
	if (sim_run_cpus(nr_threads, one_cpu, NULL) != 0) {
		fprintf(stderr, "pcp-threads: cannot start %d threads\n", nr_threads);
		exit(1);
	}
	for (int t = 0; t < nr_threads; t++)
		if (finished[t] > last)
			last = finished[t];
	return (last - started) * 1e9 / nr_pages;
}
static void print_table(double *ns[NR_MODES][2], unsigned long waits[NR_MODES][2],
			int high, int batch)
{
	double med[NR_MODES][2];

	for (int m = 0; m < NR_MODES; m++)
		for (int t = 0; t < 2; t++)
			med[m][t] = median(ns[m][t], nr_reps);
	printf("| Order-0 frees, %d per thread; median of %d runs | 1 thread | 2 threads "
	       "| Scaling, 2 threads over 1 |\n", nr_pages, nr_reps);
	printf("|:---|---:|---:|---:|\n");
	printf("| %s (high %d, batch %d), ns per free | %.1f | %.1f | %.2f |\n",
	       mode_names[PCP], high, batch, med[PCP][0], med[PCP][1],
	       2 * med[PCP][0] / med[PCP][1]);
	printf("| %s, ns per free | %.1f | %.1f | %.2f |\n", mode_names[BYPASS],
	       med[BYPASS][0], med[BYPASS][1], 2 * med[BYPASS][0] / med[BYPASS][1]);
	printf("| bypass over per-CPU lists, time per free | %.2f | %.2f | |\n",
	       med[BYPASS][0] / med[PCP][0], med[BYPASS][1] / med[PCP][1]);
	for (int m = 0; m < NR_MODES; m++)
		printf("| %s, lock waits per 1000 frees | %.2f | %.2f | |\n",
		       m == PCP ? "through the lists" : "bypassing them",
		       1000.0 * waits[m][0] / ((double)nr_reps * nr_pages),
		       1000.0 * waits[m][1] / (2.0 * nr_reps * nr_pages));
}

int main(int argc, char **argv)
{
	struct sim_config cfg = { .ram = 1UL << 30, .nr_cpus = 2 };
	double *ns[NR_MODES][2];
	unsigned long waits[NR_MODES][2] = { { 0 } };
	struct zone *zone;
	int high, batch;

	for (int i = 1; i + 1 < argc; i += 2) {
		int v = atoi(argv[i + 1]);

		if (strcmp(argv[i], "--pages") == 0 && v > 0 && v <= 32768)
			nr_pages = v;
		else if (strcmp(argv[i], "--reps") == 0 && v > 0 && v <= 1000)
			nr_reps = v;
		else {
			fprintf(stderr, "usage: pcp-threads [--pages 1..32768] [--reps 1..1000]\n");
			return 2;
		}
	}
	if (argc % 2 == 0) {
		fprintf(stderr, "usage: pcp-threads [--pages 1..32768] [--reps 1..1000]\n");
		return 2;
	}
	if (sim_boot(&cfg) != 0) {
		fprintf(stderr, "pcp-threads: %s\n", sim_boot_error());
		return 1;
	}
	pages[0] = calloc(nr_pages, sizeof(*pages[0]));
	pages[1] = calloc(nr_pages, sizeof(*pages[1]));
	pages[0][0] = alloc_pages(GFP_HIGHUSER_MOVABLE, 0);	/* which zone */
	zone = page_zone(pages[0][0]);
	__free_pages(pages[0][0], 0);
	high = this_cpu_ptr(zone->pageset)->pcp.high;
	batch = this_cpu_ptr(zone->pageset)->pcp.batch;
	for (int m = 0; m < NR_MODES; m++)
		for (int t = 0; t < 2; t++)
			ns[m][t] = calloc(nr_reps, sizeof(double));
	for (int r = 0; r < nr_reps; r++)
		for (int m = 0; m < NR_MODES; m++)
			for (int t = 0; t < 2; t++) {
				unsigned long before = lock_waits();

				set_lists(m == PCP ? high : 0, m == PCP ? batch : 1);
				ns[m][t][r] = run(t + 1);
				waits[m][t] += lock_waits() - before;
			}
	set_lists(high, batch);
	print_table(ns, waits, high, batch);
	sim_shutdown();
	return 0;
}
