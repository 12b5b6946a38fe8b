// SPDX-License-Identifier: GPL-2.0
/* harness: the simulated CPUs at once, one host thread each (chapter 12) */
#include <pthread.h>
#include <linux/model.h>
#include <linux/percpu.h>
#include <linux/spinlock.h>
#include "sim/threads.h"

struct cpu_thread {
	pthread_t thread;
	int cpu;
	void (*fn)(int cpu, void *arg);
	void *arg;
};

static void *cpu_thread(void *p)
{
	struct cpu_thread *t = p;

	model_cpu = t->cpu;
	t->fn(t->cpu, t->arg);
	return NULL;
}

int sim_run_cpus(int nr_cpus, void (*fn)(int cpu, void *arg), void *arg)
{
	struct cpu_thread t[NR_CPUS];
	struct model_hooks hooks = model_hooks;
	void (*before_lock)(spinlock_t *lock) = model_before_lock;
	int started = 0;

	if (nr_cpus < 1 || nr_cpus > nr_cpu_ids)
		return -1;
	model_hooks = (struct model_hooks){ 0 };
	model_before_lock = NULL;
	model_cost_stop();
	model_smp = true;
	for (; started < nr_cpus; started++) {
		t[started] = (struct cpu_thread){ .cpu = started, .fn = fn, .arg = arg };
		if (pthread_create(&t[started].thread, NULL, cpu_thread, &t[started]) != 0)
			break;
	}
	for (int i = 0; i < started; i++)
		pthread_join(t[i].thread, NULL);
	model_smp = false;
	model_hooks = hooks;
	model_before_lock = before_lock;
	return started == nr_cpus ? 0 : -1;
}
