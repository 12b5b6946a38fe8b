/* Chapter 11: pagesim, run as a reader runs it. */
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include "helpers.h"
#include "pagesim/pagesim.h"

#define PAGESIM "build/pagesim"

struct run {
	int status;
	char out[1 << 16];
	char err[1 << 16];
};

static void slurp(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "r");
	size_t n = f ? fread(buf, 1, size - 1, f) : 0;

	buf[n] = '\0';
	if (f)
		fclose(f);
}

/* run pagesim with these options on this script (NULL: no script argument) */
static struct run *pagesim(const char *options, const char *script)
{
	static struct run r;
	char dir[] = "/tmp/pagesim-test-XXXXXX", cmd[1024], path[256], out[256], err[256];
	FILE *f;

	cr_assert_not_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/s.sim", dir);
	snprintf(out, sizeof(out), "%s/out", dir);
	snprintf(err, sizeof(err), "%s/err", dir);
	f = fopen(path, "w");
	fputs(script ? script : "", f);
	fclose(f);
	if (script)
		snprintf(cmd, sizeof(cmd), "%s %s %s >%s 2>%s", PAGESIM, options, path, out, err);
	else
		snprintf(cmd, sizeof(cmd), "%s %s <%s >%s 2>%s", PAGESIM, options, path, out, err);
	r.status = WEXITSTATUS(system(cmd));
	slurp(out, r.out, sizeof(r.out));
	slurp(err, r.err, sizeof(r.err));
	/* error messages name the script by its path: say "s.sim" instead */
	for (char *p; (p = strstr(r.err, path));)
		memmove(p, p + strlen(dir) + 1, strlen(p + strlen(dir) + 1) + 1);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	cr_assert_eq(system(cmd), 0);
	return &r;
}

static bool matches(const char *text, const char *pattern)
{
	regex_t re;
	bool ok;

	cr_assert_eq(regcomp(&re, pattern, REG_EXTENDED | REG_NEWLINE | REG_NOSUB), 0, "%s", pattern);
	ok = regexec(&re, text, 0, NULL, 0) == 0;
	regfree(&re);
	return ok;
}

/* --- commands ------------------------------------------------------------------------ */

Test(pagesim, alloc_prints_name_pfn_order_addr)
{
	struct run *r = pagesim("--ram 128M", "alloc a 3\nalloc b 0 unmovable\nalloc c 1 reclaimable\n");

	cr_assert_eq(r->status, 0, "%s", r->err);
	cr_assert(matches(r->out, "^a pfn=0x[0-9a-f]+ order=3 addr=0xffff888[0-9a-f]{9}$"), "%s", r->out);
	cr_assert(matches(r->out, "^b pfn=0x[0-9a-f]+ order=0 addr=0x[0-9a-f]{16}$"), "%s", r->out);
	cr_assert(matches(r->out, "^c pfn=0x[0-9a-f]+ order=1 addr=0x[0-9a-f]{16}$"), "%s", r->out);
}

/* print_alloc writes what printf("%s pfn=%#lx order=%u addr=0x%016lx\n") would */
Test(pagesim, alloc_line_is_printf_s_format)
{
	struct run *r = pagesim("--ram 128M", "alloc a 0\nalloc b_1 10\nalloc Z9 3\nalloc c 5\n");
	static const unsigned int orders[] = { 0, 10, 3, 5 };
	char want[128], name[64];
	unsigned long pfn, addr;
	unsigned int order;
	int lines = 0;

	cr_assert_eq(r->status, 0, "%s", r->err);
	for (char *line = strtok(r->out, "\n"); line; line = strtok(NULL, "\n"), lines++) {
		cr_assert_eq(sscanf(line, "%63s pfn=%lx order=%u addr=%lx", name, &pfn, &order, &addr), 4,
			     "%s", line);
		snprintf(want, sizeof(want), "%s pfn=%#lx order=%u addr=0x%016lx", name, pfn, order, addr);
		cr_assert_str_eq(line, want);
		cr_assert_eq(addr, 0xffff888000000000UL + (pfn << 12), "addr is pfn's: %s", line);
		cr_assert_eq(order, orders[lines], "%s", line);
	}
	cr_assert_eq(lines, 4);
}

Test(pagesim, a_name_stays_bound_after_a_free)
{
	struct run *r = pagesim("--ram 128M", "alloc q 2\nfree_pages q 2\nfree_pages q 2\n");

	cr_assert_eq(r->status, 0, "the second free is no error:\n%s", r->err);
	cr_assert_null(strstr(r->err, "unknown name"), "%s", r->err);
	cr_assert(strstr(r->err, "refused to free pfn"), "q is freed again:\n%s", r->err);
}

/* stdout is fully buffered into a file, and flushed before each message */
Test(pagesim, output_and_messages_keep_their_order_in_one_file)
{
	char dir[] = "/tmp/pagesim-test-XXXXXX", cmd[1024], text[1 << 14];
	const char *a, *bug, *b;
	FILE *f;

	cr_assert_not_null(mkdtemp(dir));
	snprintf(cmd, sizeof(cmd), "%s/s.sim", dir);
	f = fopen(cmd, "w");
	fputs("alloc a 0\nfree_pages a 0\nfree_pages a 0\ndrain\nalloc b 0\nfrobnicate\n", f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "%s --ram 128M %s/s.sim >%s/out 2>&1", PAGESIM, dir, dir);
	cr_assert_eq(WEXITSTATUS(system(cmd)), 2, "the script ends in an error");
	snprintf(cmd, sizeof(cmd), "%s/out", dir);
	slurp(cmd, text, sizeof(text));
	a = strstr(text, "a pfn=");
	bug = strstr(text, "BUG: Bad page state");
	b = strstr(text, "b pfn=");
	cr_assert(a && bug && b && strstr(text, "unknown command"), "%s", text);
	cr_assert(a < bug && bug < b && b < strstr(text, "unknown command"),
		  "the lines in the order they were made:\n%s", text);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	cr_assert_eq(system(cmd), 0);
}

Test(pagesim, alloc_failure_binds_nothing_and_goes_on)
{
	char script[8192] = "";

	for (int i = 0; i < 40; i++)		/* 64 MiB has far fewer than 40 x 4 MiB */
		sprintf(script + strlen(script), "alloc big%d 10\n", i);
	strcat(script, "free_pages big39 10\nshow buddyinfo\n");
	struct run *r = pagesim("--ram 64M", script);

	cr_assert(strstr(r->out, "big39 failed\n"), "%s", r->out);
	cr_assert_eq(r->status, 2, "big39 was never bound");
	cr_assert(strstr(r->err, "s.sim:41: error: unknown name 'big39'"), "%s", r->err);
	/* a name bound before: the failed alloc unbinds it */
	strcpy(script, "");
	for (int i = 0; i < 40; i++)
		strcat(script, "alloc big 10\n");
	strcat(script, "free_pages big 10\n");
	r = pagesim("--ram 64M", script);
	cr_assert(matches(r->out, "^big pfn="), "%s", r->out);
	cr_assert(strstr(r->out, "big failed\n"), "%s", r->out);
	cr_assert_eq(r->status, 2, "big is bound to nothing");
	cr_assert(strstr(r->err, "s.sim:41: error: unknown name 'big'"), "%s", r->err);
}

Test(pagesim, frees_and_references)
{
	struct run *r = pagesim("--ram 128M --check",
		"alloc a 2\nget_page a\n__free_pages a 2\nput_page a\n"
		"alloc b 0\nfree_pages b 0\nfree_pages 0 3\ndrain\nshow pcp\n");

	cr_assert_eq(r->status, 0, "%s", r->err);
	cr_assert(matches(r->out, "^cpu=0 zone=DMA32 count=0 high=18 batch=3 "
			  "unmovable=\\[\\] movable=\\[\\] reclaimable=\\[\\]$"), "%s", r->out);
	cr_assert_str_eq(r->err, "");
}

Test(pagesim, cpu_switches_the_freeing_cpu)
{
	struct run *r = pagesim("--ram 128M --cpus 3", "alloc a 0\ncpu 2\nfree_pages a 0\nshow pcp\n");

	cr_assert_eq(r->status, 0);
	cr_assert(matches(r->out, "^cpu=2 zone=DMA32 count=1 .* movable=\\[0x[0-9a-f]+\\]"), "%s", r->out);
	cr_assert(matches(r->out, "^cpu=0 zone=DMA32 count=2 "), "CPU 0 kept its refill:\n%s", r->out);
}

Test(pagesim, pageblock_types_and_isolation)
{
	struct run *r = pagesim("--ram 128M --check",
		"alloc a 9\npageblock a isolate\npageblock a isolate\nfree_pages a 9\n"
		"show pagetypeinfo\npageblock a movable\npageblock a cma\npageblock a highatomic\n"
		"pageblock a reclaimable\npageblock a unmovable\nshow pagetypeinfo\n");

	cr_assert_eq(r->status, 0, "%s", r->err);
	cr_assert(matches(r->out, "^pageblock 0x[0-9a-f]+: already isolated \\(-EBUSY\\)$"), "%s", r->out);
	cr_assert(matches(r->out, "^Node    0, zone    DMA32, type      Isolate      0      0      0      0"
			  "      0      0      0      0      0      1      0 $"), "%s", r->out);
}

Test(pagesim, show_buddyinfo_is_proc_buddyinfo)
{
	struct run *r = pagesim("", "show buddyinfo\n");

	cr_assert_eq(r->status, 0);
	cr_assert(matches(r->out, "^Node 0, zone      DMA( +[0-9]+ ){11}$"), "%s", r->out);
	cr_assert(matches(r->out, "^Node 0, zone    DMA32      0      1      0      1      1      1"
			  "      1      1      1      1    239 $"), "%s", r->out);
	cr_assert_not(strstr(r->out, "Normal"), "only populated zones");
}

Test(pagesim, show_pagetypeinfo_is_proc_pagetypeinfo)
{
	struct run *r = pagesim("", "show pagetypeinfo\n");

	const char *head =
		"Page block order: 9\n"
		"Pages per block:  512\n"
		"\n"
		"Free pages count per migrate type at order       0      1      2      3      4"
		"      5      6      7      8      9     10 \n";

	cr_assert_eq(r->status, 0);
	cr_assert(strncmp(r->out, head, strlen(head)) == 0, "%s", r->out);
	cr_assert(matches(r->out, "^Node    0, zone      DMA, type    Unmovable( +[0-9]+ ){11}$"));
	cr_assert(strstr(r->out, "\nNumber of blocks type     Unmovable      Movable  Reclaimable"
			 "   HighAtomic          CMA      Isolate \n"), "%s", r->out);
	cr_assert(matches(r->out, "^Node 0, zone      DMA            1            7            0"
			  "            0            0            0 $"), "%s", r->out);
}

Test(pagesim, show_zoneinfo_keeps_the_proc_layout)
{
	struct run *r = pagesim("", "show zoneinfo\n");

	cr_assert_eq(r->status, 0);
	cr_assert(matches(r->out, "^Node 0, zone    DMA32$"));
	cr_assert(matches(r->out, "^  pages free     [0-9]+$"));
	cr_assert(matches(r->out, "^      nr_free_pages [0-9]+$"));
	cr_assert(strstr(r->out, "\n    cpu: 1\n              count: 0\n              high:  378\n"
			 "              batch: 63\n"), "%s", r->out);
}

/* the number after "label" in the first line that has it, after "from" */
static long value_after(const char *text, const char *from, const char *label)
{
	const char *p = strstr(text, from);

	cr_assert_not_null(p, "no '%s' in %s", from, text);
	p = strstr(p, label);
	cr_assert_not_null(p, "no '%s' after '%s'", label, from);
	return strtol(p + strlen(label), NULL, 10);
}

Test(pagesim, show_zoneinfo_prints_every_zone)
{
	struct run *r = pagesim("--ram 1G", "show zoneinfo\n");
	const char *empty = "  pages free     0\n        spanned  0\n        present  0\n"
			    "        managed  0\n        protection: (0, 0, 0, 0)\n";
	char want[512];

	cr_assert_eq(r->status, 0);
	/* 5.10 prints the empty zones too, with their counts and reserves only */
	for (const char *const *zone = (const char *const[]){ "Normal", "Movable", NULL }; *zone;
	     zone++) {
		snprintf(want, sizeof(want), "Node 0, zone %8s\n%s", *zone, empty);
		cr_assert(strstr(r->out, want), "no empty %s zone in 5.10's layout:\n%s", *zone, r->out);
	}
	cr_assert(strstr(r->out, "Node 0, zone  Movable\n") > strstr(r->out, "Node 0, zone   Normal\n"));
	/* a populated zone: each CPU's threshold after its lists, then the node */
	cr_assert(strstr(r->out, "              batch: 63\n  vm stats threshold: 16\n    cpu: 1\n"),
		  "%s", r->out);
	cr_assert(strstr(r->out, "  vm stats threshold: 16\n  node_unreclaimable:  0\n"
			 "  start_pfn:           4096\n"), "%s", r->out);
}

Test(pagesim, zoneinfo_protection_and_thresholds_follow_5_10)
{
	struct run *r = pagesim("--ram 5G --cpus 1", "show zoneinfo\n");
	long dma32 = value_after(r->out, "zone    DMA32", "managed  ");
	long normal = value_after(r->out, "zone   Normal", "managed  ");
	char want[256];

	cr_assert_eq(r->status, 0);
	/* a zone keeps the managed pages of the zones above it over its ratio */
	snprintf(want, sizeof(want), "protection: (0, %ld, %ld, %ld)\n", dma32 / 256,
		 (dma32 + normal) / 256, (dma32 + normal) / 256);
	cr_assert(strstr(r->out, want), "DMA should have %s in:\n%s", want, r->out);
	snprintf(want, sizeof(want), "protection: (0, 0, %ld, %ld)\n", normal / 256, normal / 256);
	cr_assert(strstr(r->out, want), "DMA32 should have %s", want);
	cr_assert(strstr(r->out, "zone   Normal\n") &&
		  strstr(strstr(r->out, "zone   Normal\n"), "protection: (0, 0, 0, 0)\n"));
	/* 2 * fls(1 CPU) * (1 + fls(zone in 128 MiB)): DMA 2, DMA32 4G 2*6, Normal 1G 2*4 */
	cr_assert_eq(value_after(r->out, "zone      DMA", "vm stats threshold: "), 2);
	cr_assert_eq(value_after(r->out, "zone    DMA32", "vm stats threshold: "), 12);
	cr_assert_eq(value_after(r->out, "zone   Normal", "vm stats threshold: "), 8);
	/* and at most 125: 64 CPUs and a 20 GiB zone would make 126 */
	r = pagesim("--ram 24G --cpus 64", "show zoneinfo\n");
	cr_assert_eq(value_after(r->out, "zone   Normal", "vm stats threshold: "), 125);
}

Test(pagesim, show_freelist_of_named_blocks)
{
	struct run *r = pagesim("--ram 128M --cpus 1",
				"alloc a 2\nalloc b 1\nsplit a 0\nfree_pages a_1 0\nfree_pages a_3 0\n"
				"free_pages b 1\ndrain\nshow freelist a\nshow freelist b a\n");
	char want[256];
	unsigned long a, b;

	cr_assert_eq(r->status, 0, "%s", r->err);
	cr_assert_eq(sscanf(strstr(r->out, "a pfn="), "a pfn=%lx", &a), 1);
	cr_assert_eq(sscanf(strstr(r->out, "b pfn="), "b pfn=%lx", &b), 1);
	/* only a's two free pages, then the same with b's block among them, in list order */
	snprintf(want, sizeof(want), "zone=DMA32 order=0 type=Movable pfn=%#lx\n"
		 "zone=DMA32 order=0 type=Movable pfn=%#lx\n", a + 3, a + 1);
	cr_assert(strstr(r->out, want), "want\n%s in\n%s", want, r->out);
	cr_assert(strstr(strstr(r->out, want) + 1, want), "the second listing keeps a's pages");
	snprintf(want, sizeof(want), "zone=DMA32 order=1 type=Movable pfn=%#lx\n", b);
	cr_assert(strstr(r->out, want), "b's block is listed:\n%s", r->out);
}

Test(pagesim, show_pcp_counts_on_one_line)
{
	struct run *r = pagesim("--ram 128M --cpus 2", "show pcp counts\nalloc a 0\nshow pcp counts\n"
				"cpu 1\nshow pcp counts\n");

	cr_assert_eq(r->status, 0, "%s", r->err);
	/* a refill brings batch (3) pages, and the allocation takes one */
	cr_assert(strstr(r->out, "cpu=0 DMA=0 DMA32=0\na pfn="), "%s", r->out);
	cr_assert(strstr(r->out, "\ncpu=0 DMA=0 DMA32=2\ncpu=1 DMA=0 DMA32=0\n"), "%s", r->out);
}

Test(pagesim, show_pageblocks_of_named_blocks)
{
	struct run *r = pagesim("--ram 128M --cpus 1", "alloc a 10\nsplit a 9 lo hi\n"
				"pageblock hi reclaimable\nshow pageblocks a\nshow pageblocks hi\n");
	unsigned long a;
	char want[256];

	cr_assert_eq(r->status, 0, "%s", r->err);
	cr_assert_eq(sscanf(r->out, "a pfn=%lx", &a), 1);
	snprintf(want, sizeof(want), "pageblock pfn=%#lx type=Movable\npageblock pfn=%#lx "
		 "type=Reclaimable\npageblock pfn=%#lx type=Reclaimable\n", a, a + 512, a + 512);
	cr_assert(strstr(r->out, want), "want\n%s in\n%s", want, r->out);
}

Test(pagesim, split_makes_pieces_that_free_on_their_own)
{
	struct run *r = pagesim("--ram 128M --cpus 1 --check",
				"alloc a 2\nsplit a 1\nfree_pages a_1 1\nshow freelist a\n"
				"free_pages a_0 1\nshow freelist a\n"
				"alloc b 1\nsplit b 0 x y\nfree_pages y 0\nfree_pages x 0\nshow pcp\n");
	unsigned long a, b;
	char want[256];

	cr_assert_eq(r->status, 0, "%s", r->err);
	cr_assert_eq(r->err[0], '\0', "no report, no refusal: %s", r->err);
	cr_assert_eq(sscanf(r->out, "a pfn=%lx", &a), 1);
	/* the second half, freed alone, waits for its buddy; then they merge, and on */
	snprintf(want, sizeof(want), "\nzone=DMA32 order=1 type=Movable pfn=%#lx\n"
		 "zone=DMA32 order=", a + 2);
	cr_assert(strstr(r->out, want), "want\n%s in\n%s", want, r->out);
	cr_assert_geq(atoi(strstr(r->out, want) + strlen(want)), 2, "%s", r->out);
	snprintf(want, sizeof(want), " type=Movable pfn=%#lx\nb pfn=", a);
	cr_assert(strstr(r->out, want), "want\n%s in\n%s", want, r->out);
	/* order-0 pieces go to the per-CPU list, the last freed at its head */
	cr_assert_eq(sscanf(strstr(r->out, "b pfn="), "b pfn=%lx", &b), 1);
	snprintf(want, sizeof(want), "movable=[%#lx %#lx", b, b + 1);
	cr_assert(strstr(r->out, want), "want %s in\n%s", want, r->out);
}

Test(pagesim, set_provokes_each_bad_page_reason)
{
	struct run *r = pagesim("--ram 128M --cpus 1",
				"alloc m 1\nset m mapping 0x1000\nfree_pages m 1\n"
				"alloc a 1\nsplit a 0 a0 a1\nset a1 refcount 0\n"
				"set a1 mapping 0xffff888001000001\nfree_pages a0 1\n"
				"alloc c 1\nset c mapcount 1\nfree_pages c 1\n"
				"alloc r 1\nsplit r 0 r0 r1\nfree_pages r0 1\n"
				"alloc f 1\nset f flag locked\nfree_pages f 1\n"
				"alloc g 1\nset g mem_cgroup 0xffff888001000000\nfree_pages g 1\n");
	const char *reasons[] = { "non-NULL mapping", "non-NULL mapping", "nonzero mapcount",
				  "nonzero _refcount", "PAGE_FLAGS_CHECK_AT_FREE flag(s) set",
				  "page still charged to cgroup" };
	const char *p = r->err;

	cr_assert_eq(r->status, 0, "%s", r->err);
	for (size_t i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++) {
		char want[128];

		snprintf(want, sizeof(want), "page dumped because: %s\n", reasons[i]);
		cr_assert_not_null(p = strstr(p, want), "report %zu should be '%s':\n%s", i + 1,
				   reasons[i], r->err);
		p++;
	}
	cr_assert(strstr(r->err, "mapcount:1 "), "set mapcount sets what page_mapcount reads");
	cr_assert(strstr(r->err, "\nanon flags: "), "the low bit makes the mapping anonymous");
	cr_assert(strstr(r->err, "\npage->mem_cgroup:ffff888001000000\n"), "%s", r->err);
}

/* --- the printed configuration ---------------------------------------------------------- */

Test(printed_config, flags_word_in_debian_layout)
{
	const char *script = "alloc a 1\nset a flag locked\nfree_pages a 1\n";
	struct run *r = pagesim("--ram 128M", script);

	cr_assert(strstr(r->err, "\nflags: 0x1fffc0000000001(locked)\n"), "%s", r->err);
	cr_assert(strstr(r->err, "\nraw: 01fffc0000000001 "), "%s", r->err);
	r = pagesim("--ram 128M --kconfig debian", script);
	cr_assert(strstr(r->err, "\nflags: 0xfffffc0000001(locked)\n"), "%s", r->err);
	cr_assert(strstr(r->err, "\nraw: 000fffffc0000001 "), "%s", r->err);
}

Test(printed_config, debian_prints_debian_formats)
{
	struct run *r = pagesim("--ram 128M --kconfig debian",
				"show zoneinfo\nshow pagetypeinfo\nalloc a 0\nfree_pages a 0\n"
				"trace on\npageblock a isolate\ndrain\n");

	cr_assert_eq(r->status, 0, "%s", r->err);
	cr_assert(strstr(r->out, "\nNode 0, zone   Device\n  pages free     0\n        spanned  0\n"
			 "        present  0\n        managed  0\n        protection: (0, 0, 0, 0, 0)\n"),
		  "%s", r->out);
	cr_assert(matches(r->out, "^        protection: \\(0, [0-9]+, [0-9]+, [0-9]+, [0-9]+\\)$"));
	cr_assert(strstr(r->out, "\nNumber of blocks type     Unmovable      Movable  Reclaimable"
			 "   HighAtomic      Isolate \n"), "%s", r->out);
	cr_assert_not(strstr(r->out, "CMA "), "no CMA type in Debian's kernel");
	/* the pages drained from an isolated pageblock: MIGRATE_ISOLATE is 4 */
	cr_assert(matches(r->out, "mm_page_pcpu_drain: .* migratetype=4$"), "%s", r->out);
	r = pagesim("--ram 128M", "alloc a 0\nfree_pages a 0\ntrace on\npageblock a isolate\n"
		    "drain\n");
	cr_assert(matches(r->out, "mm_page_pcpu_drain: .* migratetype=5$"), "%s", r->out);
	cr_assert_not(strstr(r->out, "zone   Device"));
}

Test(printed_config, debian_has_no_cma_type)
{
	struct run *r = pagesim("--ram 128M --kconfig debian", "alloc a 9\npageblock a cma\n");

	cr_assert_eq(r->status, 2);
	cr_assert(strstr(r->err, "s.sim:2: error: the debian configuration has no CMA"), "%s", r->err);
	r = pagesim("--kconfig suse", "");
	cr_assert_eq(r->status, 2);
	cr_assert(strstr(r->err, "--kconfig suse: book or debian"), "%s", r->err);
}

Test(pagesim, show_freelist_order_and_format)
{
	struct run *r = pagesim("--ram 64M", "show freelist\n");
	char *line, *save;
	char last[128] = "";

	cr_assert_eq(r->status, 0);
	for (line = strtok_r(r->out, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		cr_assert(matches(line, "^zone=(DMA|DMA32) order=([0-9]|10) type=(Unmovable|Movable|"
				  "Reclaimable|HighAtomic|CMA|Isolate) pfn=0x[0-9a-f]+$"), "%s", line);
		/* zone, then order, ascending */
		if (last[0] && strncmp(last, "zone=DMA ", 9) == 0 && strncmp(line, "zone=DMA ", 9) == 0)
			cr_assert_geq(atoi(strstr(line, "order=") + 6), atoi(strstr(last, "order=") + 6));
		strncpy(last, line, sizeof(last) - 1);
	}
}

Test(pagesim, trace_prints_the_5_10_events)
{
	struct run *r = pagesim("--ram 128M", "alloc a 1\ntrace on\nfree_pages a 1\ntrace off\n"
				"alloc b 0\nfree_pages b 0\n");

	cr_assert_eq(r->status, 0);
	cr_assert(matches(r->out, "^ +pagesim-1 +\\[000\\] mm_page_free: page=ffffea[0-9a-f]{10} "
			  "pfn=[0-9]+ order=1$"), "%s", r->out);
	cr_assert_eq(strstr(strstr(r->out, "order=1\n") + 1, "mm_page_free"), NULL, "off again");
}

Test(pagesim, trace_option_starts_with_tracing_on)
{
	struct run *r = pagesim("--ram 128M --trace", "alloc a 0\nfree_pages a 0\ndrain\n");

	cr_assert(matches(r->out, "mm_page_free: .* order=0$"), "%s", r->out);
	cr_assert(matches(r->out, "mm_page_pcpu_drain: .* order=0 migratetype=1$"), "%s", r->out);
}

Test(pagesim, translate_shows_each_step)
{
	struct run *r = pagesim("--ram 8G", "translate 0xffff888001234000\ntranslate 0xffffffff81000000\n");

	cr_assert_eq(r->status, 0, "%s", r->err);
	cr_assert(strstr(r->out, "  x <= y: direct map, __pa = y + (__START_KERNEL_map - PAGE_OFFSET)"
			 " = 0x1234000\n  pfn = __pa >> PAGE_SHIFT = 0x1234\n"
			 "  struct page = vmemmap + pfn = 0xffffea0000048d00\n"), "%s", r->out);
	cr_assert(strstr(r->out, "  x > y: kernel image, __pa = y + phys_base (0x0) = 0x1000000\n"));
	cr_assert(strstr(r->out, "  y = x - __START_KERNEL_map = 0x0000000001000000\n"), "%s", r->out);
}

Test(pagesim, bad_pages_go_to_stderr_and_the_script_goes_on)
{
	struct run *r = pagesim("--ram 128M", "alloc a 0\nfree_pages a 0\nfree_pages a 0\ndrain\nshow buddyinfo\n");

	cr_assert_eq(r->status, 0);
	cr_assert(strstr(r->err, "BUG: Bad page state in process pagesim  pfn:"), "%s", r->err);
	cr_assert(strstr(r->out, "Node 0, zone    DMA32"), "the script went on");
}

/* issue 11's reproducer: b is the second page of the "order-1 block" at a */
Test(pagesim, report_on_an_allocated_page_prints_index_0)
{
	struct run *r = pagesim("", "alloc a 0\nalloc b 0\nfree_pages a 1\n");

	cr_assert_eq(r->status, 0);
	cr_assert(strstr(r->err, "page:ffffea0000fbfe40 refcount:1 mapcount:0 "
			 "mapping:0000000000000000 index:0x0 pfn:0x3eff9\n"),
		  "prep_new_page cleared b's index:\n%s", r->err);
}

Test(pagesim, reads_standard_input)
{
	struct run *r = pagesim("", NULL);

	cr_assert_eq(r->status, 0);
	r = pagesim("-", NULL);
	cr_assert_eq(r->status, 0);
}

Test(pagesim, script_options_line)
{
	const char *script = "# a comment first\n#: --ram 128M\n\n#: --cpus 1 --trace\n"
			     "alloc a 0\nfree_pages a 0\nshow pcp\n#: --cpus 4\n";
	struct run *r = pagesim("", script);

	cr_assert_eq(r->status, 0, "%s", r->err);
	cr_assert(strstr(r->out, "mm_page_free: "), "--trace from the script:\n%s", r->out);
	cr_assert(strstr(r->out, "cpu=0 zone=DMA32 count=3 high=18 batch=3"), "128M: %s", r->out);
	cr_assert_null(strstr(r->out, "cpu=1"), "one CPU; a #: line after a command is a comment");
	/* the command line comes after the script's options, and wins */
	r = pagesim("--cpus 2 --ram 1G", script);
	cr_assert_eq(r->status, 0, "%s", r->err);
	cr_assert(strstr(r->out, "cpu=1 zone=DMA32 count=0 high=378 batch=63"), "%s", r->out);
	/* standard input has no #: lines to read: they are comments */
	r = pagesim("", NULL);
	cr_assert_eq(r->status, 0);
}

Test(pagesim, help_documents_the_interface)
{
	struct run *r = pagesim("--help", "");
	const char *words[] = { "--ram SIZE", "--cpus N", "--kconfig NAME", "--trace",
				"alloc NAME ORDER", "free_pages ADDR", "__free_pages ADDR",
				"get_page ADDR", "put_page ADDR", "split NAME ORDER [NAME...]",
				"set ADDR FIELD VALUE", "cpu N", "drain", "pageblock ADDR TYPE",
				"show buddyinfo|pagetypeinfo|zoneinfo|freelist [NAME...]|pcp",
				"show pageblocks NAME...", "show pcp counts", "trace on|off",
				"translate ADDR" };

	cr_assert_eq(r->status, 0);
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		cr_assert(strstr(r->out, words[i]), "--help lacks '%s'", words[i]);
}

/* --- errors: SCRIPT:LINE: error: ..., exit 2, nothing run past the line -------------- */

static void bad(const char *line, const char *message)
{
	char script[512];
	struct run *r;

	snprintf(script, sizeof(script), "# a comment\n\nalloc ok 0\n%s\nshow buddyinfo\n", line);
	r = pagesim("--ram 128M", script);
	cr_assert_eq(r->status, 2, "'%s' must be an error", line);
	cr_assert(strstr(r->err, "s.sim:4: error: "), "'%s': %s", line, r->err);
	cr_assert(strstr(r->err, message), "'%s': expected '%s' in %s", line, message, r->err);
	cr_assert(strstr(r->out, "ok pfn="), "the lines before it ran");
	cr_assert_not(strstr(r->out, "Node 0"), "nothing past it ran");
}

Test(pagesim_error, unknown_command) { bad("frobnicate 3", "unknown command 'frobnicate'"); }
Test(pagesim_error, malformed_number) { bad("free_pages ok 0x1g", "'0x1g' is not a number"); }
Test(pagesim_error, negative_number) { bad("alloc x -1", "'-1' is not a number"); }
Test(pagesim_error, number_too_large) { bad("cpu 99999999999999999999", "does not fit in 64 bits"); }
Test(pagesim_error, unknown_name) { bad("free_pages nosuch 0", "unknown name 'nosuch'"); }
Test(pagesim_error, order_11) { bad("alloc x 11", "order 11 is not below MAX_ORDER"); }
Test(pagesim_error, address_below_the_direct_map) { bad("free_pages 0x1000 0", "outside the direct map"); }
Test(pagesim_error, address_past_the_ram) { bad("free_pages 0xffff888100000000 0", "past the end of RAM"); }
Test(pagesim_error, address_past_the_kernel_image) { bad("translate 0xffffffffc0000000", "past the kernel image"); }
Test(pagesim_error, kernel_address_past_the_image) { bad("free_pages 0xffffffffffffffff 0", "address 0xffffffffffffffff is outside the direct map"); }
Test(pagesim_error, kernel_image_address_outside_translate) { bad("free_pages 0xffffffff81000000 0", "in the kernel image, not the direct map"); }
Test(pagesim_error, address_in_the_vmemmap) { bad("get_page 0xffffea0000000000", "outside the direct map"); }
Test(pagesim_error, unknown_cpu) { bad("cpu 2", "no CPU 2"); }
Test(pagesim_error, unknown_alloc_type) { bad("alloc x 0 sticky", "unknown type 'sticky'"); }
Test(pagesim_error, unknown_pageblock_type) { bad("pageblock ok cheese", "unknown pageblock type"); }
Test(pagesim_error, nothing_to_show) { bad("show everything", "nothing called 'everything'"); }
Test(pagesim_error, wrong_number_of_words) { bad("drain now", "usage: drain"); }
Test(pagesim_error, not_a_name) { bad("alloc 9lives 0", "'9lives' is not a name"); }
Test(pagesim_error, trace_neither_on_nor_off) { bad("trace maybe", "trace on or trace off"); }
Test(pagesim_error, split_needs_a_smaller_order) { bad("split ok 0", "nothing to split at order 0"); }
Test(pagesim_error, split_with_the_wrong_number_of_names)
{
	struct run *r = pagesim("--ram 128M", "alloc b 2\nsplit b 1 x\nshow buddyinfo\n");

	cr_assert_eq(r->status, 2);
	cr_assert(strstr(r->err, "s.sim:2: error: splitting 'b' makes 2 blocks, and 1 names are "
			  "given"), "%s", r->err);
	cr_assert_not(strstr(r->out, "Node 0"), "nothing past it ran");
}
Test(pagesim_error, set_unknown_field) { bad("set ok colour 1", "usage: set ADDR"); }
Test(pagesim_error, set_unknown_flag) { bad("set ok flag sticky", "no flag called 'sticky'"); }
Test(pagesim_error, set_a_free_page)
{
	struct run *r = pagesim("--ram 128M --cpus 1 --check",
				"alloc a 0\nfree_pages a 0\ndrain\nset a mapcount 1\nshow buddyinfo\n");

	cr_assert_eq(r->status, 2, "%s", r->err);
	cr_assert(strstr(r->err, "s.sim:4: error: pfn "), "%s", r->err);
	cr_assert(strstr(r->err, " is not allocated: split and set change only allocated pages"));
}
Test(pagesim_error, split_a_freed_block)
{
	struct run *r = pagesim("--ram 128M --cpus 1 --check",
				"alloc a 2\nsplit a 1\nfree_pages a_1 1\nsplit a 0\n");

	cr_assert_eq(r->status, 2, "%s", r->err);
	cr_assert(strstr(r->err, "s.sim:4: error: pfn "), "%s", r->err);
	cr_assert(strstr(r->err, " is not allocated"), "%s", r->err);
}

Test(pagesim_error, bad_script_options)
{
	struct run *r = pagesim("", "#: --ram lots\nshow pcp\n");

	cr_assert_eq(r->status, 2);
	cr_assert(strstr(r->err, "s.sim:1: error: --ram lots: not a size"), "%s", r->err);
	cr_assert_str_empty(r->out, "nothing runs");
	r = pagesim("", "\n#: --cpus 1 other.sim\nshow pcp\n");
	cr_assert_eq(r->status, 2);
	cr_assert(strstr(r->err, "s.sim:2: error: a #: line holds options, not a script"), "%s", r->err);
	r = pagesim("", "#: --ram 32M\n");
	cr_assert_eq(r->status, 2);
	cr_assert(strstr(r->err, "RAM size 32M is too small"), "%s", r->err);
	r = pagesim("", "#: --frobnicate\n");
	cr_assert_eq(r->status, 2);
	cr_assert(strstr(r->err, "s.sim:1: error: unknown option '--frobnicate'"), "%s", r->err);
	r = pagesim("", "#: --cpus\n");
	cr_assert_eq(r->status, 2);
	cr_assert(strstr(r->err, "s.sim:1: error: --cpus needs a value"), "%s", r->err);
	r = pagesim("", "#: --check=yes\n");
	cr_assert_eq(r->status, 2);
	cr_assert(strstr(r->err, "s.sim:1: error: --check=yes takes no value"), "%s", r->err);
}

Test(pagesim_error, ram_too_small)
{
	struct run *r = pagesim("--ram 32M", "");

	cr_assert_eq(r->status, 2);
	cr_assert(strstr(r->err, "pagesim: error: RAM size 32M is too small: the machine needs "
			 "at least 64M"), "%s", r->err);
}

Test(pagesim_error, ram_too_large)
{
	struct run *r = pagesim("--ram 65G", "");

	cr_assert_eq(r->status, 2);
	cr_assert(strstr(r->err, "is too large"), "%s", r->err);
}

Test(pagesim_error, ram_not_a_size)
{
	struct run *r = pagesim("--ram lots", "");

	cr_assert_eq(r->status, 2);
	cr_assert(strstr(r->err, "--ram lots: not a size"), "%s", r->err);
	r = pagesim("--ram 99999999999999999999G", "");
	cr_assert_eq(r->status, 2, "%s", r->err);
	r = pagesim("--ram 99999999999999999999", "");
	cr_assert(strstr(r->err, "--ram 99999999999999999999: too large: the model simulates "
			 "at most 64G"), "not echoed as 2^64 - 1: %s", r->err);
	r = pagesim("--ram 17179869184G", "");	/* 2^64 bytes */
	cr_assert(strstr(r->err, "--ram 17179869184G: too large"), "%s", r->err);
	r = pagesim("--ram 0", "");
	cr_assert_eq(r->status, 2);
	cr_assert(strstr(r->err, "RAM size 0 bytes is too small"), "%s", r->err);
}

Test(pagesim_error, bad_cpus)
{
	struct run *r;

	cr_assert_eq(pagesim("--cpus 0", "")->status, 2);
	cr_assert_eq(pagesim("--cpus 65", "")->status, 2);
	cr_assert_eq(pagesim("--cpus two", "")->status, 2);
	r = pagesim("--cpus 4294967298", "show pcp counts\n");	/* 2 in 32 bits */
	cr_assert_eq(r->status, 2, "%s", r->out);
	cr_assert(strstr(r->err, "--cpus 4294967298: the model simulates 1 to 64 CPUs"), "%s", r->err);
	r = pagesim("--cpus 99999999999999999999", "");
	cr_assert_eq(r->status, 2);
	cr_assert(strstr(r->err, "--cpus 99999999999999999999: the model simulates 1 to 64 CPUs"),
		  "%s", r->err);
	r = pagesim("--cpus -1", "");
	cr_assert(strstr(r->err, "--cpus -1: not a number"), "%s", r->err);
}

Test(pagesim_error, missing_script)
{
	struct run *r = pagesim("/no/such/script.sim", NULL);

	cr_assert_eq(r->status, 2);
	cr_assert(strstr(r->err, "cannot open /no/such/script.sim: No such file or directory"),
		  "%s", r->err);
}

Test(pagesim, show_pcp_lists_head_to_tail)
{
	struct run *r = pagesim("--ram 128M --cpus 1 --check",
		"alloc a 0\nalloc b 0\nfree_pages a 0\nfree_pages b 0\nshow pcp\n");
	unsigned long a, b;
	char expect[64];

	cr_assert_eq(r->status, 0, "%s", r->err);
	cr_assert_eq(sscanf(strstr(r->out, "a pfn="), "a pfn=%lx", &a), 1);
	cr_assert_eq(sscanf(strstr(r->out, "b pfn="), "b pfn=%lx", &b), 1);
	snprintf(expect, sizeof(expect), "movable=[%#lx %#lx ", b, a);
	cr_assert(strstr(r->out, expect), "b, freed last, at the head, then a:\n%s", r->out);
}

/* --check stops at the first broken invariant, with status 3 */
Test(pagesim, check_stops_at_the_first_broken_invariant, .fini = machine_off)
{
	const char script[] = "show buddyinfo\nalloc x 0\n";
	struct pagesim_options opt = { .check = true, .errors = NULL };
	struct sim_census before, after;
	FILE *in = fmemopen((void *)script, sizeof(script) - 1, "r");
	int status;

	boot(64 * MiB, 1);
	sim_census(&before);
	__mod_zone_page_state(zone_of(0x1000), NR_FREE_PAGES, 1);	/* break one */
	cr_assert_not_null(freopen("/dev/null", "w", stdout));
	cr_assert_not_null(freopen("/dev/null", "w", stderr));
	status = pagesim_run(in, "s.sim", &opt);
	fclose(in);
	sim_census(&after);
	cr_assert_eq(status, 3);
	cr_assert_eq(after.allocated, before.allocated, "the line after it never ran");
}

/* SIZE: a decimal number and K, M or G, each a power of 1024 */
Test(pagesim, ram_sizes_take_k_m_g)
{
	static char m64[1 << 16], g1[1 << 16];
	struct run *r = pagesim("--ram 64M", "show zoneinfo\n");

	cr_assert_eq(r->status, 0, "%s", r->err);
	cr_assert(strstr(r->out, "spanned  12288"), "64M: DMA32 spans 12288 pages:\n%s", r->out);
	strcpy(m64, r->out);
	r = pagesim("--ram 65536K", "show zoneinfo\n");
	cr_assert_str_eq(r->out, m64, "65536K is 64M");
	r = pagesim("--ram 67108864", "show zoneinfo\n");
	cr_assert_str_eq(r->out, m64, "67108864 bytes are 64M");
	r = pagesim("--ram 1G", "show buddyinfo\n");
	cr_assert_eq(r->status, 0, "%s", r->err);
	strcpy(g1, r->out);
	r = pagesim("--ram 1024M", "show buddyinfo\n");
	cr_assert_str_eq(r->out, g1, "1024M is 1G");
	r = pagesim("--ram 64m", "");
	cr_assert_eq(r->status, 2, "lower case is not a suffix");
	r = pagesim("--ram 64MB", "");
	cr_assert_eq(r->status, 2, "nothing after the suffix");
}

/* --- reliability: no crash, no hang, no silent error (issue 17) --------------------- */

/* run a shell command line; "PAGESIM" in it stands for build/pagesim */
static struct run *shell(const char *line)
{
	static struct run r;
	char dir[] = "/tmp/pagesim-test-XXXXXX", cmd[4096], out[256], err[256];
	const char *at = strstr(line, "PAGESIM");

	cr_assert_not_null(at);
	cr_assert_not_null(mkdtemp(dir));
	snprintf(out, sizeof(out), "%s/out", dir);
	snprintf(err, sizeof(err), "%s/err", dir);
	snprintf(cmd, sizeof(cmd), "{ %.*s%s%s; } >%s 2>%s", (int)(at - line), line, PAGESIM,
		 at + strlen("PAGESIM"), out, err);
	r.status = WEXITSTATUS(system(cmd));
	slurp(out, r.out, sizeof(r.out));
	slurp(err, r.err, sizeof(r.err));
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	cr_assert_eq(system(cmd), 0);
	return &r;
}

Test(pagesim_error, free_past_the_memmap)
{
	/* the last page of 1 GiB: the memmap ends with it */
	struct run *r = pagesim("", "free_pages 0xffff88803ffff000 1\n");

	cr_assert_eq(r->status, 2, "not a crash: %d", r->status);
	cr_assert(strstr(r->err, "s.sim:1: error: the order-1 block at pfn 0x3ffff runs past the "
			 "last struct page (pfn 0x3ffff): 5.10 would fault reading it"), "%s", r->err);
	r = pagesim("--ram 128M", "__free_pages 0xffff888007ffc000 3\n");
	cr_assert_eq(r->status, 2);
	cr_assert(strstr(r->err, "runs past the last struct page (pfn 0x7fff)"), "%s", r->err);
	/* within the memmap, its last pages are reserved: reported, not refused */
	r = pagesim("--ram 100M", "free_pages 0xffff8880063fe000 1\n");
	cr_assert_eq(r->status, 0, "%s", r->err);
}

/* the livelock of issue 17: a wrong-order free, then a steal that never ends */
static const char livelock[] =
	"alloc n4 0 reclaimable\nalloc n11 2 movable\nalloc n18 3 reclaimable\n"
	"alloc n6 9 unmovable\nalloc n21 3 unmovable\npageblock n11 unmovable\n"
	"alloc n9 2 movable\nalloc n32 9 movable\npageblock n9 unmovable\n"
	"__free_pages n4 10\nalloc n20 9 movable\nfree_pages n18 0\nalloc n23 1 movable\n"
	"show buddyinfo\n";

Test(pagesim, livelock_is_a_soft_lockup, .timeout = 60)
{
	struct run *r = pagesim("--ram 64M --cpus 1", livelock);

	cr_assert_eq(r->status, 4, "%s", r->err);
	cr_assert(strstr(r->err, "watchdog: BUG: soft lockup - CPU#0 stuck for 22s! [pagesim:1]\n"),
		  "%s", r->err);
	cr_assert(strstr(r->err, "s.sim:13: error: this command never ends on 5.10 (soft lockup): "
			 "stopped"), "%s", r->err);
	cr_assert_not(strstr(r->out, "n23"), "a stuck alloc does not return:\n%s", r->out);
	cr_assert_not(strstr(r->out, "Node 0"), "nothing after it runs");
	/* --check says first that the state can spin, and the invariants hold */
	r = pagesim("--ram 64M --cpus 1 --check", livelock);
	cr_assert_eq(r->status, 4, "%s", r->err);
	cr_assert(strstr(r->err, "s.sim:10: warning: 9 free blocks without PageBuddy, the first at "
			 "pfn 0x3001"), "%s", r->err);
	cr_assert(strstr(r->err, "warning") < strstr(r->err, "soft lockup"));
}

Test(pagesim, script_from_a_pipe_loses_no_line)
{
	struct run *r = shell("printf 'alloc a 0\\nalloc b 0\\n' | PAGESIM /dev/stdin");

	cr_assert_eq(r->status, 0, "%s", r->err);
	cr_assert(matches(r->out, "^a pfn="), "the first command runs:\n%s", r->out);
	cr_assert(matches(r->out, "^b pfn="), "%s", r->out);
	r = shell("printf '# c\\n\\nbogus\\n' | PAGESIM /dev/stdin");
	cr_assert_eq(r->status, 2);
	cr_assert(strstr(r->err, "/dev/stdin:3: error: unknown command 'bogus'"), "%s", r->err);
	r = shell("printf '#: --ram 64M\\nalloc a 0\\n\\nbogus\\n' | PAGESIM /dev/stdin");
	cr_assert(strstr(r->out, "a pfn=0x3"), "64M, from the #: line: %s", r->out);
	cr_assert(strstr(r->err, "/dev/stdin:4: error: unknown command 'bogus'"), "%s", r->err);
}

Test(pagesim, long_comment_lines_before_options)
{
	char script[4096];
	struct run *r;

	memset(script, 'x', 2000);
	script[0] = '#';
	strcpy(script + 2000, "\n#: --ram banana\n");
	r = pagesim("", script);
	cr_assert_eq(r->status, 2, "not ignored: %s", r->err);
	cr_assert(strstr(r->err, "s.sim:2: error: --ram banana: not a size"), "%s", r->err);
	/* a long #: line is read whole */
	strcpy(script, "#:");
	memset(script + 2, ' ', 1500);
	strcpy(script + 1502, "--ram 64M\nshow zoneinfo\n");
	r = pagesim("", script);
	cr_assert_eq(r->status, 0, "%s", r->err);
	cr_assert(strstr(r->out, "spanned  12288"), "64M: %s", r->out);
}

Test(pagesim_error, script_is_a_directory)
{
	struct run *r = pagesim("/tmp", NULL);

	cr_assert_eq(r->status, 2);
	cr_assert(strstr(r->err, "pagesim: error: cannot read /tmp: Is a directory"), "%s", r->err);
	r = shell("PAGESIM <&-");
	cr_assert_eq(r->status, 2, "a closed standard input");
	cr_assert(strstr(r->err, "<stdin>: error: cannot read the script: Bad file descriptor"),
		  "%s", r->err);
}

Test(pagesim_error, output_cannot_be_written)
{
	struct run *r = shell("echo 'show zoneinfo' | PAGESIM 2>&1 >/dev/full");

	cr_assert_eq(r->status, 2);
	cr_assert(strstr(r->out, "pagesim: error: cannot write the output: No space left on device"),
		  "%s", r->out);
}

Test(pagesim_error, nul_byte)
{
	struct run *r = shell("printf 'alloc a 0\\0 junk\\n' | PAGESIM");

	cr_assert_eq(r->status, 2);
	cr_assert(strstr(r->err, "<stdin>:1: error: a NUL byte in the line: a script is text"),
		  "%s", r->err);
	cr_assert_str_empty(r->out, "nothing of the line runs");
	r = shell("printf 'alloc a 0\\n\\0alloc b 0\\n' | PAGESIM");
	cr_assert_eq(r->status, 2);
	cr_assert(strstr(r->err, "<stdin>:2: error: a NUL byte"), "%s", r->err);
	r = shell("printf 'alloc a 0 # in a comment \\0\\n' | PAGESIM");
	cr_assert(strstr(r->err, "<stdin>:1: error: a NUL byte"), "in a comment: %s", r->err);
	cr_assert_str_empty(r->out);
	r = shell("printf 'a b c d e f g h i \\0\\n' | PAGESIM");
	cr_assert(strstr(r->err, "<stdin>:1: error: a NUL byte"), "before too many words: %s", r->err);
}

/* the name table grows from 64 slots to 2048, and every name still finds its own block */
Test(pagesim, every_name_survives_the_table_growing)
{
	static char script[1 << 15];
	struct run *r;
	size_t n = 0;
	int lines = 0;

	for (int i = 0; i < 1000; i++)
		n += snprintf(script + n, sizeof(script) - n, "alloc n%d 0\n", i);
	for (int i = 999; i >= 0; i--)
		n += snprintf(script + n, sizeof(script) - n, "free_pages n%d 0\n", i);
	r = pagesim("--ram 128M --check", script);
	cr_assert_eq(r->status, 0, "%s", r->err);
	cr_assert_str_empty(r->err, "no name lost, none freed twice");
	for (const char *p = r->out; (p = strchr(p, '\n')); p++)
		lines++;
	cr_assert_eq(lines, 1000);
}

Test(pagesim, free_pages_of_0_in_any_spelling)
{
	struct run *r = pagesim("--check", "free_pages 0 0\nfree_pages 00 1\nfree_pages 0x0 3\n");

	cr_assert_eq(r->status, 0, "ADDR may be 0: %s", r->err);
	cr_assert_str_empty(r->err);
}

Test(pagesim, refusal_names_a_reserved_page)
{
	struct run *r = pagesim("", "put_page 0xffff888001000000\n");	/* the kernel image */

	cr_assert_eq(r->status, 0, "%s", r->err);
	cr_assert(strstr(r->err, "a page of it is reserved, never given to the allocator"), "%s", r->err);
	cr_assert_not(strstr(r->err, "already free?"), "%s", r->err);
}

/* pageblock passes the pageblock's first page, as the kernel's callers do */
Test(pagesim, pageblock_of_an_unaligned_address)
{
	struct run *r = pagesim("--ram 64M --check", "alloc n2 9\npageblock n2 isolate\n"
				"free_pages n2 9\npageblock 0xffff8880031a1000 movable\n"
				"show pageblocks n2\n");

	cr_assert_eq(r->status, 0, "%s", r->err);
	cr_assert(strstr(r->out, "pageblock pfn=0x3000 type=Movable"), "%s", r->out);
}

Test(pagesim, isolating_two_free_neighbours_is_not_a_missed_merge)
{
	struct run *r = pagesim("--ram 64M --check", "alloc a 9\npageblock a isolate\n"
				"free_pages a 9\npageblock 0xffff888003200000 isolate\n"
				"show pagetypeinfo\n");

	cr_assert_eq(r->status, 0, "%s", r->err);
	cr_assert(matches(r->out, "^Node    0, zone    DMA32, type      Isolate      0      0      0      0"
			  "      0      0      0      0      0      2      0 $"), "two order-9 blocks:\n%s", r->out);
}

/* the clock runs a tick per command; after a minute the reports resume */
Test(pagesim, bad_page_reports_resume_after_a_minute, .timeout = 60)
{
	static char script[1 << 14];
	struct run *r;

	strcpy(script, "");
	for (int i = 0; i < 62; i++)
		sprintf(script + strlen(script), "alloc b%d 1\nset b%d flag locked\nfree_pages b%d 1\n",
			i, i, i);
	strcat(script, "sleep 60\nalloc c 1\nset c flag locked\nfree_pages c 1\n");
	r = pagesim("--cpus 1", script);
	cr_assert_eq(r->status, 0, "%s", r->err);
	cr_assert(strstr(r->err, "BUG: Bad page state: 2 messages suppressed\n"), "%s", r->err);
	/* without the sleep, 3 x 63 ticks are less than a minute: still quiet */
	*strstr(script, "sleep 60") = '#';
	r = pagesim("--cpus 1", script);
	cr_assert_not(strstr(r->err, "messages suppressed"));
	/* a tick per command: 59 s of sleep and 300 commands (1.2 s) make the minute */
	strcpy(strstr(script, "#leep 60"), "sleep 59\n");
	for (int i = 0; i < 300; i++)
		strcat(script, "drain\n");
	strcat(script, "alloc d 1\nset d flag locked\nfree_pages d 1\n");
	r = pagesim("--cpus 1", script);
	cr_assert(strstr(r->err, "BUG: Bad page state: 2 messages suppressed\n"), "%s", r->err);
	cr_assert(strstr(pagesim("", "sleep 99999999999\n")->err, "more than a century"));
}
