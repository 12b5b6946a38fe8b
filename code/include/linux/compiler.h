/* SPDX-License-Identifier: GPL-2.0 */
/* stand-in for the compiler annotations the model uses */
#ifndef _LINUX_COMPILER_H
#define _LINUX_COMPILER_H

#define likely(x)		__builtin_expect(!!(x), 1)
#define unlikely(x)		__builtin_expect(!!(x), 0)
#ifndef __always_inline		/* glibc's <sys/cdefs.h> has one too */
#define __always_inline		inline __attribute__((__always_inline__))
#endif
#define READ_ONCE(x)		(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, val)	(*(volatile __typeof__(x) *)&(x) = (val))

#include <linux/model.h>		/* model: the names the model adds (chapter 3) */

#endif /* _LINUX_COMPILER_H */
