#include <linux/mmzone.h>

struct pglist_data *node_data[MAX_NUMNODES];
