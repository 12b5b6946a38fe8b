// SPDX-License-Identifier: GPL-2.0
/* stand-in for the file that creates the kmem tracepoints; no slab allocator */
/* the slab allocator is not modelled: only its tracepoints are here */
#define CREATE_TRACE_POINTS
#include <trace/events/kmem.h>
