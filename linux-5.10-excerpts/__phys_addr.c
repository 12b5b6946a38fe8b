#define __phys_addr(x)		__phys_addr_nodebug(x)
