#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H

#include <stdbool.h>

#define TASK_COMM_LEN	16

struct task_struct {
	int pid;
	char comm[TASK_COMM_LEN];
};

extern struct task_struct sim_task;
#define current		(&sim_task)

#define HZ		250		/* CONFIG_HZ_250 */
extern unsigned long jiffies;
#define time_after(a, b)	((long)((b) - (a)) < 0)
#define time_before(a, b)	time_after(b, a)

/* model: the soft-lockup watchdog, for a loop that makes no progress */
#define SIM_WATCHDOG_TURNS	10000
extern bool sim_soft_lockup;
bool sim_spin(unsigned int *turns);

#endif /* _LINUX_SCHED_H */
