// SPDX-License-Identifier: GPL-2.0
/* front end: pagesim, which runs scenario scripts */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/page-isolation.h>
#include <linux/page_ext.h>
#include <linux/printed_config.h>
#include <linux/sched.h>
#include <trace/events/kmem.h>
#include "../mm/internal.h"
#include "pagesim/pagesim.h"
#include "sim/check.h"
#include "sim/machine.h"
#include "sim/show.h"

#define MAX_WORDS	8

struct script {
	const char *name;
	FILE *err;		/* where errors go */
	bool check;		/* --check */
	unsigned long warned;	/* free blocks without PageBuddy, last told */
	unsigned long line;
	char *word[MAX_WORDS];
	int nwords;
	char error[256];
};

static bool fail(struct script *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(s->error, sizeof(s->error), fmt, ap);
	va_end(ap);
	return false;
}

/* what a byte of a script is: the bits of char_class[] */
enum { CH_BLANK = 1, CH_WORD_END = 2, CH_LETTER = 4, CH_DIGIT = 8 };
static unsigned char char_class[256];
#define CLASS(c)	char_class[(unsigned char)(c)]

static void char_classes_init(void)
{
	for (int c = 0; c < 256; c++) {
		bool blank = c == ' ' || c == '\t' || c == '\r' || c == '\n';

		char_class[c] = (blank ? CH_BLANK | CH_WORD_END : 0) |
				(c == '\0' || c == '#' ? CH_WORD_END : 0) |
				(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ?
				 CH_LETTER : 0) |
				(c >= '0' && c <= '9' ? CH_DIGIT : 0);
	}
}

/* false, with the error, if there is a NUL byte in [p, end) */
static bool no_nul(struct script *s, const char *p, const char *end)
{
	if (memchr(p, '\0', end - p))
		return fail(s, "a NUL byte in the line: a script is text");
	return true;
}

/*
 * The words of line[0..len) up to its '#', each ended by a NUL written in
 * place; line[len] is a NUL.  A NUL byte before it is an error, reported
 * before any other.
 */
static bool split(struct script *s, char *line, size_t len)
{
	char *p = line, *end = line + len;

	s->nwords = 0;
	for (;;) {
		while (CLASS(*p) & CH_BLANK)
			p++;
		if (p == end)
			return true;
		if (*p == '#' || *p == '\0')
			return no_nul(s, p, end);
		if (s->nwords == MAX_WORDS)
			return no_nul(s, p, end) && fail(s, "too many words");
		s->word[s->nwords++] = p;
		while (!(CLASS(*p) & CH_WORD_END))
			p++;
		if (*p == '#') {
			if (!no_nul(s, p, end))
				return false;
			*p = '\0';
			return true;
		}
		if (CLASS(*p) & CH_BLANK)
			*p++ = '\0';
	}
}

struct binding {
	unsigned long pfn;
	unsigned int order;
	bool bound;		/* false: the name was unbound by a failed alloc */
	char name[];		/* the name, NUL-terminated */
};

struct name_slot {
	uint32_t hash;		/* the low 32 bits of the name's hash */
	struct binding *b;	/* NULL: an empty slot */
};

static struct name_slot *slots;
static size_t nr_slots, nr_names;	/* nr_slots: a power of two, or 0 */

/* FNV-1a */
static uint32_t hash(const char *s)
{
	uint32_t h = 2166136261U;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619U;
	return h;
}

/* the slot of name, whose hash is h, or the empty slot where it goes */
static struct name_slot *slot(const char *name, uint32_t h)
{
	for (size_t i = h & (nr_slots - 1);; i = (i + 1) & (nr_slots - 1))
		if (!slots[i].b || (slots[i].hash == h && strcmp(slots[i].b->name, name) == 0))
			return &slots[i];
}

/* n zeroed slots, in huge pages where the host has them; NULL when out of memory */
static struct name_slot *slots_alloc(size_t n)
{
	void *p = mmap(NULL, n * sizeof(struct name_slot), PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return NULL;
	madvise(p, n * sizeof(struct name_slot), MADV_HUGEPAGE);	/* a hint */
	return p;
}

static void slots_free(struct name_slot *p, size_t n)
{
	if (p)
		munmap(p, n * sizeof(struct name_slot));
}

/* twice the slots, or 64 at first; false when out of memory */
static bool grow_slots(void)
{
	size_t n = nr_slots ? nr_slots * 2 : 64;
	struct name_slot *new = slots_alloc(n);

	if (!new)
		return false;
	for (size_t i = 0; i < nr_slots; i++)
		if (slots[i].b) {
			size_t j = slots[i].hash & (n - 1);

			while (new[j].b)
				j = (j + 1) & (n - 1);
			new[j] = slots[i];
		}
	slots_free(slots, nr_slots);
	slots = new;
	nr_slots = n;
	return true;
}

/* the bindings' memory: chunks of at least NAME_CHUNK bytes, each after a link to the last */
#define NAME_CHUNK	65536

static char **name_chunks, *name_free_space;
static size_t name_space_left;

/* a new binding of name, unbound, that lives until names_free(); NULL when out of memory */
static struct binding *new_binding(const char *name)
{
	size_t len = strlen(name) + 1;
	size_t size = ALIGN(sizeof(struct binding) + len, sizeof(unsigned long));
	struct binding *b;

	if (size > name_space_left) {
		size_t chunk_size = sizeof(char *) + (size > NAME_CHUNK ? size : NAME_CHUNK);
		char **chunk = malloc(chunk_size);

		if (!chunk)
			return NULL;
		*chunk = (char *)name_chunks;
		name_chunks = chunk;
		name_free_space = (char *)(chunk + 1);
		name_space_left = chunk_size - sizeof(char *);
	}
	b = (struct binding *)name_free_space;
	name_free_space += size;
	name_space_left -= size;
	*b = (struct binding){ .bound = false };
	memcpy(b->name, name, len);
	return b;
}

/* start to fetch the first slot that name's hash h may be in: a new name's is in memory, not the cache */
static void prefetch_slot(uint32_t h)
{
	if (nr_slots)
		__builtin_prefetch(&slots[h & (nr_slots - 1)], 1);
}

/* the binding of name, whose hash is h, made when create is true; NULL if none, or out of memory */
static struct binding *lookup_hashed(const char *name, uint32_t h, bool create)
{
	struct name_slot *sl;

	if (create && (nr_names + 1) * 2 > nr_slots && !grow_slots())
		return NULL;
	if (!nr_slots)
		return NULL;
	sl = slot(name, h);
	if (!sl->b && create && (sl->b = new_binding(name))) {
		sl->hash = h;
		nr_names++;
	}
	return sl->b;
}

static struct binding *lookup(const char *name, bool create)
{
	return lookup_hashed(name, hash(name), create);
}

/* the block a name is bound to, or NULL */
static struct binding *find(const char *name)
{
	struct binding *b = lookup(name, false);

	return b && b->bound ? b : NULL;
}

static void names_free(void)
{
	while (name_chunks) {
		char **next = (char **)*name_chunks;

		free(name_chunks);
		name_chunks = next;
	}
	name_space_left = 0;
	slots_free(slots, nr_slots);
	slots = NULL;
	nr_slots = nr_names = 0;
}

static bool is_name(const char *w)
{
	if (!(CLASS(*w) & CH_LETTER))
		return false;
	while (CLASS(*++w) & (CH_LETTER | CH_DIGIT))
		;
	return *w == '\0';
}

/* the value of hexadecimal digit c, or 16 */
static unsigned int xdigit(char c)
{
	if ((unsigned char)(c - '0') < 10)
		return c - '0';
	if ((unsigned char)((c | 0x20) - 'a') < 6)
		return (c | 0x20) - 'a' + 10;
	return 16;
}

static bool number(struct script *s, const char *w, unsigned long *v)
{
	unsigned int base = 10, d;
	const char *p = w;
	bool too_big = false;

	if (w[0] == '0' && (w[1] == 'x' || w[1] == 'X')) {
		base = 16;
		p = w + 2;
	}
	if (!*p)
		return fail(s, "'%s' is not a number", w);
	for (*v = 0; *p; p++) {
		if ((d = xdigit(*p)) >= base)
			return fail(s, "'%s' is not a number", w);
		if (*v > (ULONG_MAX - d) / base)
			too_big = true;
		*v = *v * base + d;
	}
	if (too_big)
		return fail(s, "'%s' does not fit in 64 bits", w);
	return true;
}

static bool order_arg(struct script *s, const char *w, unsigned int *order)
{
	unsigned long v;

	if ((CLASS(w[0]) & CH_DIGIT) && w[1] == '\0') {
		*order = w[0] - '0';	/* one digit, the usual order */
		return true;
	}
	if (!number(s, w, &v))
		return false;
	if (v >= MAX_ORDER)
		return fail(s, "order %s is not below MAX_ORDER (11)", w);
	*order = v;
	return true;
}

static bool address(struct script *s, const char *w, unsigned long *addr, bool image_ok)
{
	unsigned long pfn;

	if (is_name(w)) {
		struct binding *b = find(w);

		if (!b)
			return fail(s, "unknown name '%s'", w);
		*addr = (unsigned long)page_address(pfn_to_page(b->pfn));
		return true;
	}
	if (!number(s, w, addr))
		return false;
	if (*addr >= __START_KERNEL_map && *addr - __START_KERNEL_map < KERNEL_IMAGE_SIZE) {
		if (!image_ok)
			return fail(s, "address %s is in the kernel image, not the direct map", w);
	} else if (*addr >= __START_KERNEL_map && image_ok) {
		return fail(s, "address %s is past the kernel image", w);
	} else if (*addr < PAGE_OFFSET || *addr - PAGE_OFFSET >= (64UL << 40)) {
		return fail(s, "address %s is outside the direct map", w);
	}
	pfn = __pa(*addr) >> PAGE_SHIFT;
	if (pfn >= max_pfn)
		return fail(s, "address %s is past the end of RAM (pfn %#lx)", w, pfn);
	return true;
}

static bool arity(struct script *s, int lo, int hi, const char *usage)
{
	if (s->nwords < lo || s->nwords > hi)
		return fail(s, "usage: %s", usage);
	return true;
}

/* v in hex at p, at least width digits, two at a time; returns the end */
static char *hex(char *p, unsigned long v, int width)
{
	static char pairs[256][2];
	int n = v ? (67 - __builtin_clzl(v)) / 4 : 1;

	if (!pairs[0][0])
		for (int i = 0; i < 256; i++) {
			pairs[i][0] = "0123456789abcdef"[i >> 4];
			pairs[i][1] = "0123456789abcdef"[i & 0xf];
		}
	if (n < width)
		n = width;
	if (n & 1)
		*p++ = "0123456789abcdef"[(v >> (4 * --n)) & 0xf];
	while (n) {
		n -= 2;
		memcpy(p, pairs[(v >> (4 * n)) & 0xff], 2);
		p += 2;
	}
	return p;
}

/* "NAME pfn=0x.. order=N addr=0x..", as printf's "%s pfn=%#lx order=%u addr=0x%016lx\n" */
static void print_alloc(const char *name, unsigned long pfn, unsigned int order,
			unsigned long addr)
{
	char line[128], *p = line;
	size_t len = strlen(name);

	if (len < 64)
		p = mempcpy(p, name, len);	/* one write of the whole line */
	else
		fwrite_unlocked(name, 1, len, stdout);
	memcpy(p, " pfn=0x", 7);
	p += pfn ? 7 : 5;		/* %#lx prints 0 without 0x */
	p = hex(p, pfn, 0);
	memcpy(p, " order=", 7);
	p += 7;
	if (order >= 10)
		*p++ = '0' + order / 10;
	*p++ = '0' + order % 10;	/* below MAX_ORDER */
	memcpy(p, " addr=0x", 8);
	p += 8;
	p = hex(p, addr, 16);
	*p++ = '\n';
	fwrite_unlocked(line, 1, p - line, stdout);
}

static bool cmd_alloc(struct script *s)
{
	static const struct { const char *name; gfp_t gfp; } types[] = {
		{ "unmovable", GFP_KERNEL },
		{ "movable", GFP_HIGHUSER_MOVABLE },
		{ "reclaimable", GFP_KERNEL | __GFP_RECLAIMABLE },
	};
	gfp_t gfp = GFP_HIGHUSER_MOVABLE;
	unsigned int order = 0;
	struct binding *b;
	struct page *page;
	uint32_t h;

	if (!arity(s, 3, 4, "alloc NAME ORDER [unmovable|movable|reclaimable]"))
		return false;
	if (!is_name(s->word[1]))
		return fail(s, "'%s' is not a name", s->word[1]);
	h = hash(s->word[1]);
	prefetch_slot(h);	/* while the page is allocated */
	if (!order_arg(s, s->word[2], &order))
		return false;
	if (s->nwords == 4) {
		size_t i;

		for (i = 0; i < ARRAY_SIZE(types); i++)
			if (strcmp(s->word[3], types[i].name) == 0)
				break;
		if (i == ARRAY_SIZE(types))
			return fail(s, "unknown type '%s': unmovable, movable or reclaimable",
				    s->word[3]);
		gfp = types[i].gfp;
	}
	page = alloc_pages(gfp, order);
	if (model_soft_lockup)
		return true;		/* a stuck alloc does not return */
	if (!page) {
		if ((b = find(s->word[1])))
			b->bound = false;	/* a failed alloc binds nothing */
		printf("%s failed\n", s->word[1]);
		return true;
	}
	if (!(b = lookup_hashed(s->word[1], h, true)))
		return fail(s, "out of memory");
	b->bound = true;
	b->pfn = page_to_pfn(page);
	b->order = order;
	print_alloc(s->word[1], b->pfn, order, (unsigned long)page_address(page));
	return true;
}

static bool cmd_free(struct script *s)
{
	bool is_free_pages = s->word[0][0] == 'f';	/* not __free_pages */
	unsigned long addr;
	unsigned int order = 0;

	if (!arity(s, 3, 3, is_free_pages ? "free_pages ADDR ORDER" : "__free_pages ADDR ORDER"))
		return false;
	if (!order_arg(s, s->word[2], &order))
		return false;
	if (is_free_pages && (CLASS(s->word[1][0]) & CH_DIGIT) &&	/* not a name */
	    number(s, s->word[1], &addr) && !addr) {
		free_pages(0, order);		/* the NULL case: nothing */
		return true;
	}
	if (!address(s, s->word[1], &addr, false))
		return false;
	if (!pfn_valid((__pa(addr) >> PAGE_SHIFT) + (1UL << order) - 1))
		return fail(s, "the order-%u block at pfn %#lx runs past the last struct page "
			    "(pfn %#lx): 5.10 would fault reading it", order, __pa(addr) >> PAGE_SHIFT,
			    ALIGN(max_pfn, PAGES_PER_SECTION) - 1);
	if (is_free_pages)
		free_pages(addr, order);
	else
		__free_pages(virt_to_page(addr), order);
	return true;
}

static bool cmd_ref(struct script *s)
{
	unsigned long addr;

	if (!arity(s, 2, 2, "get_page ADDR | put_page ADDR") || !address(s, s->word[1], &addr, false))
		return false;
	if (strcmp(s->word[0], "get_page") == 0)
		get_page(virt_to_page(addr));
	else
		put_page(virt_to_page(addr));
	return true;
}

static bool bind(struct script *s, const char *name, unsigned long pfn, unsigned int order)
{
	struct binding *b = lookup(name, true);

	if (!b)
		return fail(s, "out of memory");
	b->bound = true;
	b->pfn = pfn;
	b->order = order;
	return true;
}

/* set and split change only the pages a script holds, never a free list */
static bool owned(struct script *s, unsigned long pfn)
{
	if (!page_ext_owned(pfn_to_page(pfn)))
		return fail(s, "pfn %#lx is not allocated: split and set change only "
			    "allocated pages", pfn);
	return true;
}

static bool cmd_split(struct script *s)
{
	char piece[64];
	struct binding *b;
	unsigned long pfn, n;
	unsigned int order = 0;

	if (!arity(s, 3, MAX_WORDS, "split NAME ORDER [NAME...]"))
		return false;
	if (!is_name(s->word[1]) || !(b = find(s->word[1])))
		return fail(s, "unknown name '%s'", s->word[1]);
	if (!order_arg(s, s->word[2], &order))
		return false;
	if (order >= b->order)
		return fail(s, "'%s' is of order %u: nothing to split at order %u",
			    s->word[1], b->order, order);
	n = 1UL << (b->order - order);
	if (s->nwords > 3 && (unsigned long)(s->nwords - 3) != n)
		return fail(s, "splitting '%s' makes %lu blocks, and %d names are given",
			    s->word[1], n, s->nwords - 3);
	for (int i = 3; i < s->nwords; i++)
		if (!is_name(s->word[i]))
			return fail(s, "'%s' is not a name", s->word[i]);
	pfn = b->pfn;
	for (unsigned long i = 0; i < n << order; i++)
		if (!owned(s, pfn + i))
			return false;
	for (unsigned long i = 1; i < n; i++)
		set_page_count(pfn_to_page(pfn + (i << order)), 1);
	for (unsigned long i = 0; i < n; i++) {
		if (s->nwords > 3)
			snprintf(piece, sizeof(piece), "%s", s->word[3 + i]);
		else
			snprintf(piece, sizeof(piece), "%s_%lu", s->word[1], i);
		if (!bind(s, piece, pfn + (i << order), order))
			return false;
	}
	return true;
}

static bool cmd_set(struct script *s)
{
	static const struct { const char *name; int bit; } flags[] = {
		{ "locked", PG_locked }, { "referenced", PG_referenced },
		{ "uptodate", PG_uptodate }, { "dirty", PG_dirty }, { "lru", PG_lru },
		{ "active", PG_active }, { "slab", PG_slab }, { "reserved", PG_reserved },
		{ "private", PG_private }, { "writeback", PG_writeback },
		{ "unevictable", PG_unevictable }, { "mlocked", PG_mlocked },
	};
	static const char usage[] = "set ADDR mapping|mapcount|refcount|flag|mem_cgroup VALUE";
	unsigned long addr, v;
	struct page *page;

	if (!arity(s, 4, 4, usage) || !address(s, s->word[1], &addr, false))
		return false;
	page = virt_to_page(addr);
	if (!owned(s, page_to_pfn(page)))
		return false;
	if (strcmp(s->word[2], "flag") == 0) {
		for (size_t i = 0; i < ARRAY_SIZE(flags); i++)
			if (strcmp(s->word[3], flags[i].name) == 0) {
				page->flags |= 1UL << flags[i].bit;
				return true;
			}
		return fail(s, "no flag called '%s'", s->word[3]);
	}
	if (!number(s, s->word[3], &v))
		return false;
	if (strcmp(s->word[2], "mapping") == 0)
		page->mapping = (struct address_space *)v;
	else if (strcmp(s->word[2], "mapcount") == 0)
		atomic_set(&page->_mapcount, (int)v - 1);
	else if (strcmp(s->word[2], "refcount") == 0)
		set_page_count(page, (int)v);
	else if (strcmp(s->word[2], "mem_cgroup") == 0)
		page->mem_cgroup = (struct mem_cgroup *)v;
	else
		return fail(s, "usage: %s", usage);
	return true;
}

static bool cmd_cpu(struct script *s)
{
	unsigned long cpu;

	if (!arity(s, 2, 2, "cpu N") || !number(s, s->word[1], &cpu))
		return false;
	if (cpu >= (unsigned long)nr_cpu_ids)
		return fail(s, "no CPU %s: the machine has CPUs 0 to %d", s->word[1],
			    nr_cpu_ids - 1);
	sim_set_cpu(cpu);
	return true;
}

static bool cmd_drain(struct script *s)
{
	if (!arity(s, 1, 1, "drain"))
		return false;
	drain_all_pages(NULL);
	return true;
}

static bool cmd_pageblock(struct script *s)
{
	static const char *const types[] = {
		"unmovable", "movable", "reclaimable", "highatomic", "cma", "isolate"
	};
	struct page *page;
	unsigned long addr;
	int mt;

	if (!arity(s, 3, 3, "pageblock ADDR TYPE") || !address(s, s->word[1], &addr, false))
		return false;
	for (mt = 0; mt < MIGRATE_TYPES; mt++)
		if (strcmp(s->word[2], types[mt]) == 0)
			break;
	if (mt == MIGRATE_TYPES)
		return fail(s, "unknown pageblock type '%s'", s->word[2]);
	if (!printed_migratetype_exists(mt))
		return fail(s, "the %s configuration has no CMA", printed_config->name);
	/* the kernel's callers pass a pageblock's first page */
	page = pfn_to_page((__pa(addr) >> PAGE_SHIFT) & ~(pageblock_nr_pages - 1));
	if (mt == MIGRATE_ISOLATE) {
		if (set_migratetype_isolate(page) != 0)
			printf("pageblock %#lx: already isolated (-EBUSY)\n",
			       page_to_pfn(page) & ~(pageblock_nr_pages - 1));
	} else if (is_migrate_isolate_page(page)) {
		unset_migratetype_isolate(page, mt);
	} else {
		model_set_pageblock_type(page, mt);
	}
	return true;
}

static bool cmd_show(struct script *s)
{
	static const struct { const char *what; void (*show)(FILE *); } views[] = {
		{ "buddyinfo", show_buddyinfo }, { "pagetypeinfo", show_pagetypeinfo },
		{ "zoneinfo", show_zoneinfo }, { "freelist", show_freelist },
		{ "pcp", show_pcp }, { "cost", show_cost },
	};
	unsigned long start[MAX_WORDS], end[MAX_WORDS];
	bool freelist = s->nwords > 2 && strcmp(s->word[1], "freelist") == 0;
	bool pageblocks = s->nwords > 1 && strcmp(s->word[1], "pageblocks") == 0;

	if (pageblocks && s->nwords == 2)
		return fail(s, "usage: show pageblocks NAME...");
	if (s->nwords == 3 && strcmp(s->word[1], "pcp") == 0 && strcmp(s->word[2], "counts") == 0) {
		show_pcp_counts(stdout);
		return true;
	}
	if (freelist || pageblocks) {
		for (int i = 2; i < s->nwords; i++) {
			struct binding *b = find(s->word[i]);

			if (!b)
				return fail(s, "unknown name '%s'", s->word[i]);
			start[i - 2] = b->pfn;
			end[i - 2] = b->pfn + (1UL << b->order);
		}
		(freelist ? show_free_blocks_in : show_pageblocks_in)(stdout, s->nwords - 2,
								     start, end);
		return true;
	}
	if (!arity(s, 2, 2, "show buddyinfo|pagetypeinfo|zoneinfo|freelist [NAME...]|"
		   "pageblocks NAME...|pcp|cost"))
		return false;
	if (strcmp(s->word[1], "cost") == 0 && !model_cost_seen)
		return fail(s, "show cost: the counters are off ('cost on' starts them)");
	for (size_t i = 0; i < ARRAY_SIZE(views); i++)
		if (strcmp(s->word[1], views[i].what) == 0) {
			views[i].show(stdout);
			return true;
		}
	return fail(s, "nothing called '%s' to show", s->word[1]);
}

static bool cmd_sleep(struct script *s)
{
	unsigned long seconds;

	if (!arity(s, 2, 2, "sleep SECONDS") || !number(s, s->word[1], &seconds))
		return false;
	if (seconds > 100UL * 365 * 24 * 3600)
		return fail(s, "sleep %s: more than a century", s->word[1]);
	jiffies += seconds * HZ;
	return true;
}

static bool cmd_cost(struct script *s)
{
	if (!arity(s, 2, 2, "cost on|off"))
		return false;
	if (strcmp(s->word[1], "on") == 0) {
		if (!sim_cost_on())
			return fail(s, "cost on: out of host memory");
	} else if (strcmp(s->word[1], "off") == 0) {
		sim_cost_off();
	} else {
		return fail(s, "cost on or cost off, not '%s'", s->word[1]);
	}
	return true;
}

static bool cmd_trace(struct script *s)
{
	if (!arity(s, 2, 2, "trace on|off"))
		return false;
	if (strcmp(s->word[1], "on") == 0)
		model_trace_on = true;
	else if (strcmp(s->word[1], "off") == 0)
		model_trace_on = false;
	else
		return fail(s, "trace on or trace off, not '%s'", s->word[1]);
	return true;
}

static bool cmd_translate(struct script *s)
{
	unsigned long x, y, pa, pfn;

	if (!arity(s, 2, 2, "translate ADDR") || !address(s, s->word[1], &x, true))
		return false;
	y = x - __START_KERNEL_map;
	pa = __pa(x);
	pfn = pa >> PAGE_SHIFT;
	printf("translate 0x%016lx\n", x);
	printf("  y = x - __START_KERNEL_map = 0x%016lx\n", y);
	if (x > y)
		printf("  x > y: kernel image, __pa = y + phys_base (0x%lx) = 0x%lx\n",
		       phys_base, pa);
	else
		printf("  x <= y: direct map, __pa = y + (__START_KERNEL_map - PAGE_OFFSET) = 0x%lx\n",
		       pa);
	printf("  pfn = __pa >> PAGE_SHIFT = 0x%lx\n", pfn);
	printf("  struct page = vmemmap + pfn = 0x%lx\n", page_kaddr(pfn_to_page(pfn)));
	return true;
}

static bool run_command(struct script *s)
{
	static const struct { const char *name; bool (*run)(struct script *); } cmds[] = {
		{ "alloc", cmd_alloc }, { "free_pages", cmd_free },
		{ "__free_pages", cmd_free }, { "get_page", cmd_ref },
		{ "put_page", cmd_ref }, { "split", cmd_split }, { "set", cmd_set },
		{ "cpu", cmd_cpu }, { "drain", cmd_drain },
		{ "pageblock", cmd_pageblock }, { "show", cmd_show },
		{ "sleep", cmd_sleep }, { "trace", cmd_trace }, { "cost", cmd_cost },
		{ "translate", cmd_translate },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cmds); i++)
		if (cmds[i].name[0] == s->word[0][0] && strcmp(s->word[0], cmds[i].name) == 0)
			return cmds[i].run(s);
	return fail(s, "unknown command '%s'", s->word[0]);
}

static int script_error(struct script *s)
{
	fflush(stdout);
	fprintf(s->err, "%s:%lu: error: %s\n", s->name, s->line, s->error);
	return 2;
}

/* run the script's next line, NUL-terminated; -1: go on, or the status to stop with */
static int run_line(struct script *s, char *line, size_t len)
{
	if (!split(s, line, len))
		return script_error(s);
	if (s->nwords == 0)
		return -1;
	jiffies++;		/* each command takes a tick of the clock */
	if (!run_command(s))
		return script_error(s);
	if (s->check)
		fflush(stdout);		/* before any report on err */
	if (model_soft_lockup) {
		fflush(stdout);
		fprintf(s->err, "%s:%lu: error: this command never ends on 5.10 "
			"(soft lockup): stopped\n", s->name, s->line);
		return 4;
	}
	if (s->check && sim_check(s->err) != 0) {
		fprintf(s->err, "%s:%lu: invariant violated after this command\n",
			s->name, s->line);
		return 3;
	}
	if (s->check)
		{
			unsigned long pfn = 0, n = sim_free_blocks_without_pagebuddy(&pfn);

			if (n > s->warned)
				fprintf(s->err, "%s:%lu: warning: %lu free block%s without PageBuddy, the first at "
					"pfn %#lx (bad_page wiped it, as 5.10 does): an allocation that "
					"steals from its list can spin forever\n", s->name, s->line, n,
					n == 1 ? "" : "s", pfn);
			s->warned = n;
		}
	return -1;
}

static void script_start(struct script *s, const char *name,
			 const struct pagesim_options *opt)
{
	*s = (struct script){ .name = name, .check = opt && opt->check,
			      .err = opt && opt->errors ? opt->errors : stderr };
	char_classes_init();
}

int pagesim_run(FILE *in, const char *name, const struct pagesim_options *opt)
{
	struct script s;
	char *buf = NULL;
	size_t cap = 0;
	int status = -1;
	ssize_t n;

	script_start(&s, name, opt);
	while (status < 0 && (n = getline(&buf, &cap, in)) != -1) {
		s.line++;
		status = run_line(&s, buf, n);
	}
	if (status < 0 && ferror(in)) {
		fprintf(s.err, "%s: error: cannot read the script: %s\n", s.name, strerror(errno));
		status = 2;
	}
	free(buf);
	names_free();
	return status < 0 ? 0 : status;
}

int pagesim_run_text(char *text, size_t len, const char *name,
		     const struct pagesim_options *opt)
{
	char *end = text + len, *next;
	struct script s;
	int status = -1;

	script_start(&s, name, opt);
	for (char *p = text; status < 0 && p < end; p = next) {
		char *nl = memchr(p, '\n', end - p);

		next = nl ? nl + 1 : end;
		if (nl)
			*nl = '\0';	/* a blank to split(), like the '\n' it replaces */
		s.line++;
		status = run_line(&s, p, next - p - (nl != NULL));
	}
	names_free();
	return status < 0 ? 0 : status;
}
