#include <stdlib.h>
#include <string.h>
#include "helpers.h"

static char *console_buf;
static size_t console_len;

void boot(unsigned long ram, int cpus)
{
	struct sim_config cfg = { .ram = ram, .nr_cpus = cpus };

	if (!model_console)
		model_console = open_memstream(&console_buf, &console_len);
	cr_assert_eq(sim_boot(&cfg), 0, "boot failed: %s", sim_boot_error());
	CHECK();
}

void boot_1g(void)
{
	boot(GiB, 2);
}

void machine_off(void)
{
	sim_shutdown();
}

const char *console(void)
{
	fflush(model_console);
	return console_buf ? console_buf : "";
}

void console_reset(void)
{
	fflush(model_console);
	rewind(model_console);
	if (console_buf)
		console_buf[0] = '\0';
}

int count_in_console(const char *needle)
{
	int n = 0;

	for (const char *p = console(); (p = strstr(p, needle)); p++)
		n++;
	return n;
}

const char *check_context;

void check_machine_at(const char *file, int line)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	int violations = sim_check(f);

	fclose(f);
	if (violations != 0)
		cr_assert_fail("%s:%d: %s%s%d invariant(s) broken:\n%s", file, line,
			       check_context ? check_context : "", check_context ? ": " : "",
			       violations, text);
	free(text);
}

struct zone *zone_of(unsigned long pfn)
{
	return page_zone(pfn_to_page(pfn));
}

struct page *take(unsigned long pfn, unsigned int order)
{
	struct page *page = model_take_block(pfn, order, 0);

	cr_assert_not_null(page, "pfn %#lx order %u is not free to take", pfn, order);
	CHECK();
	return page;
}

static int find_block(unsigned long pfn, unsigned int order, int *index)
{
	struct zone *zone = zone_of(pfn);

	for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
		struct page *page;
		int i = 0;

		list_for_each_entry(page, &zone->free_area[order].free_list[mt], lru) {
			if (page_to_pfn(page) == pfn) {
				*index = i;
				return mt;
			}
			i++;
		}
	}
	return -1;
}

bool is_free_block(unsigned long pfn, unsigned int order)
{
	int index;

	return find_block(pfn, order, &index) >= 0 && PageBuddy(pfn_to_page(pfn)) &&
	       buddy_order(pfn_to_page(pfn)) == order;
}

int free_block_type(unsigned long pfn, unsigned int order)
{
	int index;

	return find_block(pfn, order, &index);
}

int free_block_index(unsigned long pfn, unsigned int order)
{
	int index = -1;

	find_block(pfn, order, &index);
	return index;
}

unsigned long free_pages_of(struct zone *zone)
{
	return zone_page_state(zone, NR_FREE_PAGES);
}

int nr_free_of(struct zone *zone, unsigned int order)
{
	return zone->free_area[order].nr_free;
}

int pcp_pfns(int cpu, struct zone *zone, int mt, unsigned long *out, int max)
{
	struct per_cpu_pages *pcp = &per_cpu_ptr(zone->pageset, cpu)->pcp;
	struct page *page;
	int n = 0;

	list_for_each_entry(page, &pcp->lists[mt], lru) {
		if (n < max)
			out[n] = page_to_pfn(page);
		n++;
	}
	return n;
}

int pcp_count(int cpu, struct zone *zone)
{
	return per_cpu_ptr(zone->pageset, cpu)->pcp.count;
}

char *shown(void (*show)(FILE *out))
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	show(f);
	fclose(f);
	return text;
}

char *freelist_text(void)
{
	return shown(show_freelist);
}
