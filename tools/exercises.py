#!/usr/bin/env python3
"""List the book's exercises for the grader, and check them.

usage: exercises.py OUT.tsv STUBS.nw FILE.nw...
       exercises.py --readme TEMPLATE EXERCISES.tsv CODE_DIR

Each exercise is a fenced div in a chapter:

    ::: {.exercise #ex-ID kind="predict|explain|implement" ...}
    question
    ::: {.answer}
    answer (shown only in the teacher's edition)
    :::
    :::

An Implement exercise also has points="N", tests="PATTERN..." (Criterion
suite/name patterns), and may have after="ID..." (the exercises it builds
on) and kernel="FUNCTION..." (the 5.10 functions whose text the student
edition withholds, because they are the answer).  Its stub is the chunk in
STUBS.nw that calls EXERCISE_STUB("ID").  tools/nwstream.py reads and
numbers the exercises (per chapter: 4.3), for this list and for the book.

OUT.tsv gets one line per exercise:
    number  id  kind  points  after  tests  summary
with after and tests comma-separated, '-' where empty, and the summary the
question's first sentence.

--readme writes TEMPLATE to standard output with @EXERCISES@ replaced by a
table of the Implement exercises and where in CODE_DIR each stub is.
"""
import os
import re
import sys

import nwstream

KINDS = nwstream.KINDS


def readme(template, table, code):
    where = {}
    for root, _, files in os.walk(code):
        for fn in sorted(files):
            path = os.path.join(root, fn)
            for n, line in enumerate(open(path, encoding="utf-8"), 1):
                m = re.search(r'EXERCISE_STUB\("([^"]+)"\);', line)
                if m:
                    where[m.group(1)] = f"{os.path.relpath(path, os.path.dirname(code))}:{n}"
    rows = ["| Exercise | ID | Points | The stub | Needs |", "|---|---|---|---|---|"]
    numbers = {}
    for line in open(table):
        number, ident, kind, points, after = line.rstrip("\n").split("\t")[:5]
        numbers[ident] = number
        if kind != "implement":
            continue
        if ident not in where:
            sys.exit(f"exercises.py: no EXERCISE_STUB(\"{ident}\") in {code}")
        needs = ", ".join(numbers[a] for a in after.split(",")) if after != "-" else ""
        rows.append(f"| {number} | `{ident}` | {points} | `{where[ident]}` | {needs} |")
    sys.stdout.write(open(template).read().replace("@EXERCISES@", "\n".join(rows)))


def main(argv):
    if argv[:1] == ["--readme"] and len(argv) == 4:
        return readme(*argv[1:])
    if len(argv) < 3:
        sys.exit(__doc__)
    out, stubs_path, sources = argv[0], argv[1], argv[2:]
    errors = []
    _, lines = nwstream.walk(nwstream.markup(sources))
    exercises = [dict(e.attrs, id=e.id, number=e.number, where=f"{e.file}:{e.line}",
                      answer=e.answer, summary=e.summary)
                 for e in nwstream.exercises(lines, errors)]
    stubs = set(re.findall(r'EXERCISE_STUB\("([^"]+)"\)', open(stubs_path).read()))
    panels = set()
    for ln in lines:
        div = nwstream.div_line(ln.text)
        if div and "kernel" in div[1] and "fn" in div[2]:
            panels.add(div[2]["fn"])

    ids = {}
    for ex in exercises:
        where, kind = ex["where"], ex.get("kind")
        if not ex["id"].startswith("ex-"):
            errors.append(f"{where}: an exercise needs an id #ex-NAME")
        ex["id"] = ex["id"][3:]
        if ex["id"] in ids:
            errors.append(f"{where}: a second exercise called {ex['id']}")
        ids[ex["id"]] = ex
        if kind not in KINDS:
            errors.append(f"{where}: kind must be one of {', '.join(KINDS)}")
        if not ex["answer"]:
            errors.append(f"{where}: exercise {ex['id']} has no answer")
        if kind == "implement":
            if not ex.get("points", "").isdigit() or not ex.get("tests"):
                errors.append(f"{where}: an Implement exercise needs points and tests")
            if ex["id"] not in stubs:
                errors.append(f"{where}: {stubs_path} has no stub for {ex['id']}")
        elif any(a in ex for a in ("points", "tests", "after", "kernel")):
            errors.append(f"{where}: only Implement exercises have points, tests, after, kernel")
        for fn in ex.get("kernel", "").split():
            if fn not in panels:
                errors.append(f"{where}: kernel={fn}, but no panel shows {fn}")
    for stub in sorted(stubs):
        if stub not in ids or ids[stub].get("kind") != "implement":
            errors.append(f"{stubs_path}: stub {stub} belongs to no Implement exercise")
    for ex in exercises:
        for dep in ex.get("after", "").split():
            if dep not in ids or ids[dep].get("kind") != "implement":
                errors.append(f"{ex['where']}: after names {dep}, not an Implement exercise")
            elif [int(x) for x in ids[dep]["number"].split(".")] >= \
                 [int(x) for x in ex["number"].split(".")]:
                errors.append(f"{ex['where']}: {ex['id']} comes after {dep}, which is later in the book")
    if errors:
        sys.exit("\n".join("exercises.py: " + e for e in errors))

    with open(out, "w") as f:
        for ex in exercises:
            f.write("\t".join([ex["number"], ex["id"], ex["kind"], ex.get("points", "0"),
                               ",".join(ex.get("after", "").split()) or "-",
                               ",".join(ex.get("tests", "").split()) or "-",
                               ex["summary"]]) + "\n")
    kinds = {k: sum(1 for e in exercises if e["kind"] == k) for k in KINDS}
    print(f"exercises: {len(exercises)} ({kinds['predict']} predict, {kinds['explain']} explain, "
          f"{kinds['implement']} implement)")


if __name__ == "__main__":
    main(sys.argv[1:])
