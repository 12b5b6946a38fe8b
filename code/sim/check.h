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

#endif /* SIM_CHECK_H */
