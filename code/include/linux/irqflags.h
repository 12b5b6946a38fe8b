/* SPDX-License-Identifier: GPL-2.0 */
/* stand-in for interrupt flags, one per simulated CPU */
#ifndef _LINUX_IRQFLAGS_H
#define _LINUX_IRQFLAGS_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/percpu.h>

/* a cache line per CPU, as a real CPU keeps its flag in its own register */
struct model_irq_flag {
	bool off;
} __attribute__((aligned(64)));
extern struct model_irq_flag model_irqs[NR_CPUS];

static inline unsigned long arch_local_irq_save(void)
{
	unsigned long flags = model_irqs[smp_processor_id()].off;

	model_irqs[smp_processor_id()].off = true;
	model_cost_irq();		/* model: counted (chapter 12) */
	return flags;
}

static inline void arch_local_irq_restore(unsigned long flags)
{
	model_irqs[smp_processor_id()].off = flags;
}

#define local_irq_save(flags)	do { (flags) = arch_local_irq_save(); } while (0)
#define local_irq_restore(flags) arch_local_irq_restore(flags)
#define irqs_disabled()		(model_irqs[smp_processor_id()].off)

#endif /* _LINUX_IRQFLAGS_H */
