#!/bin/sh
# tools/kernel-src against a reader's tree.  No 5.10 tree is at hand, so the
# test builds a synthetic one: every function of tools/linux-5.10.tsv exists
# with its own name and an invented body.  The tool must cut each one out exactly, caption it with the lines it
# found, warn about another 5.10.y, and refuse any other version.
set -eu
fail() { echo "kernel-src test: FAIL: $*" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tree=$tmp/linux

make_tree() {	# $1 = SUBLEVEL, $2 = PATCHLEVEL
	rm -rf "$tree"
	mkdir -p "$tree"
	printf 'VERSION = 5\nPATCHLEVEL = %s\nSUBLEVEL = %s\nEXTRAVERSION =\nNAME = Test\n' "$2" "$1" > "$tree/Makefile"
	grep -v '^#' tools/linux-5.10.tsv | while IFS='	' read -r name file first last kind variant src; do
		mkdir -p "$tree/$(dirname "$file")"
		f=$tree/$file
		printf '/* padding */\n\n' >> "$f"
		i=1
		while [ "$i" -le "$variant" ]; do
			case $kind in
			function) printf 'static int %s(int synthetic_%s)\n{\n\treturn %s;\n}\n\n' "$name" "$i" "$i" >> "$f" ;;
			macro) printf '#define %s(x)\tsynthetic_%s(x)\n\n' "$name" "$i" >> "$f" ;;
			struct) printf 'struct %s {\n\tint synthetic_%s;\n};\n\n' "$name" "$i" >> "$f" ;;
			esac
			i=$((i + 1))
		done
	done
}

# a 5.10.0 tree: every text cut out, captions with the tree's own lines
make_tree 0 10
tools/kernel-src tools/linux-5.10.tsv linux-5.10-excerpts "$tmp/out" "$tree" 2> "$tmp/err"
[ ! -s "$tmp/err" ] || fail "a v5.10 tree should give no warning: $(cat "$tmp/err")"
n=$(grep -vc '^#' tools/linux-5.10.tsv)
[ "$(ls "$tmp/out"/*.c | wc -l)" -eq "$n" ] || fail "expected $n texts"
grep -q 'return 1;' "$tmp/out/__free_one_page.c" || fail "__free_one_page not cut out"
[ "$(wc -l < "$tmp/out/__free_one_page.c")" -eq 4 ] || fail "a function is 4 lines, brace to brace"
grep -q 'return 2;' "$tmp/out/free_pcp_prepare.c" || fail "free_pcp_prepare: the 2nd variant was not taken"
grep -q 'synthetic_2' "$tmp/out/VMEMMAP_START.c" || fail "VMEMMAP_START: the 2nd variant was not taken"
grep -q '^struct per_cpu_pages {' "$tmp/out/per_cpu_pages.c" || fail "struct not cut out"
grep -q 'mm/page_alloc.c, lines [0-9]*–[0-9]* at v5.10; text from LINUX_SRC' "$tmp/out/free_pages.caption" \
	|| fail "caption: $(cat "$tmp/out/free_pages.caption")"
grep -q 'line [0-9]* at v5.10' "$tmp/out/__pa.caption" || fail "a one-line macro"

# another 5.10.y: accepted, with a warning, and captions naming it
make_tree 7 10
tools/kernel-src tools/linux-5.10.tsv linux-5.10-excerpts "$tmp/out" "$tree" 2> "$tmp/err"
grep -q 'warning: LINUX_SRC is 5.10.7, not v5.10' "$tmp/err" || fail "no warning for 5.10.7"
grep -q 'at 5.10.7; text from LINUX_SRC' "$tmp/out/free_pages.caption" || fail "caption does not say 5.10.7"

# any other version: a clear error, and nothing written
make_tree 0 9
if tools/kernel-src tools/linux-5.10.tsv linux-5.10-excerpts "$tmp/out2" "$tree" 2> "$tmp/err"; then
	fail "a 5.9 tree was accepted"
fi
grep -q 'is Linux 5.9.0; this book needs a 5.10 tree' "$tmp/err" || fail "error: $(cat "$tmp/err")"
[ ! -e "$tmp/out2" ] || fail "output written for a refused tree"

if tools/kernel-src tools/linux-5.10.tsv linux-5.10-excerpts "$tmp/out3" "$tmp/nowhere" 2> "$tmp/err"; then
	fail "a missing tree was accepted"
fi
grep -q 'cannot read its Makefile' "$tmp/err" || fail "error: $(cat "$tmp/err")"

# without a tree: the seed excerpts, captions from the table
tools/kernel-src tools/linux-5.10.tsv linux-5.10-excerpts "$tmp/out" 2> "$tmp/err"
cmp -s "$tmp/out/free_pages.c" linux-5.10-excerpts/free_pages.c || fail "seed excerpt not used"
[ ! -e "$tmp/out/__free_one_page.c" ] || fail "no excerpt, so no text"
grep -q 'lines 985–1079 at v5.10.$' "$tmp/out/__free_one_page.caption" || fail "table caption"
echo "kernel-src test: passed"
