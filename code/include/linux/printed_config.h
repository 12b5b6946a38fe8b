/* SPDX-License-Identifier: GPL-2.0 */
/* stand-in for what the kernel configuration changes in printed output */
#ifndef _LINUX_PRINTED_CONFIG_H
#define _LINUX_PRINTED_CONFIG_H

#include <linux/mmzone.h>

struct printed_config {
	const char *name;
	int nodes_shift;	/* CONFIG_NODES_SHIFT */
	int zones_shift;	/* 2; 3 with CONFIG_ZONE_DEVICE */
	int nr_cpus_bits;	/* log2 of CONFIG_NR_CPUS */
	int nr_pageflags;	/* 27; 25 without CONFIG_IDLE_PAGE_TRACKING */
	bool zone_device;	/* CONFIG_ZONE_DEVICE: a fifth, empty zone */
	bool cma;		/* CONFIG_CMA: a CMA migratetype */
};

extern const struct printed_config printed_configs[];
extern const struct printed_config *printed_config;

const struct printed_config *find_printed_config(const char *name);
unsigned long printed_page_flags(unsigned long flags);
bool printed_migratetype_exists(int migratetype);
int printed_migratetype(int migratetype);
int printed_nr_zones(void);
long printed_lowmem_reserve(struct zone *zone, int j);
struct zone *printed_device_zone(void);

#endif /* _LINUX_PRINTED_CONFIG_H */
