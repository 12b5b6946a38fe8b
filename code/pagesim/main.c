// SPDX-License-Identifier: GPL-2.0
/* front end: pagesim, which runs scenario scripts */
#include <getopt.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <linux/printed_config.h>
#include <linux/printk.h>
#include <trace/events/kmem.h>
#include "pagesim/pagesim.h"
#include "sim/machine.h"

static const char usage[] =
"usage: pagesim [--ram SIZE] [--cpus N] [--kconfig NAME] [--trace] [--check]\n"
"               [SCRIPT | -]\n"
"\n"
"Boot a simulated x86_64 machine running the Linux 5.10 page-freeing model,\n"
"and run SCRIPT (standard input if none, or -) one command per line.\n"
"\n"
"  --ram SIZE   RAM, with suffix K, M or G (binary); 64M to 64G; default 1G\n"
"  --cpus N     CPUs, 1 to 64; default 2\n"
"  --kconfig NAME  print as a kernel built with configuration NAME would:\n"
"               book (the default) or debian (Debian 11's 5.10 kernel)\n"
"  --trace      start with tracing on\n"
"  --check      check every invariant after each command (exit 3 if broken)\n"
"\n"
"Commands (# starts a comment and blank lines are ignored; numbers are\n"
"decimal or 0x hex; ADDR is an address in the direct map, or a NAME bound by\n"
"alloc or split, which stands for the address of its block's first page):\n"
"  alloc NAME ORDER [unmovable|movable|reclaimable]\n"
"                                 on this CPU, movable by default; prints\n"
"                                 NAME pfn=0x.. order=N addr=0x.., or\n"
"                                 NAME failed (and binds nothing)\n"
"  free_pages ADDR ORDER          free_pages(ADDR, ORDER); ADDR may be 0\n"
"  __free_pages ADDR ORDER        __free_pages(virt_to_page(ADDR), ORDER)\n"
"  get_page ADDR | put_page ADDR  take or drop a reference\n"
"  split NAME ORDER [NAME...]     split NAME's block into blocks of ORDER, each\n"
"                                 with its own reference, bound to the NAMEs\n"
"                                 given or to NAME_0, NAME_1, ...\n"
"  set ADDR FIELD VALUE           break a struct page: mapping|mapcount|\n"
"                                 refcount N, mem_cgroup ADDR, or flag NAME\n"
"  cpu N                          run later commands on CPU N\n"
"  drain                          drain every CPU's per-CPU lists\n"
"  pageblock ADDR TYPE            unmovable|movable|reclaimable|highatomic|cma|isolate\n"
"  show buddyinfo|pagetypeinfo|zoneinfo|freelist [NAME...]|pcp\n"
"  show pageblocks NAME...        the migratetype of each of their pageblocks\n"
"  show pcp counts                this CPU's per-CPU list counts, on one line\n"
"  trace on|off                   print mm_page_free and mm_page_pcpu_drain\n"
"  translate ADDR                 print each step of virt_to_page(ADDR);\n"
"                                 ADDR may also be in the kernel image\n"
"\n"
"Comment lines starting #: at the top of a script file hold options, which\n"
"options on the command line override.\n"
"Bad-page reports go to standard error, and the script goes on. An error in\n"
"the script prints SCRIPT:LINE: error: ... and exits with 2.\n";

bool parse_size(const char *s, unsigned long *bytes)
{
	char *end;
	unsigned long v, shift = 0;

	if (!*s || strspn(s, "0123456789") == 0)
		return false;
	v = strtoul(s, &end, 10);
	if (*end == 'K')
		shift = 10;
	else if (*end == 'M')
		shift = 20;
	else if (*end == 'G')
		shift = 30;
	else if (*end)
		return false;
	if (shift && end[1])
		return false;
	if (v > (~0UL >> shift))
		return false;
	*bytes = v << shift;
	return true;
}

struct cmdline {
	struct sim_config cfg;
	struct pagesim_options opt;
	bool trace;
	const struct printed_config *kconfig;
	const char *path;	/* the script, or "-" */
};

#define CMDLINE_DEFAULTS { .cfg = { .ram = SIM_RAM_DEFAULT, .nr_cpus = SIM_CPUS_DEFAULT }, \
			   .kconfig = &printed_configs[0], .path = "-" }

/*
 * Read the options in argv[1..argc-1] into cl; error messages start with
 * where.  Returns 0, 2 after an error, or -1 after --help.
 */
static int parse_options(int argc, char **argv, const char *where, struct cmdline *cl)
{
	static const struct option longopts[] = {
		{ "ram", required_argument, NULL, 'r' },
		{ "cpus", required_argument, NULL, 'c' },
		{ "kconfig", required_argument, NULL, 'K' },
		{ "trace", no_argument, NULL, 't' },
		{ "check", no_argument, NULL, 'k' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char *end;
	int c;

	optind = 0;		/* start again: this runs more than once */
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'r':
			if (!parse_size(optarg, &cl->cfg.ram)) {
				fprintf(stderr, "%s: error: --ram %s: not a size like 512M or 4G\n",
					where, optarg);
				return 2;
			}
			break;
		case 'c':
			cl->cfg.nr_cpus = strtol(optarg, &end, 10);
			if (!*optarg || *end) {
				fprintf(stderr, "%s: error: --cpus %s: not a number\n", where, optarg);
				return 2;
			}
			break;
		case 'K':
			if (!(cl->kconfig = find_printed_config(optarg))) {
				fprintf(stderr, "%s: error: --kconfig %s: book or debian\n",
					where, optarg);
				return 2;
			}
			break;
		case 't':
			cl->trace = true;
			break;
		case 'k':
			cl->opt.check = true;
			break;
		case 'h':
			fputs(usage, stdout);
			return -1;
		default:
			fputs(usage, stderr);
			return 2;
		}
	}
	if (optind < argc)
		cl->path = argv[optind++];
	if (optind < argc) {
		fprintf(stderr, "%s: error: one script at a time\n", where);
		return 2;
	}
	return 0;
}

/* Returns 0, 2 after an error, or -1 after --help. */
static int script_options(FILE *in, const char *path, struct cmdline *cl)
{
	char line[512], where[300];
	int nr = 0, status = 0;

	while (status == 0 && fgets(line, sizeof(line), in)) {
		char *words[32] = { "pagesim" }, *w;
		int n = 1;

		nr++;
		if (strncmp(line, "#:", 2) != 0) {
			if (line[strspn(line, " \t\n")] == '#' || line[strspn(line, " \t\n")] == 0)
				continue;
			break;		/* the first command */
		}
		snprintf(where, sizeof(where), "%s:%d", path, nr);
		for (w = strtok(line + 2, " \t\n"); w && n < 31; w = strtok(NULL, " \t\n"))
			words[n++] = w;
		status = parse_options(n, words, where, cl);
		if (status == 0 && strcmp(cl->path, "-") != 0) {
			fprintf(stderr, "%s: error: a #: line holds options, not a script\n", where);
			status = 2;
		}
	}
	rewind(in);
	return status;
}

int main(int argc, char **argv)
{
	struct cmdline cl = CMDLINE_DEFAULTS;
	FILE *in = stdin;
	int status;

	if ((status = parse_options(argc, argv, "pagesim", &cl)) != 0)
		return status < 0 ? 0 : status;
	if (strcmp(cl.path, "-") != 0) {
		struct cmdline from_script = CMDLINE_DEFAULTS;

		if (!(in = fopen(cl.path, "r"))) {
			fprintf(stderr, "pagesim: error: cannot open %s\n", cl.path);
			return 2;
		}
		/* the script's options first, then the command line's over them */
		if ((status = script_options(in, cl.path, &from_script)) != 0) {
			fclose(in);
			return status < 0 ? 0 : status;
		}
		parse_options(argc, argv, "pagesim", &from_script);
		cl = from_script;
	}
	model_trace_on = cl.trace;
	printed_config = cl.kconfig;
	if (sim_boot(&cl.cfg) != 0) {
		fprintf(stderr, "pagesim: error: %s\n", sim_boot_error());
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	model_console = stderr;
	status = pagesim_run(in, strcmp(cl.path, "-") ? cl.path : "<stdin>", &cl.opt);
	sim_shutdown();
	if (in != stdin)
		fclose(in);
	return status;
}
