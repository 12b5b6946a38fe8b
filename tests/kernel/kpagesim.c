// SPDX-License-Identifier: GPL-2.0
/*
 * kpagesim: run a pagesim script on the running kernel.
 *
 * Not model code and not kernel code: a test module of this book.  It reads
 * a script in a subset of pagesim's language (chapter 11) from
 * /proc/kpagesim, runs it against the real page allocator, and prints what
 * pagesim prints for the same script, so that tests/kernel/compare can diff
 * the two.  Written for Debian's 5.10 kernel booted under QEMU for that
 * purpose only: it pokes at struct page and stops every CPU while it runs.
 *
 * The commands run inside stop_machine(), with every CPU's interrupts off,
 * so that nothing else allocates or frees pages while a scenario runs.
 * "cpu N" hands the script to CPU N, which is spinning in the same
 * stop_machine() call; "drain" lets each CPU in turn drain its own lists.
 * Two commands need to sleep and run between stop_machine() calls, in
 * process context: isolating a pageblock (start_isolate_page_range drains
 * every CPU's lists with work items) and the three /proc views, which are
 * the kernel's own files read back.  A scenario that must see no foreign
 * activity uses neither in the middle.
 *
 * Kernel messages printed while a scenario runs (bad-page reports) are
 * caught by a console of our own, in order with the output.
 */
#include <linux/console.h>
#include <linux/ctype.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/kprobes.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/module.h>
#include <linux/page-flags.h>
#include <linux/page_ref.h>
#include <linux/proc_fs.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/stop_machine.h>
#include <linux/string.h>
#include <linux/tracepoint.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>

MODULE_LICENSE("GPL v2");
MODULE_DESCRIPTION("Run a pagesim script on the running kernel");

#define SCRIPT_MAX	(1 << 20)
#define OUT_MAX		(16 << 20)
#define MAX_WORDS	8
#define NAME_LEN	32
#define NAMES		8192		/* a power of two */

/* --- the kernel functions that are not exported, found by name ----------- */

static void (*k_drain_local_pages)(struct zone *zone);
static int (*k_start_isolate_page_range)(unsigned long start_pfn, unsigned long end_pfn,
					 unsigned int migratetype, int flags);
static void (*k_undo_isolate_page_range)(unsigned long start_pfn, unsigned long end_pfn,
					 unsigned int migratetype);
static void (*k_set_pageblock_migratetype)(struct page *page, int migratetype);
static int (*k_move_freepages_block)(struct zone *zone, struct page *page,
				     int migratetype, int *num_movable);
static unsigned long (*k_get_pfnblock_flags_mask)(struct page *page, unsigned long pfn,
						  unsigned long mask);

/* kallsyms_lookup_name is not exported either; a kprobe on it gives its address */
static unsigned long lookup(const char *name)
{
	static unsigned long (*kallsyms_lookup_name_fn)(const char *name);

	if (!kallsyms_lookup_name_fn) {
		struct kprobe kp = { .symbol_name = "kallsyms_lookup_name" };

		if (register_kprobe(&kp) < 0)
			return 0;
		kallsyms_lookup_name_fn = (void *)kp.addr;
		unregister_kprobe(&kp);
	}
	return kallsyms_lookup_name_fn(name);
}

static int find_symbols(void)
{
	static const struct { const char *name; void **fn; } syms[] = {
		{ "drain_local_pages", (void **)&k_drain_local_pages },
		{ "start_isolate_page_range", (void **)&k_start_isolate_page_range },
		{ "undo_isolate_page_range", (void **)&k_undo_isolate_page_range },
		{ "set_pageblock_migratetype", (void **)&k_set_pageblock_migratetype },
		{ "move_freepages_block", (void **)&k_move_freepages_block },
		{ "get_pfnblock_flags_mask", (void **)&k_get_pfnblock_flags_mask },
	};
	int i;

	for (i = 0; i < ARRAY_SIZE(syms); i++) {
		*syms[i].fn = (void *)lookup(syms[i].name);
		if (!*syms[i].fn) {
			pr_err("kpagesim: no symbol %s\n", syms[i].name);
			return -ENOENT;
		}
	}
	return 0;
}

static int pageblock_type(struct page *page)
{
	return k_get_pfnblock_flags_mask(page, page_to_pfn(page), MIGRATETYPE_MASK);
}

/* --- output ----------------------------------------------------------------- */

static char *script;		/* the script written to /proc/kpagesim */
static size_t script_len;
static char *out;		/* what the script printed */
static size_t out_len;
static bool have_run;
static DEFINE_MUTEX(kps_lock);

static bool out_full;

static void put(const char *s, size_t n)
{
	static const char full[] = "kpagesim: output buffer full\n";

	if (out_full)
		return;
	if (out_len + n + sizeof(full) > OUT_MAX) {
		memcpy(out + out_len, full, sizeof(full) - 1);
		out_len += sizeof(full) - 1;
		out_full = true;
		return;
	}
	memcpy(out + out_len, s, n);
	out_len += n;
}

static __printf(1, 2) void print(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vscnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	put(buf, n);
}

/*
 * The console: while a scenario runs, every kernel message goes into the
 * output as well, without the timestamp printk puts in front of it.
 */
static bool capturing;

static void kps_console_write(struct console *con, const char *s, unsigned int n)
{
	if (!READ_ONCE(capturing))
		return;
	if (n > 0 && s[0] == '[') {
		const char *close = memchr(s, ']', n);

		if (close && close + 1 < s + n && close[1] == ' ') {
			n -= close + 2 - s;
			s = close + 2;
		}
	}
	put(s, n);
}

static struct console kps_console = {
	.name = "kpagesim",
	.write = kps_console_write,
	.flags = CON_ENABLED,
	.index = -1,
};

/* --- tracepoints: the two events of the free path, as pagesim prints them --- */

static bool tracing;

static void trace_prefix(void)
{
	print("%16s-%-7d [%03d] ", current->comm, current->pid, smp_processor_id());
}

static void probe_free(void *data, struct page *page, unsigned int order)
{
	if (!tracing)
		return;
	trace_prefix();
	print("mm_page_free: page=%016lx pfn=%lu order=%d\n",
	      (unsigned long)page, page_to_pfn(page), order);
}

static void probe_pcpu_drain(void *data, struct page *page, unsigned int order, int mt)
{
	if (!tracing)
		return;
	trace_prefix();
	print("mm_page_pcpu_drain: page=%016lx pfn=%lu order=%d migratetype=%d\n",
	      (unsigned long)page, page_to_pfn(page), order, mt);
}

static struct tracepoint *tp_free, *tp_pcpu_drain;

static void find_tracepoint(struct tracepoint *tp, void *priv)
{
	if (!strcmp(tp->name, "mm_page_free"))
		tp_free = tp;
	else if (!strcmp(tp->name, "mm_page_pcpu_drain"))
		tp_pcpu_drain = tp;
}

/* --- names bound by alloc and split ------------------------------------------ */

struct binding {
	char name[NAME_LEN];
	unsigned long pfn;
	unsigned int order;
};

static struct binding *names;

static struct binding *name_slot(const char *name, bool create)
{
	unsigned long h = 14695981039346656037UL;
	const char *p;
	unsigned long i, n;

	for (p = name; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211UL;
	for (i = h & (NAMES - 1), n = 0; n < NAMES; i = (i + 1) & (NAMES - 1), n++) {
		if (!names[i].name[0]) {
			if (!create)
				return NULL;
			strscpy(names[i].name, name, NAME_LEN);
			return &names[i];
		}
		if (!strcmp(names[i].name, name))
			return &names[i];
	}
	return NULL;
}

static bool is_name(const char *w)
{
	if (!(*w == '_' || isalpha(*w)))
		return false;
	for (; *w; w++)
		if (!(*w == '_' || isalnum(*w)))
			return false;
	return true;
}

/* --- the interpreter ------------------------------------------------------ */

struct run {
	const char *pos;		/* the next line of the script */
	unsigned long line;
	char buf[256];
	char *word[MAX_WORDS];
	int nwords;
	bool have_cmd;			/* r->word holds a command not yet run */
	bool at_end;
	bool failed;

	/* the hand-over between CPUs inside stop_machine() */
	int cpu;			/* the CPU the script runs on */
	int turn;			/* the CPU whose turn it is */
	int drain_next;			/* the CPU that drains next, or -1 */
	bool segment_over;		/* stop_machine() may return */
};

static __printf(2, 3) bool fail(struct run *r, const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vscnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	print("kpagesim:%lu: error: %s\n", r->line, buf);
	r->failed = true;
	return false;
}

/* read the next line into r->word; false at the end of the script */
static bool next_line(struct run *r)
{
	for (;;) {
		const char *end;
		size_t n;
		char *p;

		if (!*r->pos)
			return false;
		end = strchrnul(r->pos, '\n');
		n = min_t(size_t, end - r->pos, sizeof(r->buf) - 1);
		memcpy(r->buf, r->pos, n);
		r->buf[n] = '\0';
		r->pos = *end ? end + 1 : end;
		r->line++;
		p = strchr(r->buf, '#');
		if (p)
			*p = '\0';
		r->nwords = 0;
		p = r->buf;
		while (r->nwords < MAX_WORDS) {
			char *w = strsep(&p, " \t\r");

			if (!w)
				break;
			if (*w)
				r->word[r->nwords++] = w;
		}
		if (r->nwords)
			return true;
	}
}

/* decimal, or 0x and hexadecimal, as pagesim reads them */
static bool number(struct run *r, const char *w, unsigned long *v)
{
	bool hex = w[0] == '0' && (w[1] == 'x' || w[1] == 'X');

	if (kstrtoul(w, hex ? 16 : 10, v))
		return fail(r, "'%s' is not a number", w);
	return true;
}

static bool order_arg(struct run *r, const char *w, unsigned int *order)
{
	unsigned long v;

	if (!number(r, w, &v))
		return false;
	if (v >= MAX_ORDER)
		return fail(r, "order %s is not below MAX_ORDER", w);
	*order = v;
	return true;
}

/* a NAME, or a direct-map address of RAM */
static bool address(struct run *r, const char *w, unsigned long *addr)
{
	if (is_name(w)) {
		struct binding *b = name_slot(w, false);

		if (!b)
			return fail(r, "unknown name '%s'", w);
		*addr = (unsigned long)page_address(pfn_to_page(b->pfn));
		return true;
	}
	if (!number(r, w, addr))
		return false;
	if (*addr < PAGE_OFFSET || !virt_addr_valid((void *)*addr))
		return fail(r, "address %s is not in the direct map", w);
	return true;
}

static struct binding *bind(struct run *r, const char *name, unsigned long pfn,
			    unsigned int order)
{
	struct binding *b = name_slot(name, true);

	if (!b) {
		fail(r, "too many names");
		return NULL;
	}
	b->pfn = pfn;
	b->order = order;
	return b;
}

static bool cmd_alloc(struct run *r)
{
	static const struct { const char *name; gfp_t gfp; } types[] = {
		{ "unmovable", GFP_KERNEL },
		{ "movable", GFP_HIGHUSER_MOVABLE },
		{ "reclaimable", GFP_KERNEL | __GFP_RECLAIMABLE },
	};
	gfp_t gfp = GFP_HIGHUSER_MOVABLE;
	unsigned int order;
	struct page *page;
	int i;

	if (r->nwords < 3 || r->nwords > 4 || !is_name(r->word[1]))
		return fail(r, "usage: alloc NAME ORDER [unmovable|movable|reclaimable]");
	if (!order_arg(r, r->word[2], &order))
		return false;
	if (r->nwords == 4) {
		for (i = 0; i < ARRAY_SIZE(types); i++)
			if (!strcmp(r->word[3], types[i].name))
				break;
		if (i == ARRAY_SIZE(types))
			return fail(r, "unknown type '%s'", r->word[3]);
		gfp = types[i].gfp;
	}
	/* every CPU is stopped with interrupts off: no sleeping, no reclaim */
	page = alloc_pages((gfp & ~__GFP_DIRECT_RECLAIM) | __GFP_NOWARN, order);
	if (!page) {
		print("%s failed\n", r->word[1]);
		return true;
	}
	if (!bind(r, r->word[1], page_to_pfn(page), order))
		return false;
	print("%s pfn=%#lx order=%u addr=0x%016lx\n", r->word[1], page_to_pfn(page), order,
	      (unsigned long)page_address(page));
	return true;
}

/*
 * split NAME ORDER [NAME...]: the block bound to NAME becomes blocks of
 * ORDER, each with a reference of its own, as split_page() does for order
 * 0; they are bound to the names given, or to NAME_0, NAME_1, ...
 */
static bool cmd_split(struct run *r)
{
	struct binding *b;
	unsigned long pfn, n, i;
	unsigned int order;
	char name[NAME_LEN];

	if (r->nwords < 3 || !is_name(r->word[1]))
		return fail(r, "usage: split NAME ORDER [NAME...]");
	b = name_slot(r->word[1], false);
	if (!b)
		return fail(r, "unknown name '%s'", r->word[1]);
	if (!order_arg(r, r->word[2], &order))
		return false;
	if (order >= b->order)
		return fail(r, "'%s' is of order %u: nothing to split at order %u",
			    r->word[1], b->order, order);
	n = 1UL << (b->order - order);
	if (r->nwords > 3 && r->nwords - 3 != n)
		return fail(r, "splitting '%s' makes %lu blocks, and %d names are given",
			    r->word[1], n, r->nwords - 3);
	pfn = b->pfn;
	if (order == 0)
		split_page(pfn_to_page(pfn), b->order);
	else
		for (i = 1; i < n; i++)
			set_page_count(pfn_to_page(pfn + (i << order)), 1);
	strscpy(name, r->word[1], NAME_LEN);
	for (i = 0; i < n; i++) {
		char piece[NAME_LEN];

		if (r->nwords > 3)
			strscpy(piece, r->word[3 + i], NAME_LEN);
		else
			snprintf(piece, NAME_LEN, "%s_%lu", name, i);
		if (!bind(r, piece, pfn + (i << order), order))
			return false;
	}
	return true;
}

static bool cmd_free(struct run *r)
{
	bool is_free_pages = !strcmp(r->word[0], "free_pages");
	unsigned long addr;
	unsigned int order;

	if (r->nwords != 3)
		return fail(r, "usage: %s ADDR ORDER", r->word[0]);
	if (!order_arg(r, r->word[2], &order))
		return false;
	if (is_free_pages && !strcmp(r->word[1], "0")) {
		free_pages(0, order);
		return true;
	}
	if (!address(r, r->word[1], &addr))
		return false;
	if (is_free_pages)
		free_pages(addr, order);
	else
		__free_pages(virt_to_page((void *)addr), order);
	return true;
}

static bool cmd_ref(struct run *r)
{
	unsigned long addr;

	if (r->nwords != 2)
		return fail(r, "usage: get_page ADDR | put_page ADDR");
	if (!address(r, r->word[1], &addr))
		return false;
	if (!strcmp(r->word[0], "get_page"))
		get_page(virt_to_page((void *)addr));
	else
		put_page(virt_to_page((void *)addr));
	return true;
}

/* set ADDR FIELD VALUE: break a page on purpose, as a buggy caller would */
static bool cmd_set(struct run *r)
{
	static const struct { const char *name; int bit; } flags[] = {
		{ "locked", PG_locked }, { "referenced", PG_referenced },
		{ "uptodate", PG_uptodate }, { "dirty", PG_dirty }, { "lru", PG_lru },
		{ "active", PG_active }, { "slab", PG_slab }, { "reserved", PG_reserved },
		{ "private", PG_private }, { "writeback", PG_writeback },
		{ "unevictable", PG_unevictable }, { "mlocked", PG_mlocked },
	};
	unsigned long addr, v = 0;
	struct page *page;
	int i;

	if (r->nwords != 4)
		return fail(r, "usage: set ADDR mapping|mapcount|refcount|flag|mem_cgroup VALUE");
	if (!address(r, r->word[1], &addr))
		return false;
	page = virt_to_page((void *)addr);
	if (!strcmp(r->word[2], "flag")) {
		for (i = 0; i < ARRAY_SIZE(flags); i++)
			if (!strcmp(r->word[3], flags[i].name)) {
				__set_bit(flags[i].bit, &page->flags);
				return true;
			}
		return fail(r, "no flag called '%s'", r->word[3]);
	}
	if (!number(r, r->word[3], &v))
		return false;
	if (!strcmp(r->word[2], "mapping"))
		page->mapping = (struct address_space *)v;
	else if (!strcmp(r->word[2], "mapcount"))
		atomic_set(&page->_mapcount, (int)v - 1);
	else if (!strcmp(r->word[2], "refcount"))
		set_page_count(page, (int)v);
	else if (!strcmp(r->word[2], "mem_cgroup"))
		page->mem_cgroup = (struct mem_cgroup *)v;
	else
		return fail(r, "no field called '%s'", r->word[2]);
	return true;
}

static const char *const type_names[MIGRATE_TYPES] = {
	"unmovable", "movable", "reclaimable", "highatomic",
#ifdef CONFIG_CMA
	"cma",
#endif
	"isolate",
};

/* pageblock ADDR TYPE, for every type but isolate (see run_sleeping) */
static bool cmd_pageblock(struct run *r)
{
	unsigned long addr, pfn, flags;
	struct page *page;
	struct zone *zone;
	int mt;

	if (r->nwords != 3)
		return fail(r, "usage: pageblock ADDR TYPE");
	if (!address(r, r->word[1], &addr))
		return false;
	for (mt = 0; mt < MIGRATE_TYPES; mt++)
		if (!strcmp(r->word[2], type_names[mt]))
			break;
	if (mt == MIGRATE_TYPES)
		return fail(r, "unknown pageblock type '%s'", r->word[2]);
	page = virt_to_page((void *)addr);
	pfn = page_to_pfn(page) & ~(pageblock_nr_pages - 1);
	if (pageblock_type(page) == MIGRATE_ISOLATE) {
		k_undo_isolate_page_range(pfn, pfn + pageblock_nr_pages, mt);
		return true;
	}
	/* as the allocator claims a pageblock when it falls back */
	zone = page_zone(page);
	spin_lock_irqsave(&zone->lock, flags);
	k_set_pageblock_migratetype(page, mt);
	k_move_freepages_block(zone, page, mt, NULL);
	spin_unlock_irqrestore(&zone->lock, flags);
	return true;
}

static bool cmd_cpu(struct run *r)
{
	unsigned long cpu;

	if (r->nwords != 2 || !number(r, r->word[1], &cpu))
		return fail(r, "usage: cpu N");
	if (cpu >= nr_cpu_ids || !cpu_online(cpu))
		return fail(r, "no CPU %s", r->word[1]);
	r->cpu = cpu;
	smp_store_release(&r->turn, cpu);
	return true;
}

static bool cmd_drain(struct run *r)
{
	if (r->nwords != 1)
		return fail(r, "usage: drain");
	/* every CPU drains its own lists, in the order of their numbers */
	r->drain_next = cpumask_first(cpu_online_mask);
	smp_store_release(&r->turn, r->drain_next);
	return true;
}

static void drain_this_cpu(struct run *r)
{
	int next;

	k_drain_local_pages(NULL);
	next = cpumask_next(r->drain_next, cpu_online_mask);
	if (next >= nr_cpu_ids) {
		r->drain_next = -1;
		smp_store_release(&r->turn, r->cpu);
	} else {
		r->drain_next = next;
		smp_store_release(&r->turn, next);
	}
}

/* for_each_populated_zone uses symbols a module cannot see */
#define for_each_zone_of_the_machine(zone, nid)					\
	for_each_online_node(nid)						\
		for (zone = NODE_DATA(nid)->node_zones;				\
		     zone < NODE_DATA(nid)->node_zones + MAX_NR_ZONES; zone++)	\
			if (populated_zone(zone))

static const char *const pcp_names[MIGRATE_PCPTYPES] = { "unmovable", "movable", "reclaimable" };
static const char *const zone_list_names[MIGRATE_TYPES] = {
	"Unmovable", "Movable", "Reclaimable", "HighAtomic",
#ifdef CONFIG_CMA
	"CMA",
#endif
	"Isolate",
};

static void show_pcp(void)
{
	struct zone *zone;
	int cpu, mt, nid;

	for_each_online_cpu(cpu)
		for_each_zone_of_the_machine(zone, nid) {
			struct per_cpu_pages *pcp = &per_cpu_ptr(zone->pageset, cpu)->pcp;

			print("cpu=%d zone=%s count=%d high=%d batch=%d", cpu, zone->name,
			      pcp->count, pcp->high, pcp->batch);
			for (mt = 0; mt < MIGRATE_PCPTYPES; mt++) {
				struct page *page;
				const char *sep = "";

				print(" %s=[", pcp_names[mt]);
				list_for_each_entry(page, &pcp->lists[mt], lru) {
					print("%s%#lx", sep, page_to_pfn(page));
					sep = " ";
				}
				print("]");
			}
			print("\n");
		}
}

/* this CPU's lists, one count per populated zone, on one line */
static void show_pcp_counts(void)
{
	struct zone *zone;
	int nid;

	print("cpu=%d", smp_processor_id());
	for_each_zone_of_the_machine(zone, nid)
		print(" %s=%d", zone->name, this_cpu_ptr(zone->pageset)->pcp.count);
	print("\n");
}

/* the free blocks that start inside one of the ranges, in list order */
static void show_freelist(unsigned long *start, unsigned long *end, int nranges)
{
	struct zone *zone;
	unsigned long flags;
	int order, mt, i, nid;

	for_each_zone_of_the_machine(zone, nid) {
		spin_lock_irqsave(&zone->lock, flags);
		for (order = 0; order < MAX_ORDER; order++)
			for (mt = 0; mt < MIGRATE_TYPES; mt++) {
				struct page *page;

				list_for_each_entry(page, &zone->free_area[order].free_list[mt], lru) {
					unsigned long pfn = page_to_pfn(page);

					for (i = 0; i < nranges; i++)
						if (pfn >= start[i] && pfn < end[i])
							break;
					if (nranges && i == nranges)
						continue;
					print("zone=%s order=%d type=%s pfn=%#lx\n", zone->name,
					      order, zone_list_names[mt], pfn);
				}
			}
		spin_unlock_irqrestore(&zone->lock, flags);
	}
}

static void show_pageblocks(unsigned long *start, unsigned long *end, int nranges)
{
	unsigned long pfn;
	int i;

	for (i = 0; i < nranges; i++)
		for (pfn = start[i] & ~(pageblock_nr_pages - 1); pfn < end[i];
		     pfn += pageblock_nr_pages)
			print("pageblock pfn=%#lx type=%s\n", pfn,
			      zone_list_names[pageblock_type(pfn_to_page(pfn))]);
}

static bool cmd_show(struct run *r)
{
	unsigned long start[MAX_WORDS], end[MAX_WORDS];
	int i;

	if (r->nwords == 2 && !strcmp(r->word[1], "pcp")) {
		show_pcp();
		return true;
	}
	if (r->nwords == 3 && !strcmp(r->word[1], "pcp") && !strcmp(r->word[2], "counts")) {
		show_pcp_counts();
		return true;
	}
	if (r->nwords >= 2 && (!strcmp(r->word[1], "freelist") ||
			       (!strcmp(r->word[1], "pageblocks") && r->nwords > 2))) {
		for (i = 2; i < r->nwords; i++) {
			struct binding *b = name_slot(r->word[i], false);

			if (!b)
				return fail(r, "unknown name '%s'", r->word[i]);
			start[i - 2] = b->pfn;
			end[i - 2] = b->pfn + (1UL << b->order);
		}
		if (!strcmp(r->word[1], "freelist"))
			show_freelist(start, end, r->nwords - 2);
		else
			show_pageblocks(start, end, r->nwords - 2);
		return true;
	}
	return fail(r, "usage: show buddyinfo|pagetypeinfo|zoneinfo|freelist [NAME...]|"
		    "pageblocks NAME...|pcp [counts]");
}

static bool cmd_trace(struct run *r)
{
	if (r->nwords != 2)
		return fail(r, "usage: trace on|off");
	if (!strcmp(r->word[1], "on"))
		tracing = true;
	else if (!strcmp(r->word[1], "off"))
		tracing = false;
	else
		return fail(r, "trace on or trace off, not '%s'", r->word[1]);
	/* ftrace records while the script traces, for the format check */
	if (tracing)
		tracing_on();
	else
		tracing_off();
	return true;
}

/* the commands that must sleep, and so run between stop_machine() calls */
static bool is_proc_view(struct run *r)
{
	return r->nwords == 2 && !strcmp(r->word[0], "show") &&
	       (!strcmp(r->word[1], "buddyinfo") || !strcmp(r->word[1], "pagetypeinfo") ||
		!strcmp(r->word[1], "zoneinfo"));
}

static bool sleeps(struct run *r)
{
	return is_proc_view(r) ||
	       (r->nwords == 3 && !strcmp(r->word[0], "pageblock") &&
		!strcmp(r->word[2], "isolate"));
}

static bool run_command(struct run *r)
{
	static const struct { const char *name; bool (*run)(struct run *r); } cmds[] = {
		{ "alloc", cmd_alloc }, { "free_pages", cmd_free }, { "__free_pages", cmd_free },
		{ "get_page", cmd_ref }, { "put_page", cmd_ref }, { "split", cmd_split },
		{ "set", cmd_set }, { "pageblock", cmd_pageblock }, { "cpu", cmd_cpu },
		{ "drain", cmd_drain }, { "show", cmd_show }, { "trace", cmd_trace },
	};
	int i;

	for (i = 0; i < ARRAY_SIZE(cmds); i++)
		if (!strcmp(r->word[0], cmds[i].name))
			return cmds[i].run(r);
	return fail(r, "unknown command '%s'", r->word[0]);
}

/*
 * Inside stop_machine(), on every CPU: spin until it is this CPU's turn,
 * then read and run commands until the turn passes on (cpu, drain), a
 * command that sleeps comes, or the script ends.
 */
static int run_segment(void *data)
{
	struct run *r = data;
	int cpu = smp_processor_id();

	for (;;) {
		if (READ_ONCE(r->segment_over))
			return 0;
		if (smp_load_acquire(&r->turn) != cpu) {
			cpu_relax();
			continue;
		}
		if (r->drain_next == cpu) {
			drain_this_cpu(r);	/* and pass the turn on */
			continue;
		}
		if (!r->have_cmd) {
			if (!next_line(r)) {
				r->at_end = true;
				break;
			}
			r->have_cmd = true;
			if (sleeps(r))
				break;		/* for process context */
		}
		r->have_cmd = false;
		if (!run_command(r))
			break;
	}
	WRITE_ONCE(r->segment_over, true);
	return 0;
}

static void show_proc_file(struct run *r, const char *name)
{
	char path[32];
	struct file *f;
	loff_t pos = 0;
	ssize_t n;
	char *buf;

	snprintf(path, sizeof(path), "/proc/%s", name);
	f = filp_open(path, O_RDONLY, 0);
	if (IS_ERR(f)) {
		fail(r, "cannot open %s", path);
		return;
	}
	buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (buf) {
		while ((n = kernel_read(f, buf, PAGE_SIZE, &pos)) > 0)
			put(buf, n);
		kfree(buf);
	}
	filp_close(f, NULL);
}

/* pageblock ADDR isolate: the kernel's own isolation, which drains */
static void isolate(struct run *r)
{
	unsigned long addr, pfn;

	if (!address(r, r->word[1], &addr))
		return;
	pfn = page_to_pfn(virt_to_page((void *)addr)) & ~(pageblock_nr_pages - 1);
	if (k_start_isolate_page_range(pfn, pfn + pageblock_nr_pages, MIGRATE_MOVABLE, 0))
		print("pageblock %#lx: already isolated (-EBUSY)\n", pfn);
}

static void run_script(void)
{
	struct run *r = kzalloc(sizeof(*r), GFP_KERNEL);

	if (!r) {
		print("kpagesim: out of memory\n");
		return;
	}
	memset(names, 0, NAMES * sizeof(*names));
	r->pos = script;
	r->drain_next = -1;
	while (!r->failed && !r->at_end) {
		if (!r->have_cmd) {
			if (!next_line(r))
				break;
			r->have_cmd = true;
		}
		WRITE_ONCE(capturing, true);
		if (sleeps(r)) {
			r->have_cmd = false;
			if (is_proc_view(r))
				show_proc_file(r, r->word[1]);
			else
				isolate(r);
		} else {
			r->segment_over = false;
			r->turn = r->cpu;
			stop_machine(run_segment, r, cpu_online_mask);
		}
		WRITE_ONCE(capturing, false);
	}
	if (tracing) {
		tracing = false;
		tracing_off();
	}
	kfree(r);
}

/* --- /proc/kpagesim: write a script, read what it printed ---------------- */

static int kps_open(struct inode *inode, struct file *file)
{
	mutex_lock(&kps_lock);
	if (file->f_mode & FMODE_WRITE) {
		script_len = 0;
		script[0] = '\0';
		out_len = 0;
		out_full = false;
		have_run = false;
	}
	mutex_unlock(&kps_lock);
	return 0;
}

static ssize_t kps_write(struct file *file, const char __user *buf, size_t n, loff_t *pos)
{
	ssize_t ret = n;

	mutex_lock(&kps_lock);
	if (script_len + n >= SCRIPT_MAX)
		ret = -EFBIG;
	else if (copy_from_user(script + script_len, buf, n))
		ret = -EFAULT;
	else
		script[script_len += n] = '\0';
	mutex_unlock(&kps_lock);
	return ret;
}

static ssize_t kps_read(struct file *file, char __user *buf, size_t n, loff_t *pos)
{
	ssize_t ret;

	mutex_lock(&kps_lock);
	if (!have_run && script_len) {
		run_script();
		have_run = true;
	}
	ret = simple_read_from_buffer(buf, n, pos, out, out_len);
	mutex_unlock(&kps_lock);
	return ret;
}

static const struct proc_ops kps_ops = {
	.proc_open = kps_open,
	.proc_read = kps_read,
	.proc_write = kps_write,
	.proc_lseek = default_llseek,
};

static int __init kps_init(void)
{
	int err;

	err = find_symbols();
	if (err)
		return err;
	for_each_kernel_tracepoint(find_tracepoint, NULL);
	if (!tp_free || !tp_pcpu_drain) {
		pr_err("kpagesim: no mm_page_free or mm_page_pcpu_drain tracepoint\n");
		return -ENOENT;
	}
	script = vmalloc(SCRIPT_MAX);
	out = vmalloc(OUT_MAX);
	names = vzalloc(NAMES * sizeof(*names));
	if (!script || !out || !names)
		goto nomem;
	if (tracepoint_probe_register(tp_free, probe_free, NULL))
		goto nomem;
	if (tracepoint_probe_register(tp_pcpu_drain, probe_pcpu_drain, NULL)) {
		tracepoint_probe_unregister(tp_free, probe_free, NULL);
		goto nomem;
	}
	if (!proc_create("kpagesim", 0600, NULL, &kps_ops)) {
		tracepoint_probe_unregister(tp_pcpu_drain, probe_pcpu_drain, NULL);
		tracepoint_probe_unregister(tp_free, probe_free, NULL);
		goto nomem;
	}
	register_console(&kps_console);
	return 0;
nomem:
	vfree(script);
	vfree(out);
	vfree(names);
	return -ENOMEM;
}

static void __exit kps_exit(void)
{
	unregister_console(&kps_console);
	remove_proc_entry("kpagesim", NULL);
	tracepoint_probe_unregister(tp_pcpu_drain, probe_pcpu_drain, NULL);
	tracepoint_probe_unregister(tp_free, probe_free, NULL);
	tracepoint_synchronize_unregister();
	vfree(script);
	vfree(out);
	vfree(names);
}

module_init(kps_init);
module_exit(kps_exit);
