// SPDX-License-Identifier: GPL-2.0
/* stand-in for spinlocks, which check their use as lockdep would */
#include <stdio.h>
#include <stdlib.h>
#include <linux/spinlock.h>
#include <linux/printk.h>

int model_cpu;
int nr_cpu_ids = 1;
bool model_irqs_off[NR_CPUS];

void lockdep_splat(const char *rule, const char *what, const char *where)
{
	printk(KERN_ERR "BUG: model lock check: %s: %s in %s() on CPU %d\n",
	       rule, what, where, smp_processor_id());
	fflush(NULL);
	abort();
}

void spin_lock_init_named(spinlock_t *lock, const char *name)
{
	lock->owner = -1;
	lock->name = name;
}

void (*model_before_lock)(spinlock_t *lock);

void spin_lock(spinlock_t *lock)
{
	if (model_before_lock)
		model_before_lock(lock);
	if (lock->owner == smp_processor_id())
		lockdep_splat("recursive locking", lock->name, __func__);
	if (lock->owner != -1)
		lockdep_splat("lock held by another CPU", lock->name, __func__);
	if (!irqs_disabled())
		lockdep_splat("IRQ-safe lock taken with IRQs on", lock->name, __func__);
	lock->owner = smp_processor_id();
	model_cost_lock();		/* counted (chapter 12) */
}

void spin_unlock(spinlock_t *lock)
{
	if (lock->owner != smp_processor_id())
		lockdep_splat("unlock of a lock not held", lock->name, __func__);
	lock->owner = -1;
}
