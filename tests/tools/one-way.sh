#!/bin/sh
# The kernel model never uses the harness.  No file under mm/, include/,
# arch/ or kernel/ includes a header of sim/ or pagesim/, and no object built
# from them refers to a symbol that an object of sim/ or pagesim/ defines,
# nor to any name that begins with sim_.
#   tests/tools/one-way.sh CODE OBJ    (the tangled tree, and its objects)
set -eu
code=$1 obj=$2
kernel="mm include arch kernel"
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if (cd "$code" && grep -rnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"(\.\./)*(sim|pagesim)/' $kernel); then
	echo "one-way: FAIL: the kernel folders include a harness header (above)" >&2
	fail=1
fi

objects() { (cd "$code" && find "$@" -name '*.c' 2>/dev/null | sed 's/\.c$/.o/' | sort); }
kobjs=$(objects $kernel)
hobjs=$(objects sim pagesim)
[ -n "$kobjs" ] && [ -n "$hobjs" ] || { echo "one-way: FAIL: no objects in $obj" >&2; exit 1; }
(cd "$obj" && nm --defined-only $hobjs) | awk 'NF == 3 && $2 ~ /[A-Z]/ { print $3 }' | sort -u > "$tmp/harness"
(cd "$obj" && nm -A -u $kobjs) | awk '{ print $NF, $1 }' | sort > "$tmp/used"
join "$tmp/harness" "$tmp/used" > "$tmp/calls" || true
if [ -s "$tmp/calls" ]; then
	sed 's/^/  /' "$tmp/calls" >&2
	echo "one-way: FAIL: the kernel folders use these symbols of the harness" >&2
	fail=1
fi
if (cd "$obj" && nm -A $kobjs) | grep -E '[[:space:]]sim_[A-Za-z0-9_]*$' >&2; then
	echo "one-way: FAIL: the kernel folders name sim_ symbols (above)" >&2
	fail=1
fi
[ $fail = 0 ] || exit 1
echo "one-way: $(echo "$kobjs" | wc -l) kernel objects, none uses the harness"
