/*
 * Chapter 12: the threaded mode, one host thread per simulated CPU, with a
 * real zone->lock.  Timings belong to examples/pcp-threads, not here.
 */
#include <pthread.h>
#include <signal.h>
#include <time.h>
#include <linux/spinlock.h>
#include "sim/threads.h"
#include "helpers.h"

#define P	0x10000UL		/* a pfn in DMA32 */
#define NR	4000			/* pages each thread holds at once */

static struct zone *zone;

/* allocate NR pages, free them, ten times over */
static void churn(int cpu, void *arg)
{
	static struct page *pages[2][NR];

	for (int round = 0; round < 10; round++) {
		for (int i = 0; i < NR; i++)
			pages[cpu][i] = alloc_pages(GFP_HIGHUSER_MOVABLE, 0);
		for (int i = 0; i < NR; i++)
			if (pages[cpu][i])
				__free_pages(pages[cpu][i], 0);
	}
}

TestSuite(threads, .init = boot_1g, .fini = machine_off);

Test(threads, two_cpus_free_at_once_and_lose_nothing)
{
	struct sim_census c;
	unsigned long free_before, frees_before, cpu1_before;

	zone = zone_of(P);
	drain_all_pages(NULL);
	free_before = free_pages_of(zone);
	frees_before = all_vm_events(PGFREE);
	cpu1_before = vm_event_states[1].event[PGFREE];
	cr_assert_eq(sim_run_cpus(2, churn, NULL), 0, "two threads ran");
	cr_assert_eq(all_vm_events(PGFREE) - frees_before, 2UL * 10 * NR, "every free counted");
	cr_assert_eq(vm_event_states[1].event[PGFREE] - cpu1_before, 10UL * NR,
		     "CPU 1's frees counted on CPU 1");
	CHECK();
	drain_all_pages(NULL);
	CHECK();
	sim_census(&c);
	cr_assert_eq(c.allocated, 0UL, "every page freed");
	cr_assert_eq(c.buddy, c.managed, "and back in the buddy allocator");
	cr_assert_eq(free_pages_of(zone), free_before, "NR_FREE_PAGES as before");
}

static int cpu_seen[2] = { -1, -1 }, irqs_seen[2], pcp_seen[2];

static void who_am_i(int cpu, void *arg)
{
	struct page *page = alloc_pages(GFP_HIGHUSER_MOVABLE, 0);

	cpu_seen[cpu] = smp_processor_id();
	irqs_seen[cpu] = irqs_disabled();
	pcp_seen[cpu] = this_cpu_ptr(page_zone(page)->pageset)->pcp.count;
	__free_pages(page, 0);
}

Test(threads, each_thread_is_its_own_cpu)
{
	zone = zone_of(P);
	drain_all_pages(NULL);
	cr_assert_eq(sim_run_cpus(2, who_am_i, NULL), 0);
	for (int cpu = 0; cpu < 2; cpu++) {
		cr_assert_eq(cpu_seen[cpu], cpu, "smp_processor_id() on thread %d", cpu);
		cr_assert_eq(irqs_seen[cpu], 0, "interrupts on between calls");
		cr_assert_eq(pcp_seen[cpu], 62, "its own list refilled: 63, one taken");
		cr_assert_eq(pcp_count(cpu, zone), 63, "and the page freed onto it");
	}
	cr_assert_eq(smp_processor_id(), 0, "the main thread is CPU 0 again");
	cr_assert_eq(sim_run_cpus(3, who_am_i, NULL), -1, "no third CPU on a 2-CPU machine");
}

/* CPU 0 holds zone->lock until CPU 1 is about to take it, and a bit more */
static int holding, waiting, owner_seen = -2;

static void hold_or_wait(int cpu, void *arg)
{
	unsigned long flags;

	if (cpu == 0) {
		spin_lock_irqsave(&zone->lock, flags);
		__atomic_store_n(&holding, 1, __ATOMIC_RELEASE);
		while (!__atomic_load_n(&waiting, __ATOMIC_ACQUIRE))
			;
		nanosleep(&(struct timespec){ .tv_nsec = 20 * 1000 * 1000 }, NULL);
		spin_unlock_irqrestore(&zone->lock, flags);
	} else {
		while (!__atomic_load_n(&holding, __ATOMIC_ACQUIRE))
			;
		__atomic_store_n(&waiting, 1, __ATOMIC_RELEASE);
		spin_lock_irqsave(&zone->lock, flags);
		owner_seen = lock_owner(&zone->lock);
		spin_unlock_irqrestore(&zone->lock, flags);
	}
}

Test(threads, a_held_lock_is_waited_for)
{
	unsigned long waits = model_lock_waits[1];

	zone = zone_of(P);
	cr_assert_eq(sim_run_cpus(2, hold_or_wait, NULL), 0);
	cr_assert_eq(model_lock_waits[1] - waits, 1UL, "CPU 1 found the lock held, and waited");
	cr_assert_eq(owner_seen, 1, "then took it");
	cr_assert_eq(lock_owner(&zone->lock), -1, "released");
	cr_assert_not(model_smp, "one thread again: a held lock is a bug");
}

/* on one thread, a lock held by another CPU can never be released */
Test(lockdep, lock_held_by_another_cpu_aborts, .signal = SIGABRT, .init = boot_1g)
{
	unsigned long flags;

	sim_set_cpu(1);
	spin_lock_irqsave(&zone_of(P)->lock, flags);
	local_irq_restore(flags);		/* CPU 1 keeps the lock */
	sim_set_cpu(0);
	spin_lock_irqsave(&zone_of(P)->lock, flags);
}
