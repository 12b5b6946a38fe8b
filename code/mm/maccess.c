// SPDX-License-Identifier: GPL-2.0
/* stand-in for copy_from_kernel_nofault, over the memory the model knows of */
#include <string.h>
#include <linux/kernel.h>
#include <linux/uaccess.h>

static struct {
	const char *host;
	size_t size;
	unsigned long kaddr;
} placed[2];
static int nr_placed;

void model_kaddr_add(const void *host, size_t size, unsigned long kaddr)
{
	if (nr_placed == (int)ARRAY_SIZE(placed))
		return;
	placed[nr_placed].host = host;
	placed[nr_placed].size = size;
	placed[nr_placed++].kaddr = kaddr;
}

unsigned long model_kaddr(const void *p)
{
	const char *c = p;

	for (int i = 0; i < nr_placed; i++)
		if (c >= placed[i].host && c < placed[i].host + placed[i].size)
			return placed[i].kaddr + (unsigned long)(c - placed[i].host);
	return (unsigned long)p;
}

static struct {
	const char *start;
	size_t size;
	const char *symbol;
} objects[16];
static int nr_objects;

void model_kernel_memory_add(const void *start, size_t size, const char *symbol)
{
	for (int i = 0; i < nr_objects; i++)
		if (objects[i].start == start)
			return;
	if (nr_objects == (int)(sizeof(objects) / sizeof(objects[0])))
		return;			/* full: reads of it fail, as unmapped */
	objects[nr_objects].start = start;
	objects[nr_objects].size = size;
	objects[nr_objects].symbol = symbol;
	nr_objects++;
}

void model_kernel_memory_reset(void)
{
	nr_objects = 0;
	nr_placed = 0;
}

static int object_of(const void *addr, size_t size)
{
	const char *p = addr;

	for (int i = 0; i < nr_objects; i++)
		if (p >= objects[i].start && size <= objects[i].size &&
		    (size_t)(p - objects[i].start) <= objects[i].size - size)
			return i;
	return -1;
}

long copy_from_kernel_nofault(void *dst, const void *src, size_t size)
{
	if (object_of(src, size) < 0)
		return -14;		/* -EFAULT */
	memcpy(dst, src, size);
	return 0;
}

const char *model_kernel_symbol(const void *addr)
{
	int i = object_of(addr, 1);

	return i < 0 ? NULL : objects[i].symbol;
}
