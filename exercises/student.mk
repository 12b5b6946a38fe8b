# The student edition of "How Linux 5.10 Frees a Page".
#
#   make           build the model (build/libmodel.a) and pagesim (build/pagesim)
#   make check     run every test of the book
#   make grade     grade the Implement exercises; also writes build/grade.json
#   make exercise X=ID   run only the tests of exercise ID (or its number, 4.6)
#   make examples  run the book's examples and exercise scripts into build/examples/
#   make clean
#
# The code in code/ is the book's model, with the Implement exercises left
# as stubs: see README.md.

CC       ?= gcc
CFLAGS   := -std=c11 -Wall -Wextra -Wno-unused-parameter -Werror -O2 -g
INCLUDES := -D_GNU_SOURCE -Icode/include -Icode/arch/x86/include -Icode

MODEL_C  := $(shell find code -name '*.c' ! -path 'code/pagesim/*' ! -path 'code/examples/*' | sort)
MODEL_O  := $(patsubst code/%.c,build/obj/%.o,$(MODEL_C))
TESTS_O  := $(patsubst %.c,build/obj/%.o,$(wildcard tests/*.c))
SCRIPTS  := $(shell find code/examples -name '*.sim' | sort)
PROGRAMS := $(shell find code/examples -name '*.c' ! -name '*.asm.c' | sort)
OUTPUTS  := $(patsubst code/%.sim,build/%.out,$(SCRIPTS)) $(patsubst code/%.c,build/%.out,$(PROGRAMS))

.PHONY: all check grade exercise examples clean
.DELETE_ON_ERROR:
.SECONDARY:

all: build/pagesim

build/obj/%.o: code/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(INCLUDES) -MMD -MP -c -o $@ $<
build/obj/tests/%.o: tests/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(INCLUDES) -MMD -MP -c -o $@ $<
-include $(shell find build/obj -name '*.d' 2>/dev/null)

build/libmodel.a: $(MODEL_O)
	@rm -f $@ && ar rcs $@ $^

build/pagesim: build/obj/pagesim/main.o build/obj/pagesim/script.o build/libmodel.a
	$(CC) $(CFLAGS) -o $@ $^

build/tests/run: $(TESTS_O) build/obj/pagesim/script.o build/libmodel.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -o $@ $^ -lcriterion

# the tests of pagesim run build/pagesim
check: build/tests/run build/pagesim
	build/tests/run -j2

# grader/grade.py grades a copy of this tree in build/grade/ (see its top)
grade:
	@rm -f build/grade.json
	python3 grader/grade.py grade --json build/grade.json . .

exercise: build/tests/run build/pagesim
	build/tests/run --filter='$(shell python3 grader/grade.py filter $(X))'

# a script's output includes what the kernel prints (standard error)
build/examples/%.out: code/examples/%.sim build/pagesim
	@mkdir -p $(@D)
	build/pagesim $< > $@ 2>&1 || echo "$<: pagesim exited with status $$?"
build/bin/%: build/obj/examples/%.o build/libmodel.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -o $@ $^
build/examples/%.out: build/bin/%
	@mkdir -p $(@D)
	$< > $@ || echo "$<: exited with status $$?"

examples: $(OUTPUTS)
	@for f in $(OUTPUTS); do echo "  $$f"; done

clean:
	rm -rf build
