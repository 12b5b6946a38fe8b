/*
 * make bench: how fast the model is, and how much memory it needs.
 *
 *   boot time and peak memory at 1G, 16G and 64G (each boot in its own
 *   process, so its peak is its own); at 64G also allocating every page
 *   and freeing all of it back;
 *   ns per order-0 free through the per-CPU lists, per order-0 free with the
 *   lists bypassed (isolated pageblocks), and per order-9 free.
 *
 * Numbers, not pass or fail: timing does not belong in the tests.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/page-isolation.h>
#include "sim/check.h"
#include "sim/machine.h"

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

static double peak_mib(int who)
{
	struct rusage ru;

	getrusage(who, &ru);
	return ru.ru_maxrss / 1024.0;
}

/* boot (and at 64G, use every page) in a child; report its time and peak */
static void boot_size(const char *name, unsigned long ram, bool churn)
{
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
		printf("  boot %-4s %6.3f s, peak memory %7.1f MiB\n", name, t1 - t0, peak_mib(RUSAGE_SELF));
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

#define N 200000

static void order0_frees(const char *what, bool isolate)
{
	static struct page *pages[N];
	double t0, t1;
	int n = 0;

	boot(1UL << 30);
	while (n < N && (pages[n] = alloc_pages(GFP_HIGHUSER_MOVABLE, 0)))
		n++;
	if (isolate)
		for (int i = 0; i < n; i++)
			if (!is_migrate_isolate_page(pages[i]))
				set_migratetype_isolate(pages[i]);
	t0 = now();
	for (int i = 0; i < n; i++)
		__free_pages(pages[i], 0);
	t1 = now();
	printf("  order-0 free, %-26s %7.1f ns per free (%d frees)\n", what, (t1 - t0) / n * 1e9, n);
	sim_shutdown();
}

static void order9_frees(void)
{
	static struct page *blocks[4096];
	double t0, t1;
	int n = 0;
	int rounds = 50;
	double total = 0;
	long frees = 0;

	boot(16UL << 30);
	for (int r = 0; r < rounds; r++) {
		n = 0;
		while (n < 4096 && (blocks[n] = alloc_pages(GFP_HIGHUSER_MOVABLE, 9)))
			n++;
		t0 = now();
		for (int i = 0; i < n; i++)
			__free_pages(blocks[i], 9);
		t1 = now();
		total += t1 - t0;
		frees += n;
	}
	printf("  order-9 free                              %7.1f ns per free (%ld frees)\n",
	       total / frees * 1e9, frees);
	sim_shutdown();
}

/* pagesim --ram 64G on a script of a million commands, in a child */
static void pagesim_million(const char *pagesim)
{
	const char *path = "/tmp/pagesim-bench-million.sim";
	FILE *f = fopen(path, "w");
	double t0;
	int status;
	pid_t pid;

	for (int i = 0; i < 250000; i++)
		fprintf(f, "alloc a%d 0\nalloc b%d %d\nfree_pages a%d 0\nfree_pages b%d %d\n",
			i, i, i % 4, i, i, i % 4);
	fclose(f);
	fflush(stdout);
	t0 = now();
	pid = fork();
	if (pid == 0) {
		if (!freopen("/dev/null", "w", stdout))
			exit(1);
		execl(pagesim, pagesim, "--ram", "64G", path, (char *)NULL);
		exit(127);
	}
	waitpid(pid, &status, 0);
	printf("  pagesim --ram 64G, 1000000 commands: %.2f s, peak memory %.1f MiB, exit %d\n",
	       now() - t0, peak_mib(RUSAGE_CHILDREN), WEXITSTATUS(status));
	unlink(path);
}

int main(int argc, char **argv)
{
	printf("Booting the simulated machine:\n");
	fflush(stdout);
	boot_size("1G", 1UL << 30, false);
	boot_size("16G", 16UL << 30, false);
	boot_size("64G", 64UL << 30, true);
	printf("Freeing (1 GiB machine, times averaged over the frees):\n");
	order0_frees("through the per-CPU lists", false);
	order0_frees("per-CPU lists bypassed", true);
	order9_frees();
	if (argc > 1) {
		printf("Running a script:\n");
		fflush(stdout);
		pagesim_million(argv[1]);
	}
	return 0;
}
