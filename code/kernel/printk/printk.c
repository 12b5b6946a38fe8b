/* Shim: printk writes to sim_console, without the log level. */
#include <stdarg.h>
#include <stdio.h>
#include <linux/printk.h>

FILE *sim_console;

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	if (fmt[0] == KERN_SOH[0] && fmt[1])
		fmt += 2;
	va_start(ap, fmt);
	n = vfprintf(sim_console ? sim_console : stderr, fmt, ap);
	va_end(ap);
	return n;
}
