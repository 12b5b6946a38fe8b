"""Every difference between Debian's running 5.10 kernel and pagesim that
the comparison allows, each with its reason: the one place they are
declared.  compare.py applies them; appendix B of the book lists them.

A difference is a list of rules.  Each rule rewrites or drops the lines of
one side ("kernel", "model" or "both") that match its pattern, optionally
only in one zone of /proc/zoneinfo or in some scenarios.  After the rules,
compare.py replaces each pfn by the name the scenario bound it to, and the
two sides must be equal line for line.  A rule that never fires is shown as
"not seen", so that a difference which went away (a pending fix that
landed) is noticed.

Kinds:
  configuration  Debian's kernel is built with other options than the book's
  QEMU           the machine QEMU emulates is not the model's machine
  boot           what boot allocates and reserves before a scenario runs
  harness        how the test module runs a scenario
  model          a simplification the book states (appendix B)
  pending        a model difference an issue already asks to fix
"""
import re


class Rule:
    def __init__(self, side, pattern, repl=None, zone=None, scenarios=None, add=None):
        self.side = side            # "kernel", "model" or "both"
        self.pattern = re.compile(pattern)
        self.repl = repl            # None: drop the line; a string or a function
        self.zone = zone            # only inside this zone of /proc/zoneinfo
        self.scenarios = scenarios  # only in these scenarios (stems)
        self.add = add              # add this to the number in group 2

    def applies(self, side, scenario, zone):
        return ((self.side == "both" or self.side == side)
                and (self.scenarios is None or scenario in self.scenarios)
                and (self.zone is None or self.zone == zone))

    def apply(self, line):
        """(new line or None to drop it, whether the rule fired)"""
        m = self.pattern.search(line)
        if not m:
            return line, False
        if self.add is not None:
            value = int(m.group(2)) + self.add
            return line[:m.start(2)] + str(value) + line[m.end(2):], True
        if self.repl is None:
            return None, True
        new = self.pattern.sub(self.repl, line)
        return new, new != line


class Expect:
    """A hunk the comparison may find: these kernel lines where pagesim prints
    those, after both sides are normalized."""

    def __init__(self, scenario, kernel, model):
        self.scenario = scenario
        self.kernel = kernel
        self.model = model

    def applies(self, side, scenario, zone):
        return False        # not a line rule

    def matches(self, scenario, kernel, model):
        return scenario == self.scenario and kernel == self.kernel and model == self.model


class Difference:
    def __init__(self, ident, kind, where, reason, rules, handled=None):
        self.id = ident
        self.kind = kind
        self.where = where          # what it changes, in a few words
        self.reason = reason        # Markdown
        self.rules = rules
        self.handled = handled      # how the comparison deals with it, if not by rules


def plain(m):
    """The number after the label in group 1, as #."""
    return m.group(1) + "#"


def numbers(m):
    """Every number of the match as #."""
    return re.sub(r"\d+", "#", m.group(0))


def columns(m):
    """The counts in group 2 as #, each keeping the width of its column."""
    return m.group(1) + re.sub(r">?\d+", lambda d: "#".rjust(len(d.group(0))), m.group(2))


def hashed(m):
    return m.group(1) + ("0" * 16 if m.group(2) == "0" * 16 else "<hashed>")


BELOW_1G = ["pcp-sizes-128M", "pcp-sizes-512M", "pcp-sizes-1G"]
TAINT = r"(Not tainted|Tainted: [A-Z ]{18})"


def kernel_taint(m):
    """The kernel's taint letters without kpagesim's O and E, as the model prints them."""
    if m.group(1) == "Not tainted":
        return m.group(0)
    letters = m.group(1)[len("Tainted: "):]
    letters = letters[:12] + "  " + letters[14:]
    return "Not tainted" if letters.strip() == "G" else "Tainted: " + letters


DIFFERENCES = [
    # --- configuration --------------------------------------------------------
    Difference(
        "page-flags-layout", "configuration", "every `flags:` word and `raw:` line",
        "Debian builds 5.10 with `CONFIG_NODES_SHIFT` 10, `CONFIG_NR_CPUS` 8192 and "
        "`CONFIG_ZONE_DEVICE`, and without `CONFIG_IDLE_PAGE_TRACKING`, which move the node, "
        "zone and last-CPU fields of `page->flags` and the flag `PG_arch_2`.",
        [], handled="pagesim prints with `--kconfig debian`: compared exactly"),
    Difference(
        "zone-device", "configuration", "`/proc/zoneinfo`",
        "`CONFIG_ZONE_DEVICE` adds a fifth zone, `Device`, empty here, and a fifth entry to "
        "every `protection:` line.",
        [], handled="pagesim prints with `--kconfig debian`: compared exactly"),
    Difference(
        "no-cma", "configuration", "`/proc/pagetypeinfo`, migratetype numbers",
        "Debian's kernel has no `CONFIG_CMA`: no CMA row or column in `/proc/pagetypeinfo`, and "
        "`MIGRATE_ISOLATE` is 4 where the book's is 5.",
        [], handled="pagesim prints with `--kconfig debian`: compared exactly"),
    # --- QEMU -------------------------------------------------------------------
    Difference(
        "top-128k", "QEMU", "DMA32 `spanned` and `present`, up to 1 GiB",
        "QEMU's firmware keeps the top 128 KiB of the RAM below 4 GiB for its ACPI tables "
        "(e820 `reserved`), so the last zone below 4 GiB ends 32 pages before the model's, "
        "whose RAM runs to the end. Checked: the kernel's count plus 32 is the model's.",
        [Rule("kernel", r"^(        (?:spanned|present)  )(\d+)$", add=32, zone="DMA32",
              scenarios=BELOW_1G)]),
    Difference(
        "pci-hole", "QEMU", "DMA32 `present` at 4 GiB; the model's machine has 5 GiB",
        "QEMU gives a 4 GiB machine 3 GiB below 4 GiB and 1 GiB above, leaving the gap for "
        "PCI. The model's RAM is contiguous, so its machine with the same 1 GiB Normal zone "
        "has 5 GiB, and a DMA32 zone with the same span and 262 176 pages more present "
        "(the 1 GiB hole and the top 128 KiB). Checked: the kernel's count plus 262 176 is "
        "the model's.",
        [Rule("kernel", r"^(        present  )(\d+)$", add=262176, zone="DMA32",
              scenarios=["pcp-sizes-4G"])]),
    Difference(
        "trampoline", "boot", "DMA `managed`",
        "Below 1 MiB the kernel reserves 6 pages for the real-mode trampoline that starts "
        "the other CPUs, on top of the 64 KiB that both keep for the BIOS. Checked: the "
        "kernel's DMA zone manages 6 pages fewer than the model's.",
        [Rule("kernel", r"^(        managed  )(\d+)$", add=6, zone="DMA")]),
    # --- boot -------------------------------------------------------------------
    Difference(
        "boot-reservations", "boot", "free and managed counts, reserves",
        "Boot reserves the kernel image, the initramfs, the memmap and more where the "
        "model reserves its own fixed ranges, and by the time a scenario runs the kernel "
        "has allocated pages of its own. Free and managed page counts, the "
        "`protection:` reserves computed from them and the per-CPU counts left by boot "
        "differ; their layout is compared, digit positions masked.",
        [Rule("both", r"^(  pages free     |      nr_free_pages |              count: )\d+$",
              plain),
         Rule("both", r"^(        managed  )\d+$", plain, zone="DMA32"),
         Rule("both", r"^(        managed  )\d+$", plain, zone="Normal"),
         Rule("both", r"^        protection: \(.*\)$", numbers),
         Rule("both", r"^(Node \d+, zone +\S+ )((?: +\d+ )+)$", columns),
         Rule("both", r"^(Node +\d+, zone +\S+, type +\S+ )((?: +>?\d+ )+)$", columns)]),
    Difference(
        "watermarks", "model", "`/proc/zoneinfo`: `min`, `low`, `high`",
        "The model keeps no watermarks. Debian's kernel, with transparent hugepages on, "
        "also raises `min_free_kbytes` to keep pageblocks free for them, so its watermarks "
        "would not be the book's anyway.",
        [Rule("kernel", r"^        (min|low|high) +\d+$")]),
    Difference(
        "zoneinfo-counters", "model", "`/proc/zoneinfo`: the other counters",
        "The model keeps two zone counters, `NR_FREE_PAGES` and `NR_FREE_CMA_PAGES`, and "
        "no node counters or NUMA statistics: those lines are the kernel's alone.",
        [Rule("kernel", r"^  per-node stats$"),
         Rule("kernel", r"^      (?!nr_free_pages |nr_free_cma )\S+ +\d+$")]),
    # --- harness ------------------------------------------------------------------
    Difference(
        "task", "harness", "the task and pid of trace lines and reports",
        "kpagesim runs a scenario inside `stop_machine()`, in the stopper thread of each "
        "CPU (`migration/N`); pagesim's task is `pagesim`, pid 1.",
        [Rule("both", r"^ *\S+-\d+ +\[", "<task> ["),
         Rule("both", r"in process \S+ ", "in process <task> "),
         Rule("both", r"^(CPU: \d+ )PID: \d+ Comm: \S+ ", r"\1PID: <pid> Comm: <task> ")]),
    Difference(
        "module-taint", "harness", "`Modules linked in:`, `Tainted:`",
        "kpagesim is an unsigned module built out of the tree: the kernel lists it and "
        "taints itself `O` and `E` when it loads.",
        [Rule("kernel", r"^(Modules linked in:) kpagesim\(OE\)$", r"\1"),
         Rule("kernel", TAINT, kernel_taint)]),
    Difference(
        "tcg-timing", "QEMU", "kernel messages about time",
        "Under TCG the guest runs slowly and unevenly, and more so while every CPU is held "
        "in `stop_machine()`: the kernel may say that a timer interrupt took milliseconds, "
        "or that a clock looks unstable, in the middle of a scenario. The model has no "
        "clocks.",
        [Rule("kernel", r"^hrtimer: interrupt took \d+ ns$"),
         Rule("kernel", r"^(clocksource|tsc): .*(unstable|watchdog|skew).*$"),
         Rule("kernel", r"^sched: RT throttling activated$")]),
    Difference(
        "banner", "QEMU", "the version and machine in `dump_stack`",
        "The kernel names its release and build and the QEMU machine; the model names "
        "itself.",
        [Rule("both", r"(Not tainted|Tainted: [A-Z ]{18}) .*$", r"\1 <version>"),
         Rule("both", r"^Hardware name: .*$", "Hardware name: <machine>")]),
    Difference(
        "call-trace", "model", "the call trace after a report",
        "`dump_stack` in the model prints its first two lines; the kernel goes on with the "
        "call trace, which names the functions of the running kernel.",
        [Rule("kernel", r"^Call Trace:$"),
         Rule("kernel", r"^ (\? )?[\w.]+\+0x[0-9a-f]+/0x[0-9a-f]+( \[\w+\])?$")]),
    Difference(
        "hashed-pointers", "model", "`page:` and `mapping:` of a bad-page report",
        "printk hashes `%p`, and before the random pool is ready prints `(____ptrval____)`; "
        "the model prints the address itself. NULL prints as zeros on both.",
        [Rule("both", r"(page:)(\(____ptrval____\)|[0-9a-f]{16})", hashed),
         Rule("both", r"(mapping:)(\(____ptrval____\)|[0-9a-f]{16})", hashed)]),
]
