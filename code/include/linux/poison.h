/* SPDX-License-Identifier: GPL-2.0 */
/* 5.10 logic */
#ifndef _LINUX_POISON_H
#define _LINUX_POISON_H

/* CONFIG_ILLEGAL_POINTER_VALUE on x86_64: never a valid address */
#define POISON_POINTER_DELTA	0xdead000000000000UL

#define LIST_POISON1	((void *)(0x100 + POISON_POINTER_DELTA))
#define LIST_POISON2	((void *)(0x122 + POISON_POINTER_DELTA))

/* the mapping field of a compound page's tail pages (from the third on) */
#define TAIL_MAPPING	((void *)(0x400 + POISON_POINTER_DELTA))

#endif /* _LINUX_POISON_H */
