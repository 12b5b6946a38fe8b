/*
 * libFuzzer target: pagesim scripts, run with the invariant checker on.
 *
 * Each input is a script for a fresh machine: 64 MiB and 2 CPUs, unless
 * its #: lines say otherwise (--ram SIZE --cpus N, as pagesim reads them;
 * RAM from 64M to 4224M, so that machines past 4 GiB have a Normal zone,
 * and 1 to 8 CPUs; past 1 GiB the invariants are checked after the last
 * command only, for speed).  pagesim must never crash, never read out of bounds,
 * and never break an invariant: a script error is fine (status 2), and so
 * is a soft lockup (status 4, 5.10's own livelock); a broken invariant
 * (status 3) is a bug.
 * Built and run by `make fuzz`; inputs that found bugs are kept in
 * tests/fuzz/findings/ and replayed by tests/fuzz-findings.c.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/printk.h>
#include "pagesim/pagesim.h"
#include "sim/check.h"
#include "sim/machine.h"
#include "machine_of.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	model_console = fopen("/dev/null", "w");		/* bad-page reports */
	if (!freopen("/dev/null", "w", stdout))		/* what pagesim prints */
		abort();
	return 0;
}

/* past this, the invariants are checked once, after the last command */
#define FUZZ_CHECK_EACH_MAX	(1UL << 30)

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
	machine_of(data, size, &cfg);
	opt.check = cfg.ram <= FUZZ_CHECK_EACH_MAX;	/* a walk of 4 GiB is slow */
	in = fmemopen((void *)data, size, "r");
	if (!in || sim_boot(&cfg) != 0)
		abort();
	status = pagesim_run(in, "fuzz", &opt);
	fclose(in);
	if (!opt.check && status != 4 && sim_check(devnull) != 0)
		status = 3;
	sim_shutdown();
	if (status == 3)
		abort();		/* an invariant broke: a bug */
	return 0;
}
