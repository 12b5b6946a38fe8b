// SPDX-License-Identifier: GPL-2.0
/* 5.10 logic */
#include <stdio.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/printed_config.h>
#include <linux/printk.h>
#include <linux/uaccess.h>

static const struct {
	int bit;
	const char *name;
} pageflag_names[] = {
	{ PG_locked, "locked" }, { PG_waiters, "waiters" }, { PG_error, "error" },
	{ PG_referenced, "referenced" }, { PG_uptodate, "uptodate" },
	{ PG_dirty, "dirty" }, { PG_lru, "lru" }, { PG_active, "active" },
	{ PG_workingset, "workingset" }, { PG_slab, "slab" },
	{ PG_owner_priv_1, "owner_priv_1" }, { PG_arch_1, "arch_1" },
	{ PG_reserved, "reserved" }, { PG_private, "private" },
	{ PG_private_2, "private_2" }, { PG_writeback, "writeback" },
	{ PG_head, "head" }, { PG_mappedtodisk, "mappedtodisk" },
	{ PG_reclaim, "reclaim" }, { PG_swapbacked, "swapbacked" },
	{ PG_unevictable, "unevictable" }, { PG_mlocked, "mlocked" },
	{ PG_uncached, "uncached" }, { PG_hwpoison, "hwpoison" },
	{ PG_young, "young" }, { PG_idle, "idle" }, { PG_arch_2, "arch_2" },
};

static void format_page_flags(char *buf, size_t size, unsigned long flags)
{
	size_t n = 0;

	buf[0] = '\0';
	flags &= (1UL << NR_PAGEFLAGS) - 1;
	for (size_t i = 0; i < ARRAY_SIZE(pageflag_names) && flags; i++) {
		unsigned long mask = 1UL << pageflag_names[i].bit;

		if (!(flags & mask))
			continue;
		flags &= ~mask;
		n += snprintf(buf + n, size - n, "%s%s", pageflag_names[i].name,
			      flags ? "|" : "");
	}
	if (flags)
		snprintf(buf + n, size - n, "%#lx", flags);
}

/* a word that points into the model's memory, as the kernel's address */
static unsigned long raw_word(unsigned long w)
{
	if (model_kaddr((void *)w) != w)
		return model_kaddr((void *)w);
	if ((w & 1) && model_kaddr((void *)(w - 1)) != w - 1)
		return model_kaddr((void *)(w - 1)) + 1;	/* compound_head */
	return w;
}

static void dump_raw(const char *prefix, struct page *page)
{
	const unsigned long *w = (const unsigned long *)page;

	/* the first word is page->flags, in the layout of the printed configuration */
	pr_warn("%s%016lx %016lx %016lx %016lx\n", prefix,
		printed_page_flags(w[0]), raw_word(w[1]), raw_word(w[2]), raw_word(w[3]));
	pr_warn("%s%016lx %016lx %016lx %016lx\n", prefix,
		raw_word(w[4]), raw_word(w[5]), raw_word(w[6]), raw_word(w[7]));
}

/* %ps: the symbol an address is in, else the address */
static const char *symbol(const void *p)
{
	static char buf[24];
	const char *name = model_kernel_symbol(p);

	if (name)
		return name;
	snprintf(buf, sizeof(buf), "0x%lx", model_kaddr(p));
	return buf;
}

/* %pd: the last component of a dentry's name */
static const char *dentry_name(const struct dentry *dentry)
{
	return dentry->d_name.name;
}


static inline int PageAnon(struct page *page)
{
	page = compound_head(page);
	return ((unsigned long)page->mapping & PAGE_MAPPING_ANON) != 0;
}

static inline int PageKsm(struct page *page)
{
	page = compound_head(page);
	return ((unsigned long)page->mapping & PAGE_MAPPING_FLAGS) == PAGE_MAPPING_KSM;
}

/* 5.10 returns the swap cache's address space for a swap-cache page: no swap here */
static struct address_space *page_mapping(struct page *page)
{
	unsigned long mapping;

	page = compound_head(page);
	if (PageSlab(page))
		return NULL;
	mapping = (unsigned long)page->mapping;
	if (mapping & PAGE_MAPPING_ANON)
		return NULL;
	return (struct address_space *)(mapping & ~PAGE_MAPPING_FLAGS);
}

static unsigned long page_to_pgoff(struct page *page)
{
	struct page *head = compound_head(page);

	return head == page ? page->index : head->index + (unsigned long)(page - head);
}

static bool is_migrate_cma_page(struct page *page)
{
	return get_pageblock_migratetype(page) == MIGRATE_CMA;
}

void __dump_page(struct page *page, const char *reason)
{
	struct page *head = compound_head(page);
	struct address_space *mapping;
	bool page_poisoned = PagePoisoned(page);
	bool compound = PageCompound(page);
	bool page_cma = is_migrate_cma_page(page);	/* read without the lock */
	const char *type = "";
	char flags[256];
	int mapcount;

	/* an uninitialised struct page: no field can be trusted */
	if (page_poisoned) {
		pr_warn("page:%016lx is uninitialized and poisoned", model_kaddr(page));
		goto hex_only;
	}

	if (page < head || page >= head + MAX_ORDER_NR_PAGES) {
		/* a corrupt compound_head: the safe part of page_mapping only */
		unsigned long tmp = (unsigned long)page->mapping;

		if (tmp & PAGE_MAPPING_ANON)
			mapping = NULL;
		else
			mapping = (struct address_space *)(tmp & ~PAGE_MAPPING_FLAGS);
		head = page;
		compound = false;
	} else {
		mapping = page_mapping(page);
	}
	/* slab pages use the _mapcount space for their own purposes */
	mapcount = PageSlab(head) ? 0 : page_mapcount(page);

	pr_warn("page:%016lx refcount:%d mapcount:%d mapping:%016lx index:0x%lx pfn:0x%lx\n",
		model_kaddr(page), page_ref_count(head), mapcount,
		(unsigned long)mapping, page_to_pgoff(page), page_to_pfn(page));
	if (compound) {
		if (PageCompound(head) && compound_order(head) > 1)
			pr_warn("head:%016lx order:%u compound_mapcount:%d compound_pincount:%d\n",
				model_kaddr(head), compound_order(head),
				atomic_read(&head[1].compound_mapcount) + 1,
				atomic_read(&head[2].hpage_pinned_refcount));
		else
			pr_warn("head:%016lx order:%u compound_mapcount:%d\n",
				model_kaddr(head), compound_order(head),
				atomic_read(&head[1].compound_mapcount) + 1);
	}

	if (PageKsm(page))
		type = "ksm ";
	else if (PageAnon(page))
		type = "anon ";
	else if (mapping)
		{
			struct inode *host;
			const struct address_space_operations *a_ops;
			struct hlist_node *dentry_first;
			struct dentry *dentry_ptr;
			struct dentry dentry;
			unsigned long ino;

			/* mapping may be any pointer: read it without faulting */
			if (get_kernel_nofault(host, &mapping->host) ||
			    get_kernel_nofault(a_ops, &mapping->a_ops)) {
				pr_warn("failed to read mapping contents, not a valid kernel address?\n");
				goto out_mapping;
			}
			if (!host) {
				pr_warn("aops:%s\n", symbol(a_ops));
				goto out_mapping;
			}
			if (get_kernel_nofault(dentry_first, &host->i_dentry.first) ||
			    get_kernel_nofault(ino, &host->i_ino)) {
				pr_warn("aops:%s with invalid host inode %016lx\n", symbol(a_ops),
					model_kaddr(host));
				goto out_mapping;
			}
			if (!dentry_first) {
				pr_warn("aops:%s ino:%lx\n", symbol(a_ops), ino);
				goto out_mapping;
			}
			dentry_ptr = container_of(dentry_first, struct dentry, d_u.d_alias);
			if (get_kernel_nofault(dentry, dentry_ptr))
				pr_warn("aops:%s ino:%lx with invalid dentry %016lx\n", symbol(a_ops),
					ino, model_kaddr(dentry_ptr));
			else
				pr_warn("aops:%s ino:%lx dentry name:\"%s\"\n", symbol(a_ops),
					ino, dentry_name(&dentry));
		}
out_mapping:
	format_page_flags(flags, sizeof(flags), head->flags);
	pr_warn("%sflags: 0x%lx(%s)%s\n", type, printed_page_flags(head->flags), flags,
		page_cma ? " CMA" : "");
hex_only:
	dump_raw("raw: ", page);
	if (head != page)
		dump_raw("head: ", head);
	if (reason)
		pr_warn("page dumped because: %s\n", reason);
	if (!page_poisoned && page->mem_cgroup)
		pr_warn("page->mem_cgroup:%016lx\n", (unsigned long)page->mem_cgroup);
}
