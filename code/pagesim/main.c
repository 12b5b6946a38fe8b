#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <linux/printk.h>
#include <trace/events/kmem.h>
#include "pagesim/pagesim.h"
#include "sim/machine.h"

static const char usage[] =
"usage: pagesim [--ram SIZE] [--cpus N] [--trace] [--check] [SCRIPT | -]\n"
"\n"
"Boot a simulated x86_64 machine running the Linux 5.10 page-freeing model,\n"
"and run SCRIPT (standard input if none, or -) one command per line.\n"
"\n"
"  --ram SIZE   RAM, with suffix K, M or G (binary); 64M to 64G; default 1G\n"
"  --cpus N     CPUs, 1 to 64; default 2\n"
"  --trace      start with tracing on\n"
"  --check      check every invariant after each command (exit 3 if broken)\n"
"\n"
"Commands (# starts a comment; numbers are decimal or 0x hex; a NAME bound\n"
"by alloc stands for the address of its block's first page):\n"
"  alloc NAME ORDER [unmovable|movable|reclaimable]\n"
"  free_pages ADDR ORDER          free_pages(ADDR, ORDER); ADDR may be 0\n"
"  __free_pages ADDR ORDER        __free_pages(virt_to_page(ADDR), ORDER)\n"
"  get_page ADDR | put_page ADDR  take or drop a reference\n"
"  cpu N                          run later commands on CPU N\n"
"  drain                          drain every CPU's per-CPU lists\n"
"  pageblock ADDR TYPE            unmovable|movable|reclaimable|highatomic|cma|isolate\n"
"  show buddyinfo|pagetypeinfo|zoneinfo|freelist|pcp\n"
"  trace on|off                   print mm_page_free and mm_page_pcpu_drain\n"
"  translate ADDR                 print each step of virt_to_page(ADDR)\n"
"\n"
"An error in the script prints SCRIPT:LINE: error: ... and exits with 2.\n";

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

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "ram", required_argument, NULL, 'r' },
		{ "cpus", required_argument, NULL, 'c' },
		{ "trace", no_argument, NULL, 't' },
		{ "check", no_argument, NULL, 'k' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct sim_config cfg = { .ram = SIM_RAM_DEFAULT, .nr_cpus = SIM_CPUS_DEFAULT };
	struct pagesim_options opt = { 0 };
	const char *path = "-";
	FILE *in = stdin;
	char *end;
	int c, status;

	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'r':
			if (!parse_size(optarg, &cfg.ram)) {
				fprintf(stderr, "pagesim: error: --ram %s: not a size like 512M or 4G\n", optarg);
				return 2;
			}
			break;
		case 'c':
			cfg.nr_cpus = strtol(optarg, &end, 10);
			if (!*optarg || *end) {
				fprintf(stderr, "pagesim: error: --cpus %s: not a number\n", optarg);
				return 2;
			}
			break;
		case 't':
			sim_trace_on = true;
			break;
		case 'k':
			opt.check = true;
			break;
		case 'h':
			fputs(usage, stdout);
			return 0;
		default:
			fputs(usage, stderr);
			return 2;
		}
	}
	if (optind < argc)
		path = argv[optind++];
	if (optind < argc) {
		fprintf(stderr, "pagesim: error: one script at a time\n");
		return 2;
	}
	if (strcmp(path, "-") != 0 && !(in = fopen(path, "r"))) {
		fprintf(stderr, "pagesim: error: cannot open %s\n", path);
		return 2;
	}
	if (sim_boot(&cfg) != 0) {
		fprintf(stderr, "pagesim: error: %s\n", sim_boot_error());
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	sim_console = stderr;
	status = pagesim_run(in, strcmp(path, "-") ? path : "<stdin>", &opt);
	sim_shutdown();
	if (in != stdin)
		fclose(in);
	return status;
}
