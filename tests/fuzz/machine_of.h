/*
 * The machine a fuzzing input runs on: 64 MiB and 2 CPUs, unless the #:
 * lines before its first command say --ram SIZE or --cpus N.  The sizes
 * are clamped to what fuzzing can afford: 64M to 4224M (past 4 GiB, so
 * that there is a Normal zone), 1 to 8 CPUs.  Shared by the fuzz target
 * and tests/fuzz-findings.c, which replays the kept inputs.
 */
#ifndef FUZZ_MACHINE_OF_H
#define FUZZ_MACHINE_OF_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "sim/machine.h"

#define FUZZ_RAM_MAX	(4224UL << 20)	/* 4 GiB and a section: a Normal zone */
#define FUZZ_CPUS_MAX	8

/* the machine of the #: lines before the script's first command */
static inline void machine_of(const uint8_t *data, size_t size, struct sim_config *cfg)
{
	char line[256];
	size_t at = 0;

	while (at < size) {
		size_t n = 0;
		char *w, *save;

		while (at < size && data[at] != '\n' && n < sizeof(line) - 1)
			line[n++] = data[at++];
		while (at < size && data[at++] != '\n')
			;
		line[n] = '\0';
		if (strncmp(line, "#:", 2) != 0) {
			if (line[strspn(line, " \t\r")] == '#' || !line[strspn(line, " \t\r")])
				continue;
			break;
		}
		for (w = strtok_r(line + 2, " \t\r", &save); w; w = strtok_r(NULL, " \t\r", &save)) {
			char *v = strtok_r(NULL, " \t\r", &save), *end;
			unsigned long x;

			if (!v)
				break;
			x = strtoul(v, &end, 10);
			if (strcmp(w, "--cpus") == 0)
				cfg->nr_cpus = 1 + (int)(x % FUZZ_CPUS_MAX);
			else if (strcmp(w, "--ram") == 0) {
				x <<= *end == 'G' ? 30 : *end == 'M' ? 20 : *end == 'K' ? 10 : 0;
				x &= ~0xfffUL;
				cfg->ram = x < SIM_RAM_MIN ? SIM_RAM_MIN : x > FUZZ_RAM_MAX ? FUZZ_RAM_MAX : x;
			}
		}
	}
}

#endif /* FUZZ_MACHINE_OF_H */
