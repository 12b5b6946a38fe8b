// SPDX-License-Identifier: GPL-2.0
/* 5.10 logic */
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/page-isolation.h>
#include <linux/page_ext.h>
#include <linux/vmstat.h>
#include "internal.h"

int set_migratetype_isolate(struct page *page)
{
	struct zone *zone = page_zone(page);
	unsigned long flags, nr_pages;
	int mt;

	spin_lock_irqsave(&zone->lock, flags);
	if (is_migrate_isolate_page(page)) {
		spin_unlock_irqrestore(&zone->lock, flags);
		return -16;		/* -EBUSY: already isolated */
	}
	mt = get_pageblock_migratetype(page);
	set_pageblock_migratetype(page, MIGRATE_ISOLATE);
	zone->nr_isolate_pageblock++;
	model_note_pageblock_sides(zone, page, false);	/* model */
	nr_pages = move_freepages_block(zone, page, MIGRATE_ISOLATE, NULL);
	__mod_zone_freepage_state(zone, -(long)nr_pages, mt);
	spin_unlock_irqrestore(&zone->lock, flags);
	drain_all_pages(zone);
	return 0;
}

void unset_migratetype_isolate(struct page *page, unsigned migratetype)
{
	struct zone *zone = page_zone(page);
	unsigned long flags, nr_pages;
	bool isolated_page = false;
	unsigned int order = 0;

	spin_lock_irqsave(&zone->lock, flags);
	if (!is_migrate_isolate_page(page))
		goto out;

	/* a large free block may have a free buddy it could not merge with */
	if (PageBuddy(page)) {
		order = buddy_order(page);
		if (order >= pageblock_order) {
			unsigned long pfn = page_to_pfn(page);
			unsigned long buddy_pfn = __find_buddy_pfn(pfn, order);
			struct page *buddy = page + ((long)buddy_pfn - (long)pfn);

			if (!is_migrate_isolate_page(buddy)) {
				__isolate_free_page(page, order);
				isolated_page = true;
			}
		}
	}

	if (!isolated_page) {
		model_note_pageblock_sides(zone, page, true);	/* model */
		nr_pages = move_freepages_block(zone, page, migratetype, NULL);
		__mod_zone_freepage_state(zone, nr_pages, migratetype);
	}
	set_pageblock_migratetype(page, migratetype);
	if (isolated_page)
		__putback_isolated_page(page, order, migratetype);
	zone->nr_isolate_pageblock--;
out:
	spin_unlock_irqrestore(&zone->lock, flags);
}
