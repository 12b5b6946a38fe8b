// SPDX-License-Identifier: GPL-2.0
/* stand-in for spinlocks, which check their use as lockdep would */
#include <stdio.h>
#include <stdlib.h>
#include <linux/spinlock.h>
#include <linux/printk.h>

_Thread_local int model_cpu;
int nr_cpu_ids = 1;
struct model_irq_flag model_irqs[NR_CPUS];
bool model_smp;
unsigned long model_lock_waits[NR_CPUS];

void lockdep_splat(const char *rule, const char *what, const char *where)
{
	printk(KERN_ERR "BUG: model lock check: %s: %s in %s() on CPU %d\n",
	       rule, what, where, smp_processor_id());
	fflush(NULL);
	abort();
}

void spin_lock_init_named(spinlock_t *lock, const char *name)
{
	*lock = (spinlock_t){ .owner = -1, .name = name };
}

void (*model_before_lock)(spinlock_t *lock);

void spin_lock(spinlock_t *lock)
{
	if (model_before_lock)
		model_before_lock(lock);
	if (lock_owner(lock) == smp_processor_id())
		lockdep_splat("recursive locking", lock->name, __func__);
	if (__atomic_exchange_n(&lock->locked, 1, __ATOMIC_ACQUIRE)) {
		if (!model_smp)
			lockdep_splat("lock held by another CPU", lock->name, __func__);
		do {
			while (__atomic_load_n(&lock->locked, __ATOMIC_RELAXED))
				__builtin_ia32_pause();		/* cpu_relax() */
		} while (__atomic_exchange_n(&lock->locked, 1, __ATOMIC_ACQUIRE));
		model_lock_waits[smp_processor_id()]++;
	}
	if (!irqs_disabled())
		lockdep_splat("IRQ-safe lock taken with IRQs on", lock->name, __func__);
	__atomic_store_n(&lock->owner, smp_processor_id(), __ATOMIC_RELAXED);
	model_cost_lock();		/* counted (chapter 12) */
}

void spin_unlock(spinlock_t *lock)
{
	if (lock_owner(lock) != smp_processor_id())
		lockdep_splat("unlock of a lock not held", lock->name, __func__);
	__atomic_store_n(&lock->owner, -1, __ATOMIC_RELAXED);
	__atomic_store_n(&lock->locked, 0, __ATOMIC_RELEASE);
}
