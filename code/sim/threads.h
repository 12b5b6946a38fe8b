/* SPDX-License-Identifier: GPL-2.0 */
/* harness: the simulated CPUs at once, one host thread each (chapter 12) */
#ifndef SIM_THREADS_H
#define SIM_THREADS_H

/* fn(cpu, arg) on each of CPUs 0 .. nr_cpus - 1 at once; 0, or -1 */
int sim_run_cpus(int nr_cpus, void (*fn)(int cpu, void *arg), void *arg);

#endif /* SIM_THREADS_H */
