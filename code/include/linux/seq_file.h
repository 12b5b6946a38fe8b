/* SPDX-License-Identifier: GPL-2.0 */
/* stand-in for seq_file, over a stdio stream */
#ifndef _LINUX_SEQ_FILE_H
#define _LINUX_SEQ_FILE_H

#include <stdio.h>

struct seq_file {
	FILE *out;
};

#define seq_printf(m, ...)	fprintf((m)->out, __VA_ARGS__)
#define seq_putc(m, c)		fputc((c), (m)->out)

#endif /* _LINUX_SEQ_FILE_H */
