// SPDX-License-Identifier: GPL-2.0
/* harness: named pages on a per-CPU list, for the examples and the tests */
#ifndef SIM_FILL_H
#define SIM_FILL_H

#include <linux/mm_types.h>

/*
 * Free n order-0 pages of the pageblock at pfn, given the type mt, onto
 * this CPU's list: page i is pfn + i * stride, named prefix and i ("u1"),
 * freed from n down to 1 so that page 1 is at the head.  False if one of
 * them was not free to take.
 */
bool sim_fill_pcp(const char *prefix, int n, int mt, unsigned long pfn,
		  unsigned long stride);
/* the name sim_fill_pcp gave the page, or "?" */
const char *sim_fill_name(const struct page *page);

#endif /* SIM_FILL_H */
