// SPDX-License-Identifier: GPL-2.0
/* model only: what the free path costs, counted */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <linux/compiler.h>

#define LINE_SHIFT	6	/* a 64-byte cache line: one struct page */

struct model_cost model_cost;
unsigned char *model_cost_seen;
static uintptr_t memmap_start;
static size_t memmap_lines;

/* count from now on, the lines of this memmap among them */
bool model_cost_start(const void *memmap, size_t bytes)
{
	model_cost_stop();
	memmap_start = (uintptr_t)memmap;
	memmap_lines = bytes >> LINE_SHIFT;
	model_cost_seen = calloc((memmap_lines + 7) / 8, 1);
	return model_cost_seen != NULL;
}

void model_cost_stop(void)
{
	free(model_cost_seen);
	model_cost_seen = NULL;
	memmap_lines = 0;
	memset(&model_cost, 0, sizeof(model_cost));
}

/* every counter to zero, and every line not yet touched */
void model_cost_reset(void)
{
	memset(&model_cost, 0, sizeof(model_cost));
	if (model_cost_seen)
		memset(model_cost_seen, 0, (memmap_lines + 7) / 8);
}

void model_cost_touch_line(const void *p)
{
	size_t line = ((uintptr_t)p - memmap_start) >> LINE_SHIFT;

	if (line >= memmap_lines || model_cost_seen[line / 8] & 1 << line % 8)
		return;		/* not in the memmap, or counted already */
	model_cost_seen[line / 8] |= 1 << line % 8;
	model_cost.lines++;
}

void model_cost_count_list(const void *entry, const void *prev, const void *next)
{
	model_cost.list_ops++;
	model_cost_touch_line(entry);
	model_cost_touch_line(prev);
	model_cost_touch_line(next);
}
