/* SPDX-License-Identifier: GPL-2.0 */
/* stand-in for the page cache fields __dump_page reads */
/*
 * Stand-in: the fields of a file's page cache that __dump_page reads.
 * (struct hlist_head and hlist_node are in linux/types.h in 5.10.)
 */
#ifndef _LINUX_FS_H
#define _LINUX_FS_H

struct page;

struct hlist_node {
	struct hlist_node *next, **pprev;
};

struct hlist_head {
	struct hlist_node *first;
};

struct qstr {
	const char *name;
};

struct dentry {
	struct qstr d_name;
	union {
		struct hlist_node d_alias;	/* in the inode's i_dentry */
	} d_u;
};

struct inode {
	unsigned long i_ino;
	struct hlist_head i_dentry;		/* the inode's dentries */
};

struct address_space_operations {
	int (*writepage)(struct page *page, void *wbc);
};

struct address_space {
	struct inode *host;
	const struct address_space_operations *a_ops;
};

#endif /* _LINUX_FS_H */
