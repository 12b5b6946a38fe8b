// SPDX-License-Identifier: GPL-2.0
/* stand-in for the node data of x86 NUMA, one node */
#include <linux/mmzone.h>

struct pglist_data *node_data[MAX_NUMNODES];
