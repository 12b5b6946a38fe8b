#!/usr/bin/env python3
"""List the book's tests, for the claims that name them.

usage: tests.py [--results RESULTS.tap] OUT.tsv TESTS.c...

Writes one line per Criterion test: suite.name, file, line, and its result
in RESULTS.tap (passed or failed; empty without --results).  tools/book.lua
links each claim ([text]{.claim test="suite.name"}) to its tests' lines, and
refuses a claim that names a test not listed here.  A book built with
--results (make check does that) shows each test's result in the appendix
of claims.
"""
import os
import re
import sys

from grade import tap_results    # tools/grade.py

TEST = re.compile(r"^(?:Test|ParameterizedTest)\(\s*(\w+)\s*,\s*(\w+)", re.M)


def main(argv):
    results = None
    if argv[:1] == ["--results"] and len(argv) > 1:
        with open(argv[1]) as f:
            results = {name.replace("/", "."): "passed" if r[0] else "failed"
                       for name, r in tap_results(f.read()).items()}
        argv = argv[2:]
    if len(argv) < 2:
        sys.exit(__doc__)
    found = {}
    for path in argv[1:]:
        with open(path) as f:
            text = f.read()
        for m in TEST.finditer(text):
            found[f"{m.group(1)}.{m.group(2)}"] = (os.path.basename(path),
                                                   text.count("\n", 0, m.start()) + 1)
    with open(argv[0], "w") as f:
        for name, (path, line) in sorted(found.items()):
            result = results.get(name, "not run") if results is not None else ""
            f.write(f"{name}\t{path}\t{line}\t{result}\n")


if __name__ == "__main__":
    main(sys.argv[1:])
