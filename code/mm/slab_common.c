/* the slab allocator is not modelled: only its tracepoints are here */
#define CREATE_TRACE_POINTS
#include <trace/events/kmem.h>
