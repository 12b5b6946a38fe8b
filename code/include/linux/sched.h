/* SPDX-License-Identifier: GPL-2.0 */
/* stand-in for the current task and jiffies */
#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H

#include <stdbool.h>

#define TASK_COMM_LEN	16

struct task_struct {
	int pid;
	char comm[TASK_COMM_LEN];
};

extern struct task_struct model_task;
#define current		(&model_task)

#define HZ		250		/* CONFIG_HZ_250 */
extern unsigned long jiffies;
#define time_after(a, b)	((long)((b) - (a)) < 0)
#define time_before(a, b)	time_after(b, a)

/* model: the soft-lockup watchdog, for a loop that makes no progress */
#define MODEL_WATCHDOG_TURNS	10000
extern bool model_soft_lockup;
bool model_spin(unsigned int *turns);

#endif /* _LINUX_SCHED_H */
