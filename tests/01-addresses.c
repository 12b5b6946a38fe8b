/* Chapter 1: from an address to its struct page, and back. */
#include <asm/io.h>
#include "helpers.h"

/* worked examples of each translation, with phys_base 0 */
Test(phys_addr, direct_map_subtracts_page_offset)
{
	cr_assert_eq(__pa(0xffff888000000000UL), 0x0UL);
	cr_assert_eq(__pa(0xffff888001234000UL), 0x1234000UL);
	cr_assert_eq(__pa(0xffff888100000000UL), 0x100000000UL);
	cr_assert_eq(__pa(0xffff888001234567UL), 0x1234567UL, "no alignment is needed");
}

Test(phys_addr, kernel_image_subtracts_start_kernel_map)
{
	cr_assert_eq(__pa(0xffffffff81000000UL), 0x1000000UL);
	cr_assert_eq(__pa(0xffffffff80000000UL), 0x0UL, "y = 0 is still the kernel image");
}

Test(phys_addr, carry_decides_the_region)
{
	const unsigned long K = __START_KERNEL_map;
	const unsigned long xs[] = { K - 1, K, K + 1, PAGE_OFFSET, PAGE_OFFSET - 1,
				     0, ~0UL, 0x8000000000000000UL };

	for (size_t i = 0; i < sizeof(xs) / sizeof(xs[0]); i++) {
		unsigned long x = xs[i], y = x - K;

		cr_assert_eq(x > y, x >= K, "x > y must mean x >= __START_KERNEL_map, for x %#lx", x);
		cr_assert_eq(__pa(x), x >= K ? y + phys_base : x - PAGE_OFFSET, "x %#lx", x);
	}
	cr_assert_eq(K - PAGE_OFFSET, 0x777f80000000UL);
}

Test(phys_addr, relocated_kernel_shifts_image_addresses_only)
{
	phys_base = 0x200000;
	cr_assert_eq(__pa(0xffffffff81000000UL), 0x1200000UL);
	cr_assert_eq(__pa(0xffff888001000000UL), 0x1000000UL, "the direct map does not move");
	phys_base = 0;
}

Test(phys_addr, unchecked_outside_both_regions)
{
	/* the vmemmap itself is in neither region: garbage, silently */
	cr_assert_eq(__pa(VMEMMAP_START), VMEMMAP_START - PAGE_OFFSET);
	cr_assert_eq(__pa(VMEMMAP_START), 0x618000000000UL);
}

TestSuite(vmemmap, .init = boot_1g, .fini = machine_off);

Test(vmemmap, struct_page_is_64_bytes_apart)
{
	cr_assert_eq(sizeof(struct page), 64);
	cr_assert_eq(page_kaddr(pfn_to_page(0x1234)), 0xffffea0000048d00UL);
	cr_assert_eq(page_kaddr(pfn_to_page(0x1001)) - page_kaddr(pfn_to_page(0x1000)), 64UL);
	cr_assert_eq(page_kaddr(virt_to_page(0xffffffff81000000UL)), 0xffffea0000040000UL);
}

/* CONFIG_DYNAMIC_MEMORY_LAYOUT: VMEMMAP_START is vmemmap_base, not the constant */
Test(vmemmap, vmemmap_start_is_the_variable_vmemmap_base)
{
	unsigned long saved = vmemmap_base;

	cr_assert_eq(VMEMMAP_START, __VMEMMAP_BASE_L4, "unmoved on 4-level hardware without KASLR");
	vmemmap_base = 0xffd4000000000000UL;	/* __VMEMMAP_BASE_L5, for 5-level paging */
	cr_assert_eq(page_kaddr(pfn_to_page(0x1234)), 0xffd4000000048d00UL,
		     "the struct page moves with the variable");
	vmemmap_base = saved;
}

Test(vmemmap, page_to_pfn_inverts_pfn_to_page)
{
	for (unsigned long pfn = 0; pfn < max_pfn; pfn += 4097)
		cr_assert_eq(page_to_pfn(pfn_to_page(pfn)), pfn);
	cr_assert_eq(page_to_pfn(virt_to_page(0xffff888001234000UL)), 0x1234UL);
}

TestSuite(way_back, .init = boot_1g, .fini = machine_off);

Test(way_back, page_to_phys_is_pfn_shifted)
{
	cr_assert_eq(page_to_phys(pfn_to_page(0x1234)), (phys_addr_t)0x1234000);
	cr_assert_eq(page_to_phys(virt_to_page(0xffff888001234567UL)), (phys_addr_t)0x1234000,
		     "the page's start, not the address given");
}

Test(way_back, page_address_is_the_direct_map_alias)
{
	cr_assert_eq((unsigned long)page_address(virt_to_page(0xffff888001234567UL)),
		     0xffff888001234000UL);
	cr_assert_eq((unsigned long)page_address(virt_to_page(0xffffffff81000000UL)),
		     0xffff888001000000UL, "a kernel-image address comes back in the direct map");
}

/* virt_addr_valid, on a 1 GiB machine: eight 128 MiB sections */
Test(virt_addr_valid, accepts_ram_in_both_regions, .init = boot_1g, .fini = machine_off)
{
	cr_assert(virt_addr_valid(0xffff888001234000UL));
	cr_assert(virt_addr_valid(0xffff88803fffffffUL), "the last byte of RAM");
	cr_assert(virt_addr_valid(0xffffffff81000000UL));
}

Test(virt_addr_valid, rejects_below_page_offset, .init = boot_1g, .fini = machine_off)
{
	cr_assert_not(virt_addr_valid(PAGE_OFFSET - 1));
	cr_assert_not(virt_addr_valid(0x1000UL), "a user address");
	cr_assert_not(virt_addr_valid(0UL));
}

Test(virt_addr_valid, rejects_past_kernel_image_size, .init = boot_1g, .fini = machine_off)
{
	/* 512 MiB of image mapping, all of it RAM on this machine */
	cr_assert(virt_addr_valid(__START_KERNEL_map + KERNEL_IMAGE_SIZE - PAGE_SIZE));
	cr_assert_not(virt_addr_valid(__START_KERNEL_map + KERNEL_IMAGE_SIZE));
	cr_assert_not(virt_addr_valid(~0UL));
}

Test(virt_addr_valid, rejects_past_last_section, .init = boot_1g, .fini = machine_off)
{
	cr_assert_not(virt_addr_valid(0xffff888040000000UL), "1 GiB: past the last section");
	cr_assert_not(virt_addr_valid(VMEMMAP_START), "the vmemmap is 97 TiB 'physical'");
}

Test(virt_addr_valid, rejects_wider_than_cpu, .init = boot_1g, .fini = machine_off)
{
	unsigned long too_wide = PAGE_OFFSET + (1UL << 46);

	/* 64 TiB of direct map would reach it; the CPU has 46 physical bits */
	cr_assert_not(virt_addr_valid(too_wide));
	cr_assert(virt_addr_valid(0xffff888030000000UL));
	boot_cpu_data.x86_phys_bits = 29;	/* a CPU that can address 512 MiB */
	cr_assert_not(virt_addr_valid(0xffff888030000000UL), "768 MiB needs 30 bits");
	boot_cpu_data.x86_phys_bits = 46;
}

Test(virt_addr_valid, accepts_unpopulated_end_of_existing_section, .fini = machine_off)
{
	boot(1 * GiB + 64 * MiB, 1);		/* RAM ends halfway through section 8 */
	cr_assert(virt_addr_valid(0xffff888000000000UL + GiB + 100 * MiB),
		  "a section present at boot is valid to its end");
	cr_assert_not(virt_addr_valid(0xffff888000000000UL + GiB + 128 * MiB));
}
