#!/usr/bin/env python3
"""Grade the Implement exercises of a student tree.

usage: grade.py grade [options] BASE STUDENT
       grade.py stubs CODE OUT.json       (the book's build: record the stubs)
       grade.py filter ID                 (the Criterion filter of one exercise)

BASE is a student tree as the book's build made it: code/ with every
exercise between its two marking lines, tests/, Makefile, and grader/
(this file, exercises.tsv, stubs.json).  STUDENT is the tree to grade.  The
grade is made in a fresh copy of BASE, WORK (--work, default
BASE/build/grade), into which only the lines between the marks of each
exercise are copied from STUDENT: the student's Makefile, tests, grader and
the rest of the model are never read.  The teacher's `make grade
STUDENT=dir` passes the book's own tree as BASE; a student's `make grade`
passes its own tree as both.

The copy is built with BASE's Makefile (-Werror).  An error or warning
inside an exercise's lines (or after them in the same file, as an unclosed
brace gives) costs that exercise: its stub goes back, and the others are
built again.  An error that no exercise explains stops the grade: "build
failed at FILE:LINE; no exercise graded".

Each exercise's tests then run in one process group, under two limits: each
test stops after --test-timeout seconds (a .timeout in the suite
declarations that the grader adds, since Criterion 2.4.1 ignores its
--timeout option in the test process), and all of an exercise's tests stop
after --exercise-timeout seconds.  Then every process the run started is
killed, including the test processes Criterion puts in sessions of their
own (this process is their subreaper).  A test passes only if Criterion
says so and it reached its end: the suite's .fini, which runs after the
test's own, leaves a mark; a test that exits early leaves none.

The report gives, per exercise, its score and for each failing test: its
name, crashed / timed out / failed / exited early, the first assertion's
message, and where it crashed or hung, naming the exercise whose code that
was.  --json FILE writes the same.  Exit status 0 with full marks, 1 with
points missing or a build that failed, 2 if the grader cannot work.
"""
import fnmatch
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time

TEST_TIMEOUT = 10       # seconds per test
EXERCISE_TIMEOUT = 60   # seconds for all of an exercise's tests
BEGIN = re.compile(r"^\s*/\* ---- exercise (\S+): your code, from here ---- \*/\s*$")
END = re.compile(r"^\s*/\* ---- exercise (\S+): to here ---- \*/\s*$")
HOOKS = "tests/zz-grade-hooks.c"
HERE = os.path.dirname(os.path.abspath(__file__))


def die(msg):
    print(f"grade: {msg}", file=sys.stderr)
    sys.exit(2)


# --- the exercises and their lines ------------------------------------------------

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


def criterion_filter(patterns):
    return "@(" + "|".join(patterns) + ")"


def regions(code):
    """{id: (path relative to code/.., begin line index, end line index)}:
    the marking lines of every exercise under CODE; a file's lines as read."""
    found, errors = {}, []
    top = os.path.dirname(os.path.normpath(code))
    for root, _, files in os.walk(code):
        for fn in sorted(files):
            path = os.path.join(root, fn)
            rel = os.path.relpath(path, top)
            try:
                lines = open(path, encoding="utf-8", errors="replace").read().split("\n")
            except OSError:
                continue
            opened = {}
            for i, ln in enumerate(lines):
                m = BEGIN.match(ln)
                if m:
                    opened[m.group(1)] = i
                    continue
                m = END.match(ln)
                if m and m.group(1) in opened:
                    x = m.group(1)
                    if x in found:
                        errors.append(f"exercise {x} is marked twice")
                    found[x] = (rel, opened.pop(x), i)
    return found, errors


def student_lines(student, rel, ident):
    """The student's lines of exercise IDENT in file REL, with the line
    number of the first; or (None, why)."""
    path = os.path.join(student, rel)
    try:
        lines = open(path, encoding="utf-8", errors="replace").read().split("\n")
    except OSError:
        return None, f"{path} is missing"
    begins = [i for i, ln in enumerate(lines) if (m := BEGIN.match(ln)) and m.group(1) == ident]
    ends = [i for i, ln in enumerate(lines) if (m := END.match(ln)) and m.group(1) == ident]
    if len(begins) != 1 or len(ends) != 1 or ends[0] < begins[0]:
        return None, (f"the two lines that mark exercise {ident} in {path} are not there "
                      "(once each, in order): put them back around your code")
    return (lines[begins[0] + 1:ends[0]], begins[0] + 2), None


def splice(base, work, student, ids, stubs, use_stub):
    """Write WORK/code from BASE/code with the student's lines of each
    exercise (the stub's for those in use_stub).  Returns {id: where}, where
    says which lines of WORK hold it and which line of the student's they
    came from."""
    by_file = {}
    for x in ids:
        rel = stubs[x]["file"]
        by_file.setdefault(rel, []).append(x)
    placed = {}
    for rel, xs in by_file.items():
        lines = open(os.path.join(base, rel), encoding="utf-8").read().split("\n")
        out, i = [], 0
        marks = {}
        for n, ln in enumerate(lines):
            m = BEGIN.match(ln)
            if m and m.group(1) in xs:
                marks[m.group(1)] = n
        for n, ln in enumerate(lines):
            m = END.match(ln)
            if m and m.group(1) in marks:
                x = m.group(1)
                b = marks[x]
                out += lines[i:b + 1]
                body, first = (stubs[x]["lines"], None) if x in use_stub else student[x]
                start = len(out)
                out += body
                placed[x] = {"file": rel, "start": start, "end": len(out), "first": first}
                i = n
        out += lines[i:]
        path = os.path.join(work, rel)
        text = "\n".join(out)
        if open(path, encoding="utf-8").read() != text:
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
    return placed


# --- build ----------------------------------------------------------------------

DIAG = re.compile(r"^(?:[^:\s]*: )?((?:code|tests)/[^:\s]+):(\d+):(?:(\d+):)? (?:(error|warning|fatal error)|(undefined reference|multiple definition))?(.*)$")


def diagnostics(text):
    """[(file, line, message)] of the compiler's errors and the linker's."""
    out = []
    for ln in text.splitlines():
        m = DIAG.match(ln)
        if m and (m.group(4) or m.group(5) or "undefined reference" in ln
                  or "multiple definition" in ln):
            msg = ((m.group(4) or m.group(5) or "") + m.group(6)).strip()
            out.append((m.group(1), int(m.group(2)), msg))
    return out


def blame(diag, placed):
    """The exercise whose lines explain an error at (file, line): the one
    that holds it, or the nearest before it in the same file."""
    f, line, _ = diag
    before = None
    for x, p in placed.items():
        if p["file"] != f:
            continue
        if p["start"] < line <= p["end"] + 1:
            return x
        if p["end"] < line and (before is None or placed[before]["end"] < p["end"]):
            before = x
    return before


def where_student(diag, placed, label):
    """FILE:LINE of an error, in the student's own file when it is theirs."""
    f, line, msg = diag
    for x, p in placed.items():
        if p["file"] == f and p["first"] is not None and p["start"] < line <= p["end"]:
            return f"{os.path.join(label, f)}:{p['first'] + line - p['start'] - 1}", msg
    return f"{f}:{line}", msg


def reuse_times(other, work, files):
    """--reuse: a file the same as in the earlier grade OTHER gets its time,
    so that make keeps the objects of OTHER that it copied."""
    for rel in files:
        mine, theirs = os.path.join(work, rel), os.path.join(other, rel)
        try:
            if open(mine, "rb").read() == open(theirs, "rb").read():
                st = os.stat(theirs)
                os.utime(mine, ns=(st.st_atime_ns, st.st_mtime_ns))
            else:
                os.utime(mine)
        except OSError:
            pass


def build(work, log):
    r = subprocess.run(["make", "-k", "-j2", "-C", work, "build/tests/run", "build/pagesim"],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    with open(log, "a") as f:
        f.write(r.stdout)
    return r.returncode == 0, r.stdout


# --- the hooks: a time limit, a mark at each test's end, where it crashed ----------

HOOKS_C = r"""/* Written by the grader (grader/grade.py): not part of the book's tests. */
#include <criterion/criterion.h>
#include <execinfo.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <ucontext.h>
#include <unistd.h>

extern char __executable_start[];
static char grade_name[512];

static void grade_mark(const char *what, int trace, uintptr_t pc0)
{
	const char *file = getenv("GRADE_MARKS");
	char line[8192];
	int n;
	FILE *f;

	if (!file)
		return;
	n = snprintf(line, sizeof(line), "%s %s", what, grade_name);
	if (pc0)	/* where the signal struck: the instruction itself */
		n += snprintf(line + n, sizeof(line) - n, " =%lx",
			      (unsigned long)(pc0 - (uintptr_t)__executable_start));
	if (trace) {
		void *pc[40];
		int k = backtrace(pc, 40);

		for (int i = 0; i < k && n < (int)sizeof(line) - 24; i++)
			n += snprintf(line + n, sizeof(line) - n, " %lx",
				      (unsigned long)((uintptr_t)pc[i] - (uintptr_t)__executable_start));
	}
	f = fopen(file, "a");
	if (f) {
		fprintf(f, "%s\n", line);
		fclose(f);
	}
}

static void grade_signal(int sig, siginfo_t *info, void *uc)
{
	char what[32];

	(void)info;
	snprintf(what, sizeof(what), "%s%d", sig == SIGALRM ? "slow" : "crash", sig);
	grade_mark(what, 1, (uintptr_t)((ucontext_t *)uc)->uc_mcontext.gregs[REG_RIP]);
}

static void grade_exit(int status, void *arg)
{
	char what[32];

	(void)arg;
	snprintf(what, sizeof(what), "exit%d", status);
	grade_mark(what, 0, 0);
}

static void grade_init(void)
{
	const struct criterion_test *t = criterion_current_test;
	struct sigaction sa;
	struct itimerval slow = { .it_value = { .tv_sec = GRADE_TIMEOUT - 1, .tv_usec = 500000 } };
	void *warm[1];

	snprintf(grade_name, sizeof(grade_name), "%s/%s", t->category, t->name);
	if (t->data && (t->data->signal || t->data->exit_code))
		grade_mark("death", 0, 0);		/* a test that should not reach its end */
	backtrace(warm, 1);			/* loads what backtrace needs, now */
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = grade_signal;
	sa.sa_flags = SA_SIGINFO | SA_RESETHAND | SA_NODEFER;
	for (int s = 0; s < 6; s++)
		sigaction((int[]){ SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP }[s], &sa, NULL);
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigaction(SIGALRM, &sa, NULL);
	setitimer(ITIMER_REAL, &slow, NULL);	/* where it is, just before it times out */
	on_exit(grade_exit, NULL);
}

static void grade_fini(void)
{
	struct itimerval off = { 0 };

	setitimer(ITIMER_REAL, &off, NULL);
	grade_mark("end", 0, 0);
}

"""


SUITE = re.compile(r"^[ \t]*TestSuite\s*\(\s*(\w+)\s*((?:,[^;]*)?)\)\s*;", re.M)


def hooks(tests_dir, timeout):
    """The grader's suite declarations, and its copy of the tests without
    theirs: a suite's own .init and .fini run inside the grader's."""
    suites, own = set(), {}
    for fn in sorted(os.listdir(tests_dir)):
        if not fn.endswith(".c") or fn == os.path.basename(HOOKS):
            continue
        path = os.path.join(tests_dir, fn)
        text = open(path, encoding="utf-8", errors="replace").read()
        for m in SUITE.finditer(text):
            props = dict(re.findall(r"\.(\w+)\s*=\s*(\w+)", m.group(2)))
            if set(props) - {"init", "fini"}:
                die(f"tests/{fn}: TestSuite({m.group(1)}) sets more than .init and .fini")
            own[m.group(1)] = props
        if own:
            moved = SUITE.sub(lambda m: f"/* TestSuite({m.group(1)}): in {HOOKS}, by the grader */",
                              text)
            if moved != text:
                with open(path, "w", encoding="utf-8") as out:
                    out.write(moved)
        suites |= set(re.findall(r"^\s*(?:Test|ParameterizedTest|Theory)\s*\(\s*(\w+)\s*,",
                                 text, re.M))
    decl = []
    for s in sorted(suites):
        p = own.get(s, {})
        init, fini = "grade_init", "grade_fini"
        if p:
            init, fini = f"grade_init_{s}", f"grade_fini_{s}"
            decl += [f"void {fn}(void);\n" for fn in p.values()]
            decl.append(f"static void {init}(void) {{ grade_init();{' ' + p['init'] + '();' if 'init' in p else ''} }}\n")
            decl.append(f"static void {fini}(void) {{{' ' + p['fini'] + '();' if 'fini' in p else ''} grade_fini(); }}\n")
        decl.append(f"TestSuite({s}, .init = {init}, .fini = {fini}, .timeout = {timeout});\n")
    return f"#define GRADE_TIMEOUT {timeout}\n" + HOOKS_C + "".join(decl)


# --- run: one process group per exercise, and nothing left behind ----------------

def become_subreaper():
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(36, 1, 0, 0, 0) == 0     # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        return False


def descendants():
    parent = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                stat = open(f"/proc/{d}/stat").read()
                parent[int(d)] = int(stat[stat.rindex(")") + 2:].split()[1])
            except (OSError, ValueError, IndexError):
                pass
    me, out = os.getpid(), []
    frontier = {me}
    while frontier:
        kids = {p for p, pp in parent.items() if pp in frontier and p not in out and p != me}
        out += sorted(kids)
        frontier = kids
    return out


def kill_all():
    """Kill every process below this one, and reap them."""
    for _ in range(50):
        pids = descendants()
        for p in pids:
            try:
                os.kill(p, signal.SIGKILL)
            except ProcessLookupError:
                pass
        reaped = True
        while reaped:
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
                reaped = pid != 0
            except ChildProcessError:
                reaped = False
        if not pids:
            return
        time.sleep(0.05)


def run_exercise(work, x, patterns, test_timeout, limit):
    d = os.path.join(work, "build", "grade")
    tap, marks, log = (os.path.join(d, f"{x}.{s}") for s in ("tap", "marks", "log"))
    for f in (tap, marks):
        if os.path.exists(f):
            os.unlink(f)
    env = dict(os.environ, GRADE_MARKS=marks)
    env.pop("CRITERION_TEST_PATTERN", None)
    cmd = ["build/tests/run", "-j2", f"--filter={criterion_filter(patterns)}",
           f"--tap={tap}", "--always-succeed"]
    start = time.monotonic()
    with open(log, "w") as out:
        p = subprocess.Popen(cmd, cwd=work, env=env, stdin=subprocess.DEVNULL,
                             stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            p.wait(timeout=limit)
            over = False
        except subprocess.TimeoutExpired:
            over = True
        kill_all()
        try:
            p.wait(timeout=5)
        except (subprocess.TimeoutExpired, ChildProcessError):
            pass
    took = time.monotonic() - start
    text = open(tap, errors="replace").read() if os.path.exists(tap) and not over else ""
    m = open(marks, errors="replace").read() if os.path.exists(marks) else ""
    return tap_results(text), read_marks(m), over, took


def tap_results(text):
    """{suite/name: (ok, message)} from Criterion's TAP report, without the
    tests a --filter left out; message is the first assertion's, if any."""
    results, cur, block = {}, None, []

    def close():
        if cur:
            fails, msg = [], None
            for ln in block:
                m = re.match(r"^\s*- (\S+:\d+): \|\+?\s*$", ln)
                if m:
                    fails.append([m.group(1), []])
                elif fails and ln.strip() and ln.strip() != "...":
                    fails[-1][1].append(ln.strip())
            if fails:            # Criterion lists them last first
                where, lines = fails[-1]
                msg = " ".join(lines)
                if len(msg) > 160:
                    msg = msg[:150] + " [...]"
                msg = f"{msg} ({where})"
            ok, note = results[cur]
            results[cur] = (ok, note, msg)
    for line in text.splitlines():
        m = re.match(r"^(not ok|ok) - (\w+)::(\w+)\s*(.*)$", line)
        if m:
            close()
            cur, block = None, []
            if "# SKIP" in line:
                continue
            cur = f"{m.group(2)}/{m.group(3)}"
            results[cur] = (m.group(1) == "ok", re.sub(r"\s*\(\d+\.\d+s\)\s*$", "", m.group(4)))
        elif cur and line.strip() == "...":
            close()
            cur, block = None, []
        elif cur:
            block.append(line)
    close()
    return results


def read_marks(text):
    marks = {}
    for line in text.splitlines():
        f = line.split()
        if len(f) >= 2:
            marks.setdefault(f[1], []).append((f[0], f[2:]))
    return marks


# --- where it crashed or hung --------------------------------------------------

def locate(work, placed, stubs, label, offsets):
    """The first frame of a backtrace in the model or the tests, and the
    exercise whose lines it is in (if any): (where, exercise)."""
    if not offsets:
        return None, None
    # the instruction the signal struck, then return addresses (less one:
    # the call, not what follows it)
    addrs = [o[1:] if o.startswith("=") else f"{max(int(o, 16) - 1, 0):x}" for o in offsets]
    try:
        r = subprocess.run(["addr2line", "-a", "-i", "-e", os.path.join(work, "build/tests/run")]
                           + addrs, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                           text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None, None
    frames = []
    for ln in r.stdout.splitlines():
        if ln.startswith("0x"):
            continue
        m = re.match(r"^(.*):(\d+)(?: \(discriminator \d+\))?$", ln)
        if m and m.group(1) != "??":
            f = os.path.relpath(m.group(1), work) if os.path.isabs(m.group(1)) else m.group(1)
            frames.append((f, int(m.group(2))))
    first = None
    for f, line in frames:
        if f.startswith("code/") or f.startswith("tests/"):
            for x, p in placed.items():
                if p["file"] == f and p["start"] < line <= p["end"]:
                    where, _ = where_student((f, line, ""), placed, label)
                    return where, x
            first = first or f"{f}:{line}"
    return first, None


# --- grade ----------------------------------------------------------------------

def list_tests(work):
    r = subprocess.run(["build/tests/run", "--list"], cwd=work, stdout=subprocess.PIPE,
                       stderr=subprocess.DEVNULL, text=True, timeout=60)
    tests, suite = [], None
    for ln in r.stdout.splitlines():
        m = re.match(r"^(\w+): \d+ tests?$", ln)
        if m:
            suite = m.group(1)
            continue
        m = re.match(r"^\S+ (\w+)$", ln)
        if m and suite:
            tests.append(f"{suite}/{m.group(1)}")
    return tests


def judge(name, tap, marks, over, limit, test_timeout):
    """(result, message, trace) of one test."""
    mine = marks.get(name, [])
    kinds = [k for k, _ in mine]
    trace = next((t for k, t in mine if k.startswith("crash")), None) or \
        next((t for k, t in mine if k.startswith("slow")), None)
    if name not in tap:
        if over:
            return "timed out", f"after {limit} s, the limit for all of the exercise's tests", trace
        return "failed", "Criterion did not report it", trace
    ok, note, msg = tap[name]
    if ok and ("end" in kinds or "death" in kinds):
        return "passed", None, None
    if ok:
        code = next((k[4:] for k in kinds if k.startswith("exit")), None)
        return "exited early", (f"with status {code}, before its end" if code
                                else "before its end"), trace
    if "timed out" in note:
        return "timed out", f"after {test_timeout} s", \
            next((t for k, t in mine if k.startswith("slow")), None)
    if "signal" in note or any(k.startswith("crash") for k in kinds):
        sig = next((int(k[5:]) for k in kinds if k.startswith("crash")), None)
        name_ = signal.Signals(sig).name if sig else "a signal"
        return "crashed", name_ + (f" ({note})" if note else ""), trace
    if msg:
        return "failed", msg, None
    code = next((k[4:] for k in kinds if k.startswith("exit") and "end" not in kinds), None)
    if code:
        return "failed", f"exited with status {code} before its end", None
    return "failed", note or "failed without an assertion message", None


def grade(args):
    base, student = args.base, args.student
    work = args.work or os.path.join(base, "build", "grade")
    label = os.path.normpath(student)
    for f in (args.json, os.path.join(work, "grade.json")):
        if f and os.path.exists(f):
            os.unlink(f)
    tsv = os.path.join(base, "grader", "exercises.tsv")
    exercises = read_exercises(tsv)
    stubs = json.load(open(os.path.join(base, "grader", "stubs.json")))
    implement = [e for e in exercises if e["kind"] == "implement"]
    by_id = {e["id"]: e for e in exercises}
    ids = [e["id"] for e in implement]
    for x in ids:
        if x not in stubs:
            die(f"{base}/grader/stubs.json has no stub of {x}")

    # a fresh copy of BASE: code, tests, Makefile, grader, and its objects
    if os.path.exists(work):
        shutil.rmtree(work)
    os.makedirs(os.path.join(work, "build", "grade"))
    ignore_build = shutil.ignore_patterns("grade", "grade.json", "examples", "bin")
    for part in ("code", "tests", "grader", "Makefile"):
        src = os.path.join(base, part)
        if os.path.isdir(src):
            shutil.copytree(src, os.path.join(work, part), symlinks=True)
        else:
            shutil.copy2(src, os.path.join(work, part))
    built = args.reuse or base
    for part in ("obj", "libmodel.a", "pagesim", "tests"):
        src = os.path.join(built, "build", part)
        if os.path.isdir(src):
            shutil.copytree(src, os.path.join(work, "build", part), symlinks=True,
                            ignore=ignore_build)
        elif os.path.exists(src):
            shutil.copy2(src, os.path.join(work, "build", part))
    hook_text = hooks(os.path.join(work, "tests"), args.test_timeout)
    with open(os.path.join(work, HOOKS), "w") as f:
        f.write(hook_text)
    if args.reuse:
        reuse_times(args.reuse, work, [HOOKS])

    # the student's lines of each exercise, and nothing else of theirs
    theirs, unbuilt = {}, {}
    for x in ids:
        got, why = student_lines(student, stubs[x]["file"], x)
        if got is None:
            unbuilt[x] = ("not found", why)
        else:
            theirs[x] = got
    log = os.path.join(work, "build", "grade", "build.log")
    fatal = None
    while True:
        use_stub = {x: True for x in unbuilt}
        placed = splice(base, work, {**theirs}, ids, stubs, use_stub)
        if args.reuse:
            reuse_times(args.reuse, work, sorted({stubs[x]["file"] for x in ids}))
        ok, out = build(work, log)
        if ok:
            break
        diags = diagnostics(out)
        culprits = {}
        for dg in diags:
            x = blame(dg, placed)
            if x is None or x in unbuilt or placed[x]["first"] is None:
                fatal = fatal or dg
                continue
            culprits.setdefault(x, dg)
        if not culprits:
            fatal = fatal or (diags[0] if diags else ("?", 0, out.strip().splitlines()[-1:] or ""))
            break
        fatal = None
        for x, dg in culprits.items():
            where, msg = where_student(dg, placed, label)
            unbuilt[x] = ("did not build", f"{where}: {msg}")

    result = {"total": 0, "max": sum(e["points"] for e in implement), "build": "ok",
              "limits": {"test": args.test_timeout, "exercise": args.exercise_timeout},
              "exercises": []}
    if fatal:
        if isinstance(fatal, tuple) and len(fatal) == 3 and fatal[0] != "?":
            where, msg = where_student(fatal, placed, label)
        else:
            where, msg = "?", str(fatal[2])
        result["build"] = f"build failed at {where}; no exercise graded"
        result["error"] = msg
        for e in exercises:
            e.update(score=0 if e["kind"] == "implement" else None,
                     result="not graded" if e["kind"] == "implement" else "by hand", tests={})
        return finish(result, exercises, work, args, fatal=(where, msg, log))

    # the tests, one exercise at a time
    if not become_subreaper():
        print("grade: cannot become a subreaper; a test's orphans may outlive it", file=sys.stderr)
    all_tests = list_tests(work)
    for e in exercises:
        e["command"] = None
        if e["kind"] != "implement":
            e.update(score=None, result="by hand", tests={})
            continue
        e["command"] = f"make exercise X={e['id']}"
        names = [t for t in all_tests if any(fnmatch.fnmatchcase(t, p) for p in e["patterns"])]
        if not names:
            die(f"exercise {e['id']}: no test matches {' '.join(e['patterns'])}")
        tap, marks, over, took = run_exercise(work, e["id"], e["patterns"],
                                              args.test_timeout, args.exercise_timeout)
        e["seconds"] = round(took, 1)
        e["tests"] = {}
        for t in names:
            res, msg, trace = judge(t, tap, marks, over, args.exercise_timeout, args.test_timeout)
            entry = {"result": res}
            if msg:
                entry["message"] = msg
            if res in ("crashed", "timed out", "exited early") and trace:
                where, owner = locate(work, placed, stubs, label, trace)
                if where:
                    entry["where"] = where
                if owner:
                    entry["in_exercise"] = by_id[owner]["number"]
            e["tests"][t] = entry
        passed = all(v["result"] == "passed" for v in e["tests"].values())
        if e["id"] in unbuilt:
            passed = False
            e["reason"] = f"{unbuilt[e['id']][0]}: {unbuilt[e['id']][1]}"
        e.update(score=e["points"] if passed else 0, result="pass" if passed else "fail")
    for e in exercises:
        if e["kind"] != "implement":
            e["blocked_by"] = e["died_in"] = []
            continue
        # the exercises it needs that fail, and those in whose code its tests died
        needs = [by_id[d] for d in e["after"] if by_id[d]["result"] == "fail"]
        died_in = {v["in_exercise"] for v in e["tests"].values()
                   if v.get("in_exercise") and v["in_exercise"] != e["number"]}
        e["blocked_by"] = sorted({d["number"] for d in needs} | died_in,
                                 key=lambda n: [int(p) for p in n.split(".")])
        e["died_in"] = sorted(died_in)
    result["total"] = sum(e["score"] for e in implement)
    return finish(result, exercises, work, args)


def how_it_failed(x):
    kinds = [v["result"] for v in x["tests"].values()]
    if x.get("reason", "").startswith("did not build"):
        return "did not build"
    if x.get("reason", "").startswith("not found"):
        return "is missing"
    for k in ("crashed", "timed out", "exited early"):
        if k in kinds:
            return k
    return "fails"


def finish(result, exercises, work, args, fatal=None):
    by_number = {e["number"]: e for e in exercises}
    lines = []
    implement = [e for e in exercises if e["kind"] == "implement"]
    if fatal:
        where, msg, log = fatal
        lines += [result["build"], f"  {msg}", f"  (the whole build log: {os.path.normpath(log)})"]
    else:
        lines.append(f"{'exercise':<9}{'':<19}{'points':<8}result")
        for e in implement:
            bad = {t: v for t, v in e["tests"].items() if v["result"] != "passed"}
            lines.append(f"{e['number']:<9}{e['id']:<19}{e['score']:>2}/{e['points']:<5}"
                         + ("pass" if e["result"] == "pass" else
                            f"fail: {len(bad)} of {len(e['tests'])} tests"))
            if e["result"] == "pass":
                continue
            if e.get("reason"):
                lines.append(f"{'':<11}{e['reason']}")
            for n in e["blocked_by"]:
                d = by_number[n]
                if n in e.get("died_in", []):     # its tests died in that exercise's code
                    lines.append(f"{'':<11}failed because exercise {n} ({d['id']}), which it "
                                 f"needs, {how_it_failed(d)}: fix that first")
                else:
                    lines.append(f"{'':<11}perhaps only because exercise {n} ({d['id']}), which "
                                 f"it needs, {how_it_failed(d)}: fix that first")
            for t, v in list(bad.items())[:args.show]:
                msg = v.get("message", "")
                at = f" in exercise {v['in_exercise']}'s code" if v.get("in_exercise") else ""
                sep = " " if v["result"] in ("timed out", "exited early") else ": "
                lines.append(f"{'':<11}{t}: {v['result']}" + (sep + msg if msg else ""))
                if v.get("where"):
                    lines.append(f"{'':<13}at {v['where']}{at}")
            if len(bad) > args.show:
                lines.append(f"{'':<11}and {len(bad) - args.show} more failing tests")
            lines.append(f"{'':<11}run just these tests: {e['command']}")
    lines.append(f"total: {result['total']}/{result['max']}")
    by_hand = len(exercises) - len(implement)
    lines.append(f"({by_hand} Predict and Explain exercises are graded by hand.)")
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    for e in exercises:
        e.pop("patterns", None)
    result["exercises"] = exercises
    for f in filter(None, (args.json, os.path.join(work, "grade.json"))):
        with open(f, "w") as out:
            json.dump(result, out, indent=1)
            out.write("\n")
    with open(os.path.join(work, "report.txt"), "w") as out:
        out.write(text)
    return 0 if result["total"] == result["max"] and not fatal else 1


def record_stubs(code, out):
    found, errors = regions(code)
    if errors:
        die("; ".join(errors))
    stubs = {}
    top = os.path.dirname(os.path.normpath(code))
    for x, (rel, b, e) in sorted(found.items()):
        lines = open(os.path.join(top, rel), encoding="utf-8").read().split("\n")
        stubs[x] = {"file": rel, "lines": lines[b + 1:e]}
    with open(out, "w") as f:
        json.dump(stubs, f, indent=1)
        f.write("\n")


def main(argv):
    import argparse
    if argv[:1] == ["stubs"] and len(argv) == 3:
        return record_stubs(argv[1], argv[2])
    if argv[:1] == ["filter"] and len(argv) == 2:
        tsv = os.path.join(HERE, "exercises.tsv")
        for e in read_exercises(tsv):
            if argv[1] in (e["id"], e["number"]) and e["patterns"]:
                print(criterion_filter(e["patterns"]))
                return 0
        die(f"no Implement exercise {argv[1]} (see {tsv})")
    if argv[:1] != ["grade"]:
        sys.exit(__doc__)
    p = argparse.ArgumentParser(prog="grade.py grade")
    p.add_argument("--work")
    p.add_argument("--json")
    p.add_argument("--test-timeout", type=int, default=TEST_TIMEOUT)
    p.add_argument("--exercise-timeout", type=int, default=EXERCISE_TIMEOUT)
    p.add_argument("--show", type=int, default=3, help="failing tests shown per exercise")
    p.add_argument("--reuse", help="the work directory of an earlier grade: its objects (checks)")
    p.add_argument("base")
    p.add_argument("student")
    return grade(p.parse_args(argv[1:]))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
