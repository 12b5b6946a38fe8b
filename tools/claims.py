#!/usr/bin/env python3
"""Collect the book's claims and the tests that pin them.

usage: claims.py OUTDIR RESULTS.tap TESTS.c... -- SOURCES.nw...

A claim is a pandoc span in the prose:

    [a sentence about what the kernel does]{.claim test="suite.name other.test"}

This writes:
  OUTDIR/tests.tsv  every Criterion test: suite.name, file, line
  OUTDIR/claims.md  the appendix: each claim, its chapter, its tests, and
                    their result in RESULTS.tap (the last make check), or
                    "not run" if there is none yet

and fails, naming the claim, if a claim names a test that does not exist.
"""
import os
import re
import sys

from grade import tap_results    # tools/grade.py

TEST = re.compile(r"^(?:Test|ParameterizedTest)\(\s*(\w+)\s*,\s*(\w+)", re.M)
CLAIM = re.compile(r'\[((?:[^\[\]]|\[[^\[\]]*\])+?)\]\{\.claim\s+test="([^"]+)"\}', re.S)
TITLE = re.compile(r"^# (.+?)(?:\s*\{[^}]*\})?\s*$", re.M)


def tests_in(files):
    found = {}
    for path in files:
        with open(path) as f:
            text = f.read()
        for m in TEST.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            found[f"{m.group(1)}.{m.group(2)}"] = (os.path.basename(path), line)
    return found


def results_in(path):
    """suite.name -> passed | failed, from the TAP report of the last run."""
    try:
        with open(path) as f:
            text = f.read()
    except OSError:
        return {}
    return {f"{suite}.{name}": "passed" if ok else "failed"
            for (suite, name), ok in tap_results(text).items()}


def one_line(text):
    return re.sub(r"\s+", " ", text).strip()


def main(argv):
    if "--" not in argv or len(argv) < 4:
        sys.exit(__doc__)
    split = argv.index("--")
    outdir, results, tests, sources = argv[0], argv[1], argv[2:split], argv[split + 1:]
    known = tests_in(tests)
    status = results_in(results)
    os.makedirs(outdir, exist_ok=True)

    rows, errors, n = [], [], 0
    for src in sources:
        with open(src) as f:
            text = f.read()
        m = TITLE.search(text)
        chapter = m.group(1) if m else src
        for c in CLAIM.finditer(text):
            n += 1
            line = text.count("\n", 0, c.start()) + 1
            names = c.group(2).split()
            for name in names:
                if name not in known:
                    errors.append(f"{src}:{line}: error: claim {n} names test '{name}', "
                                  f"which is not in tests/")
            rows.append((n, chapter, one_line(c.group(1)), names))
    if errors:
        sys.exit("\n".join(errors))

    with open(os.path.join(outdir, "tests.tsv"), "w") as f:
        for name, (path, line) in sorted(known.items()):
            f.write(f"{name}\t{path}\t{line}\n")

    # One paragraph per claim, not a table: test names are long, and a
    # paragraph reflows on a phone and in the PDF.
    md = []
    chapter = None
    for n, ch, claim, names in rows:
        if ch != chapter:
            chapter = ch
            md.append(f"\n### {ch} {{.unnumbered}}\n")
        links = ", ".join(f"[`{t}`](tests/{known[t][0]}.html#L{known[t][1]})" for t in names)
        results = [status.get(t, "not run") for t in names]
        if len(set(results)) == 1:
            result = results[0] if len(names) == 1 else f"all {results[0]}"
        else:
            result = ", ".join(f"`{t}` {r}" for t, r in zip(names, results))
        # the number leads back to the claim in the text (HTML; the PDF drops links)
        md.append(f"[]{{#app-claim-{n}}}[**{n}.**](#claim-{n}) {claim}\\\n{links}: {result}.\n")
    passed = sum(1 for t in {t for r in rows for t in r[3]} if status.get(t) == "passed")
    with open(os.path.join(outdir, "claims.md"), "w") as f:
        f.write(f"The book makes {len(rows)} marked claims, pinned by "
                f"{len({t for r in rows for t in r[3]})} tests"
                + (f", of which {passed} passed in the last `make check`.\n" if status
                   else "; `make check` has not been run in this build yet.\n"))
        f.write("\n".join(md) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
