#!/usr/bin/env python3
"""Draw the book's figures from the model's own output, as Graphviz input.

usage: draw.py FIGURE INPUT > FIGURE.dot

FIGURE is one of:
  merge-chain     INPUT is build/examples/merge-chain.out
  pcp-fill-drain  INPUT is build/examples/pcp-fill-drain.out
  translate       INPUT is build/examples/translate.out
  zone-map        INPUT is the output of figures/zone-map.sim

Blocks are drawn as boxes at fixed positions (render with neato -n2), so a
block of order k is 2^k pages wide and sits where its pfn says.  The figure
has no title of its own: the book's caption is its title.  Lines and text
outside the boxes are drawn in FG, which the HTML book replaces with
currentColor, so that a figure follows the page's light or dark theme; the
background is transparent.  figures/check.py checks what each figure draws.
"""
import re
import sys

TYPE_COLOUR = {"Unmovable": "#e8a0a0", "Movable": "#9fd39f", "Reclaimable": "#a6c8e8",
               "HighAtomic": "#e8d08a", "CMA": "#c8a6e8", "Isolate": "#b0b0b0"}
FREE_LINE = re.compile(r"zone=(\w+) order=(\d+) type=(\w+) pfn=0x([0-9a-f]+)")


FG = "#010203"      # the text colour: tools/book.lua makes it currentColor


def header(out, title):
    """TITLE is what the figure shows, for the .dot file's reader only."""
    out.append(f'digraph figure {{  // {title}')
    out.append('  graph [fontname="Helvetica", fontsize=11, bgcolor="transparent", pad=0.1];')
    out.append('  node [shape=box, fontname="Helvetica", fontsize=9, style=filled, '
               f'fixedsize=true, penwidth=0.8, color="{FG}", fontcolor="#000000"];')
    out.append(f'  edge [color="{FG}"];')


def box(out, name, x, y, w, h, label, fill, **extra):
    """A box whose left edge is at x and top at y, in points (y grows up)."""
    attrs = "".join(f', {k}="{v}"' for k, v in extra.items())
    out.append(f'  {name} [pos="{x + w / 2:.1f},{y - h / 2:.1f}!", width={w / 72:.3f}, '
               f'height={h / 72:.3f}, label="{label}", fillcolor="{fill}"{attrs}];')


def text(out, name, x, y, label, size=9, anchor="r"):
    w = max(len(label) * size * 0.55, 10)
    cx = x - w / 2 if anchor == "r" else x + w / 2
    out.append(f'  {name} [shape=plaintext, style="", fixedsize=false, pos="{cx:.1f},{y:.1f}!", '
               f'width={w / 72:.3f}, height=0.2, fontsize={size}, label="{label}", '
               f'fontcolor="{FG}"];')


def merge_chain(lines):
    """Eight pages, one row per step: free blocks green, the rest in use."""
    base, npages, cell, rowh = 0x10000, 8, 40, 26
    steps, cur = [], None
    for ln in lines:
        m = FREE_LINE.search(ln)
        if m:
            cur[1].append((int(m.group(4), 16), int(m.group(2))))
        elif ":" in ln:
            cur = (ln.split(":")[0], [])
            steps.append(cur)
    out = []
    header(out, "Pfns 0x10000-0x10007 after each step: free blocks in green, with their order "
                "(program merge-chain.c)")
    for i, (title, blocks) in enumerate(steps):
        y = -i * (rowh + 14)
        text(out, f"t{i}", -8, y - rowh / 2, title, anchor="r")
        free = {}
        for pfn, order in blocks:
            free[pfn - base] = order
        p = 0
        while p < npages:
            if p in free:
                w = 1 << free[p]
                box(out, f"b{i}_{p}", p * cell, y, w * cell, rowh,
                    f"order {free[p]}", "#9fd39f")
                p += w
            else:
                box(out, f"b{i}_{p}", p * cell, y, cell, rowh, f"{base + p:#x}", "#eeeeee",
                    fontcolor="#555555", fontsize=7.5)
                p += 1
    out.append("}")
    return out


def pcp_fill_drain(lines):
    """The DMA32 movable list after each 'show pcp': head on the left."""
    allocs = {}
    snaps = []
    for ln in lines:
        m = re.match(r"(a\d+) pfn=0x([0-9a-f]+)", ln)
        if m:
            allocs[int(m.group(2), 16)] = m.group(1)
        if "zone=DMA32" in ln:
            count = int(re.search(r"count=(\d+)", ln).group(1))
            high = int(re.search(r"high=(\d+)", ln).group(1))
            batch = int(re.search(r"batch=(\d+)", ln).group(1))
            movable = re.search(r"(?<![a-z])movable=\[([^\]]*)\]", ln).group(1).split()
            snaps.append((count, high, batch, [int(p, 16) for p in movable]))
    titles = ["allocated", "freed", "drained"]
    cell, rowh = 13, 22
    out = []
    header(out, "The DMA32 per-CPU movable list, head on the left (scenario pcp-fill-drain.sim)")
    for i, (count, high, batch, pages) in enumerate(snaps):
        y = -i * (rowh + 26)
        text(out, f"t{i}", -8, y - rowh / 2,
             f"{titles[i] if i < len(titles) else ''}: count {count}", anchor="r")
        shown = list(pages)
        drained = []
        if i == 1:
            drained = [p for p in sorted(allocs, key=lambda p: allocs[p], reverse=True)
                       if p not in pages]
        for j, pfn in enumerate(shown):
            box(out, f"p{i}_{j}", j * cell, y, cell, rowh, "", "#9fd39f", tooltip=f"{pfn:#x}")
        for k, pfn in enumerate(sorted(drained, key=lambda p: int(allocs[p][1:]), reverse=True)):
            j = len(shown) + k
            box(out, f"d{i}_{k}", j * cell, y, cell, rowh, "", "#f3c0a0", tooltip=f"{pfn:#x}")
        # the high mark
        out.append(f'  h{i} [shape=box, style=filled, fillcolor="{FG}", label="", '
                   f'pos="{high * cell:.1f},{y - rowh / 2:.1f}!", width=0.02, height={(rowh + 8) / 72:.3f}];')
        if i == 1:
            text(out, "hl", high * cell + 4, y + 10, f"high = {high}", anchor="l")
            text(out, "dl", len(shown) * cell + 2, y - rowh - 9,
                 f"the {len(drained)} oldest, drained (batch {batch})", anchor="l")
    out.append("}")
    return out


def translate(lines):
    """The steps of virt_to_page for each translated address, left to right."""
    rows, cur = [], None
    for ln in lines:
        ln = ln.strip()
        if ln.startswith("translate "):
            cur = [ln.split()[1]]
            rows.append(cur)
        elif cur is not None and ln:
            cur.append(ln)
    out = []
    header(out, "virt_to_page, step by step (scenario translate.sim)")
    # one column per address, the steps top to bottom
    w, h, gap = 150, 40, 22
    for i, r in enumerate(rows):
        x0 = i * (w + 40)
        region = "kernel image" if "kernel image" in r[2] else "direct map"
        pa = r[2].rsplit("= ", 1)[1]
        pfn = r[3].rsplit("= ", 1)[1]
        page = r[4].rsplit("= ", 1)[1]
        y_val = r[1].rsplit("= ", 1)[1]
        labels = [f"virtual address\\n{r[0]}",
                  f"y = x - __START_KERNEL_map\\n{y_val}",
                  f"__pa ({region})\\n{pa}",
                  f"pfn = __pa >> 12\\n{pfn}",
                  f"struct page\\nvmemmap + 64 * pfn\\n{page}"]
        fills = ["#f6f6f6", "#f6f6f6", "#dfeadf", "#dfe6f2", "#f2e6d6"]
        for j, lab in enumerate(labels):
            box(out, f"s{i}_{j}", x0, -j * (h + gap), w, h, lab, fills[j])
            if j:
                out.append(f"  s{i}_{j - 1} -> s{i}_{j} [arrowsize=0.6];")
    out.append("}")
    return out


def zone_map(lines):
    """DMA32's free blocks: one row per 4 MiB, colour by migratetype."""
    blocks = [(int(m.group(4), 16), int(m.group(2)), m.group(3))
              for m in map(FREE_LINE.search, lines) if m and m.group(1) == "DMA32"]
    if not blocks:
        sys.exit("draw.py: no DMA32 free blocks in the input")
    first = min(p for p, _, _ in blocks) & ~1023
    last = max(p + (1 << o) for p, o, _ in blocks)
    scale, rowh = 0.4, 14                     # points per page, row height
    out = []
    header(out, "Free blocks of the DMA32 zone by order and migratetype; grey is in use "
                "(scenario zone-map.sim)")
    nrows = (last - first + 1023) // 1024
    whole = {(p - first) // 1024 for p, o, _ in blocks if o == 10}
    # a run of three or more rows that are each one free order-10 block is
    # drawn as one row, labelled with the run's length
    rows, r = [], 0
    while r < nrows:
        run = r
        while run < nrows and run in whole:
            run += 1
        if run - r >= 3:
            rows.append(("run", r, run - r))
            r = run
        else:
            rows.append(("row", r, 1))
            r += 1
    for i, (kind, r, n) in enumerate(rows):
        y = -i * (rowh + 4)
        text(out, f"rl{i}", -4, y - rowh / 2, f"{first + r * 1024:#x}", size=7)
        if kind == "run":
            box(out, f"row{i}", 0, y, 1024 * scale, rowh,
                f"{n} free blocks of order 10, one per row", TYPE_COLOUR["Movable"],
                penwidth=0.4, fontsize=7, style="filled,dashed")
            continue
        box(out, f"row{i}", 0, y, 1024 * scale, rowh, "", "#dddddd", penwidth=0.3)
        for n_, (pfn, order, mt) in enumerate(sorted(blocks)):
            rr, off = divmod(pfn - first, 1024)
            if rr != r:
                continue
            width = (1 << order) * scale
            label = str(order) if width >= 9 else ""
            box(out, f"f{i}_{n_}", off * scale, y, width, rowh, label,
                TYPE_COLOUR.get(mt, "#ffffff"), penwidth=0.4, fontsize=7)
    nrows = len(rows)
    # the legend
    y = -nrows * (rowh + 4) - 10
    for k, (mt, colour) in enumerate(TYPE_COLOUR.items()):
        box(out, f"lg{k}", k * 72, y, 12, 10, "", colour)
        text(out, f"lt{k}", k * 72 + 16, y - 5, mt, size=8, anchor="l")
    out.append("}")
    return out


def main(argv):
    if len(argv) != 2:
        sys.exit(__doc__)
    figure, path = argv
    with open(path) as f:
        lines = f.read().splitlines()
    draw = {"merge-chain": merge_chain, "pcp-fill-drain": pcp_fill_drain,
            "translate": translate, "zone-map": zone_map}.get(figure)
    if not draw:
        sys.exit(f"draw.py: no figure called {figure}")
    print("\n".join(draw(lines)))


if __name__ == "__main__":
    main(sys.argv[1:])
