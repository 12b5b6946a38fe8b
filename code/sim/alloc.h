#ifndef SIM_ALLOC_H
#define SIM_ALLOC_H

#include <linux/gfp.h>

/*
 * take the block at pfn off the free lists as if allocated, and out of
 * NR_FREE_PAGES; NULL if it is not free
 */
struct page *model_take_block(unsigned long pfn, unsigned int order, gfp_t gfp);

#endif /* SIM_ALLOC_H */
