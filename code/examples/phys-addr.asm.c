/* Compiled with gcc -O2 -S by the build; the book shows the result. */
#include <asm/page.h>

unsigned long phys_addr(unsigned long x)
{
	return __pa(x);
}
