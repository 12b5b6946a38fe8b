#ifndef _TRACE_KMEM_H
#define _TRACE_KMEM_H

#include <stdio.h>
#include <linux/mm_types.h>

extern bool model_trace_on;
extern FILE *model_trace_out;

typedef void (*mm_page_probe_t)(struct page *page, unsigned int order, int migratetype);

void trace_mm_page_free(struct page *page, unsigned int order);
void trace_mm_page_pcpu_drain(struct page *page, unsigned int order, int migratetype);
void register_trace_mm_page_free(mm_page_probe_t probe);
void unregister_trace_mm_page_free(mm_page_probe_t probe);
void register_trace_mm_page_pcpu_drain(mm_page_probe_t probe);
void unregister_trace_mm_page_pcpu_drain(mm_page_probe_t probe);

#endif /* _TRACE_KMEM_H */
