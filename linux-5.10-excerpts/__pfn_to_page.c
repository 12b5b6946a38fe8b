#define __pfn_to_page(pfn)	(vmemmap + (pfn))
