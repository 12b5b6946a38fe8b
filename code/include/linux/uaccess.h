/* SPDX-License-Identifier: GPL-2.0 */
/* stand-in for reading kernel memory that may not be there */
#ifndef _LINUX_UACCESS_H
#define _LINUX_UACCESS_H

#include <stddef.h>

long copy_from_kernel_nofault(void *dst, const void *src, size_t size);

#define get_kernel_nofault(val, ptr)					\
	copy_from_kernel_nofault(&(val), (ptr), sizeof(val))

#endif /* _LINUX_UACCESS_H */
