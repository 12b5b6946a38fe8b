#define vmemmap ((struct page *)VMEMMAP_START)
