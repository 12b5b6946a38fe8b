// SPDX-License-Identifier: GPL-2.0
/* harness: named pages on a per-CPU list, for the examples and the tests */
#include <stdio.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include "mm/internal.h"
#include "sim/fill.h"

static struct {
	unsigned long pfn;
	char name[12];
} names[64];
static int nr_names;

static void name(unsigned long pfn, const char *prefix, int i)
{
	int n = 0;

	while (n < nr_names && names[n].pfn != pfn)
		n++;
	if (n == (int)ARRAY_SIZE(names))
		return;
	if (n == nr_names)
		nr_names++;
	names[n].pfn = pfn;
	snprintf(names[n].name, sizeof(names[n].name), "%s%d", prefix, i);
}

bool sim_fill_pcp(const char *prefix, int n, int mt, unsigned long pfn,
		  unsigned long stride)
{
	set_pageblock_migratetype(pfn_to_page(pfn), mt);
	for (int i = n; i >= 1; i--) {
		struct page *page = model_take_block(pfn + i * stride, 0, 0);

		if (!page)
			return false;
		name(pfn + i * stride, prefix, i);
		__free_pages(page, 0);
	}
	return true;
}

const char *sim_fill_name(const struct page *page)
{
	for (int n = 0; n < nr_names; n++)
		if (names[n].pfn == page_to_pfn(page))
			return names[n].name;
	return "?";
}
