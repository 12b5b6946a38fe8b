# How Linux 5.10 frees memory pages: a literate book and the C model it
# tangles to.
#
#   make           tangle the chapters, build the model, run the examples,
#                  draw the figures, weave build/book.pdf and build/html/
#   make model     the model and build/pagesim only (no pandoc, no TeX)
#   make check     the tests: Criterion, the same under ASan+UBSan, the model
#                  built by clang, code/ against the chapters and built alone,
#                  the three editions, the EPUB (epubcheck), the HTML in a
#                  browser, the student tree, two builds compared
#   make code      refresh the committed code/ from the chapters
#   make bench     instructions (callgrind) and time for each kind of free,
#                  boot times, memory, pagesim's commands per second
#   make fuzz      libFuzzer over pagesim scripts, FUZZ_TIME seconds (default 60)
#   make tsan      chapter 12's threaded experiment under ThreadSanitizer
#   make mutants   one-line edits of the chapters, each must fail a test
#                  (tests/mutants.txt; not part of make check: it is slow)
#   make check-kernel  the same scenarios on Debian's 5.10 kernel under QEMU and
#                  on pagesim, compared (part of make check; tests/kernel/README.md)
#   make browser   the HTML pages in headless Chromium (part of make check)
#   make pdf | html | epub | teacher | student | grade | clean
#
#   make LINUX_SRC=/path/to/linux    the panels' 5.10 text from your own tree
#                                    (by default: the v5.10 tarball or Debian's
#                                    linux-source-5.10, cached in $(CACHE))
#   make LINUX_SRC=none              the panels from the seed excerpts only

SHELL       := /bin/bash
.SHELLFLAGS := -eo pipefail -c
.DELETE_ON_ERROR:
.SECONDARY:
.SUFFIXES:
MAKEFLAGS   += --no-builtin-rules --no-print-directory

B           := build
CACHE       ?= $(B)/cache
KCHECK      := $(B)/kernel-check
LINUX_SRC   ?=
LINUX_URL   ?=
SOURCES     := $(shell tools/nwstream.py sources)

CC          := gcc
CLANG       := clang
WARN        := -std=c11 -Wall -Wextra -Wno-unused-parameter -Werror
CFLAGS      := $(WARN) -O2 -g
SANFLAGS    := $(WARN) -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
               -fno-sanitize-recover=all
FUZZFLAGS   := $(WARN) -O1 -g -fsanitize=fuzzer-no-link,address,undefined \
               -fno-omit-frame-pointer -fno-sanitize-recover=all
includes     = -D_GNU_SOURCE -I$(1)/include -I$(1)/arch/x86/include -I$(1)

# Reproducible output: the PDFs carry the date of the last commit, not today's.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
ifneq ($(SOURCE_DATE_EPOCH),)
export SOURCE_DATE_EPOCH
export FORCE_SOURCE_DATE := 1
endif

.PHONY: all check pdf html epub browser check-epub tangle code model examples figures book teacher student grade \
        drift code-alone model-alone repro fuzz bench check-kernel clean FORCE \
        random-scripts mutants tsan
all: model examples book
	@echo
	@echo "  model:    $(B)/pagesim"
	@echo "  book:     $(B)/book.pdf"
	@echo "  html:     $(B)/html/index.html (one page: $(B)/html/book.html)"
	@echo "  epub:     $(B)/book.epub"
	@diff -rq -x build code $(B)/code >/dev/null || \
	  echo "  note:     code/ differs from what the chapters tangle to; make code refreshes it"

# --- 1. tools ---------------------------------------------------------------
# tools/packages is the one list, in two sets: the model and its tests need
# only the first.  tools/require installs a set as root, or prints the command.
$(B)/tools-%.ok: tools/packages tools/require
	@tools/require $*
	@mkdir -p $(B) && touch $@

# --- 2. tangle ----------------------------------------------------------------
# Every root chunk is a file.  $(B)/code is the clean copy, which must equal
# the committed code/ (make drift; make code refreshes code/); $(B)/src has
# #line directives, so compiler errors point into the chapters.
# tools/nwstream.py reads the sources once; noweb's nt tangles each root and
# cpif rewrites only the files that changed (tools/tangle).  The file list
# feeds the rest of this Makefile through $(B)/files.mk, which make rebuilds
# (and re-reads) first.
TANGLE      := tools/tangle tools/nwstream.py

$(B)/tangle.stamp: $(SOURCES) $(TANGLE) | $(B)/tools-model.ok
	tools/tangle $(B)/code $(SOURCES)
	tools/tangle -L $(B)/src $(SOURCES)
	@touch $@

$(B)/files.mk: $(B)/tangle.stamp
	@cd $(B)/code && { \
	   echo "MODEL_C := $$(find . -name '*.c' ! -path './pagesim/*' ! -path './examples/*' | sed 's|^\./||' | sort | tr '\n' ' ')"; \
	   echo "PAGESIM_C := $$(find pagesim -name '*.c' 2>/dev/null | sort | tr '\n' ' ')"; \
	   echo "EXAMPLE_C := $$(find examples -name '*.c' ! -name '*.asm.c' 2>/dev/null | sort | tr '\n' ' ')"; \
	   echo "EXAMPLE_ASM := $$(find examples -name '*.asm.c' 2>/dev/null | sort | tr '\n' ' ')"; \
	   echo "EXAMPLE_SIM := $$(find examples -name '*.sim' 2>/dev/null | sort | tr '\n' ' ')"; } > $(abspath $@)

ifneq ($(MAKECMDGOALS),clean)
include $(B)/files.mk
endif
tangle: $(B)/tangle.stamp

code: $(SOURCES) $(TANGLE) | $(B)/tools-model.ok
	tools/tangle code $(SOURCES)

# --- 3. build the model -------------------------------------------------------
# One object per file in each flavour: gcc (the normal build), asan (ASan +
# UBSan, for the tests), clang, and fuzz (libFuzzer).
$(B)/obj/gcc/%.o: $(B)/src/%.c | $(B)/tangle.stamp
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(call includes,$(B)/src) -MMD -MP -c -o $@ $<
$(B)/obj/asan/%.o: $(B)/src/%.c | $(B)/tangle.stamp
	@mkdir -p $(@D)
	$(CC) $(SANFLAGS) $(call includes,$(B)/src) -MMD -MP -c -o $@ $<
$(B)/obj/clang/%.o: $(B)/code/%.c | $(B)/tangle.stamp
	@mkdir -p $(@D)
	$(CLANG) $(CFLAGS) $(call includes,$(B)/code) -MMD -MP -c -o $@ $<
$(B)/obj/fuzz/%.o: $(B)/src/%.c | $(B)/tangle.stamp
	@mkdir -p $(@D)
	$(CLANG) $(FUZZFLAGS) $(call includes,$(B)/src) -MMD -MP -c -o $@ $<
-include $(shell find $(B)/obj -name '*.d' 2>/dev/null)

objs = $(patsubst %.c,$(B)/obj/$(1)/%.o,$(2))

$(B)/libmodel.a: $(call objs,gcc,$(MODEL_C))
	@rm -f $@ && ar rcs $@ $^
$(B)/libmodel-asan.a: $(call objs,asan,$(MODEL_C))
	@rm -f $@ && ar rcs $@ $^
$(B)/libmodel-clang.a: $(call objs,clang,$(MODEL_C))
	@rm -f $@ && ar rcs $@ $^

$(B)/pagesim: $(call objs,gcc,$(PAGESIM_C)) $(B)/libmodel.a
	$(CC) $(CFLAGS) -o $@ $^
$(B)/pagesim-asan: $(call objs,asan,$(PAGESIM_C)) $(B)/libmodel-asan.a
	$(CC) $(SANFLAGS) -o $@ $^

model: $(B)/libmodel.a $(if $(PAGESIM_C),$(B)/pagesim)

# --- 4. run the examples --------------------------------------------------------
# Every listing of output in the book is one of these files, captured here.
# A script carries its pagesim options on "#:" lines; an .asm.c example
# is compiled to assembly, of which the book shows the instructions.
THREADS_C   := examples/pcp-threads.c
EXAMPLE_OUT := $(patsubst examples/%.c,$(B)/examples/%.out,$(filter-out $(THREADS_C),$(EXAMPLE_C))) \
               $(patsubst examples/%.sim,$(B)/examples/%.out,$(EXAMPLE_SIM)) \
               $(patsubst examples/%.asm.c,$(B)/examples/%.asm.out,$(EXAMPLE_ASM))

$(B)/bin/%: $(B)/obj/gcc/examples/%.o $(B)/libmodel.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -o $@ $^
$(B)/examples/%.out: $(B)/bin/%
	@mkdir -p $(@D)
	$< > $@
$(B)/examples/%.out: $(B)/code/examples/%.sim $(B)/pagesim
	@mkdir -p $(@D)
	$(B)/pagesim $< > $@ 2>&1
$(B)/examples/%.asm.out: $(B)/src/examples/%.asm.c | $(B)/tangle.stamp
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -g0 $(call includes,$(B)/src) -S -o - $< \
	  | grep -v '^\s*\.[a-z]\|^\.L\(FB\|FE\|VL\)[0-9]' > $@

examples: $(EXAMPLE_OUT)

# --- 4b. the threaded experiment (chapter 12) -----------------------------------------
# $(THREADS_C) (above) times order-0 frees on one and two threads, so no two
# runs agree: its table is in $(THREADS), not $(B)/examples/.  It is made
# again when the program changes; make repro gives the second build this
# one's table (as it does the kernel comparison's).  tests/tools/pcp-threads.sh
# checks that the table is well formed, never what the timings are.
THREADS     := $(B)/threads

$(THREADS)/table.md: $(B)/bin/pcp-threads tests/tools/pcp-threads.sh
	@mkdir -p $(@D)
	$< > $@.tmp
	tests/tools/pcp-threads.sh $@.tmp
	mv $@.tmp $@

# make tsan: the experiment, on a small size, with the model built with
# ThreadSanitizer (not part of make check)
TSANFLAGS   := $(WARN) -O1 -g -fsanitize=thread
$(B)/obj/tsan/%.o: $(B)/src/%.c | $(B)/tangle.stamp
	@mkdir -p $(@D)
	$(CLANG) $(TSANFLAGS) $(call includes,$(B)/src) -MMD -MP -c -o $@ $<
$(B)/tsan/pcp-threads: $(call objs,tsan,$(MODEL_C) $(THREADS_C))
	@mkdir -p $(@D)
	$(CLANG) $(TSANFLAGS) -o $@ $^

tsan: $(B)/tsan/pcp-threads
	TSAN_OPTIONS=halt_on_error=1 $< --pages 2048 --reps 3

# --- 5. figures ---------------------------------------------------------------------
# figures/draw.py draws each figure from the model's output, as Graphviz
# input with fixed positions; neato renders SVG for the HTML, PDF for LaTeX.
# cairo stamps each PDF with the time it was made; tools/pdf-date puts the
# commit's date in its place.
FIGURES     := merge-chain pcp-fill-drain translate zone-map

$(B)/fig/zone-map.out: figures/zone-map.sim $(B)/pagesim
	@mkdir -p $(@D)
	$(B)/pagesim --check $< > $@
$(B)/fig/%.out: $(B)/examples/%.out
	@mkdir -p $(@D)
	cp $< $@
# figures/check.py then checks the facts each figure draws against the output
$(B)/fig/%.dot: $(B)/fig/%.out figures/draw.py figures/check.py
	python3 figures/draw.py $* $< > $@.tmp
	python3 figures/check.py $* $< $@.tmp $(wildcard $(B)/code/examples/$*.sim)
	mv $@.tmp $@
# (without the DOCTYPE, which EPUB does not allow)
$(B)/fig/%.svg: $(B)/fig/%.dot | $(B)/tools-book.ok
	neato -n2 -Tsvg $< | sed '/^<!DOCTYPE/,/>$$/d' > $@
$(B)/fig/%.pdf: $(B)/fig/%.dot tools/pdf-date | $(B)/tools-book.ok
	neato -n2 -Tpdf $< | tools/pdf-date > $@

FIGURE_FILES := $(foreach f,$(FIGURES),$(B)/fig/$(f).svg $(B)/fig/$(f).pdf)
figures: $(FIGURE_FILES)

# --- 6. claims and the tests' pages --------------------------------------------------
# Each [claim]{.claim test="suite.name"} in the prose links to the tests
# that pin it; tools/tests.py lists them.  The appendix of claims shows
# their results only when asked: make check weaves the book again with
# RESULTS=$(B)/tests/results.tap, the report of the run it has just made.
TEST_C      := $(wildcard tests/*.c)
RESULTS     ?=

$(B)/claims/tests.tsv: tools/tests.py tools/grade.py $(TEST_C) $(RESULTS)
	@mkdir -p $(@D)
	tools/tests.py $(if $(RESULTS),--results $(RESULTS)) $@ $(TEST_C)

# each test file as a page whose lines can be linked to (#L-N)
TEST_PAGES  := $(patsubst tests/%,$(B)/html/tests/%.html,$(TEST_C))
$(B)/html/tests/%.c.html: tests/%.c tools/theme.html | $(B)/tools-book.ok
	@mkdir -p $(@D)
	{ printf '[The book](../index.html) · `tests/$*.c`\n\n~~~~~~~~~~~~ {#L .c .numberLines}\n'; \
	  cat $<; printf '~~~~~~~~~~~~\n'; } \
	  | pandoc -f markdown --preserve-tabs -s --metadata pagetitle=tests/$*.c --css ../book.css \
	           -H tools/theme.html -o $@

# --- 7. weave ---------------------------------------------------------------------
# tools/nwstream.py reads the sources; noweb's finduses and noidx index them;
# tools/nw2pandoc turns that into pandoc Markdown, a div per chunk; pandoc
# and tools/book.lua make the HTML and the LaTeX; latexmk runs pdflatex until
# the cross-references settle.  Three editions come from the same sources:
#   build/                the book, without the answers to its exercises
#   build/teacher/        the teacher's edition, with every answer
#   build/student-book/   the student edition: the solutions of the Implement
#                         exercises replaced by their stubs (exercises/stubs.nw)
STUBS       := exercises/stubs.nw
INDEX       := /usr/lib/noweb/finduses | /usr/lib/noweb/noidx
PANDOC      := pandoc -f markdown-citations-tex_math_dollars+raw_attribute \
               --syntax-definition tools/pagesim.xml --lua-filter tools/book.lua \
               --number-sections --toc --toc-depth=2 --metadata-file=tools/metadata.yaml
WEAVE       := tools/nwstream.py tools/nw2pandoc
BOOK_DEPS   := tools/book.lua tools/metadata.yaml tools/pagesim.xml $(B)/kernel.stamp \
               $(EXAMPLE_OUT) $(FIGURE_FILES) $(B)/claims/tests.tsv $(B)/exercises.tsv \
               $(KCHECK)/table.md $(KCHECK)/differences.md $(THREADS)/table.md
edition.$(B)              := book
edition.$(B)/teacher      := teacher
edition.$(B)/student-book := student

$(B)/book.md: $(SOURCES) $(WEAVE) | $(B)/tools-book.ok
	tools/nwstream.py stream $(SOURCES) | $(INDEX) | tools/nw2pandoc > $@
$(B)/teacher/book.md: $(B)/book.md
	@mkdir -p $(@D)
	cp $< $@
$(B)/student-book/book.md: $(SOURCES) $(STUBS) $(WEAVE) | $(B)/tools-book.ok
	@mkdir -p $(@D)
	tools/nwstream.py stream --student $(SOURCES) $(STUBS) | $(INDEX) | tools/nw2pandoc > $@

# The original 5.10 text of the panels, from the first that works: LINUX_SRC
# (a tree; none forces the excerpts), a tree an earlier build kept in
# $(CACHE), the v5.10 tarball (in $(CACHE) or from LINUX_URL, sha256-checked),
# Debian's linux-source-5.10 (tools/fetch-debian), the seed excerpts.  Only
# the files the panels need are extracted, into $(CACHE).  tools/kernel-src
# runs every time and rewrites the stamp only when the panels change.
KSRC_DATA   := tools/linux-5.10.tsv tools/linux-5.10.facts tools/linux-5.10.changes
$(B)/kernel.stamp: tools/kernel-src tools/fetch-debian $(KSRC_DATA) $(wildcard linux-5.10-excerpts/*) FORCE
	@mkdir -p $(@D)
	@tools/kernel-src --src "$(LINUX_SRC)" --url "$(LINUX_URL)" --cache $(CACHE) --apt $(B)/apt \
	  --stamp $@ $(KSRC_DATA) linux-5.10-excerpts $(B)/kernel

# the search of the HTML book is lunr, from npm (package.json, and the exact
# version in package-lock.json)
LUNR        := $(B)/npm/node_modules/lunr/lunr.min.js
$(LUNR): package.json package-lock.json | $(B)/tools-book.ok
	@mkdir -p $(B)/npm
	cp package.json package-lock.json $(B)/npm/
	cd $(B)/npm && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

# EDITION/html/index.html and EDITION/book.pdf, for each EDITION above.
# pandoc makes the book as one page, EDITION/html/book.html (the print
# view); tools/split-html makes a page of each chapter and appendix from it.
HTML_DEPS   := tools/book.css tools/theme.html tools/book.js tools/split-html $(LUNR)
%/html/index.html: %/book.md $(BOOK_DEPS) $(HTML_DEPS) $(TEST_PAGES)
	@mkdir -p $(@D)/fig $(@D)/tests
	cp tools/book.css tools/book.js $(LUNR) $(@D)/ && cp $(B)/fig/*.svg $(@D)/fig/
	$(if $(filter-out $(B),$*),cp $(TEST_PAGES) $(@D)/tests/)
	$(PANDOC) -M edition=$(edition.$*) -t html5 -s --css book.css -H tools/theme.html $< -o $(@D)/book.html
	tools/split-html $(@D)/book.html $(@D)

# the EPUB, from the same Markdown; tools/epub-links points the links
# between its chapters at their files; epubcheck checks it (make check)
$(B)/book.epub: $(B)/book.md $(BOOK_DEPS) tools/epub.css tools/epub-links
	$(PANDOC) -M edition=book -t epub3 --css tools/epub.css --resource-path=$(B) \
	  -M identifier=urn:uuid:6f1c2e0a-5a10-4b1e-9f2e-70a9e5f0b510 $< -o $@.tmp
	tools/epub-links $@.tmp $@ && rm -f $@.tmp

%/book.tex: %/book.md $(BOOK_DEPS) tools/latex-header.tex
	$(PANDOC) -M edition=$(edition.$*) -t latex -s -H tools/latex-header.tex \
	  --top-level-division=chapter $< -o $@

# A line that runs more than OVERFULL points into the margin fails the build.
OVERFULL    := 3
%/book.pdf: %/book.tex
	$(if $(filter-out $(B),$*),ln -sfn ../fig $*/fig)
	cd $* && latexmk -pdf -interaction=nonstopmode -halt-on-error -silent book.tex \
	  > book.latexmk.log 2>&1 || { tail -30 book.log; exit 1; }
	@awk -v max=$(OVERFULL) '/^Overfull \\hbox/ { w = $$3; gsub(/[(pt]/, "", w); \
	    if (w + 0 > max) { print FILENAME ": " $$0; bad = 1 } } END { exit bad }' $*/book.log \
	  || { echo "$*/book.pdf: lines run into the margin by more than $(OVERFULL)pt" >&2; rm -f $@; exit 1; }

pdf: $(B)/book.pdf
html: $(B)/html/index.html
epub: $(B)/book.epub
book: pdf html epub
teacher: $(B)/teacher/book.pdf $(B)/teacher/html/index.html
	@echo "  teacher's edition: $(B)/teacher/book.pdf, $(B)/teacher/html/index.html"

# --- 7b. the book checked as readers get it ------------------------------------------
# epubcheck checks the EPUB; tests/browser/check.py loads every HTML page in
# headless Chromium, at 390 and 1280 px, light and dark (its screenshots are
# in $(B)/browser/).  Both run in make check.
EPUBCHECK   := java -jar /usr/share/java/epubcheck.jar

check-epub: $(B)/book.epub | $(B)/tools-book.ok
	$(EPUBCHECK) $< > $(B)/epubcheck.log 2>&1 || { cat $(B)/epubcheck.log; exit 1; }
	@echo "check-epub: $$(grep -m1 'Messages:' $(B)/epubcheck.log)"

browser: $(B)/html/index.html | $(B)/tools-browser.ok
	tests/browser/check.py $(B)/html $(B)/browser

# --- 8. exercises: the student tree and the grader -----------------------------------
# tools/exercises.py lists the exercises (and checks them).  $(GRADE_BASE) is
# the model tangled with stubs, each exercise between two marking lines
# (tools/nwstream.py), with the tests, the student Makefile and the grader,
# built: the teacher's copy, from which every grade starts.  The student
# tree is the same with the student edition of the book, a README, and
# pagesim and the Predict exercises' programs built from the complete model,
# in bin/reference/, to check a prediction with.
# `make student` replaces build/student-tree: copy it elsewhere to work in
# it.  `make grade` grades it, or STUDENT=dir, in $(GRADE)/tree, taking
# only each exercise's lines from STUDENT (tools/grade.py); the report and
# grade.json go to $(GRADE).  It fails when points are missing.
STUDENT     ?= $(B)/student-tree
GRADE       ?= $(B)/grade
GRADE_BASE  := $(B)/grade-base
GRADE_FLAGS ?=

$(B)/exercises.tsv: tools/exercises.py tools/nwstream.py $(SOURCES) $(STUBS)
	tools/exercises.py $@ $(STUBS) $(SOURCES)

$(GRADE_BASE)/.stamp: $(SOURCES) $(STUBS) $(B)/exercises.tsv $(TANGLE) tools/grade.py \
                      exercises/student.mk $(TEST_C) tests/helpers.h \
                      $(wildcard tests/fuzz/corpus/* tests/fuzz/findings/*)
	rm -rf $(GRADE_BASE) && mkdir -p $(GRADE_BASE)/tests $(GRADE_BASE)/grader
	tools/tangle $(GRADE_BASE)/code --student $(SOURCES) $(STUBS)
	cp -r $(TEST_C) tests/helpers.h tests/fuzz $(GRADE_BASE)/tests/
	rm -f $(GRADE_BASE)/tests/fuzz/fuzz_pagesim.c
	cp exercises/student.mk $(GRADE_BASE)/Makefile
	cp tools/grade.py $(B)/exercises.tsv $(GRADE_BASE)/grader/
	tools/grade.py stubs $(GRADE_BASE)/code $(GRADE_BASE)/grader/stubs.json
	$(MAKE) -s -C $(GRADE_BASE) build/tests/run build/pagesim
	@touch $@

REFERENCE   := $(patsubst examples/%.c,$(B)/bin/%,$(filter examples/exercises/%,$(EXAMPLE_C)))

$(B)/student-tree/.stamp: $(GRADE_BASE)/.stamp exercises/README.md $(B)/pagesim $(REFERENCE) \
                          $(B)/student-book/book.pdf $(B)/student-book/html/index.html
	rm -rf $(B)/student-tree && mkdir -p $(B)/student-tree/bin/reference
	cp -r $(GRADE_BASE)/code $(GRADE_BASE)/tests $(GRADE_BASE)/grader $(GRADE_BASE)/Makefile \
	  $(B)/student-tree/
	cp $(B)/pagesim $(REFERENCE) $(B)/student-tree/bin/reference/
	tools/exercises.py --readme exercises/README.md $(B)/exercises.tsv $(B)/student-tree/code \
	  > $(B)/student-tree/README.md
	cp $(B)/student-book/book.pdf $(B)/student-tree/
	cp -r $(B)/student-book/html $(B)/student-tree/html
	@touch $@

student: $(B)/student-tree/.stamp
	@echo "  student tree: $(B)/student-tree (make, make check, make grade inside it)"

grade: $(GRADE_BASE)/.stamp $(if $(filter $(B)/student-tree,$(STUDENT)),$(B)/student-tree/.stamp)
	@mkdir -p $(GRADE) && rm -f $(GRADE)/grade.json $(GRADE)/report.txt
	tools/grade.py grade $(GRADE_FLAGS) --work $(GRADE)/tree --json $(GRADE)/grade.json \
	  $(GRADE_BASE) $(STUDENT) | tee $(GRADE)/report.txt

# --- 9. check ---------------------------------------------------------------------
# the tests link the model and pagesim's interpreter (not its main)
$(B)/tests/run: $(TEST_C) $(B)/obj/gcc/pagesim/script.o $(B)/libmodel.a tests/helpers.h tests/fuzz/machine_of.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(call includes,$(B)/src) -o $@ $(filter-out %.h,$^) -lcriterion
$(B)/tests/run-asan: $(TEST_C) $(B)/obj/asan/pagesim/script.o $(B)/libmodel-asan.a tests/helpers.h tests/fuzz/machine_of.h
	@mkdir -p $(@D)
	$(CC) $(SANFLAGS) $(call includes,$(B)/src) -o $@ $(filter-out %.h,$^) -lcriterion

# the committed code/ builds with its own Makefile, a C compiler and make,
# and nothing else on the PATH; its pagesim prints what the book shows
code-alone: $(B)/examples/isolate.out
	rm -rf $(B)/code-alone && mkdir -p $(B)/code-alone/bin
	cp -r code $(B)/code-alone/code && rm -rf $(B)/code-alone/code/build
	for t in cc make sh ar as ld mkdir; do ln -s "$$(command -v $$t)" $(B)/code-alone/bin/; done
	env -i PATH=$(abspath $(B)/code-alone/bin) make -s -C $(B)/code-alone/code all examples \
	  > $(B)/code-alone/make.log 2>&1 || { cat $(B)/code-alone/make.log; exit 1; }
	cd $(B)/code-alone/code && build/pagesim examples/isolate.sim 2>&1 \
	  | diff - $(abspath $(B)/examples/isolate.out)
	@echo "code-alone: code/ builds with cc and make alone"

# the model and its tests need nothing of the book set of tools/packages: a
# dry run of their build, from scratch in another directory (make --trace
# names every target it would make), makes none of it
model-alone:
	rm -rf $(B)/model-alone
	$(MAKE) -n --trace B=$(B)/model-alone model $(B)/model-alone/tests/run > $(B)/model-alone.log 2>&1
	@! grep -E 'tools-book|pandoc|latex|neato' $(B)/model-alone.log \
	  || { echo "model-alone: the model's build runs the tools of the book" >&2; exit 1; }
	@echo "model-alone: the model and its tests build without pandoc, TeX or Graphviz"

# a few hundred seeded random scripts, valid and wrong-but-legal, on random
# machines, under pagesim --check with ASan and UBSan: no crash, no hang,
# no broken invariant, no sanitizer report (tools/random-scripts; SEEDS
# scripts from FIRST_SEED)
SEEDS       ?= 300
FIRST_SEED  ?= 1

random-scripts: $(B)/pagesim-asan
	tools/random-scripts --pagesim $(B)/pagesim-asan --count $(SEEDS) --first $(FIRST_SEED)

# code/ is what the chapters tangle to (make code refreshes it)
drift: $(B)/tangle.stamp
	@diff -r -x build code $(B)/code > $(B)/drift.diff || { \
	  echo "drift: code/ differs from what the chapters tangle to ($(B)/drift.diff):" >&2; \
	  diff -rq -x build code $(B)/code >&2 || true; \
	  echo "drift: run make code, and commit code/ with the chapters (never edit code/ by hand)" >&2; \
	  exit 1; }
	@echo "drift: code/ is what the chapters tangle to"

# two clean builds of the same sources give the same bytes (tools/repro-check)
repro: all
	tools/repro-check --seed kernel-check --seed threads $(B)/repro $(B) \
	  -o $(THREADS)/table.md CACHE=$(abspath $(CACHE)) \
	  $(if $(RESULTS),RESULTS=$(abspath $(RESULTS))) \
	  $(if $(filter none,$(LINUX_SRC)),LINUX_SRC=none,$(if $(LINUX_SRC),"LINUX_SRC=$$(realpath -m -- '$(LINUX_SRC)')"))

# The tests run twice, the second time under ASan and UBSan (where the oracle
# runs fewer scenarios); then the model is compared with the running kernel.
# Then the three editions are woven, once, with these results in their
# appendix of claims and their comparison table, every panel cut from a tree
# must be one whole definition (KERNEL=required: and a tree must have been
# found), the EPUB and the HTML pages are checked (epubcheck, a real
# browser), the student tree is checked, and a second clean build must
# match the first.  The bench runs once on tiny sizes, to see that it works.
check: model examples $(THREADS)/table.md $(B)/tests/run $(B)/tests/run-asan $(B)/libmodel-clang.a $(B)/bench $(B)/pagesim-asan
	$(B)/tests/run -j2 --tap=$(B)/tests/results.tap
	$(B)/bench --tiny $(B)/pagesim > $(B)/bench-tiny.txt
	$(B)/bin/pcp-threads --pages 256 --reps 3 > $(THREADS)/tiny.md
	tests/tools/pcp-threads.sh $(THREADS)/tiny.md
	ORACLE_SCENARIOS=300 ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1 \
	  $(B)/tests/run-asan -j2
	$(MAKE) random-scripts
	tests/tools/kernel-src.sh
	tests/tools/one-way.sh $(B)/code $(B)/obj/gcc
	$(MAKE) model-alone drift code-alone
	$(MAKE) check-kernel
	$(MAKE) book teacher student RESULTS=$(B)/tests/results.tap
	tools/kernel-src --verify $(B)/kernel tools/linux-5.10.tsv $(if $(filter required,$(KERNEL)),--required)
	$(MAKE) check-epub browser
	tools/check-student $(B)/student-tree $(GRADE_BASE) $(B)/student-check $(SOURCES)
	$(MAKE) repro RESULTS=$(B)/tests/results.tap
	@if grep -q '^check-kernel: skipped' $(KCHECK)/table.txt; then \
	  echo "make check: all passed, but the kernel comparison was SKIPPED:"; \
	  sed 's/^check-kernel: skipped: /  /' $(KCHECK)/table.txt; \
	else echo "make check: all passed"; fi

# --- 9b. check-kernel: against Debian's running 5.10 -----------------------------------
# tests/kernel/run fetches Debian 11's 5.10 kernel, headers and kbuild into
# $(CACHE) (tools/fetch-debian, apt state in $(B)/apt), builds the test module
# tests/kernel/kpagesim.c, boots the kernel under QEMU once per machine size,
# runs tests/kernel/scenarios/*.sim there and on pagesim, and compares them,
# with the differences that tests/kernel/differences.py declares.  Without
# QEMU or the archive it says so and skips; KERNEL=required (CI) makes that
# an error.  The book shows $(KCHECK)/table.md, from the last run.
KERNEL      ?=

check-kernel: $(B)/pagesim
	@tools/require kernel || echo "check-kernel: without the kernel set of tools/packages it will skip"
	tests/kernel/run --apt $(B)/apt --cache $(CACHE) --out $(KCHECK) --pagesim $(B)/pagesim \
	  $(if $(filter required,$(KERNEL)),--required)

$(KCHECK)/table.md:
	@mkdir -p $(@D)
	tests/kernel/compare.py --not-run $(@D)
$(KCHECK)/differences.md: tests/kernel/differences.py tests/kernel/compare.py
	@mkdir -p $(@D)
	tests/kernel/compare.py --differences > $@

# --- 9c. mutants (not part of check) ---------------------------------------------------
# Each one-line edit of tests/mutants.txt, applied alone to a copy of the
# tree in $(B)/mutants, must fail a test (tools/mutants); a survivor fails.
mutants: | $(B)/tools-model.ok
	nice tools/mutants --work $(B)/mutants

# --- 10. bench (not part of check) ---------------------------------------------------
# Instruction counts (callgrind), times and memory, reported rather than
# asserted (tests/bench/bench.c).  The bench links the model built from
# $(B)/code, without #line, so that callgrind names each header and file;
# make check only runs it once on tiny sizes (bench --tiny).  Chapter 12's
# cost counters are compiled out, as a kernel is built without lock_stat.
$(B)/obj/bench/%.o: $(B)/code/%.c | $(B)/tangle.stamp
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -DCONFIG_MODEL_COST=0 $(call includes,$(B)/code) -MMD -MP -c -o $@ $<
$(B)/libmodel-bench.a: $(call objs,bench,$(MODEL_C))
	@rm -f $@ && ar rcs $@ $^
$(B)/bench: tests/bench/bench.c $(B)/libmodel-bench.a
	$(CC) $(CFLAGS) $(call includes,$(B)/code) -o $@ $^

bench: $(B)/bench $(B)/pagesim
	$(B)/bench $(B)/pagesim | tee $(B)/bench.txt

# --- 11. fuzz (not part of check) -----------------------------------------------------
# libFuzzer over pagesim scripts with the invariant checker on, for FUZZ_TIME
# seconds, from the seed corpus in tests/fuzz/corpus and the words of
# tests/fuzz/pagesim.dict; the #: lines of an input choose its machine.
# Crashes land in $(B)/fuzz/; keep each one in tests/fuzz/findings/ once it
# is fixed.
FUZZ_TIME   ?= 60

$(B)/fuzz/pagesim: tests/fuzz/fuzz_pagesim.c tests/fuzz/machine_of.h \
                   $(call objs,fuzz,$(MODEL_C) pagesim/script.c)
	@mkdir -p $(@D)
	$(CLANG) $(subst fuzzer-no-link,fuzzer,$(FUZZFLAGS)) $(call includes,$(B)/src) -o $@ $(filter-out %.h,$^)

fuzz: $(B)/fuzz/pagesim
	@mkdir -p $(B)/fuzz/corpus
	$(B)/fuzz/pagesim -max_total_time=$(FUZZ_TIME) -max_len=4096 -timeout=20 \
	  -dict=tests/fuzz/pagesim.dict -print_final_stats=1 -artifact_prefix=$(B)/fuzz/ \
	  $(B)/fuzz/corpus tests/fuzz/corpus

# the downloads in $(CACHE) stay
clean:
	if [ -d $(B) ]; then find $(B) -mindepth 1 -maxdepth 1 ! -path '$(CACHE)' -exec rm -rf {} +; fi

FORCE:
