/* SPDX-License-Identifier: GPL-2.0 */
/* stand-in for the two kmem trace events of the free path */
#ifndef _TRACE_KMEM_H
#define _TRACE_KMEM_H

#include <stdio.h>
#include <linux/mm_types.h>

extern bool model_trace_on;		/* the trace output, as ftrace's */
extern bool model_trace_probed;		/* a probe is registered */
extern FILE *model_trace_out;

typedef void (*mm_page_probe_t)(struct page *page, unsigned int order, int migratetype);

void __trace_mm_page_free(struct page *page, unsigned int order);
void __trace_mm_page_pcpu_drain(struct page *page, unsigned int order, int migratetype);

/* is anyone tracing: tested inline, as 5.10's static keys are */
static inline void trace_mm_page_free(struct page *page, unsigned int order)
{
	if (__builtin_expect(model_trace_on || model_trace_probed, 0))
		__trace_mm_page_free(page, order);
}

static inline void trace_mm_page_pcpu_drain(struct page *page, unsigned int order,
					    int migratetype)
{
	if (__builtin_expect(model_trace_on || model_trace_probed, 0))
		__trace_mm_page_pcpu_drain(page, order, migratetype);
}

void register_trace_mm_page_free(mm_page_probe_t probe);
void unregister_trace_mm_page_free(mm_page_probe_t probe);
void register_trace_mm_page_pcpu_drain(mm_page_probe_t probe);
void unregister_trace_mm_page_pcpu_drain(mm_page_probe_t probe);

#ifdef CREATE_TRACE_POINTS
/* Shim: the two kmem tracepoints of the free path, and one probe each. */
#include <linux/mm.h>
#include <linux/percpu.h>
#include <linux/printed_config.h>
#include <linux/sched.h>

bool model_trace_on;
bool model_trace_probed;
FILE *model_trace_out;
static mm_page_probe_t free_probe, drain_probe;

static void trace_prefix(void)
{
	fprintf(model_trace_out ? model_trace_out : stdout, "%16s-%-7d [%03d] ",
		current->comm, current->pid, smp_processor_id());
}

void __trace_mm_page_free(struct page *page, unsigned int order)
{
	if (free_probe)
		free_probe(page, order, -1);
	if (!model_trace_on)
		return;
	trace_prefix();
	fprintf(model_trace_out ? model_trace_out : stdout,
		"mm_page_free: page=%016lx pfn=%lu order=%d\n",
		model_kaddr(page), page_to_pfn(page), order);
}

void __trace_mm_page_pcpu_drain(struct page *page, unsigned int order, int migratetype)
{
	if (drain_probe)
		drain_probe(page, order, migratetype);
	if (!model_trace_on)
		return;
	trace_prefix();
	fprintf(model_trace_out ? model_trace_out : stdout,
		"mm_page_pcpu_drain: page=%016lx pfn=%lu order=%d migratetype=%d\n",
		model_kaddr(page), page_to_pfn(page), order, printed_migratetype(migratetype));
}

static void probes_changed(void)
{
	model_trace_probed = free_probe || drain_probe;
}

void register_trace_mm_page_free(mm_page_probe_t probe) { free_probe = probe; probes_changed(); }
void unregister_trace_mm_page_free(mm_page_probe_t probe) { free_probe = NULL; probes_changed(); }
void register_trace_mm_page_pcpu_drain(mm_page_probe_t probe) { drain_probe = probe; probes_changed(); }
void unregister_trace_mm_page_pcpu_drain(mm_page_probe_t probe) { drain_probe = NULL; probes_changed(); }
#endif

#endif /* _TRACE_KMEM_H */
