/*
 * libFuzzer target: pagesim scripts, run with the invariant checker on.
 *
 * Each input is a script for a fresh 64 MiB, 2-CPU machine.  pagesim must
 * never crash, never read out of bounds, and never break an invariant: a
 * script error is fine (status 2), a broken invariant (status 3) is a bug.
 * Built and run by `make fuzz`; inputs that found bugs are kept in
 * tests/fuzz/findings/ and replayed by tests/fuzz-findings.c.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <linux/printk.h>
#include "pagesim/pagesim.h"
#include "sim/machine.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	model_console = fopen("/dev/null", "w");		/* bad-page reports */
	if (!freopen("/dev/null", "w", stdout))		/* what pagesim prints */
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sim_config cfg = { .ram = 64UL << 20, .nr_cpus = 2 };
	static FILE *devnull;
	struct pagesim_options opt = { .check = true };
	FILE *in;
	int status;

	if (size == 0)
		return 0;
	if (!devnull)
		devnull = fopen("/dev/null", "w");
	opt.errors = devnull;		/* script errors are expected, and many */
	in = fmemopen((void *)data, size, "r");
	if (!in || sim_boot(&cfg) != 0)
		abort();
	status = pagesim_run(in, "fuzz", &opt);
	fclose(in);
	sim_shutdown();
	if (status == 3)
		abort();		/* an invariant broke: a bug */
	return 0;
}
