// SPDX-License-Identifier: GPL-2.0
/* stand-in for taint flags and the header lines of dump_stack() */
#include <stdio.h>
#include <linux/panic.h>
#include <linux/percpu.h>
#include <linux/printk.h>
#include <linux/sched.h>

struct task_struct model_task = { .pid = 1, .comm = "pagesim" };
unsigned long jiffies;

static unsigned long tainted_mask;
static bool debug_locks = true;

/* the letters of the 18 taint flags of 5.10, and their blanks */
static const char taint_true[TAINT_FLAGS_COUNT + 1] = "PFSRMBUDAWCIOELKXT";
static const char taint_false[TAINT_FLAGS_COUNT + 1] = "G                 ";

void add_taint(unsigned flag, bool lockdep_ok)
{
	if (!lockdep_ok && debug_locks) {
		debug_locks = false;
		pr_warn("Disabling lock debugging due to kernel taint\n");
	}
	tainted_mask |= 1UL << flag;
}

bool test_taint(unsigned flag)
{
	return tainted_mask & (1UL << flag);
}

void model_taint_reset(void)
{
	tainted_mask = 0;
	debug_locks = true;
}

const char *print_tainted(void)
{
	static char buf[TAINT_FLAGS_COUNT + sizeof("Tainted: ")];
	char *s = buf;

	if (!tainted_mask)
		return "Not tainted";
	s += sprintf(s, "Tainted: ");
	for (int i = 0; i < TAINT_FLAGS_COUNT; i++)
		*s++ = test_taint(i) ? taint_true[i] : taint_false[i];
	*s = '\0';
	return buf;
}

void print_modules(void)
{
	printk(KERN_WARNING "Modules linked in:\n");
}

void dump_stack(void)
{
	printk(KERN_WARNING "CPU: %d PID: %d Comm: %.20s %s 5.10.0 #1\n",
	       smp_processor_id(), current->pid, current->comm, print_tainted());
	printk(KERN_WARNING "Hardware name: pagesim simulated x86_64 machine\n");
}

bool model_soft_lockup;

bool model_spin(unsigned int *turns)
{
	if (++*turns < MODEL_WATCHDOG_TURNS)
		return false;
	jiffies += 22 * HZ;
	pr_emerg("watchdog: BUG: soft lockup - CPU#%d stuck for 22s! [%s:%d]\n",
		 smp_processor_id(), current->comm, current->pid);
	print_modules();
	dump_stack();
	model_soft_lockup = true;
	return true;
}
