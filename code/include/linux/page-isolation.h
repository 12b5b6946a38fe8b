/* SPDX-License-Identifier: GPL-2.0 */
/* 5.10 logic */
#ifndef __LINUX_PAGEISOLATION_H
#define __LINUX_PAGEISOLATION_H

#include <linux/mmzone.h>

static inline bool has_isolate_pageblock(struct zone *zone)
{
	return zone->nr_isolate_pageblock;
}

static inline bool is_migrate_isolate_page(struct page *page)
{
	return get_pageblock_migratetype(page) == MIGRATE_ISOLATE;
}

static inline bool is_migrate_isolate(int migratetype)
{
	return migratetype == MIGRATE_ISOLATE;
}

int move_freepages_block(struct zone *zone, struct page *page,
			 int migratetype, int *num_movable);
int set_migratetype_isolate(struct page *page);
void unset_migratetype_isolate(struct page *page, unsigned migratetype);

#endif /* __LINUX_PAGEISOLATION_H */
