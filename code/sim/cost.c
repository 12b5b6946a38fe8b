// SPDX-License-Identifier: GPL-2.0
/* harness: the free path's cost counters, turned on and printed */
#include <linux/compiler.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include "sim/show.h"

bool sim_cost_on(void)
{
	return model_cost_start(vmemmap, ALIGN(max_pfn, PAGES_PER_SECTION) * sizeof(struct page));
}

void sim_cost_off(void)
{
	model_cost_stop();
}

void show_cost(FILE *out)
{
	fprintf(out, "cost locks=%lu irqs=%lu list_ops=%lu lines=%lu\n", model_cost.locks,
		model_cost.irqs, model_cost.list_ops, model_cost.lines);
	model_cost_reset();
}
