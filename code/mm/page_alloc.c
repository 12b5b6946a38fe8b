// SPDX-License-Identifier: GPL-2.0
/* 5.10 logic */
/*
 * The page allocator's free path, as in Linux 5.10 mm/page_alloc.c.
 * Tangled from the book; do not edit.
 */
#include <string.h>
#include <linux/gfp.h>
#include <linux/memblock.h>
#include <linux/memcontrol.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/page-isolation.h>
#include <linux/page_ext.h>
#include <linux/page_owner.h>
#include <linux/panic.h>
#include <linux/percpu.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/vmstat.h>
#include <trace/events/kmem.h>
#include "internal.h"

typedef int fpi_t;

#define FPI_NONE		((fpi_t)0)
/* skip the free page reporting notification: the caller is the reporter */
#define FPI_SKIP_REPORT_NOTIFY	((fpi_t)(1 << 0))
/* put the block at the tail of its free list (boot, memory hotplug) */
#define FPI_TO_TAIL		((fpi_t)(1 << 1))

static inline bool page_is_guard(struct page *page)
{
	return false;		/* debug_guardpage_enabled() is off */
}

static inline void clear_page_guard(struct zone *zone, struct page *page,
				    unsigned int order, int migratetype)
{
}

static inline bool page_reported(struct page *page)
{
	return false;	/* static key page_reporting_enabled is off */
}

static inline void page_reporting_notify_free(unsigned int order)
{
	/* with a driver: wake it for order >= 9 */
}

struct capture_control {
	struct compact_control *cc;
	struct page *page;
};

struct compact_control {
	int order;
	struct zone *zone;
};

static inline struct capture_control *task_capc(struct zone *zone)
{
	return NULL;	/* no task in the model is compacting */
}

static inline bool compaction_capture(struct capture_control *capc,
				      struct page *page, int order,
				      int migratetype)
{
	if (!capc || order != capc->cc->order)
		return false;
	/* CMA and isolated pages are never captured */
	if (is_migrate_cma(migratetype) || is_migrate_isolate(migratetype))
		return false;
	/* a movable block below a pageblock is left for others to reuse */
	if (order < pageblock_order && migratetype == MIGRATE_MOVABLE)
		return false;
	capc->page = page;
	return true;
}

static inline bool is_shuffle_order(int order)
{
	return false;	/* page_alloc.shuffle=1 would make it order >= 10 */
}

static inline bool shuffle_pick_tail(void)
{
	return false;	/* never called while is_shuffle_order() is false */
}

static inline bool debug_pagealloc_enabled_static(void)
{
	return false;	/* debug_pagealloc=on is not given */
}

const char * const migratetype_names[MIGRATE_TYPES] = {
	"Unmovable",
	"Movable",
	"Reclaimable",
	"HighAtomic",
	"CMA",
	"Isolate",
};

static inline unsigned long *get_pageblock_bitmap(struct page *page,
						  unsigned long pfn)
{
	return __pfn_to_section(pfn)->usage->pageblock_flags;
}

static inline int pfn_to_bitidx(struct page *page, unsigned long pfn)
{
	pfn &= (PAGES_PER_SECTION - 1);
	return (pfn >> pageblock_order) * NR_PAGEBLOCK_BITS;
}

static __always_inline
unsigned long __get_pfnblock_flags_mask(struct page *page, unsigned long pfn,
					unsigned long mask)
{
	unsigned long *bitmap;
	unsigned long bitidx, word_bitidx;
	unsigned long word;

	bitmap = get_pageblock_bitmap(page, pfn);
	bitidx = pfn_to_bitidx(page, pfn);
	word_bitidx = bitidx / BITS_PER_LONG;
	bitidx &= (BITS_PER_LONG - 1);

	word = bitmap[word_bitidx];	/* read without any lock */
	return (word >> bitidx) & mask;
}

unsigned long get_pfnblock_flags_mask(struct page *page, unsigned long pfn,
				      unsigned long mask)
{
	return __get_pfnblock_flags_mask(page, pfn, mask);
}

static __always_inline int get_pfnblock_migratetype(struct page *page,
						    unsigned long pfn)
{
	return __get_pfnblock_flags_mask(page, pfn, MIGRATETYPE_MASK);
}

void set_pfnblock_flags_mask(struct page *page, unsigned long flags,
			     unsigned long pfn, unsigned long mask)
{
	unsigned long *bitmap;
	unsigned long bitidx, word_bitidx;

	bitmap = get_pageblock_bitmap(page, pfn);
	bitidx = pfn_to_bitidx(page, pfn);
	word_bitidx = bitidx / BITS_PER_LONG;
	bitidx &= (BITS_PER_LONG - 1);

	mask <<= bitidx;
	flags <<= bitidx;
	bitmap[word_bitidx] = (bitmap[word_bitidx] & ~mask) | flags;
}

void set_pageblock_migratetype(struct page *page, int migratetype)
{
	if (unlikely(page_group_by_mobility_disabled &&
		     migratetype < MIGRATE_PCPTYPES))
		migratetype = MIGRATE_UNMOVABLE;

	set_pfnblock_flags_mask(page, (unsigned long)migratetype,
				page_to_pfn(page), MIGRATETYPE_MASK);
}

int page_group_by_mobility_disabled;

/* managed pages in the zones up to offset, above their high watermarks */
static unsigned long nr_free_zone_pages(int offset)
{
	unsigned long sum = 0;

	for (int z = 0; z <= offset; z++)	/* high watermarks: 0 at boot */
		sum += zone_managed_pages(&NODE_DATA(0)->node_zones[z]);
	return sum;
}

void build_all_zonelists(pg_data_t *pgdat)
{
	unsigned long vm_total_pages;

	/* the zones a GFP_HIGHUSER_MOVABLE allocation may use: all of them */
	vm_total_pages = nr_free_zone_pages(ZONE_MOVABLE);
	/* too few pages for grouping by mobility to work */
	if (vm_total_pages < (pageblock_nr_pages * MIGRATE_TYPES))
		page_group_by_mobility_disabled = 1;
	else
		page_group_by_mobility_disabled = 0;
}

const char * const zone_names[MAX_NR_ZONES] = { "DMA", "DMA32", "Normal", "Movable" };

static const unsigned long zone_limit[MAX_NR_ZONES] = {
	[ZONE_DMA] = 0x1000,		/* the pfn of 16 MiB */
	[ZONE_DMA32] = 0x100000,	/* the pfn of 4 GiB */
	[ZONE_NORMAL] = ~0UL,
	[ZONE_MOVABLE] = 0,
};

/* the pfns in [start, end) that are RAM, from the memblock regions */
static unsigned long ram_pages_in(unsigned long start, unsigned long end)
{
	unsigned long n = 0;

	for (int i = 0; i < memblock.memory.cnt; i++) {
		struct memblock_region *r = &memblock.memory.regions[i];
		unsigned long lo = max(start, PFN_UP(r->base));
		unsigned long hi = min(end, PFN_DOWN(r->base + r->size));

		if (lo < hi)
			n += hi - lo;
	}
	return n;
}

static void init_zones(void)
{
	struct pglist_data *pgdat = NODE_DATA(0);
	unsigned long start = 1;	/* the first pfn of RAM */

	pgdat->node_id = 0;
	pgdat->node_start_pfn = start;
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &pgdat->node_zones[z];
		unsigned long end = min(zone_limit[z], max_pfn);

		zone->node = 0;
		zone->zone_pgdat = pgdat;
		zone->name = zone_names[z];
		spin_lock_init_named(&zone->lock, "&zone->lock");
		for (int order = 0; order < MAX_ORDER; order++)
			for (int t = 0; t < MIGRATE_TYPES; t++)
				INIT_LIST_HEAD(&zone->free_area[order].free_list[t]);
		if (z == ZONE_MOVABLE || end <= start)
			continue;
		zone->zone_start_pfn = start;
		zone->spanned_pages = end - start;
		zone->present_pages = ram_pages_in(start, end);
		pgdat->node_spanned_pages += zone->spanned_pages;
		pgdat->node_present_pages += zone->present_pages;
		pgdat->nr_zones = z + 1;
		start = end;
	}
}

/* the zone of pfn; past the end of RAM, the last zone */
static enum zone_type zone_of(unsigned long pfn)
{
	enum zone_type last = ZONE_DMA;

	for (int z = 0; z < ZONE_MOVABLE; z++) {
		struct zone *zone = &NODE_DATA(0)->node_zones[z];

		if (!populated_zone(zone))
			continue;
		if (pfn < zone_end_pfn(zone))
			return z;
		last = z;
	}
	return last;
}

static void __init_single_page(struct page *page, unsigned long pfn,
			       enum zone_type zone, int nid)
{
	memset(page, 0, sizeof(*page));
	set_page_links(page, zone, nid, pfn);
	atomic_set(&page->_refcount, 1);	/* init_page_count */
	page_mapcount_reset(page);
	page_cpupid_reset_last(page);
	INIT_LIST_HEAD(&page->lru);
}

/* model: the zones, then every struct page up to the end of the last section */
void free_area_init(void)
{
	unsigned long memmap_pages = ALIGN(max_pfn, PAGES_PER_SECTION);
	unsigned long pfn = 0;

	init_zones();
	while (pfn < memmap_pages) {
		enum zone_type z = zone_of(pfn);
		struct zone *zone = &NODE_DATA(0)->node_zones[z];
		unsigned long end = z == zone_of(memmap_pages - 1) ? memmap_pages
								     : zone_end_pfn(zone);

		for (; pfn < end; pfn++) {
			struct page *page = pfn_to_page(pfn);

			__init_single_page(page, pfn, z, 0);
			__SetPageReserved(page);
			if (IS_ALIGNED(pfn, pageblock_nr_pages) && pfn < max_pfn &&
			    memblock_is_memory(PFN_PHYS(pfn)))
				set_pageblock_migratetype(page, MIGRATE_MOVABLE);
		}
	}
}

static inline bool page_is_buddy(struct page *page, struct page *buddy,
				 unsigned int order)
{
	if (!page_is_guard(buddy) && !PageBuddy(buddy))
		return false;

	if (buddy_order(buddy) != order)
		return false;

	/* cheap tests first: the zone of a page that cannot merge is not read */
	if (page_zone_id(page) != page_zone_id(buddy))
		return false;

	return true;
}

static inline void add_to_free_list(struct page *page, struct zone *zone,
				    unsigned int order, int migratetype)
{
	struct free_area *area = &zone->free_area[order];

	list_add(&page->lru, &area->free_list[migratetype]);
	page_ext_note_list(page, migratetype);	/* model: which list (chapter 10) */
	area->nr_free++;
}

static inline void add_to_free_list_tail(struct page *page, struct zone *zone,
					 unsigned int order, int migratetype)
{
	struct free_area *area = &zone->free_area[order];

	list_add_tail(&page->lru, &area->free_list[migratetype]);
	page_ext_note_list(page, migratetype);	/* model: which list (chapter 10) */
	area->nr_free++;
}

/* used when a pageblock changes type: the block keeps its order */
static inline void move_to_free_list(struct page *page, struct zone *zone,
				     unsigned int order, int migratetype)
{
	struct free_area *area = &zone->free_area[order];

	list_move_tail(&page->lru, &area->free_list[migratetype]);
	page_ext_note_list(page, migratetype);	/* model: which list (chapter 10) */
}

static inline void del_page_from_free_list(struct page *page, struct zone *zone,
					   unsigned int order)
{
	/* a reported page is no longer reported once it leaves the list */
	if (page_reported(page))
		__ClearPageReported(page);

	list_del(&page->lru);
	__ClearPageBuddy(page);
	set_page_private(page, 0);
	zone->free_area[order].nr_free--;
}

static inline void set_buddy_order(struct page *page, unsigned int order)
{
	set_page_private(page, order);
	__SetPageBuddy(page);
}

static inline bool
buddy_merge_likely(unsigned long pfn, unsigned long buddy_pfn,
		   struct page *page, unsigned int order)
{
	struct page *higher_page, *higher_buddy;
	unsigned long combined_pfn;

	if (order >= MAX_ORDER - 2)
		return false;

	if (!pfn_valid_within(buddy_pfn))
		return false;

	combined_pfn = buddy_pfn & pfn;
	higher_page = page + ((long)combined_pfn - (long)pfn);
	buddy_pfn = __find_buddy_pfn(combined_pfn, order + 1);
	higher_buddy = higher_page + ((long)buddy_pfn - (long)combined_pfn);

	return pfn_valid_within(buddy_pfn) &&
	       page_is_buddy(higher_page, higher_buddy, order + 1);
}

static inline void __free_one_page(struct page *page, unsigned long pfn,
				   struct zone *zone, unsigned int order,
				   int migratetype, fpi_t fpi_flags)
{
	struct capture_control *capc = task_capc(zone);
	unsigned long buddy_pfn = 0;	/* set whenever it is read, see below */
	unsigned long combined_pfn;
	unsigned int max_order;
	struct page *buddy;
	bool to_tail;

	lockdep_assert_held(&zone->lock);	/* model: the rule, checked */

	max_order = min_t(unsigned int, MAX_ORDER, pageblock_order + 1);

	if (likely(!is_migrate_isolate(migratetype)))
		__mod_zone_freepage_state(zone, 1 << order, migratetype);

continue_merging:
	while (order < max_order - 1) {
		if (compaction_capture(capc, page, order, migratetype)) {
			__mod_zone_freepage_state(zone, -(1 << order), migratetype);
			return;
		}
		buddy_pfn = __find_buddy_pfn(pfn, order);
		buddy = page + ((long)buddy_pfn - (long)pfn);

		if (!pfn_valid_within(buddy_pfn))
			goto done_merging;
		if (!page_is_buddy(page, buddy, order))
			goto done_merging;
		/* the buddy is free: take it off its list and merge */
		model_note_list_side(zone, buddy_pfn, order, is_migrate_isolate(migratetype));	/* model */
		if (page_is_guard(buddy))
			clear_page_guard(zone, buddy, order, migratetype);
		else
			del_page_from_free_list(buddy, zone, order);
		combined_pfn = buddy_pfn & pfn;
		page = page + ((long)combined_pfn - (long)pfn);
		pfn = combined_pfn;
		order++;
	}
	if (max_order < MAX_ORDER) {
		/*
		 * Here order >= pageblock_order.  A block of an isolated pageblock
		 * must not merge with one of a pageblock in use, or the isolated
		 * pages would be counted as free (and CMA pages as not CMA).
		 */
		if (unlikely(has_isolate_pageblock(zone))) {
			int buddy_mt;

			buddy_pfn = __find_buddy_pfn(pfn, order);
			buddy = page + ((long)buddy_pfn - (long)pfn);
			buddy_mt = get_pageblock_migratetype(buddy);

			if (migratetype != buddy_mt
					&& (is_migrate_isolate(migratetype) ||
						is_migrate_isolate(buddy_mt)))
				goto done_merging;
		}
		max_order++;
		goto continue_merging;
	}

done_merging:
	set_buddy_order(page, order);

	if (fpi_flags & FPI_TO_TAIL)
		to_tail = true;
	else if (is_shuffle_order(order))
		to_tail = shuffle_pick_tail();
	else
		to_tail = buddy_merge_likely(pfn, buddy_pfn, page, order);

	if (to_tail)
		add_to_free_list_tail(page, zone, order, migratetype);
	else
		add_to_free_list(page, zone, order, migratetype);

	/* tell free page reporting, unless the caller is reporting itself */
	if (!(fpi_flags & FPI_SKIP_REPORT_NOTIFY))
		page_reporting_notify_free(order);
}

static void free_one_page(struct zone *zone,
			  struct page *page, unsigned long pfn,
			  unsigned int order,
			  int migratetype, fpi_t fpi_flags)
{
	spin_lock(&zone->lock);
	if (unlikely(has_isolate_pageblock(zone) ||
		     is_migrate_isolate(migratetype))) {
		migratetype = get_pfnblock_migratetype(page, pfn);
	}
	__free_one_page(page, pfn, zone, order, migratetype, fpi_flags);
	spin_unlock(&zone->lock);
}

static int free_tail_pages_check(struct page *head_page, struct page *page)
{
	/*
	 * Without CONFIG_DEBUG_VM nothing is checked: a debug kernel would
	 * check compound_mapcount, the TAIL_MAPPING poison, PageTail and
	 * compound_head here.  Both builds then forget the compound page.
	 */
	page->mapping = NULL;
	clear_compound_head(page);
	return 0;
}

static inline bool page_expected_state(struct page *page,
				       unsigned long check_flags)
{
	if (unlikely(atomic_read(&page->_mapcount) != -1))
		return false;

	if (unlikely((unsigned long)page->mapping |
		     page_ref_count(page) |
		     (unsigned long)page->mem_cgroup |
		     (page->flags & check_flags)))
		return false;

	return true;
}

static const char *page_bad_reason(struct page *page, unsigned long flags)
{
	const char *bad_reason = NULL;

	if (unlikely(atomic_read(&page->_mapcount) != -1))
		bad_reason = "nonzero mapcount";
	if (unlikely(page->mapping != NULL))
		bad_reason = "non-NULL mapping";
	if (unlikely(page_ref_count(page) != 0))
		bad_reason = "nonzero _refcount";
	if (unlikely(page->flags & flags)) {
		if (flags == PAGE_FLAGS_CHECK_AT_PREP)
			bad_reason = "PAGE_FLAGS_CHECK_AT_PREP flag(s) set";
		else
			bad_reason = "PAGE_FLAGS_CHECK_AT_FREE flag(s) set";
	}
	if (unlikely(page->mem_cgroup))
		bad_reason = "page still charged to cgroup";
	return bad_reason;
}

static unsigned long bad_page_resume;
static unsigned long bad_page_nr_shown;
static unsigned long bad_page_nr_unshown;

static void bad_page(struct page *page, const char *reason)
{
	/* a burst of 60 reports, then quiet until a minute after its first */
	if (bad_page_nr_shown == 60) {
		if (time_before(jiffies, bad_page_resume)) {
			bad_page_nr_unshown++;
			goto out;
		}
		if (bad_page_nr_unshown) {
			pr_alert("BUG: Bad page state: %lu messages suppressed\n",
				 bad_page_nr_unshown);
			bad_page_nr_unshown = 0;
		}
		bad_page_nr_shown = 0;
	}
	if (bad_page_nr_shown++ == 0)
		bad_page_resume = jiffies + 60 * HZ;

	pr_alert("BUG: Bad page state in process %s  pfn:%05lx\n",
		 current->comm, page_to_pfn(page));
	__dump_page(page, reason);
	dump_page_owner(page);

	print_modules();
	dump_stack();
out:
	if (PageBuddy(page))
		model_page_bad_while_free(page);	/* model: 5.10 leaves it on its list */
	/* keep the bad fields for debugging, but not PageBuddy */
	page_mapcount_reset(page);
	add_taint(TAINT_BAD_PAGE, LOCKDEP_NOW_UNRELIABLE);
}

/* model: a new machine starts with no reports shown */
void model_bad_page_reset(void)
{
	bad_page_resume = bad_page_nr_shown = bad_page_nr_unshown = 0;
}


static void check_free_page_bad(struct page *page)
{
	bad_page(page, page_bad_reason(page, PAGE_FLAGS_CHECK_AT_FREE));
}

static inline int check_free_page(struct page *page)
{
	if (likely(page_expected_state(page, PAGE_FLAGS_CHECK_AT_FREE)))
		return 0;

	/* something has gone wrong: say what */
	check_free_page_bad(page);
	return 1;
}

static __always_inline bool free_pages_prepare(struct page *page,
					       unsigned int order,
					       bool check_free)
{
	int bad = 0;

	VM_BUG_ON_PAGE(PageTail(page), page);

	trace_mm_page_free(page, order);

	if (unlikely(PageHWPoison(page)) && !order) {
		/* undo the memcg charge and the owner, and keep it off the lists */
		if (memcg_kmem_enabled() && PageKmemcg(page))
			__memcg_kmem_uncharge_page(page, order);
		model_page_leaked(page, order);	/* model: count the leak */
		reset_page_owner(page, order);
		return false;
	}
	if (unlikely(order)) {
		bool compound = PageCompound(page);
		int i;

		VM_BUG_ON_PAGE(compound && compound_order(page) != order, page);

		if (compound)
			ClearPageDoubleMap(page);
		for (i = 1; i < (1 << order); i++) {
			if (compound)
				bad += free_tail_pages_check(page, page + i);
			if (unlikely(check_free_page(page + i))) {
				bad++;
				continue;
			}
			(page + i)->flags &= ~PAGE_FLAGS_CHECK_AT_PREP;
		}
	}
	if (PageMappingFlags(page))
		page->mapping = NULL;
	if (memcg_kmem_enabled() && PageKmemcg(page))
		__memcg_kmem_uncharge_page(page, order);
	if (check_free)
		bad += check_free_page(page);
	if (bad) {
		model_page_leaked(page, order);	/* model: count the leak */
		return false;
	}
	if (model_free_would_corrupt(page, order))
		return false;		/* model: refused; no list or counter changes */

	page_cpupid_reset_last(page);
	page->flags &= ~PAGE_FLAGS_CHECK_AT_PREP;
	reset_page_owner(page, order);

	/* debug_check_no_locks_freed(), debug_check_no_obj_freed(): off */
	/* want_init_on_free(): off, so the pages are not zeroed */
	/* kernel_poison_pages(), arch_free_page(): off, and a no-op on x86 */
	/* debug_pagealloc_enabled_static(): off, so the pages stay mapped */
	/* kasan_free_nondeferred_pages(): KASAN is off */

	return true;
}

static void __free_pages_ok(struct page *page, unsigned int order,
			    fpi_t fpi_flags)
{
	unsigned long flags;
	int migratetype;
	unsigned long pfn = page_to_pfn(page);

	if (!free_pages_prepare(page, order, true))
		return;

	migratetype = get_pfnblock_migratetype(page, pfn);
	local_irq_save(flags);
	__count_vm_events(PGFREE, 1 << order);
	free_one_page(page_zone(page), page, pfn, order, migratetype,
		      fpi_flags);
	local_irq_restore(flags);
}

void __free_pages_core(struct page *page, unsigned int order)
{
	unsigned int nr_pages = 1 << order;
	struct page *p = page;

	for (unsigned int loop = 0; loop < nr_pages; loop++, p++) {
		__ClearPageReserved(p);
		set_page_count(p, 0);
	}

	atomic_long_add(nr_pages, &page_zone(page)->managed_pages);

	/* bypass the per-CPU lists, and put fresh pages at the tail */
	__free_pages_ok(page, order, FPI_TO_TAIL);
}

void memblock_free_pages(struct page *page, unsigned long pfn,
			 unsigned int order)
{
	set_page_owner(page, order, 0);		/* model: memblock's, until now */
	__free_pages_core(page, order);
}

static int zone_batchsize(struct zone *zone)
{
	int batch;

	/* about 1/1024 of the zone, but no more than 1 MiB */
	batch = zone_managed_pages(zone) / 1024;
	if (batch * PAGE_SIZE > 1024 * 1024)
		batch = (1024 * 1024) / PAGE_SIZE;
	batch /= 4;
	if (batch < 1)
		batch = 1;

	/*
	 * Clamp to 2^n - 1: batches of a power of two pages tend to map to
	 * the same cache colours again and again.
	 */
	batch = rounddown_pow_of_two(batch + batch / 2) - 1;

	return batch;
}

static void pageset_update(struct per_cpu_pages *pcp, unsigned long high,
			   unsigned long batch)
{
	pcp->batch = 1;		/* safe for any high while high changes */
	pcp->high = high;
	pcp->batch = batch;
}

static void pageset_set_batch(struct per_cpu_pageset *p, unsigned long batch)
{
	pageset_update(&p->pcp, 6 * batch, max(1UL, 1 * batch));
}

static void pageset_init(struct per_cpu_pageset *p)
{
	struct per_cpu_pages *pcp = &p->pcp;

	memset(p, 0, sizeof(*p));
	for (int migratetype = 0; migratetype < MIGRATE_PCPTYPES; migratetype++)
		INIT_LIST_HEAD(&pcp->lists[migratetype]);
}

static void zone_pageset_init(struct zone *zone, int cpu)
{
	struct per_cpu_pageset *pcp = per_cpu_ptr(zone->pageset, cpu);

	pageset_init(pcp);
	pageset_set_batch(pcp, zone_batchsize(zone));
}

void setup_per_cpu_pageset(void)
{
	struct zone *zone;
	int cpu;

	for_each_populated_zone(zone)
		for_each_online_cpu(cpu)
			zone_pageset_init(zone, cpu);
}

/* model only: page_is_buddy, callable from the tests */
bool model_page_is_buddy(struct page *page, struct page *buddy, unsigned int order)
{
	return page_is_buddy(page, buddy, order);
}

static inline int get_pcppage_migratetype(struct page *page)
{
	return page->index;
}

static inline void set_pcppage_migratetype(struct page *page, int migratetype)
{
	page->index = migratetype;
}

static bool free_pcp_prepare(struct page *page)
{
	if (debug_pagealloc_enabled_static())
		return free_pages_prepare(page, 0, true);
	else
		return free_pages_prepare(page, 0, false);
}

static bool bulkfree_pcp_prepare(struct page *page)
{
	return check_free_page(page);
}

static bool free_unref_page_prepare(struct page *page, unsigned long pfn)
{
	int migratetype;

	if (!free_pcp_prepare(page))
		return false;

	migratetype = get_pfnblock_migratetype(page, pfn);
	set_pcppage_migratetype(page, migratetype);
	return true;
}

static inline void prefetch_buddy(struct page *page)
{
	/* prefetch(page + (buddy_pfn - pfn)): a cache hint */
}

static void free_pcppages_bulk(struct zone *zone, int count,
			       struct per_cpu_pages *pcp)
{
	int migratetype = 0;
	int batch_free = 0;
	int prefetch_nr = 0;
	bool isolated_pageblocks;
	struct page *page, *tmp;
	LIST_HEAD(head);

	lockdep_assert_irqs_disabled();		/* model: the rule, checked */

	/* never more than the lists hold, or the search below never ends */
	count = min(pcp->count, count);
	while (count) {
		struct list_head *list;

		/*
		 * batch_free counts the lists visited, empty ones too, so that after
		 * skipping empty lists more pages come off the fuller one found.
		 */
		do {
			batch_free++;
			if (++migratetype == MIGRATE_PCPTYPES)
				migratetype = 0;
			list = &pcp->lists[migratetype];
		} while (list_empty(list));

		/* this is the only non-empty list: take everything from it */
		if (batch_free == MIGRATE_PCPTYPES)
			batch_free = count;
		do {
			page = list_last_entry(list, struct page, lru);
			/* unlink it now, or the per-CPU list would be corrupted */
			list_del(&page->lru);
			pcp->count--;

			if (bulkfree_pcp_prepare(page)) {
				model_free_page_leaked(page, 0);		/* model: count the leak */
				continue;
			}

			list_add_tail(&page->lru, &head);

			/*
			 * Warm the cache line of the page's buddy, which __free_one_page
			 * will read under the lock; only for the first batch of pages.
			 */
			if (prefetch_nr++ < pcp->batch)
				prefetch_buddy(page);
		} while (--count && --batch_free && !list_empty(list));
	}

	spin_lock(&zone->lock);
	isolated_pageblocks = has_isolate_pageblock(zone);

	/* the safe walk: __free_one_page relinks page->lru */
	list_for_each_entry_safe(page, tmp, &head, lru) {
		int mt = get_pcppage_migratetype(page);
		/* an isolated page never goes on a per-CPU list */
		VM_BUG_ON_PAGE(is_migrate_isolate(mt), page);
		/* but its pageblock may have been isolated since */
		if (unlikely(isolated_pageblocks))
			mt = get_pageblock_migratetype(page);

		__free_one_page(page, page_to_pfn(page), zone, 0, mt, FPI_NONE);
		trace_mm_page_pcpu_drain(page, 0, mt);
	}
	spin_unlock(&zone->lock);
}

static void free_unref_page_commit(struct page *page, unsigned long pfn)
{
	struct zone *zone = page_zone(page);
	struct per_cpu_pages *pcp;
	int migratetype;

	lockdep_assert_irqs_disabled();		/* model: the rule, checked */

	migratetype = get_pcppage_migratetype(page);
	__count_vm_event(PGFREE);

	if (migratetype >= MIGRATE_PCPTYPES) {
		if (unlikely(is_migrate_isolate(migratetype))) {
			free_one_page(zone, page, pfn, 0, migratetype, FPI_NONE);
			return;
		}
		migratetype = MIGRATE_MOVABLE;
	}

	pcp = &this_cpu_ptr(zone->pageset)->pcp;
	list_add(&page->lru, &pcp->lists[migratetype]);
	pcp->count++;
	if (pcp->count >= pcp->high) {
		unsigned long batch = READ_ONCE(pcp->batch);

		free_pcppages_bulk(zone, batch, pcp);
	}
}

void free_unref_page(struct page *page)
{
	unsigned long flags;
	unsigned long pfn = page_to_pfn(page);

	if (!free_unref_page_prepare(page, pfn))
		return;

	local_irq_save(flags);
	free_unref_page_commit(page, pfn);
	local_irq_restore(flags);
}

static inline void free_the_page(struct page *page, unsigned int order)
{
	if (order == 0)		/* via the per-CPU lists */
		free_unref_page(page);
	else
		__free_pages_ok(page, order, FPI_NONE);
}

void __free_pages(struct page *page, unsigned int order)
{
	if (put_page_testzero(page))
		free_the_page(page, order);
	else if (!PageHead(page))
		while (order-- > 0)
			free_the_page(page + (1 << order), order);
}

void free_pages(unsigned long addr, unsigned int order)
{
	if (addr != 0) {
		VM_BUG_ON(!virt_addr_valid((void *)addr));
		__free_pages(virt_to_page((void *)addr), order);
	}
}

void free_compound_page(struct page *page)
{
	mem_cgroup_uncharge(page);
	__free_pages_ok(page, compound_order(page), FPI_NONE);
}

void drain_zone_pages(struct zone *zone, struct per_cpu_pages *pcp)
{
	unsigned long flags;
	int to_drain, batch;

	local_irq_save(flags);
	batch = READ_ONCE(pcp->batch);
	to_drain = min(pcp->count, batch);
	if (to_drain > 0)
		free_pcppages_bulk(zone, to_drain, pcp);
	local_irq_restore(flags);
}

static void drain_pages_zone(unsigned int cpu, struct zone *zone)
{
	unsigned long flags;
	struct per_cpu_pageset *pset;
	struct per_cpu_pages *pcp;

	local_irq_save(flags);
	pset = per_cpu_ptr(zone->pageset, cpu);

	pcp = &pset->pcp;
	if (pcp->count)
		free_pcppages_bulk(zone, pcp->count, pcp);
	local_irq_restore(flags);
}

static void drain_pages(unsigned int cpu)
{
	struct zone *zone;

	for_each_populated_zone(zone)
		drain_pages_zone(cpu, zone);
}

void drain_local_pages(struct zone *zone)
{
	int cpu = smp_processor_id();

	if (zone)
		drain_pages_zone(cpu, zone);
	else
		drain_pages(cpu);
}

void drain_all_pages(struct zone *zone)
{
	int cpu;

	/*
	 * 5.10 queues drain_local_pages() on each CPU that has pages and
	 * waits; the model's CPUs take turns, so it drains each in place.
	 */
	for_each_online_cpu(cpu) {
		if (zone)
			drain_pages_zone(cpu, zone);
		else
			drain_pages(cpu);
	}
}

int sysctl_lowmem_reserve_ratio[MAX_NR_ZONES] = {
	[ZONE_DMA] = 256,
	[ZONE_DMA32] = 256,
	[ZONE_NORMAL] = 32,
	[ZONE_MOVABLE] = 0,
};

void setup_per_zone_lowmem_reserve(void)
{
	struct pglist_data *pgdat = NODE_DATA(0);
	enum zone_type j, idx;

	for (j = 0; j < MAX_NR_ZONES; j++) {
		struct zone *zone = pgdat->node_zones + j;
		unsigned long managed_pages = zone_managed_pages(zone);

		zone->lowmem_reserve[j] = 0;

		idx = j;
		while (idx) {
			struct zone *lower_zone;

			idx--;
			lower_zone = pgdat->node_zones + idx;

			if (!sysctl_lowmem_reserve_ratio[idx] ||
			    !zone_managed_pages(lower_zone)) {
				lower_zone->lowmem_reserve[j] = 0;
				continue;
			} else {
				lower_zone->lowmem_reserve[j] =
					managed_pages / sysctl_lowmem_reserve_ratio[idx];
			}
			managed_pages += zone_managed_pages(lower_zone);
		}
	}
}

/* model: the parts of this initcall that the free path's views show */
void init_per_zone_wmark_min(void)
{
	refresh_zone_stat_thresholds();
	setup_per_zone_lowmem_reserve();
}

static inline void expand(struct zone *zone, struct page *page,
			  int low, int high, int migratetype)
{
	unsigned long size = 1 << high;

	while (high > low) {
		high--;
		size >>= 1;
		add_to_free_list(&page[size], zone, high, migratetype);
		set_buddy_order(&page[size], high);
	}
}

static inline struct page *get_page_from_free_area(struct free_area *area,
						   int migratetype)
{
	struct list_head *list = &area->free_list[migratetype];

	return list_empty(list) ? NULL : list_first_entry(list, struct page, lru);
}

static __always_inline
struct page *__rmqueue_smallest(struct zone *zone, unsigned int order,
				int migratetype)
{
	unsigned int current_order;
	struct free_area *area;
	struct page *page;

	for (current_order = order; current_order < MAX_ORDER; ++current_order) {
		area = &zone->free_area[current_order];
		page = get_page_from_free_area(area, migratetype);
		if (!page)
			continue;
		del_page_from_free_list(page, zone, current_order);
		expand(zone, page, order, current_order, migratetype);
		set_pcppage_migratetype(page, migratetype);
		return page;
	}

	return NULL;
}

static const int fallbacks[MIGRATE_TYPES][3] = {
	[MIGRATE_UNMOVABLE]   = { MIGRATE_RECLAIMABLE, MIGRATE_MOVABLE,   MIGRATE_TYPES },
	[MIGRATE_MOVABLE]     = { MIGRATE_RECLAIMABLE, MIGRATE_UNMOVABLE, MIGRATE_TYPES },
	[MIGRATE_RECLAIMABLE] = { MIGRATE_UNMOVABLE,   MIGRATE_MOVABLE,   MIGRATE_TYPES },
	[MIGRATE_CMA]         = { MIGRATE_TYPES },	/* never used */
	[MIGRATE_ISOLATE]     = { MIGRATE_TYPES },	/* never used */
};

static bool can_steal_fallback(unsigned int order, int start_mt)
{
	if (order >= pageblock_order)
		return true;
	return order >= pageblock_order / 2 ||
	       start_mt == MIGRATE_RECLAIMABLE || start_mt == MIGRATE_UNMOVABLE ||
	       page_group_by_mobility_disabled;
}

static int find_suitable_fallback(struct free_area *area, unsigned int order,
				  int migratetype, bool *can_steal)
{
	*can_steal = false;
	if (area->nr_free == 0)
		return -1;
	for (int i = 0; fallbacks[migratetype][i] != MIGRATE_TYPES; i++) {
		int fallback_mt = fallbacks[migratetype][i];

		if (list_empty(&area->free_list[fallback_mt]))
			continue;
		*can_steal = can_steal_fallback(order, migratetype);
		return fallback_mt;
	}
	return -1;
}

static int move_freepages(struct zone *zone, struct page *start_page,
			  struct page *end_page, int migratetype,
			  int *num_movable)
{
	struct page *page;
	unsigned int order;
	int pages_moved = 0;

	for (page = start_page; page <= end_page;) {
		if (!PageBuddy(page)) {
			/* a page in use that could be migrated counts as movable */
			if (num_movable &&
			    (PageLRU(page) || __PageMovable(page)))
				(*num_movable)++;
			page++;
			continue;
		}
		order = buddy_order(page);
		move_to_free_list(page, zone, order, migratetype);
		page += 1 << order;
		pages_moved += 1 << order;
	}

	return pages_moved;
}

int move_freepages_block(struct zone *zone, struct page *page,
			 int migratetype, int *num_movable)
{
	unsigned long start_pfn, end_pfn;
	struct page *start_page, *end_page;

	if (num_movable)
		*num_movable = 0;

	start_pfn = page_to_pfn(page);
	start_pfn = start_pfn & ~(pageblock_nr_pages - 1);
	start_page = pfn_to_page(start_pfn);
	end_page = start_page + pageblock_nr_pages - 1;
	end_pfn = start_pfn + pageblock_nr_pages - 1;

	/* do not cross zone boundaries */
	if (!zone_spans_pfn(zone, start_pfn))
		start_page = page;
	if (!zone_spans_pfn(zone, end_pfn))
		return 0;

	return move_freepages(zone, start_page, end_page, migratetype,
			      num_movable);
}

static void change_pageblock_range(struct page *pageblock_page,
				   int start_order, int migratetype)
{
	int nr_pageblocks = 1 << (start_order - pageblock_order);

	while (nr_pageblocks--) {
		set_pageblock_migratetype(pageblock_page, migratetype);
		pageblock_page += pageblock_nr_pages;
	}
}

static void steal_suitable_fallback(struct zone *zone, struct page *page,
				    int start_type, bool whole_block)
{
	unsigned int current_order = buddy_order(page);
	int free_pages, movable_pages, alike_pages;
	int old_block_type = get_pageblock_migratetype(page);

	if (old_block_type == MIGRATE_HIGHATOMIC)
		goto single_page;

	/* a block of a pageblock or more: take all its pageblocks */
	if (current_order >= pageblock_order) {
		change_pageblock_range(page, current_order, start_type);
		goto single_page;
	}

	if (!whole_block)
		goto single_page;

	model_note_pageblock_sides(zone, page, false);	/* model */
	free_pages = move_freepages_block(zone, page, start_type, &movable_pages);
	if (start_type == MIGRATE_MOVABLE)
		alike_pages = movable_pages;
	else if (old_block_type == MIGRATE_MOVABLE)
		alike_pages = pageblock_nr_pages - (free_pages + movable_pages);
	else
		alike_pages = 0;

	if (!free_pages)
		goto single_page;

	/* claim the pageblock if half of it is free or alike */
	if (free_pages + alike_pages >= (1 << (pageblock_order - 1)) ||
	    page_group_by_mobility_disabled)
		set_pageblock_migratetype(page, start_type);
	return;

single_page:
	move_to_free_list(page, zone, current_order, start_type);
}

static bool __rmqueue_fallback(struct zone *zone, int order,
			       int start_migratetype, unsigned int alloc_flags)
{
	struct free_area *area;
	int current_order;
	int min_order = order;
	struct page *page;
	int fallback_mt;
	bool can_steal;

	/* to avoid mixing pageblocks, first steal only whole pageblocks */
	if (alloc_flags & ALLOC_NOFRAGMENT)
		min_order = pageblock_order;

	for (current_order = MAX_ORDER - 1; current_order >= min_order; --current_order) {
		area = &zone->free_area[current_order];
		fallback_mt = find_suitable_fallback(area, current_order,
						     start_migratetype, &can_steal);
		if (fallback_mt == -1)
			continue;
		/* a movable request that cannot steal takes the smallest block */
		if (!can_steal && start_migratetype == MIGRATE_MOVABLE &&
		    current_order > order)
			goto find_smallest;
		goto do_steal;
	}
	return false;

find_smallest:
	for (current_order = order; current_order < MAX_ORDER; current_order++) {
		area = &zone->free_area[current_order];
		fallback_mt = find_suitable_fallback(area, current_order,
						     start_migratetype, &can_steal);
		if (fallback_mt != -1)
			break;
	}

do_steal:
	page = get_page_from_free_area(area, fallback_mt);
	steal_suitable_fallback(zone, page, start_migratetype, can_steal);
	return true;
}

static struct page *__rmqueue(struct zone *zone, unsigned int order,
			      int migratetype, unsigned int alloc_flags)
{
	unsigned int turns = 0;		/* model: for the watchdog */
	struct page *page;

retry:
	page = __rmqueue_smallest(zone, order, migratetype);
	if (unlikely(!page)) {
		if (alloc_flags & ALLOC_CMA)
			page = __rmqueue_smallest(zone, order, MIGRATE_CMA);
		if (!page && __rmqueue_fallback(zone, order, migratetype, alloc_flags) &&
		    !model_spin(&turns))
			goto retry;
	}
	return page;
}

static void check_new_page_bad(struct page *page)
{
	if (unlikely(page->flags & __PG_HWPOISON)) {
		/* a poisoned page is dropped without a word */
		page_mapcount_reset(page);
		return;
	}
	bad_page(page, page_bad_reason(page, PAGE_FLAGS_CHECK_AT_PREP));
}

static inline int check_new_page(struct page *page)
{
	if (likely(page_expected_state(page, PAGE_FLAGS_CHECK_AT_PREP | __PG_HWPOISON)))
		return 0;
	check_new_page_bad(page);
	return 1;
}

static inline bool check_new_pages(struct page *page, unsigned int order)
{
	for (int i = 0; i < (1 << order); i++)
		if (unlikely(check_new_page(page + i)))
			return true;
	return false;
}

/* without DEBUG_VM: at the refill, not when the page leaves the list */
static inline bool check_pcp_refill(struct page *page)
{
	return check_new_page(page);
}

static inline bool check_new_pcp(struct page *page)
{
	return false;		/* checks only with debug_pagealloc on */
}

static void prep_compound_page(struct page *page, unsigned int order)
{
	int nr_pages = 1 << order;

	__SetPageHead(page);
	for (int i = 1; i < nr_pages; i++) {
		struct page *p = page + i;

		set_page_count(p, 0);
		p->mapping = TAIL_MAPPING;
		set_compound_head(p, page);
	}
	page[1].compound_dtor = COMPOUND_PAGE_DTOR;
	page[1].compound_order = order;
	page[1].compound_nr = 1U << order;
	atomic_set(&page[1].compound_mapcount, -1);
	if (order > 1)
		atomic_set(&page[2].hpage_pinned_refcount, 0);
}

static void prep_new_page(struct page *page, unsigned int order, gfp_t gfp_flags,
			  unsigned int alloc_flags)
{
	set_page_private(page, 0);
	set_page_count(page, 1);		/* set_page_refcounted */
	set_page_owner(page, order, gfp_flags);

	if (order && (gfp_flags & __GFP_COMP))
		prep_compound_page(page, order);

	/* a page allocated below the watermarks is marked for the caller */
	if (alloc_flags & ALLOC_NO_WATERMARKS)
		set_page_pfmemalloc(page);
	else
		clear_page_pfmemalloc(page);
}

static int rmqueue_bulk(struct zone *zone, unsigned int order,
			unsigned long count, struct list_head *list,
			int migratetype, unsigned int alloc_flags)
{
	int i, alloced = 0;

	spin_lock(&zone->lock);
	for (i = 0; i < (int)count; ++i) {
		struct page *page = __rmqueue(zone, order, migratetype, alloc_flags);

		if (unlikely(page == NULL))
			break;
		if (unlikely(check_pcp_refill(page))) {
			model_free_page_leaked(page, 0);	/* model: count the leak */
			continue;
		}
		list_add_tail(&page->lru, list);
		alloced++;
		if (is_migrate_cma(get_pcppage_migratetype(page)))
			__mod_zone_page_state(zone, NR_FREE_CMA_PAGES, -(1 << order));
	}
	__mod_zone_page_state(zone, NR_FREE_PAGES, -(i << order));
	spin_unlock(&zone->lock);
	return alloced;
}

static struct page *__rmqueue_pcplist(struct zone *zone, int migratetype,
				      unsigned int alloc_flags,
				      struct per_cpu_pages *pcp,
				      struct list_head *list)
{
	struct page *page;

	lockdep_assert_irqs_disabled();		/* model: the rule, checked */
	do {
		if (list_empty(list)) {
			pcp->count += rmqueue_bulk(zone, 0, pcp->batch, list,
						   migratetype, alloc_flags);
			if (unlikely(list_empty(list)))
				return NULL;
		}

		page = list_first_entry(list, struct page, lru);
		list_del(&page->lru);
		pcp->count--;
	} while (check_new_pcp(page));

	return page;
}

static struct page *rmqueue(struct zone *zone, unsigned int order,
			    gfp_t gfp_flags, unsigned int alloc_flags,
			    int migratetype)
{
	unsigned long flags;
	struct page *page;

	if (likely(order == 0) &&
	    ((alloc_flags & ALLOC_CMA) || migratetype != MIGRATE_MOVABLE)) {
		struct per_cpu_pages *pcp;

		local_irq_save(flags);
		pcp = &this_cpu_ptr(zone->pageset)->pcp;
		page = __rmqueue_pcplist(zone, migratetype, alloc_flags, pcp,
					 &pcp->lists[migratetype]);
		if (page)
			__count_vm_events(PGALLOC_DMA + page_zonenum(page), 1);
		local_irq_restore(flags);
		return page;
	}

	spin_lock_irqsave(&zone->lock, flags);
	do {
		page = __rmqueue(zone, order, migratetype, alloc_flags);
		if (page && check_new_pages(page, order)) {
			/* model: count the leak; 5.10 leaves it in NR_FREE_PAGES */
			model_free_page_leaked(page, order);
			model_free_pages_drift(zone, 1L << order);
			continue;
		}
		break;
	} while (1);
	spin_unlock(&zone->lock);
	if (page) {
		__mod_zone_freepage_state(zone, -(1 << order),
					  get_pcppage_migratetype(page));
		__count_vm_events(PGALLOC_DMA + page_zonenum(page), 1 << order);
	}
	local_irq_restore(flags);
	return page;
}

static int gfp_zone_highest(gfp_t gfp)
{
	if (gfp & __GFP_DMA)
		return ZONE_DMA;
	if (gfp & __GFP_DMA32)
		return ZONE_DMA32;
	return ZONE_NORMAL;		/* ZONE_MOVABLE is empty in the model */
}

static struct page *get_page_from_freelist(gfp_t gfp_mask, unsigned int order,
					   unsigned int alloc_flags)
{
	struct pglist_data *pgdat = NODE_DATA(0);
	int migratetype = gfp_migratetype(gfp_mask);

	for (int z = gfp_zone_highest(gfp_mask); z >= 0; z--) {
		struct zone *zone = &pgdat->node_zones[z];
		struct page *page;

		if (!populated_zone(zone))
			continue;
		page = rmqueue(zone, order, gfp_mask, alloc_flags, migratetype);
		if (page) {
			prep_new_page(page, order, gfp_mask, alloc_flags);
			return page;
		}
	}
	return NULL;
}

struct page *alloc_pages(gfp_t gfp_mask, unsigned int order)
{
	unsigned int alloc_flags = 0;
	struct zone *preferred;
	struct page *page;

	if (order >= MAX_ORDER)
		return NULL;
	if (gfp_migratetype(gfp_mask) == MIGRATE_MOVABLE)
		alloc_flags |= ALLOC_CMA;
	preferred = &NODE_DATA(0)->node_zones[gfp_zone_highest(gfp_mask)];
	if (zone_idx(preferred) == ZONE_NORMAL && populated_zone(preferred)) {
		page = get_page_from_freelist(gfp_mask, order, alloc_flags | ALLOC_NOFRAGMENT);
		if (page)
			return page;
	}
	return get_page_from_freelist(gfp_mask, order, alloc_flags);
}

static void break_down_buddy_pages(struct zone *zone, struct page *page,
				   struct page *target, int low, int high,
				   int migratetype)
{
	unsigned long size = 1 << high;
	struct page *current_buddy, *next_page;

	while (high > low) {
		high--;
		size >>= 1;

		if (target >= &page[size]) {
			next_page = page + size;
			current_buddy = page;
		} else {
			next_page = page;
			current_buddy = page + size;
		}

		if (current_buddy != target) {
			add_to_free_list(current_buddy, zone, high, migratetype);
			set_buddy_order(current_buddy, high);
			page = next_page;
		}
	}
}

bool take_page_off_buddy(struct page *page)
{
	struct zone *zone = page_zone(page);
	unsigned long pfn = page_to_pfn(page);
	unsigned long flags;
	unsigned int order;
	bool ret = false;

	spin_lock_irqsave(&zone->lock, flags);
	for (order = 0; order < MAX_ORDER; order++) {
		struct page *page_head = page - (pfn & ((1 << order) - 1));
		unsigned int page_order = buddy_order(page_head);

		if (PageBuddy(page_head) && page_order >= order) {
			unsigned long pfn_head = page_to_pfn(page_head);
			int migratetype = get_pfnblock_migratetype(page_head,
								   pfn_head);

			model_note_list_side(zone, pfn_head, page_order,	/* model */
					   is_migrate_isolate(migratetype));
			del_page_from_free_list(page_head, zone, page_order);
			break_down_buddy_pages(zone, page_head, page, 0,
					       page_order, migratetype);
			/* model: 5.10 leaves the page in NR_FREE_PAGES; record it */
			if (!is_migrate_isolate(migratetype))
				model_free_pages_drift(zone, 1);
			model_free_page_leaked(page, 0);	/* model: out of use for good */
			ret = true;
			break;
		}
		if (page_count(page_head) > 0)
			break;
	}
	spin_unlock_irqrestore(&zone->lock, flags);
	return ret;
}

struct page *model_take_block(unsigned long pfn, unsigned int order, gfp_t gfp)
{
	struct page *page = pfn_to_page(pfn);
	struct zone *zone = page_zone(page);
	unsigned long flags;
	struct page *taken = NULL;

	if (order >= MAX_ORDER || pfn + (1UL << order) > max_pfn ||
	    (pfn & ((1UL << order) - 1)))
		return NULL;
	spin_lock_irqsave(&zone->lock, flags);
	for (unsigned int o = order; o < MAX_ORDER; o++) {
		unsigned long head_pfn = pfn & ~((1UL << o) - 1);
		struct page *head = pfn_to_page(head_pfn);

		if (PageBuddy(head) && buddy_order(head) == o) {
			int mt = get_pfnblock_migratetype(head, head_pfn);

			model_note_list_side(zone, head_pfn, o, is_migrate_isolate(mt));
			del_page_from_free_list(head, zone, o);
			break_down_buddy_pages(zone, head, page, order, o, mt);
			/* as 5.10.43's take_page_off_buddy, not v5.10's */
			if (!is_migrate_isolate(mt))
				__mod_zone_freepage_state(zone, -(1 << order), mt);
			taken = page;
			break;
		}
	}
	spin_unlock_irqrestore(&zone->lock, flags);
	if (taken)
		prep_new_page(taken, order, gfp, 0);
	return taken;
}

int __isolate_free_page(struct page *page, unsigned int order)
{
	struct zone *zone = page_zone(page);
	int mt = get_pageblock_migratetype(page);

	/* model: no watermark check; the only caller's pageblock is isolated */
	if (!is_migrate_isolate(mt))
		__mod_zone_freepage_state(zone, -(1UL << order), mt);
	model_note_list_side(zone, page_to_pfn(page), order, is_migrate_isolate(mt));	/* model */
	del_page_from_free_list(page, zone, order);

	/* half a pageblock or more: its pageblocks become movable */
	if (order >= pageblock_order - 1) {
		struct page *endpage = page + (1 << order) - 1;

		for (; page < endpage; page += pageblock_nr_pages) {
			int mt = get_pageblock_migratetype(page);

			if (!is_migrate_isolate(mt) && !is_migrate_cma(mt) &&
			    !is_migrate_highatomic(mt))
				set_pageblock_migratetype(page, MIGRATE_MOVABLE);
		}
	}
	return 1UL << order;
}

void __putback_isolated_page(struct page *page, unsigned int order, int mt)
{
	struct zone *zone = page_zone(page);

	lockdep_assert_held(&zone->lock);
	__free_one_page(page, page_to_pfn(page), zone, order, mt,
			FPI_SKIP_REPORT_NOTIFY | FPI_TO_TAIL);
}

void model_set_pageblock_type(struct page *page, int migratetype)
{
	struct zone *zone = page_zone(page);
	unsigned long flags;
	int old, moved;

	spin_lock_irqsave(&zone->lock, flags);
	old = get_pageblock_migratetype(page);
	set_pageblock_migratetype(page, migratetype);
	model_note_pageblock_sides(zone, page, false);	/* model */
	moved = move_freepages_block(zone, page, migratetype, NULL);
	if (is_migrate_cma(old))
		__mod_zone_page_state(zone, NR_FREE_CMA_PAGES, -moved);
	if (is_migrate_cma(migratetype))
		__mod_zone_page_state(zone, NR_FREE_CMA_PAGES, moved);
	spin_unlock_irqrestore(&zone->lock, flags);
}
