// SPDX-License-Identifier: GPL-2.0
/* stand-in for printk, which writes to model_console */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <linux/printk.h>

FILE *model_console;
static FILE *open_line;		/* the console whose last line is unfinished */

int printk(const char *fmt, ...)
{
	FILE *out = model_console ? model_console : stderr;
	bool cont = false;
	char *text;
	va_list ap;
	int n;

	if (fmt[0] == KERN_SOH[0] && fmt[1]) {
		cont = fmt[1] == KERN_CONT[1];
		fmt += 2;
	}
	va_start(ap, fmt);
	n = vasprintf(&text, fmt, ap);
	va_end(ap);
	if (n < 0)
		return 0;
	if (out != stdout)
		fflush(stdout);		/* what was printed before comes first */
	if (open_line == out && !cont)
		fputc('\n', out);	/* a new message ends an unfinished line */
	fputs(text, out);
	if (n > 0)
		open_line = text[n - 1] == '\n' ? NULL : out;
	free(text);
	return n;
}
