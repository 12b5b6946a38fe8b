/* SPDX-License-Identifier: GPL-2.0 */
/* harness: the simulated machine, playing hardware and early boot */
#ifndef SIM_MACHINE_H
#define SIM_MACHINE_H
/*
 * The simulated machine.  Not kernel code: it plays the part of the
 * hardware and of the boot code that runs before the page allocator.
 */
#include <linux/memblock.h>
#include <linux/mmzone.h>

#define SIM_RAM_MIN		(64UL << 20)
#define SIM_RAM_MAX		(64UL << 30)
#define SIM_RAM_DEFAULT		(1UL << 30)
#define SIM_CPUS_DEFAULT	2

struct sim_config {
	unsigned long ram;	/* bytes of RAM, a multiple of 4 KiB */
	int nr_cpus;
};

/* a physical range, [start, end) in bytes */
struct sim_range {
	unsigned long start, end;
	const char *what;
};

extern unsigned long sim_nr_refused;	/* frees refused (chapter 7) */

int sim_boot(const struct sim_config *cfg);
const char *sim_boot_error(void);
void sim_shutdown(void);
void sim_set_cpu(int cpu);

int sim_reserved_ranges(const struct sim_range **ranges);
bool sim_pfn_is_ram(unsigned long pfn);

#endif /* SIM_MACHINE_H */
