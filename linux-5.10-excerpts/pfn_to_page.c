#define pfn_to_page __pfn_to_page
