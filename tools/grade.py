#!/usr/bin/env python3
"""Grade the Implement exercises of a student tree.

usage: grade.py [--json FILE] TESTS EXERCISES.tsv

Runs the Criterion binary TESTS on every test that an Implement exercise
names (EXERCISES.tsv, written by the book's tools/exercises.py), and prints
one line per exercise: pass or fail, and the points.  An exercise passes
when every one of its tests passes.  With --json, also writes the result
for a course system:

  {"total": 30, "max": 70,
   "exercises": [{"number": "4.4", "id": "find-buddy-pfn", "kind": "implement",
                  "points": 10, "score": 10, "result": "pass",
                  "after": [], "tests": {"buddy/find_buddy_pfn_flips_bit_order": "pass", ...}},
                 {"number": "4.1", "id": "combined-pfn", "kind": "explain",
                  "points": 0, "score": null, "result": "by hand", ...}]}

Exit status 0 whatever the grade; 1 if the tests could not be run or an
exercise names no test.
"""
import fnmatch
import json
import os
import re
import subprocess
import sys
import tempfile

TIMEOUT = 20            # seconds per test: a stuck solution fails, it does not hang


def read_exercises(path):
    exercises = []
    for line in open(path):
        number, ident, kind, points, after, tests = line.rstrip("\n").split("\t")[:6]
        exercises.append({
            "number": number, "id": ident, "kind": kind, "points": int(points),
            "after": [] if after == "-" else after.split(","),
            "patterns": [] if tests == "-" else tests.split(","),
        })
    return exercises


def run_tests(binary, patterns):
    """{suite/name: "pass" | "fail"} for the tests matching any pattern."""
    with tempfile.TemporaryDirectory() as tmp:
        tap = os.path.join(tmp, "tests.tap")
        pattern = "@(" + "|".join(patterns) + ")"
        cmd = [binary, "-j2", f"--timeout={TIMEOUT}", f"--filter={pattern}",
               f"--tap={tap}", "--always-succeed"]
        try:
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           timeout=3600)
            text = open(tap).read()
        except (OSError, subprocess.TimeoutExpired) as e:
            sys.exit(f"grade: cannot run {binary}: {e}")
    return {f"{suite}/{name}": "pass" if ok else "fail"
            for (suite, name), ok in tap_results(text).items()}


def tap_results(text):
    """{(suite, name): passed} from Criterion's TAP report, skipping the
    tests a --filter left out.  (TAP, because Criterion's JSON does not
    escape its failure messages.)"""
    results = {}
    for line in text.splitlines():
        m = re.match(r"^(not ok|ok) - (\w+)::(\w+)", line)
        if m and "# SKIP" not in line:
            results[(m.group(2), m.group(3))] = m.group(1) == "ok"
    return results


def grade(exercises, results):
    by_id = {e["id"]: e for e in exercises}
    for e in exercises:
        if e["kind"] != "implement":
            e.update(score=None, result="by hand", tests={})
            continue
        e["tests"] = {t: r for t, r in sorted(results.items())
                      if any(fnmatch.fnmatchcase(t, p) for p in e["patterns"])}
        if not e["tests"]:
            sys.exit(f"grade: exercise {e['id']}: no test matches {' '.join(e['patterns'])}")
        ok = all(r == "pass" for r in e["tests"].values())
        e.update(score=e["points"] if ok else 0, result="pass" if ok else "fail")
    for e in exercises:                      # name the failing exercises it needs
        e["blocked_by"] = [by_id[d]["number"] for d in e["after"]
                           if by_id[d]["result"] == "fail"]
    return exercises


def report(exercises):
    implement = [e for e in exercises if e["kind"] == "implement"]
    print(f"{'exercise':<10}{'':<18}{'result':<8}points")
    for e in implement:
        line = f"{e['number']:<10}{e['id']:<18}{e['result']:<8}{e['score']:>2}/{e['points']}"
        if e["result"] == "fail":
            bad = [t for t, r in e["tests"].items() if r == "fail"]
            line += f"   {len(bad)} of {len(e['tests'])} tests fail"
            if e["blocked_by"]:
                line += f"; needs {' and '.join(e['blocked_by'])} first"
        print(line)
        if e["result"] == "fail":
            bad = [t for t, r in e["tests"].items() if r == "fail"]
            for t in bad[:3]:
                print(f"{'':<12}failing: {t}")
            if len(bad) > 3:
                print(f"{'':<12}and {len(bad) - 3} more")
    total = sum(e["score"] for e in implement)
    most = sum(e["points"] for e in implement)
    print(f"total: {total}/{most}")
    by_hand = len(exercises) - len(implement)
    print(f"({by_hand} Predict and Explain exercises are graded by hand.)")
    return total, most


def main(argv):
    out = None
    if argv[:1] == ["--json"]:
        out, argv = argv[1], argv[2:]
    if len(argv) != 2:
        sys.exit(__doc__)
    binary, table = argv
    exercises = read_exercises(table)
    patterns = [p for e in exercises for p in e["patterns"]]
    exercises = grade(exercises, run_tests(binary, patterns))
    total, most = report(exercises)
    if out:
        for e in exercises:
            del e["patterns"]
        with open(out, "w") as f:
            json.dump({"total": total, "max": most, "exercises": exercises}, f, indent=1)
            f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])
