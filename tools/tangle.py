#!/usr/bin/env python3
"""Tangle every root chunk of the book into files, and check chunk hygiene.

usage: tangle.py [--line] [--check] [--filter CMD] OUTDIR FILE.nw...

Every root chunk must be named like a file path (it contains a '/' or a '.');
it is written to OUTDIR/<name>.  A chunk that is used but never defined, or a
chunk that is defined but neither used nor a file, is an error.  A file whose
contents did not change is not rewritten, so make stays incremental.

--line   emit '#line N "file.nw"' directives (the build copy, so compiler
         errors point at the book); the committed code/ never has them.
--check  write nothing; exit 1 and list the files that differ from OUTDIR.
--filter run noweb's markup output through CMD first (the student edition
         uses tools/student-filter to put stubs in place of solutions).
"""
import os
import subprocess
import sys

NOWEB_LIB = "/usr/lib/noweb"


def markup(sources, filt):
    """noweb's markup of the sources, through FILT if given."""
    res = subprocess.run([f"{NOWEB_LIB}/markup", "-t"] + sources,
                         capture_output=True, text=True)
    if res.returncode != 0:
        sys.exit(res.stderr.strip() or "noweb's markup failed")
    out = res.stdout
    if filt:
        res = subprocess.run(filt, shell=True, input=out,
                             capture_output=True, text=True)
        if res.returncode != 0:
            sys.exit(res.stderr.strip() or f"{filt} failed")
        out = res.stdout
    return out.splitlines()


def separate_functions(tokens):
    """A chunk defined in pieces, each ending with a top-level '}' (a C
    function or type), gets a blank line between the pieces, as C has
    between functions."""
    defs, start, name = {}, None, None
    for i, tok in enumerate(tokens):
        if tok.startswith("@begin code"):
            start, name = i, None
        elif tok.startswith("@defn ") and name is None:
            name = tok[6:]
        elif tok.startswith("@end code"):
            defs.setdefault(name, []).append(i)
    add = set()
    for ends in defs.values():
        for end in ends[:-1]:
            last = next((t for t in reversed(tokens[:end]) if t.startswith("@text ")), "")
            if last in ("@text }", "@text };"):
                add.add(end)
    out, line = [], 0
    for i, tok in enumerate(tokens):
        if i in add:                  # a blank line, then the true line number
            out += ["@nl", f"@line {line + 1}"]
        if tok.startswith("@file "):
            line = 1
        elif tok in ("@nl", "@index nl"):     # "@ %def" lines end in @index nl
            line += 1
        out.append(tok)
    return out


def chunk_graph(tokens):
    defined, used, where = set(), set(), {}
    current, line = None, 0
    for tok in tokens:
        kind, _, arg = tok.partition(" ")
        if kind == "@file":
            current, line = arg, 1
        elif kind == "@nl":
            line += 1
        elif kind == "@defn":
            defined.add(arg)
            where.setdefault(arg, f"{current}:{line}")
        elif kind == "@use":
            used.add(arg)
            where.setdefault(arg, f"{current}:{line}")
    return defined, used, where


def is_file_name(name):
    return ("/" in name or "." in name) and " " not in name


def main(argv):
    filt = None
    if "--filter" in argv:
        i = argv.index("--filter")
        filt = argv[i + 1]
        argv = argv[:i] + argv[i + 2:]
    line_dirs = "--line" in argv
    check = "--check" in argv
    args = [a for a in argv if not a.startswith("--")]
    if len(args) < 2:
        sys.exit(__doc__)
    outdir, sources = args[0], args[1:]
    tokens = separate_functions(markup(sources, filt))
    stream = "\n".join(tokens) + "\n"
    defined, used, where = chunk_graph(tokens)
    errors = []
    for name in sorted(used - defined):
        errors.append(f"{where[name]}: error: chunk <<{name}>> is used but never defined")
    roots = sorted(defined - used)
    for name in roots:
        if not is_file_name(name):
            errors.append(f"{where[name]}: error: chunk <<{name}>> is defined but never used")
    if errors:
        sys.exit("\n".join(errors))

    differ = []
    for name in roots:
        cmd = [f"{NOWEB_LIB}/nt", "-t8", f"-R{name}"]
        if line_dirs:
            cmd.append('-L#line %L "%F"%N')
        res = subprocess.run(cmd, input=stream, capture_output=True, text=True)
        if res.returncode != 0 or res.stderr:
            sys.exit(f"noweb's nt failed on <<{name}>>:\n{res.stderr}")
        path = os.path.join(outdir, name)
        try:
            with open(path) as f:
                old = f.read()
        except FileNotFoundError:
            old = None
        if old == res.stdout:
            continue
        differ.append(path)
        if not check:
            os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
            tmp = path + ".tmp"
            with open(tmp, "w") as f:
                f.write(res.stdout)
            os.replace(tmp, path)
    # Files in OUTDIR that no root produces any more are stale.
    produced = {os.path.normpath(os.path.join(outdir, n)) for n in roots}
    for dirpath, _, files in os.walk(outdir):
        for fn in files:
            p = os.path.normpath(os.path.join(dirpath, fn))
            if p not in produced:
                differ.append(p + " (no chunk produces it)")
                if not check:
                    os.remove(p)
    if check and differ:
        print("code/ differs from what the chapters tangle to:", file=sys.stderr)
        for p in differ:
            print("  " + p, file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main(sys.argv[1:])
