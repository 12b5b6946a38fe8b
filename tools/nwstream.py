#!/usr/bin/env python3
"""The book's noweb stream, read in one place.

noweb's markup turns the sources into a stream of tokens, one a line
("@file F", "@begin code 3", "@defn NAME", "@text ...", "@nl", ...).  Every
tool of the build reads the book through this module: it runs markup, numbers
the chapters (from book.nw's "[chapter N]: FILE" lines), the code chunks and
the exercises, checks that the chunks fit together, and puts the stubs of
the student edition in place.  noweb's own tools do the rest: finduses and
noidx index the stream, nt tangles it, cpif writes only what changed.

usage:
  nwstream.py sources         book.nw and the chapters it lists, in order
  nwstream.py stream [--tangle] [--student [--only IDS | --except IDS]] FILE.nw...
      noweb's markup of FILES, checked, on standard output.  --tangle puts a
      blank line between the pieces of a chunk that each end a C function or
      type.  --student drops the file of stubs (exercises/stubs.nw) and puts
      each stub in place of its solution: only those of the exercises IDS
      (comma-separated, as in EXERCISE_STUB("ID")), or all but those.  With
      --tangle, each exercise's code lies between two marking comments,
      which the grader looks for (see student()).
  nwstream.py roots STREAM    the root chunks of a stream: the files it tangles to
"""
import re
import subprocess
import sys
from collections import namedtuple

NOWEB = "/usr/lib/noweb"
BOOK = "book.nw"
KINDS = ("predict", "explain", "implement")

# ---------------------------------------------------------------------------
# Sources and their numbers


def chapters(book=BOOK):
    """[(file, number)] in book order: book.nw is front matter ("0"); the
    chapters and appendices are numbered by its '[chapter N]: FILE' lines."""
    out = [(book, "0")]
    with open(book, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"^\[chapter ([0-9A-Z]+)\]:\s*(\S+)\s*$", line)
            if m:
                out.append((m.group(2), m.group(1)))
    return out


def number_of(path, _cache={}):
    """The chapter number ("4") or appendix letter ("A") of a source; None
    for a file the book does not list (the stubs)."""
    if not _cache:
        _cache.update(chapters())
    return _cache.get(path)


def is_appendix(number):
    return bool(number) and number.isalpha()


# ---------------------------------------------------------------------------
# The stream


def markup(paths):
    """noweb's markup of PATHS (tabs kept), as a list of tokens."""
    res = subprocess.run([f"{NOWEB}/markup", "-t"] + list(paths),
                         capture_output=True, text=True)
    if res.returncode != 0 or res.stderr:
        sys.exit(res.stderr.strip() or "noweb's markup failed")
    return res.stdout.splitlines()


Chunk = namedtuple("Chunk", "start end name file line number divs")
Line = namedtuple("Line", "file line text start end")


def walk(tokens):
    """The code chunks and the documentation lines of a stream.

    Returns (chunks, lines).  A chunk is tokens[start:end], from its
    '@begin code' to its '@end code'; line is that of its <<name>>= in file;
    number is "4.12" (chapter, then the chunk's place in it); divs are the
    classes of the fenced divs of the prose around it.  A Line is one line of
    documentation, with [[quoted code]] as `code`, and the tokens it spans."""
    chunks, lines = [], []
    file, line, counter = None, 1, {}
    kind, start, name, cline = None, None, None, None
    text, tstart, quote = [], None, False
    stack = []
    for i, tok in enumerate(tokens):
        if tok.startswith("@file "):
            file, line = tok[6:], 1
        elif tok.startswith("@begin "):
            kind, start, name, cline = tok.split()[1], i, None, line
            text, tstart = [], i + 1
        elif tok.startswith("@end "):
            if kind == "code":
                num = number_of(file)
                counter[file] = counter.get(file, 0) + 1
                chunks.append(Chunk(start, i + 1, name, file, cline,
                                    f"{num}.{counter[file]}" if num else None,
                                    tuple(c for d in stack for c in d)))
            elif text:
                lines.append(Line(file, line, "".join(text), tstart, i))
            kind = None
        elif tok.startswith("@defn ") and kind == "code" and name is None:
            name = tok[6:]
        elif tok == "@nl" or tok == "@index nl":
            if kind == "docs":
                lines.append(Line(file, line, "".join(text), tstart, i))
                div = div_line(lines[-1].text)
                if div is not None:
                    if div:
                        stack.append(div[1])
                    elif stack:
                        stack.pop()
                text, tstart = [], i + 1
            line += 1
        elif kind == "docs" and tok == "@quote":
            quote = True
            text.append("`")
        elif kind == "docs" and tok == "@endquote":
            quote = False
            text.append("`")
        elif kind == "docs" and tok.startswith("@text "):
            text.append(tok[6:])
        elif kind == "docs" and quote and tok.startswith("@use "):
            text.append(f"<<{tok[5:]}>>")
    return chunks, lines


# ---------------------------------------------------------------------------
# Fenced divs in the prose: ::: {#id .class key="value"}

ATTR = re.compile(r'#([\w-]+)|\.([\w-]+)|([\w-]+)="([^"]*)"')
DIV = re.compile(r"^:{3,}\s*(\{.*\}|[\w-]+)?\s*$")


def div_line(text):
    """None for an ordinary line; () for a line that closes a div; for one
    that opens a div, (id, classes, {key: value})."""
    m = DIV.match(text)
    if not m:
        return None
    if not m.group(1):
        return ()
    if not m.group(1).startswith("{"):
        return (None, [m.group(1)], {})
    ident, classes, kv = None, [], {}
    for a in ATTR.finditer(m.group(1)):
        if a.group(1):
            ident = a.group(1)
        elif a.group(2):
            classes.append(a.group(2))
        else:
            kv[a.group(3)] = a.group(4)
    return (ident, classes, kv)


# ---------------------------------------------------------------------------
# Exercises

Exercise = namedtuple("Exercise", "id number kind attrs file line answer summary")


def exercises(lines, errors):
    """The exercises of the book, numbered per chapter ("4.3"):

        ::: {.exercise #ex-ID kind="predict|explain|implement" ...}
        The question; its first sentence is the summary.
        ::: {.answer}
        ...
        :::
        :::
    """
    out, k, depth, current, reading = [], {}, 0, None, False
    for ln in lines:
        div = div_line(ln.text)
        if current and reading:
            if div is not None or not ln.text.strip() or ln.text.startswith("<<"):
                reading = False
            else:
                current["text"].append(ln.text.strip())
        if div is None:
            continue
        if div:
            depth += 1
            ident, classes, kv = div
            if "exercise" in classes:
                num = number_of(ln.file)
                if current or num in (None, "0") or is_appendix(num):
                    errors.append(f"{ln.file}:{ln.line}: exercise inside an exercise, "
                                  "or outside a chapter")
                k[ln.file] = k.get(ln.file, 0) + 1
                current = dict(id=ident or "", number=f"{num}.{k[ln.file]}", attrs=kv,
                               file=ln.file, line=ln.line, depth=depth, answer=False, text=[])
                out.append(current)
                reading = True
            elif "answer" in classes and current:
                current["answer"] = True
        else:
            if current and depth == current["depth"]:
                current = None
            depth -= 1
    for path, num in chapters():
        if num.isdigit() and num != "0" and path not in k:
            errors.append(f"{path}: chapter {num} has no exercises")
    return [Exercise(e["id"], e["number"], e["attrs"].get("kind"), e["attrs"], e["file"],
                     e["line"], e["answer"], summary(e["text"])) for e in out]


def summary(lines):
    """The question's first sentence, at most about 100 characters."""
    text = " ".join(lines)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)     # links: their text
    m = re.match(r"(.+?[.?!])(\s|$)", text)
    text = m.group(1) if m else text
    if len(text) > 110:
        text = text[:100].rsplit(" ", 1)[0] + " …"
        if text.count("`") % 2:
            text = text.replace(" …", "` …")
    return text.replace("\t", " ")


# ---------------------------------------------------------------------------
# Checks and transformations


def is_file_name(name):
    return ("/" in name or "." in name or name == "Makefile") and " " not in name


def roots(tokens):
    defined, used = [], set()
    for tok in tokens:
        if tok.startswith("@defn ") and tok[6:] not in defined:
            defined.append(tok[6:])
        elif tok.startswith("@use "):
            used.add(tok[5:])
    return sorted(n for n in defined if n not in used)


def check(tokens):
    """Every chunk that is used is defined, and every root is a file."""
    chunks, _ = walk(tokens)
    where = {}
    for c in chunks:
        where.setdefault(c.name, f"{c.file}:{c.line}")
    errors = []
    file, line = None, 1
    for tok in tokens:
        if tok.startswith("@file "):
            file, line = tok[6:], 1
        elif tok in ("@nl", "@index nl"):
            line += 1
        elif tok.startswith("@use ") and tok[5:] not in where:
            errors.append(f"{file}:{line}: error: chunk <<{tok[5:]}>> is used but never defined")
    for name in roots(tokens):
        if not is_file_name(name):
            errors.append(f"{where[name]}: error: chunk <<{name}>> is defined but never used")
    return errors


def separate_functions(tokens):
    """A chunk defined in pieces that each end a C function or type (a last
    line '}' or '};') gets a blank line between the pieces, as C has between
    functions.  An '@line' token after it keeps #line directives true."""
    chunks, _ = walk(tokens)
    last = {}
    for c in chunks:
        last[c.name] = c
    add = set()
    for c in chunks:
        if c is last[c.name]:
            continue
        body = [t for t in tokens[c.start:c.end] if t.startswith("@text ")]
        if body and body[-1] in ("@text }", "@text };"):
            add.add(c.end - 1)
    out, line = [], 0
    for i, tok in enumerate(tokens):
        if i in add:
            out += ["@nl", f"@line {line + 1}"]
        if tok.startswith("@file "):
            line = 1
        elif tok in ("@nl", "@index nl"):
            line += 1
        out.append(tok)
    return out


MARK_BEGIN = "/* ---- exercise {}: your code, from here ---- */"
MARK_END = "/* ---- exercise {}: to here ---- */"


def student(tokens, only=None, but=None, marks=False):
    """The student edition: a chunk named "stub: X" (exercises/stubs.nw)
    holds the stub of the Implement exercise whose solution is chunk X.  Its
    code replaces X's first definition; X's continuations go, and so do the
    code chunks of model answers and the file of stubs itself.  With marks
    (the student tree's tangle), every exercise's code, stub or solution,
    lies between the two lines MARK_BEGIN and MARK_END: the grader takes
    what is between them, and only that, from a student's tree."""
    chunks, _ = walk(tokens)
    names = {c.name for c in chunks}
    stubs, ids, errors, exercise_of = {}, set(), [], {}
    for c in chunks:
        if not (c.name and c.name.startswith("stub: ")):
            continue
        target, body = c.name[6:], chunk_body(tokens, c)
        m = re.search(r'EXERCISE_STUB\("([^"]+)"\)', "\n".join(body))
        if not m:
            errors.append(f"{c.file}:{c.line}: <<{c.name}>> does not call EXERCISE_STUB(\"id\")")
            continue
        if target not in names:
            errors.append(f"{c.file}:{c.line}: <<{c.name}>>: the book has no chunk <<{target}>>")
        ids.add(m.group(1))
        exercise_of[target] = m.group(1)
        if (only is None or m.group(1) in only) and (but is None or m.group(1) not in but):
            stubs[target] = body
    for x in sorted((only or set()) | (but or set())):
        if x not in ids:
            errors.append(f"no exercise {x!r} has a stub")
    if errors:
        sys.exit("\n".join("student: " + e for e in errors))
    stub_files = {c.file for c in chunks if c.name.startswith("stub: ")}
    by_start = {c.start: c for c in chunks}
    out, seen, i, file = [], set(), 0, None
    while i < len(tokens):
        tok = tokens[i]
        if tok.startswith("@file "):
            file = tok[6:]
        c = by_start.get(i)
        if file in stub_files:
            i += 1
            continue
        if c is None:
            out.append(tok)
            i += 1
            continue
        if "answer" in c.divs or (c.name in stubs and c.name in seen):
            pass                               # a model answer's code, or a continuation
        elif c.name in stubs or (marks and c.name in exercise_of and c.name not in seen):
            seen.add(c.name)
            head = tokens[c.start:c.end]
            head = head[:head.index("@nl") + 1]
            body = stubs[c.name] if c.name in stubs else chunk_body(tokens, c)
            if marks:
                x = exercise_of[c.name]
                body = [f"@text {MARK_BEGIN.format(x)}", "@nl", *body,
                        *([] if body and body[-1] == "@nl" else ["@nl"]),
                        f"@text {MARK_END.format(x)}", "@nl"]
            out += head + body + [tokens[c.end - 1]]
        elif marks and c.name in exercise_of:
            sys.exit(f"student: {c.file}:{c.line}: <<{c.name}>> is an exercise; "
                     "it cannot be continued")
        else:
            out += tokens[c.start:c.end]
        i = c.end
    return out


def chunk_body(tokens, c):
    """The tokens of a chunk after its <<name>>= line, before @end code."""
    toks = tokens[c.start:c.end - 1]
    return toks[toks.index("@nl") + 1:] if "@nl" in toks else []


# ---------------------------------------------------------------------------


def main(argv):
    if argv[:1] == ["sources"]:
        print(" ".join(f for f, _ in chapters()))
        return
    if argv[:1] == ["roots"] and len(argv) == 2:
        with open(argv[1], encoding="utf-8") as f:
            print("\n".join(roots(f.read().splitlines())))
        return
    if argv[:1] != ["stream"]:
        sys.exit(__doc__)
    args, tangle, stu, only, but = argv[1:], False, False, None, None
    while args and args[0].startswith("--"):
        opt = args.pop(0)
        if opt == "--tangle":
            tangle = True
        elif opt == "--student":
            stu = True
        elif opt in ("--only", "--except") and args:
            ids = set(args.pop(0).split(","))
            only, but = (ids, but) if opt == "--only" else (only, ids)
        else:
            sys.exit(__doc__)
    if not args:
        sys.exit(__doc__)
    tokens = markup(args)
    if stu:
        tokens = student(tokens, only, but, marks=tangle)
    elif only or but:
        sys.exit("nwstream: --only and --except go with --student")
    errors = check(tokens)
    if errors:
        sys.exit("\n".join(errors))
    if tangle:
        tokens = separate_functions(tokens)
    sys.stdout.write("\n".join(tokens) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
