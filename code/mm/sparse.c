// SPDX-License-Identifier: GPL-2.0
/* stand-in for the section table; vmemmap is a host array */
#include <linux/mmzone.h>

struct mem_section *mem_section;
struct page *vmemmap;		/* model: 5.10's is the constant VMEMMAP_START */
