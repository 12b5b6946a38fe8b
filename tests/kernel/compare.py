#!/usr/bin/env python3
"""Compare what kpagesim printed on the running kernel with what pagesim
prints for the same scenario, and write the table the book shows.

Each side goes through the same steps:
  1. the rules of differences.py, each of which says why it is there;
  2. pfns become names: every pfn inside a block the scenario allocated is
     written NAME or NAME+OFFSET, and any other pfn ?1, ?2, ... in the order
     it first appears (pages the per-CPU lists held, or brought in);
then the two must be equal, line for line, except for the hunks that a
difference declares.  The kernel's own ftrace lines must also equal, but
for ftrace's flags and timestamp, the trace lines kpagesim printed.
"""
import difflib
import fnmatch
import os
import re
import shlex
import subprocess

from differences import DIFFERENCES, Expect

VMEMMAP = 0xffffea0000000000
PAGE_OFFSET = 0xffff888000000000


class Scenario:
    def __init__(self, path):
        self.path = path
        self.name = os.path.basename(path)
        self.stem = self.name[:-len(".sim")]
        self.options = []
        self.kernel = []
        self.compare = None
        self.title = []
        with open(path) as f:
            self.text = f.read()
        for line in self.text.splitlines():
            if line.startswith("#:"):
                self.options += shlex.split(line[2:])
            elif line.startswith("#kernel:"):
                self.kernel += shlex.split(line[len("#kernel:"):])
            elif line.startswith("#compare:"):
                self.compare = int(line.split(":")[1])
            elif line.startswith("#"):
                if not self.compare and not self.options:
                    self.title.append(line[1:].strip())
            elif line.strip():
                break
        if self.compare is None:
            raise ValueError(f"{path}: no #compare: line")

    def option(self, opts, name, default):
        return opts[opts.index(name) + 1] if name in opts else default

    def machine(self):
        """(RAM, CPUs) of the QEMU machine: pagesim's, unless #kernel: says."""
        ram = self.option(self.kernel, "--ram", self.option(self.options, "--ram", "1G"))
        cpus = self.option(self.kernel, "--cpus", self.option(self.options, "--cpus", "2"))
        return ram, int(cpus)

    def model_machine(self):
        return self.option(self.options, "--ram", "1G"), int(self.option(self.options, "--cpus", "2"))


def load_scenarios(directory):
    found = [Scenario(os.path.join(directory, n)) for n in sorted(os.listdir(directory))
             if n.endswith(".sim")]
    return sorted(found, key=lambda s: (s.compare, s.name))


def machines(scenarios):
    """The boots: the scenarios of each machine, in order."""
    groups = {}
    for s in scenarios:
        groups.setdefault(s.machine(), []).append(s)
    return list(groups.items())


# --- 1. the declared rules --------------------------------------------------------

def apply_rules(lines, side, scenario, fired):
    out = []
    zone = None
    for line in lines:
        m = re.match(r"^Node \d+, zone +(\S+)$", line)
        if m:
            zone = m.group(1)
        elif not line.startswith(" "):
            zone = None if not line.startswith("Node ") else zone
        for d in DIFFERENCES:
            for r in d.rules:
                if line is None or not r.applies(side, scenario, zone):
                    continue
                line, hit = r.apply(line)
                if hit:
                    fired[d.id] = fired.get(d.id, 0) + 1
        if line is not None:
            out.append(line)
    return out


# --- 2. pfns as names ---------------------------------------------------------------

class Names:
    def __init__(self, lines):
        self.blocks = []
        for line in lines:
            m = re.match(r"^(\w+) pfn=0x([0-9a-f]+) order=(\d+) addr=", line)
            if m:
                self.blocks.append((int(m.group(2), 16), 1 << int(m.group(3)), m.group(1)))
        self.blocks.sort()
        self.unknown = {}

    def name(self, pfn):
        lo, hi = 0, len(self.blocks)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.blocks[mid][0] <= pfn:
                lo = mid + 1
            else:
                hi = mid
        if lo:
            start, size, name = self.blocks[lo - 1]
            if pfn < start + size:
                return name if pfn == start else f"{name}+{pfn - start:#x}"
        if pfn not in self.unknown:
            self.unknown[pfn] = f"?{len(self.unknown) + 1}"
        return self.unknown[pfn]


PFN_FORMS = [
    (re.compile(r"(pfn=)0x([0-9a-f]+)\b"), 16, 0, 1),
    (re.compile(r"(pfn=)(\d+)\b"), 10, 0, 1),
    (re.compile(r"(pfn:)0x([0-9a-f]+)\b"), 16, 0, 1),
    (re.compile(r"(state in process \S+  pfn:)([0-9a-f]+)\b"), 16, 0, 1),
    (re.compile(r"(page=)([0-9a-f]{16})\b"), 16, VMEMMAP, 64),
    (re.compile(r"(addr=)0x([0-9a-f]{16})\b"), 16, PAGE_OFFSET, 4096),
]


def name_pfns(lines):
    names = Names(lines)
    out = []
    for line in lines:
        for pattern, base, origin, unit in PFN_FORMS:
            line = pattern.sub(lambda m: m.group(1) + "<" + names.name(
                (int(m.group(2), base) - origin) // unit) + ">", line)
        # show pcp: the pfns of each list
        line = re.sub(r"=\[([0-9a-fx ]*)\]", lambda m: "=[" + " ".join(
            "<" + names.name(int(p, 16)) + ">" for p in m.group(1).split()) + "]", line)
        out.append(line)
    return out


def normalize(text, side, scenario, fired):
    lines = text.rstrip("\n").split("\n") if text.strip() else []
    return name_pfns(apply_rules(lines, side, scenario, fired))


# --- the comparison -------------------------------------------------------------------

def run_pagesim(pagesim, scenario):
    r = subprocess.run([pagesim, "--kconfig", "debian", scenario.path], stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"pagesim {scenario.name} exited with {r.returncode}:\n{r.stdout}")
    return r.stdout


TRACE = re.compile(r"\] (mm_page_free|mm_page_pcpu_drain): ")


def ftrace_check(kernel_text, ftrace_text):
    """The kernel's ftrace lines, less flags and timestamp, against kpagesim's."""
    ours = [l for l in kernel_text.splitlines() if TRACE.search(l)]
    real = [re.sub(r"(\[\d{3}\]) \S+ +\d+\.\d{6}: ", r"\1 ", l)
            for l in ftrace_text.splitlines() if l.strip()]
    return ours == real, len(real), list(difflib.unified_diff(
        real, ours, "ftrace (flags and timestamp removed)", "kpagesim", lineterm="", n=1))


class Result:
    def __init__(self, scenario):
        self.scenario = scenario
        self.fired = {}
        self.lines = 0
        self.ok = False
        self.trace_lines = 0
        self.trace_ok = True
        self.diff = []
        self.summary = ""


def compare_one(s, out, pagesim):
    r = Result(s)
    with open(os.path.join(out, s.stem + ".kernel")) as f:
        kernel_text = f.read()
    with open(os.path.join(out, s.stem + ".ftrace")) as f:
        ftrace_text = f.read()
    model_text = run_pagesim(pagesim, s)
    with open(os.path.join(out, s.stem + ".model"), "w") as f:
        f.write(model_text)
    k = normalize(kernel_text, "kernel", s.stem, r.fired)
    m = normalize(model_text, "model", s.stem, r.fired)
    r.lines = len(k)
    r.diff = list(difflib.unified_diff(k, m, "kernel", "pagesim", lineterm="", n=2))
    r.ok = bool(k) and all(declared(s.stem, k[i1:i2], m[j1:j2], r.fired)
                           for op, i1, i2, j1, j2 in
                           difflib.SequenceMatcher(None, k, m, autojunk=False).get_opcodes()
                           if op != "equal")
    r.trace_ok, r.trace_lines, tdiff = ftrace_check(kernel_text, ftrace_text)
    r.summary = summarize(s, kernel_text)
    with open(os.path.join(out, s.stem + ".diff"), "w") as f:
        f.write("\n".join(r.diff + tdiff) + "\n")
    with open(os.path.join(out, s.stem + ".normalized"), "w") as f:
        f.write("\n".join(k) + "\n")
    return r


def declared(scenario, kernel, model, fired):
    """Whether a difference declares this hunk."""
    for d in DIFFERENCES:
        for e in d.rules:
            if isinstance(e, Expect) and e.matches(scenario, kernel, model):
                fired[d.id] = fired.get(d.id, 0) + 1
                return True
    return False


def summarize(s, text):
    """What the scenario measured on the kernel, in a few words."""
    if s.compare == 1:
        zones, zone = [], None
        for line in text.splitlines():
            m = re.match(r"^Node \d+, zone +(\S+)$", line)
            if m:
                zone = m.group(1)
            m = re.match(r"^              high:  (\d+)$", line)
            if m:
                high = m.group(1)
            m = re.match(r"^              batch: (\d+)$", line)
            if m and zone and not any(z.startswith(zone + " ") for z in zones):
                zones.append(f"{zone} {high}/{m.group(1)}")
        return ", ".join(zones)
    if s.compare == 2:
        counts = len(re.findall(r"^cpu=\d+ DMA=", text, re.M))
        drains = len(re.findall(r"mm_page_pcpu_drain:", text))
        return f"{counts} count transitions; {drains} pages drained, in order"
    if s.compare == 3:
        return f"{len(re.findall(r'^zone=', text, re.M))} free-list entries, in list order"
    reports = len(re.findall(r"^BUG: Bad page state", text, re.M))
    return f"{reports} bad-page reports" if reports else "line layout"


TITLES = {1: "pcp high/batch of each zone", 2: "filling and draining the per-CPU lists",
          3: "buddy merging", 4: "formats"}


def compare_all(scenarios, out, pagesim, kernel):
    results = [compare_one(s, out, pagesim) for s in scenarios]
    write_table(out, results, kernel)
    for r in results:
        if not r.ok or not r.trace_ok:
            print(f"check-kernel: {r.scenario.name}: the kernel and pagesim differ "
                  f"({out}/{r.scenario.stem}.diff):")
            with open(os.path.join(out, r.scenario.stem + ".diff")) as f:
                print("".join(f.readlines()[:40]), end="")
    with open(os.path.join(out, "table.txt")) as f:
        print(f.read(), end="")
    return all(r.ok and r.trace_ok for r in results)


def machine_text(s):
    k, m = s.machine(), s.model_machine()
    text = f"{k[0]}, {k[1]} CPUs"
    return text if k == m else f"{text} (model: {m[0]})"


def write_table(out, results, kernel):
    rows, text = [], []
    for r in results:
        s = r.scenario
        seen = ", ".join(sorted(r.fired))
        ok = r.ok and r.trace_ok
        trace = f"; ftrace, {r.trace_lines} lines" if r.trace_lines else ""
        rows.append(f"| {s.compare} | `{s.stem}` | {machine_text(s)} | {r.summary} | "
                    f"{'match' if ok else '**differs**'}: {r.lines} lines{trace} | "
                    f"{seen or '-'} |")
        text.append(f"  {s.compare}  {s.name:24} {machine_text(s):24} "
                    f"{'match' if ok else 'DIFFERS':8} {r.lines:5} lines"
                    f"{trace}  {r.summary}")
    legend = "; ".join(f"{n}, {t}" for n, t in TITLES.items())
    md = [f"Run on {kernel}, under QEMU, against `pagesim --kconfig debian`. "
          f"The comparisons: {legend}.", "",
          "| | Scenario | Machine | On the kernel | Result | Declared differences met |",
          "|-|----------|------|----------|-------|-----------|"] + rows
    fired = set().union(*(r.fired for r in results)) if results else set()
    unseen = [d.id for d in DIFFERENCES if d.rules and d.id not in fired]
    if unseen:
        md += ["", "Declared but not met in this run: " + ", ".join(unseen) + "."]
    write(os.path.join(out, "table.md"), "\n".join(md) + "\n")
    text.append("  declared differences met (tests/kernel/differences.py, appendix B):")
    for d in DIFFERENCES:
        if d.id in fired:
            text.append(f"    {d.id} ({d.kind}): {re.sub(r'[`*]', '', d.where)}")
    if unseen:
        text.append("  declared but not met: " + ", ".join(unseen))
    write(os.path.join(out, "table.txt"),
          f"check-kernel: {kernel} against pagesim --kconfig debian\n" + "\n".join(text) + "\n")


def write_skipped(out, why):
    write(os.path.join(out, "table.md"),
          f"The comparison with the running kernel did not run in this build: {why}.\n")
    write(os.path.join(out, "table.txt"), f"check-kernel: skipped: {why}\n")


def write(path, text):
    with open(path + ".tmp", "w") as f:
        f.write(text)
    os.replace(path + ".tmp", path)


def differences_markdown():
    """The declared differences, for appendix B."""
    lines = ["| Difference | Kind | Where | Why |", "|------|-----|-------|-------------------|"]
    for d in DIFFERENCES:
        why = d.reason + (f" ({d.handled}.)" if d.handled else "")
        lines.append(f"| {d.id} | {d.kind} | {d.where} | {why} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    import sys
    if sys.argv[1:] == ["--differences"]:
        sys.stdout.write(differences_markdown())
    elif len(sys.argv) == 3 and sys.argv[1] == "--not-run":
        write_skipped(sys.argv[2], "`make check-kernel` has not run yet")
    else:
        sys.exit("usage: compare.py --differences | --not-run OUT")
