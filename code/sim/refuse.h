#ifndef SIM_REFUSE_H
#define SIM_REFUSE_H
/* Model only: the refusal of a free that would corrupt the free lists. */
#include <linux/page_ext.h>

extern unsigned long sim_nr_refused;	/* frees refused */
bool sim_free_block_would_corrupt(struct page *page, unsigned int order);

static inline bool sim_free_would_corrupt(struct page *page, unsigned int order)
{
	if (likely(order == 0) && likely(lookup_page_ext(page)->flags == PAGE_EXT_ALLOCATED))
		return false;		/* the usual order-0 free */
	return sim_free_block_would_corrupt(page, order);
}

#endif /* SIM_REFUSE_H */
