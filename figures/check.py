#!/usr/bin/env python3
"""Check that a figure draws what the model's output says.

usage: check.py FIGURE INPUT FIGURE.dot [SCRIPT]

Reads INPUT (what figures/draw.py drew FIGURE from) on its own, with its own
parsing, and fails unless the boxes of FIGURE.dot show the same facts:
  merge-chain     each step's free blocks: where they start and their order
  pcp-fill-drain  each snapshot's count, the pages on the movable list in
                  list order, and as many drained pages as the frees of
                  SCRIPT (the scenario) that are on no list
  translate       each address, its y, __pa, pfn and struct page
  zone-map        as many free DMA32 pages as the free lists hold
"""
import re
import sys

NODE = re.compile(r"^\s*(\w+) \[(.*)\];\s*$")
ATTR = re.compile(r'(\w+)=(?:"([^"]*)"|([^,\s\]]+))')


def nodes(dot):
    out = {}
    for ln in dot.splitlines():
        m = NODE.match(ln)
        if m and m.group(1) not in ("graph", "node", "edge"):
            out[m.group(1)] = {k: a if a or not b else b for k, a, b in ATTR.findall(m.group(2))}
    return out


def fail(figure, msg):
    sys.exit(f"figures/check.py: {figure}: {msg}")


def merge_chain(lines, n, fig, script):
    base, cell = 0x10000, None
    steps = []
    for ln in lines:
        if ln.startswith("zone="):
            kv = dict(f.split("=") for f in ln.split())
            steps[-1].append((int(kv["pfn"], 16), int(kv["order"])))
        elif ln.strip():
            steps.append([])
    for i, want in enumerate(steps):
        drawn = []
        for name, a in n.items():
            m = re.match(rf"b{i}_(\d+)$", name)
            if m and a.get("label", "").startswith("order "):
                order = int(a["label"].split()[1])
                x = float(a["pos"].split(",")[0])
                w = float(a["width"]) * 72
                cell = cell or w / (1 << order)
                if abs(w - cell * (1 << order)) > 0.5:
                    fail(fig, f"step {i}: an order-{order} block drawn {w:.0f}pt wide")
                if abs((x - w / 2) - int(m.group(1)) * cell) > 0.5:
                    fail(fig, f"step {i}: box {name} is not where pfn {base + int(m.group(1)):#x} is")
                drawn.append((base + int(m.group(1)), order))
        if sorted(drawn) != sorted(want):
            fail(fig, f"step {i}: draws free blocks {sorted(drawn)}, the model has {sorted(want)}")
    if not steps:
        fail(fig, "no steps in the input")


def pcp_fill_drain(lines, n, fig, script):
    if not script:
        fail(fig, "needs the scenario (SCRIPT)")
    freed = {ln.split()[1] for ln in script if ln.split()[:1] == ["free_pages"]}
    snaps = []
    for ln in lines:
        if "zone=DMA32" in ln:
            lists = dict(re.findall(r"(\w+)=\[([^\]]*)\]", ln))
            count = int(re.search(r"\bcount=(\d+)", ln).group(1))
            snaps.append((count, [int(p, 16) for p in lists["movable"].split()],
                          sum(len(v.split()) for v in lists.values())))
    if len(snaps) != 3:
        fail(fig, f"{len(snaps)} snapshots of DMA32 in the input, not 3")
    for i, (count, movable, total) in enumerate(snaps):
        if count != total:
            fail(fig, f"snapshot {i}: count={count} but the lists hold {total} pages")
        boxes = sorted((int(k.split("_")[1]), a) for k, a in n.items() if re.match(rf"p{i}_\d+$", k))
        tips = [int(a["tooltip"], 16) for _, a in boxes]
        if tips != movable:
            fail(fig, f"snapshot {i}: draws {len(tips)} pages on the movable list, "
                      f"the model has {len(movable)}")
        label = n[f"t{i}"]["label"]
        if not label.endswith(f"count {count}"):
            fail(fig, f"snapshot {i}: labelled '{label}', the model's count is {count}")
    drained = [a for k, a in n.items() if re.match(r"d1_\d+$", k)]
    want = len(freed) - snaps[1][0]
    if len(drained) != want:
        fail(fig, f"draws {len(drained)} drained pages; {len(freed)} were freed and "
                  f"{snaps[1][0]} are on the lists")


def translate(lines, n, fig, script):
    rows = []
    for ln in lines:
        if ln.startswith("translate "):
            rows.append([ln.split()[1]])
        elif ln.strip():
            rows[-1].append(ln.rsplit("= ", 1)[1])
    for i, r in enumerate(rows):
        labels = " ".join(n.get(f"s{i}_{j}", {}).get("label", "") for j in range(5))
        for v in r:
            if v not in labels:
                fail(fig, f"address {r[0]}: {v} is not drawn")
    if not rows:
        fail(fig, "no translations in the input")


def zone_map(lines, n, fig, script):
    pages = sum(1 << int(m.group(1)) for m in
                (re.search(r"zone=DMA32 order=(\d+) ", ln) for ln in lines) if m)
    drawn = 0
    for k, a in n.items():
        if re.match(r"f\d+_\d+$", k):
            drawn += round(float(a["width"]) * 72 / 0.4)
        elif re.match(r"row\d+$", k) and "free blocks of order 10" in a.get("label", ""):
            drawn += 1024 * int(a["label"].split()[0])
    if drawn != pages:
        fail(fig, f"draws {drawn} free pages of DMA32; its free lists hold {pages}")


def main(argv):
    if len(argv) not in (3, 4):
        sys.exit(__doc__)
    figure, src, dot = argv[:3]
    script = open(argv[3]).read().splitlines() if len(argv) == 4 else None
    check = {"merge-chain": merge_chain, "pcp-fill-drain": pcp_fill_drain,
             "translate": translate, "zone-map": zone_map}.get(figure)
    if not check:
        sys.exit(f"figures/check.py: no figure called {figure}")
    with open(src) as f:
        lines = f.read().splitlines()
    with open(dot) as f:
        check(lines, nodes(f.read()), figure, script)


if __name__ == "__main__":
    main(sys.argv[1:])
