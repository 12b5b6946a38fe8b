/* SPDX-License-Identifier: GPL-2.0 */
/* stand-in for spinlocks, which check their use as lockdep would */
#ifndef _LINUX_SPINLOCK_H
#define _LINUX_SPINLOCK_H

#include <linux/irqflags.h>

typedef struct spinlock {
	int locked;		/* 1 while held: a test-and-set word */
	int owner;		/* CPU holding the lock, or -1 */
	const char *name;
} spinlock_t;

#define __SPIN_LOCK_UNLOCKED(lockname)	{ .owner = -1, .name = #lockname }

/* CPUs run at once, on threads: a held lock is waited for (chapter 12) */
extern bool model_smp;
extern unsigned long model_lock_waits[NR_CPUS];	/* locks each CPU found held */

void spin_lock_init_named(spinlock_t *lock, const char *name);
#define spin_lock_init(lock)	spin_lock_init_named(lock, #lock)

void spin_lock(spinlock_t *lock);
void spin_unlock(spinlock_t *lock);

#define spin_lock_irqsave(lock, flags)					\
	do { local_irq_save(flags); spin_lock(lock); } while (0)
#define spin_unlock_irqrestore(lock, flags)				\
	do { spin_unlock(lock); local_irq_restore(flags); } while (0)

/* a test may run code just before a lock is taken, as another CPU could */
extern void (*model_before_lock)(spinlock_t *lock);

/* the owner, read while another thread may be taking the lock */
static inline int lock_owner(const spinlock_t *lock)
{
	return __atomic_load_n(&lock->owner, __ATOMIC_RELAXED);
}

/* the model's lockdep: a broken rule is reported and stops the program */
void lockdep_splat(const char *rule, const char *what, const char *where)
	__attribute__((noreturn));

#define lockdep_assert_held(lock)					\
	do { if (lock_owner(lock) != smp_processor_id())		\
		lockdep_splat("lock not held", (lock)->name, __func__); } while (0)
#define lockdep_assert_irqs_disabled()					\
	do { if (!irqs_disabled())					\
		lockdep_splat("IRQs must be off", "this CPU", __func__); } while (0)

#endif /* _LINUX_SPINLOCK_H */
