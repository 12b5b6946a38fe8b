/* SPDX-License-Identifier: GPL-2.0 */
/* stand-in for per-CPU variables: arrays indexed by model_cpu */
#ifndef _LINUX_PERCPU_H
#define _LINUX_PERCPU_H

#include <linux/page-flags-layout.h>

/* the CPU the model is running on, one per host thread */
extern _Thread_local int model_cpu __attribute__((tls_model("local-exec")));
extern int nr_cpu_ids;		/* CPUs in the machine */

#define smp_processor_id()	(model_cpu)
#define raw_smp_processor_id()	(model_cpu)

/* a per-CPU variable is an array of nr_cpu_ids elements */
#define per_cpu_ptr(ptr, cpu)	(&(ptr)[(cpu)])
#define this_cpu_ptr(ptr)	per_cpu_ptr(ptr, smp_processor_id())

#define for_each_online_cpu(cpu) \
	for ((cpu) = 0; (cpu) < nr_cpu_ids; (cpu)++)
#define num_online_cpus()	(nr_cpu_ids)

#endif /* _LINUX_PERCPU_H */
