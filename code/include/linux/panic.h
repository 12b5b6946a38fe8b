/* SPDX-License-Identifier: GPL-2.0 */
/* stand-in for taint flags and dump_stack */
#ifndef _LINUX_PANIC_H
#define _LINUX_PANIC_H

#include <stdbool.h>

#define TAINT_BAD_PAGE		5	/* the 'B' in "Tainted:" */
#define TAINT_FLAGS_COUNT	18
#define LOCKDEP_STILL_OK	true
#define LOCKDEP_NOW_UNRELIABLE	false

void add_taint(unsigned flag, bool lockdep_ok);
bool test_taint(unsigned flag);
const char *print_tainted(void);
void dump_stack(void);
void print_modules(void);

#endif /* _LINUX_PANIC_H */
