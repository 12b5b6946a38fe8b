/* SPDX-License-Identifier: GPL-2.0 */
/* front end: pagesim, which runs scenario scripts */
#ifndef PAGESIM_H
#define PAGESIM_H

#include <stdbool.h>
#include <stdio.h>

struct pagesim_options {
	bool check;		/* run the invariant checker after each command */
	FILE *errors;		/* where script errors go; NULL: standard error */
};

/*
 * Run the script read from in, named name in error messages, on the
 * booted machine.  Returns 0, 2 for an error in the script (or in reading
 * it), 3 for a broken invariant, or 4 when a command never ends (the
 * soft-lockup watchdog fired).
 */
int pagesim_run(FILE *in, const char *name, const struct pagesim_options *opt);
/* the same, on a script already in memory: text[len] is a NUL, and the lines are changed */
int pagesim_run_text(char *text, size_t len, const char *name,
		     const struct pagesim_options *opt);

bool parse_size(const char *s, unsigned long *bytes);

#endif /* PAGESIM_H */
