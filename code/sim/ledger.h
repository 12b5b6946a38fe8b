/* SPDX-License-Identifier: GPL-2.0 */
/* harness: who owns each page, and 5.10's drift of NR_FREE_PAGES */
#ifndef SIM_LEDGER_H
#define SIM_LEDGER_H

#include <linux/mmzone.h>

/* pages counted in NR_FREE_PAGES that 5.10 lost track of, per zone */
extern unsigned long sim_free_pages_drift[MAX_NR_ZONES];

void sim_ledger_init(void);
bool sim_free_block_would_corrupt(struct page *page, unsigned int order);

#endif /* SIM_LEDGER_H */
