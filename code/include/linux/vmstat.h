/* SPDX-License-Identifier: GPL-2.0 */
/* 5.10 logic */
#ifndef _LINUX_VMSTAT_H
#define _LINUX_VMSTAT_H

#include <linux/mmzone.h>
#include <linux/percpu.h>

enum vm_event_item {
	PGALLOC_DMA,
	PGALLOC_DMA32,
	PGALLOC_NORMAL,
	PGALLOC_MOVABLE,
	PGFREE,
	NR_VM_EVENT_ITEMS
};

/* model: a cache line per CPU, as each CPU's lies in its own per-CPU area */
struct vm_event_state {
	unsigned long event[NR_VM_EVENT_ITEMS];
} __attribute__((aligned(64)));
extern struct vm_event_state vm_event_states[NR_CPUS];

static inline void __count_vm_events(enum vm_event_item item, long delta)
{
	vm_event_states[smp_processor_id()].event[item] += delta;
}

static inline void __count_vm_event(enum vm_event_item item)
{
	__count_vm_events(item, 1);
}

/* the sum over all CPUs, as /proc/vmstat prints it */
static inline unsigned long all_vm_events(enum vm_event_item item)
{
	unsigned long sum = 0;

	for (int cpu = 0; cpu < NR_CPUS; cpu++)
		sum += vm_event_states[cpu].event[item];
	return sum;
}

static inline unsigned long zone_page_state(struct zone *zone,
					    enum zone_stat_item item)
{
	long x = atomic_long_read(&zone->vm_stat[item]);

	return x < 0 ? 0 : (unsigned long)x;
}

static inline void __mod_zone_page_state(struct zone *zone,
					 enum zone_stat_item item, long delta)
{
	atomic_long_add(delta, &zone->vm_stat[item]);
}

static inline void __mod_zone_freepage_state(struct zone *zone, int nr_pages,
					     int migratetype)
{
	__mod_zone_page_state(zone, NR_FREE_PAGES, nr_pages);
	if (is_migrate_cma(migratetype))
		__mod_zone_page_state(zone, NR_FREE_CMA_PAGES, nr_pages);
}

void refresh_zone_stat_thresholds(void);

#endif /* _LINUX_VMSTAT_H */
