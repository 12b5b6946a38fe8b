/* SPDX-License-Identifier: GPL-2.0 */
/* harness: the invariants of the whole machine */
#ifndef SIM_CHECK_H
#define SIM_CHECK_H

#include <stdio.h>

/* where every managed page is */
struct sim_census {
	unsigned long managed, buddy, pcp, allocated, leaked;
};

int sim_check(FILE *out);			/* number of violations */
void sim_census(struct sim_census *c);
/* free blocks on the lists without PageBuddy; *first: the first one's pfn */
unsigned long sim_free_blocks_without_pagebuddy(unsigned long *first);

#endif /* SIM_CHECK_H */
