#define __pa(x)		__phys_addr((unsigned long)(x))
