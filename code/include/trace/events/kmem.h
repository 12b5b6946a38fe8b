#ifndef _TRACE_KMEM_H
#define _TRACE_KMEM_H

#include <stdio.h>
#include <linux/mm_types.h>

extern bool sim_trace_on;		/* the trace output, as ftrace's */
extern bool sim_trace_probed;		/* a probe is registered */
extern FILE *sim_trace_out;

typedef void (*mm_page_probe_t)(struct page *page, unsigned int order, int migratetype);

void __trace_mm_page_free(struct page *page, unsigned int order);
void __trace_mm_page_pcpu_drain(struct page *page, unsigned int order, int migratetype);

/* is anyone tracing: tested inline, as 5.10's static keys are */
static inline void trace_mm_page_free(struct page *page, unsigned int order)
{
	if (__builtin_expect(sim_trace_on || sim_trace_probed, 0))
		__trace_mm_page_free(page, order);
}

static inline void trace_mm_page_pcpu_drain(struct page *page, unsigned int order,
					    int migratetype)
{
	if (__builtin_expect(sim_trace_on || sim_trace_probed, 0))
		__trace_mm_page_pcpu_drain(page, order, migratetype);
}

void register_trace_mm_page_free(mm_page_probe_t probe);
void unregister_trace_mm_page_free(mm_page_probe_t probe);
void register_trace_mm_page_pcpu_drain(mm_page_probe_t probe);
void unregister_trace_mm_page_pcpu_drain(mm_page_probe_t probe);

#endif /* _TRACE_KMEM_H */
