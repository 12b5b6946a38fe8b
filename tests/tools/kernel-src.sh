#!/bin/bash
# tools/kernel-src on synthetic trees: every function of tools/linux-5.10.tsv
# exists with its own name and an invented body, laid out as the kernel lays
# out its definitions (return type on a line of its own, macros continued
# over several lines, #ifdef variants).  The tool must cut each one out
# whole, caption it with the tree's version and the lines it found, mark the
# ones whose text differs from the facts, take its sources in order (a tree,
# the cache, a sha256-checked tarball, the excerpts), keep the previous panels
# when it fails, and refuse any other version.  make check also runs
# kernel-src --verify on the panels of the real tree the build used.
set -euo pipefail
fail() { echo "kernel-src test: FAIL: $*" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ks=tools/kernel-src
data="tools/linux-5.10.tsv $tmp/facts tools/linux-5.10.changes linux-5.10-excerpts"

make_tree() {	# $1 = directory, $2 = SUBLEVEL, $3 = PATCHLEVEL
	local tree=$1
	rm -rf "$tree"
	mkdir -p "$tree"
	printf 'VERSION = 5\nPATCHLEVEL = %s\nSUBLEVEL = %s\nEXTRAVERSION =\nNAME = Test\n' "$3" "$2" > "$tree/Makefile"
	grep -v '^#' tools/linux-5.10.tsv | while IFS='	' read -r name file first last kind variant; do
		mkdir -p "$tree/$(dirname "$file")"
		f=$tree/$file
		printf '/* padding */\nextern int %s(int);\n\n' "$name" >> "$f"
		i=1
		while [ "$i" -le "$variant" ]; do
			case $kind in
			function)
				if [ $((${#name} % 2)) = 0 ]; then	# the name starts a line
					printf 'static inline int\n%s(int synthetic_%s,\n\t\tint more)\n{\n\tif (more) {\n\t\treturn %s;\n\t}\n\treturn 0;\n}\n\n' "$name" "$i" "$i"
				else
					printf 'static int %s(int synthetic_%s)\n{\n\treturn %s;\n}\n\n' "$name" "$i" "$i"
				fi >> "$f" ;;
			macro) printf '#define %s(x)\t\\\n\tsynthetic_%s(x)\n\n' "$name" "$i" >> "$f" ;;
			struct) printf 'struct %s {\n\tint synthetic_%s;\n};\n\n' "$name" "$i" >> "$f" ;;
			esac
			i=$((i + 1))
		done
	done
}

# facts that match the synthetic v5.10 tree: hashes of what the tool cuts
make_tree "$tmp/linux" 0 10
: > "$tmp/nofacts"
grep -v '^#' tools/linux-5.10.tsv | cut -f1 | while read -r n; do
	printf '%s\t%064d\tx\n' "$n" 0; done > "$tmp/facts"
$ks --src "$tmp/linux" $data "$tmp/cut" 2> "$tmp/err" || fail "cutting the synthetic tree: $(cat "$tmp/err")"
$ks --hash "$tmp/cut"/*.c | while read -r h c; do
	printf '%s\t%s\tsynthetic\n' "$(basename "$c" .c)" "$h"
done > "$tmp/facts"

# a v5.10 tree: every text cut out whole, captions with the tree's own lines
$ks --src "$tmp/linux" --stamp "$tmp/stamp" $data "$tmp/out" 2> "$tmp/err"
n=$(grep -vc '^#' tools/linux-5.10.tsv)
grep -q "panels from Linux v5.10, .*: $n of $n with text, 0 marked" "$tmp/err" || fail "$(cat "$tmp/err")"
[ "$(ls "$tmp/out"/*.c | wc -l)" -eq "$n" ] || fail "expected $n texts"
[ -z "$(ls "$tmp/out" | grep '\.change$')" ] || fail "v5.10 text marked as changed"
$ks --verify "$tmp/out" tools/linux-5.10.tsv --required > /dev/null || fail "verify"
grep -q 'return 1;' "$tmp/out/__free_one_page.c" || fail "__free_one_page not cut out"
[ "$(wc -l < "$tmp/out/__free_one_page.c")" -eq 4 ] || fail "a function is 4 lines, type to brace"
head -1 "$tmp/out/buddy_merge_likely.c" | grep -qx 'static inline int' \
	|| fail "buddy_merge_likely: the return type on its own line is left out"
[ "$(wc -l < "$tmp/out/buddy_merge_likely.c")" -eq 9 ] || fail "buddy_merge_likely: not 9 lines"
grep -q 'synthetic_1' "$tmp/out/__find_buddy_pfn.c" || fail "__find_buddy_pfn not cut out"
grep -q 'return 2;' "$tmp/out/free_pcp_prepare.c" || fail "free_pcp_prepare: the 2nd variant was not taken"
grep -q 'synthetic_2' "$tmp/out/VMEMMAP_START.c" || fail "VMEMMAP_START: the 2nd variant was not taken"
[ "$(wc -l < "$tmp/out/__pa.c")" -eq 2 ] || fail "a macro is its logical line, continuation included"
grep -q '^struct per_cpu_pages {' "$tmp/out/per_cpu_pages.c" || fail "struct not cut out"
tail -1 "$tmp/out/per_cpu_pages.c" | grep -qx '};' || fail "struct does not end at };"
grep -q 'mm/page_alloc.c, lines [0-9]*–[0-9]* at v5.10\.$' "$tmp/out/free_pages.caption" \
	|| fail "caption: $(cat "$tmp/out/free_pages.caption")"
grep -q 'lines [0-9]*–[0-9]* at v5.10' "$tmp/out/__pa.caption" || fail "a two-line macro"
grep -q "^In this build the panels show Linux v5.10, from the tree the build was given" "$tmp/out/source.md" \
	|| fail "source.md: $(cat "$tmp/out/source.md")"
grep -q "^v5.10	$tmp/linux\$" "$tmp/stamp" || fail "stamp: $(cat "$tmp/stamp")"

# verify finds a panel that is not one whole definition
sed -i '$d' "$tmp/out/free_pages.c"
if $ks --verify "$tmp/out" tools/linux-5.10.tsv > "$tmp/err" 2>&1; then fail "verify took a cut-off function"; fi
grep -q "^  free_pages: " "$tmp/err" || fail "verify: $(cat "$tmp/err")"
: > "$tmp/out/pfn_to_page.c"
$ks --verify "$tmp/out" tools/linux-5.10.tsv > "$tmp/err" 2>&1 && fail "verify took an empty panel"
grep -q "pfn_to_page: empty" "$tmp/err" || fail "verify: $(cat "$tmp/err")"

# another 5.10.y whose text differs: marked, with the changes file's note
make_tree "$tmp/linux 5.10.7" 7 10
sed -i -e '/^static int __free_one_page(/,/^}/s/return 1;/return 1 + later;/' \
	-e '/^free_pages(/,/^}/s/return 1;/return 1 + later;/' \
	-e '/^static int free_the_page(/,/^}/s/return 1;/return  1 ;  \/* comment *\//' \
	"$tmp/linux 5.10.7/mm/page_alloc.c"
$ks --src "$tmp/linux 5.10.7" --stamp "$tmp/stamp" $data "$tmp/out" 2> "$tmp/err" \
	|| fail "a path with spaces: $(cat "$tmp/err")"
grep -q 'at 5.10.7\. It differs from v5.10' "$tmp/out/__free_one_page.caption" || fail "__free_one_page not marked"
grep -q 'Changed in 5.10.y' "$tmp/out/__free_one_page.change" || fail "no note from the changes file"
grep -q 'is not the text recorded for v5.10' "$tmp/out/free_pages.change" || fail "no generic note"
grep -q 'at 5.10.7\.$' "$tmp/out/free_the_page.caption" || fail "a change of white space and comments marked"
grep -q '1 ;  /\* comment' "$tmp/out/free_the_page.c" || fail "free_the_page: not the 5.10.7 text"
[ "$(ls "$tmp/out" | grep -c '\.change$')" -eq 2 ] || fail "not two panels marked: $(ls "$tmp/out" | grep '\.change$')"
grep -q '^5.10.7	' "$tmp/stamp" || fail "stamp does not name 5.10.7"

# a failed extraction keeps the previous panels and stamp
cp -r "$tmp/out" "$tmp/before" && cp "$tmp/stamp" "$tmp/stamp.before"
sed -i 's/^static int free_one_page(/static int renamed(/' "$tmp/linux 5.10.7/mm/page_alloc.c"
if $ks --src "$tmp/linux 5.10.7" --stamp "$tmp/stamp" $data "$tmp/out" 2> "$tmp/err"; then
	fail "a tree without free_one_page was accepted"; fi
grep -q 'found 0 definition(s) of free_one_page.*; the previous panels are kept' "$tmp/err" \
	|| fail "error: $(cat "$tmp/err")"
diff -r "$tmp/before" "$tmp/out" > /dev/null || fail "the previous panels were changed"
cmp -s "$tmp/stamp" "$tmp/stamp.before" || fail "the stamp was changed"

# any other version: a clear error, and nothing written
make_tree "$tmp/linux59" 0 9
if $ks --src "$tmp/linux59" $data "$tmp/out2" 2> "$tmp/err"; then fail "a 5.9 tree was accepted"; fi
grep -q 'is Linux 5.9.0; this book needs a 5.10 tree' "$tmp/err" || fail "error: $(cat "$tmp/err")"
[ ! -e "$tmp/out2" ] || fail "output written for a refused tree"
if $ks --src "$tmp/nowhere" $data "$tmp/out3" 2> "$tmp/err"; then fail "a missing tree was accepted"; fi
grep -q 'cannot read its Makefile' "$tmp/err" || fail "error: $(cat "$tmp/err")"

# the v5.10 tarball: a copy of the tool that expects this test's tarball's
# hash takes it and caches what it extracted; the real tool refuses it
mv "$tmp/linux" "$tmp/linux-5.10"
tar -C "$tmp" -cJf "$tmp/linux-5.10.tar.xz" linux-5.10
sum=$(sha256sum "$tmp/linux-5.10.tar.xz" | cut -d' ' -f1)
mkdir "$tmp/bin"	# the tools, with a fetch-debian that is always offline
cp $ks "$tmp/bin/kernel-src"
sed "s/^TARBALL_SHA256 = .*/TARBALL_SHA256 = \"$sum\"/" $ks > "$tmp/bin/kernel-src-test"
printf '#!/bin/sh\necho "fetch-debian: test: offline" >&2\nexit 2\n' > "$tmp/bin/fetch-debian"
chmod +x "$tmp/bin"/*
"$tmp/bin/kernel-src-test" --url "file://$tmp/linux-5.10.tar.xz" --cache "$tmp/cache" --stamp "$tmp/stamp" \
	$data "$tmp/out" 2> "$tmp/err" || fail "tarball: $(cat "$tmp/err")"
grep -q 'panels from Linux v5.10, the v5.10 release tarball, checked against its sha256' "$tmp/err" \
	|| fail "tarball: $(cat "$tmp/err")"
grep -q 'at v5.10\.$' "$tmp/out/free_pages.caption" || fail "tarball caption"
[ "$(find "$tmp/cache/linux-5.10" -type f | wc -l)" -eq "$(($(cut -f2 tools/linux-5.10.tsv | grep -v '^#' | sort -u | wc -l) + 2))" ] \
	|| fail "extracted more than the files the panels need: $(find "$tmp/cache/linux-5.10" -type f)"
grep -q "^v5.10	$tmp/cache/linux-5.10\$" "$tmp/stamp" || fail "stamp: $(cat "$tmp/stamp")"
# path b: the next build takes the cache, without the tarball or its URL
rm "$tmp/cache/linux-5.10.tar.xz"
$ks --cache "$tmp/cache" --stamp "$tmp/stamp" $data "$tmp/out" 2> "$tmp/err" || fail "cache: $(cat "$tmp/err")"
grep -q 'panels from Linux v5.10' "$tmp/err" || fail "cache not used: $(cat "$tmp/err")"
# a tarball whose hash is not v5.10's is removed; offline, the excerpts
rm -rf "$tmp/cache"
"$tmp/bin/kernel-src" --url "file://$tmp/linux-5.10.tar.xz" --cache "$tmp/cache" \
	--apt "$tmp/apt" --stamp "$tmp/stamp" $data "$tmp/out" 2> "$tmp/err" || fail "offline: $(cat "$tmp/err")"
[ "$(wc -l < "$tmp/err")" -eq 2 ] || fail "offline: not two lines: $(cat "$tmp/err")"
grep -q "linux-5.10.tar.xz has sha256 $sum, not v5.10's dcdf99e4.*fetch-debian: test: offline); make LINUX_SRC=" "$tmp/err" \
	|| fail "bad hash: $(cat "$tmp/err")"
[ ! -e "$tmp/cache/linux-5.10.tar.xz" ] && [ ! -e "$tmp/cache/linux-5.10" ] || fail "a bad tarball was kept"
[ ! -e "$tmp/out/__free_one_page.c" ] || fail "offline: the excerpts expected"

# LINUX_SRC=none: the seed excerpts and the table's captions, one line why
$ks --src none --cache "$tmp/cache" --stamp "$tmp/stamp" $data "$tmp/out" 2> "$tmp/err"
[ "$(wc -l < "$tmp/err")" -eq 1 ] || fail "more than one line: $(cat "$tmp/err")"
grep -q 'panels from the seed notes. excerpts, [0-9]* of [0-9]* with text (LINUX_SRC=none); make LINUX_SRC=' "$tmp/err" \
	|| fail "$(cat "$tmp/err")"
cmp -s "$tmp/out/free_pages.c" linux-5.10-excerpts/free_pages.c || fail "seed excerpt not used"
[ ! -e "$tmp/out/__free_one_page.c" ] || fail "no excerpt, so no text"
grep -q 'lines 985–1079 at v5.10.$' "$tmp/out/__free_one_page.caption" || fail "table caption"
grep -q '^excerpts	LINUX_SRC=none$' "$tmp/stamp" || fail "stamp: $(cat "$tmp/stamp")"
$ks --verify "$tmp/out" tools/linux-5.10.tsv > /dev/null || fail "verify of the excerpts"
$ks --verify "$tmp/out" tools/linux-5.10.tsv --required 2> /dev/null && fail "verify --required took the excerpts"

# the facts: every v5.10 hash that comes from an excerpt is the excerpt's
awk -F'\t' '$3 == "excerpt" { print $2 "  linux-5.10-excerpts/" $1 ".c" }' tools/linux-5.10.facts > "$tmp/want"
$ks --hash $(cut -d' ' -f3 "$tmp/want") > "$tmp/got"
diff "$tmp/want" "$tmp/got" >&2 || fail "facts: an excerpt's hash is not the one recorded"
echo "kernel-src test: passed"
