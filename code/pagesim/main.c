#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
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
"  show cost                      the counts since cost on or the last show cost\n"
"  sleep SECONDS                  let the clock run (each command is one tick)\n"
"  trace on|off                   print mm_page_free and mm_page_pcpu_drain\n"
"  cost on|off                    count what the frees cost, from zero; stop\n"
"  translate ADDR                 print each step of virt_to_page(ADDR);\n"
"                                 ADDR may also be in the kernel image\n"
"\n"
"Comment lines starting #: at the top of a script file hold options, which\n"
"options on the command line override.\n"
"Bad-page reports go to standard error, and the script goes on.\n"
"\n"
"Exit status: 0 if the script ran to its end; 2 for an error in the options\n"
"or the script (SCRIPT:LINE: error: ...), or if it cannot be read or the\n"
"output cannot be written; 3 if --check found a broken invariant; 4 if a\n"
"command never ends on 5.10 (soft lockup: the watchdog's report, then stop).\n";

bool parse_size(const char *s, unsigned long *bytes)
{
	char *end;
	unsigned long v, shift = 0;

	if (!*s || strspn(s, "0123456789") == 0)
		return false;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno == ERANGE)
		return false;
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
	unsigned long v;
	char *end;
	int c;

	opterr = 0;		/* the messages below say where, as getopt's cannot */
	optind = 0;		/* start again: this runs more than once */
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'r':
			if (!parse_size(optarg, &cl->cfg.ram)) {
				size_t d = strspn(optarg, "0123456789");
				bool well_formed = d > 0 && (optarg[d] == '\0' ||
					(strchr("KMG", optarg[d]) && optarg[d + 1] == '\0'));

				/* a size in the right form fails only by not fitting */
				fprintf(stderr, "%s: error: --ram %s: %s\n", where, optarg,
					well_formed ? "too large: the model simulates at most 64G"
						    : "not a size like 512M or 4G");
				return 2;
			}
			break;
		case 'c':
			errno = 0;
			v = strtoul(optarg, &end, 10);
			if (!*optarg || optarg[strspn(optarg, "0123456789")]) {
				fprintf(stderr, "%s: error: --cpus %s: not a number\n", where, optarg);
				return 2;
			}
			if (errno == ERANGE || v < 1 || v > NR_CPUS) {
				fprintf(stderr, "%s: error: --cpus %s: the model simulates 1 to %d CPUs\n",
					where, optarg, NR_CPUS);
				return 2;
			}
			cl->cfg.nr_cpus = v;
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
			{
				const char *arg = argv[optind - 1];
				const struct option *o = longopts;

				while (o->name && !(o->val == optopt && strncmp(arg, "--", 2) == 0))
					o++;
				if (o->name)
					fprintf(stderr, "%s: error: %s %s\n", where, arg,
						o->has_arg ? "needs a value" : "takes no value");
				else
					fprintf(stderr, "%s: error: unknown option '%s' (pagesim --help lists them)\n",
						where, arg);
			}
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

/* Read one #: line's options (line is the text after "#:"). */
static int options_line(char *line, const char *where, struct cmdline *cl)
{
	size_t max = strlen(line) / 2 + 2;
	char **words = malloc((max + 1) * sizeof(*words));
	int n = 1, status;

	if (!words) {
		fprintf(stderr, "%s: error: out of memory\n", where);
		return 2;
	}
	words[0] = "pagesim";
	for (char *w = strtok(line, " \t\r"); w; w = strtok(NULL, " \t\r"))
		words[n++] = w;
	words[n] = NULL;
	status = parse_options(n, words, where, cl);
	if (status == 0 && strcmp(cl->path, "-") != 0) {
		fprintf(stderr, "%s: error: a #: line holds options, not a script\n", where);
		status = 2;
	}
	free(words);
	return status;
}

/* Returns 0, 2 after an error, or -1 after --help. */
static int script_options(const char *text, size_t len, const char *path, struct cmdline *cl)
{
	const char *p = text, *end = text + len;
	unsigned long nr = 0;
	int status = 0;

	while (status == 0 && p < end) {
		const char *eol = memchr(p, '\n', end - p);
		char *line = strndup(p, (eol ? eol : end) - p), where[300];
		size_t first;

		if (!line) {
			fprintf(stderr, "%s: error: out of memory\n", path);
			return 2;
		}
		nr++;
		p = eol ? eol + 1 : end;
		first = strspn(line, " \t\r");
		if (strncmp(line, "#:", 2) == 0) {
			snprintf(where, sizeof(where), "%.280s:%lu", path, nr);
			status = options_line(line + 2, where, cl);
		} else if (line[first] != '#' && line[first] != '\0') {
			free(line);
			break;		/* the first command */
		}
		free(line);
	}
	return status;
}

/* The text of the file at path, NUL-terminated; *len is its length. */
static char *read_script(const char *path, size_t *len)
{
	FILE *f = fopen(path, "r");
	size_t cap = 4096, n = 0;
	char *text = NULL, *bigger;

	if (!f) {
		fprintf(stderr, "pagesim: error: cannot open %s: %s\n", path, strerror(errno));
		return NULL;
	}
	for (;;) {
		if (!(bigger = realloc(text, cap + 1))) {
			fprintf(stderr, "pagesim: error: %s: out of memory\n", path);
			break;
		}
		text = bigger;
		n += fread(text + n, 1, cap - n, f);
		if (ferror(f)) {
			fprintf(stderr, "pagesim: error: cannot read %s: %s\n", path, strerror(errno));
			break;
		}
		if (n < cap) {
			fclose(f);
			text[n] = '\0';
			*len = n;
			return text;
		}
		cap *= 2;
	}
	fclose(f);
	free(text);
	return NULL;
}

int main(int argc, char **argv)
{
	struct cmdline cl = CMDLINE_DEFAULTS;
	char *text = NULL;
	size_t len = 0;
	int status;

	if ((status = parse_options(argc, argv, "pagesim", &cl)) != 0)
		return status < 0 ? 0 : status;
	if (strcmp(cl.path, "-") != 0) {
		struct cmdline from_script = CMDLINE_DEFAULTS;

		if (!(text = read_script(cl.path, &len)))
			return 2;
		/* the script's options first, then the command line's over them */
		if ((status = script_options(text, len, cl.path, &from_script)) != 0) {
			free(text);
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
	if (isatty(fileno(stdout)))
		setvbuf(stdout, NULL, _IOLBF, 0);
	else
		setvbuf(stdout, NULL, _IOFBF, 1 << 16);
	model_console = stderr;
	if (text)
		status = pagesim_run_text(text, len, cl.path, &cl.opt);
	else
		status = pagesim_run(stdin, "<stdin>", &cl.opt);
	sim_shutdown();
	free(text);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "pagesim: error: cannot write the output: %s\n",
			errno ? strerror(errno) : "write error");
		return 2;
	}
	return status;
}
