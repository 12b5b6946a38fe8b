// SPDX-License-Identifier: GPL-2.0
/* harness: the free path's cost counters, printed */
#include <linux/compiler.h>
#include "sim/show.h"

void show_cost(FILE *out)
{
	fprintf(out, "cost locks=%lu irqs=%lu list_ops=%lu lines=%lu\n", model_cost.locks,
		model_cost.irqs, model_cost.list_ops, model_cost.lines);
	model_cost_reset();
}
