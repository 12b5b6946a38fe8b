/* SPDX-License-Identifier: GPL-2.0 */
/* harness: the machine's state, printed as /proc prints it */
#ifndef SIM_SHOW_H
#define SIM_SHOW_H

#include <stdio.h>

void show_buddyinfo(FILE *out);
void show_pagetypeinfo(FILE *out);
void show_zoneinfo(FILE *out);
void show_freelist(FILE *out);
void show_pcp(FILE *out);
void show_pcp_counts(FILE *out);
void show_cost(FILE *out);		/* chapter 12 */
bool sim_cost_on(void);
void sim_cost_off(void);
void show_free_blocks(FILE *out, unsigned long start_pfn, unsigned long end_pfn);
void show_free_blocks_in(FILE *out, int nr_ranges, const unsigned long *start_pfn,
			 const unsigned long *end_pfn);
void show_pageblocks_in(FILE *out, int nr_ranges, const unsigned long *start_pfn,
			const unsigned long *end_pfn);

#endif /* SIM_SHOW_H */
