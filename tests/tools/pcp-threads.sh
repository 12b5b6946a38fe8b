#!/bin/sh
# The table of examples/pcp-threads is well formed: a header, the two modes'
# ns per free on 1 and 2 threads with their scaling, the ratio of the modes,
# and the lock waits of each mode.  Every time is a positive number; one
# thread never waits for the lock.  What the times are is not checked.
#   tests/tools/pcp-threads.sh TABLE.md
set -eu
awk -F'|' '
function num(s, what) {
	gsub(/^ +| +$/, "", s)
	if (s !~ /^[0-9]+(\.[0-9]+)?$/) { print FILENAME ":" NR ": " what " is not a number: \"" s "\""; bad = 1 }
	return s + 0
}
function pos(s, what) { if (num(s, what) <= 0 && !bad) { print FILENAME ":" NR ": " what " is not positive"; bad = 1 } }
NR == 1 && !/^\| Order-0 frees, [0-9]+ per thread; median of [0-9]+ runs \| 1 thread \| 2 threads \| Scaling, 2 threads over 1 \|$/ { print FILENAME ": bad header: " $0; bad = 1 }
NR == 2 && $0 != "|:---|---:|---:|---:|" { print FILENAME ": bad alignment row"; bad = 1 }
NR == 3 && $2 !~ /^ through the per-CPU lists \(high [0-9]+, batch [0-9]+\), ns per free $/ { print FILENAME ": row 3 is not the per-CPU lists"; bad = 1 }
NR == 4 && $2 != " bypassing them (high 0, batch 1), ns per free " { print FILENAME ": row 4 is not the bypass"; bad = 1 }
NR == 3 || NR == 4 { pos($3, "1 thread"); pos($4, "2 threads"); pos($5, "the scaling") }
NR == 5 { if ($2 != " bypass over per-CPU lists, time per free ") { print FILENAME ": row 5 is not the ratio"; bad = 1 }
	  pos($3, "the ratio on 1 thread"); pos($4, "the ratio on 2 threads") }
NR == 6 || NR == 7 { if ($2 !~ /lock waits per 1000 frees/) { print FILENAME ": row " NR " is not lock waits"; bad = 1 }
	  if (num($3, "waits") != 0) { print FILENAME ":" NR ": one thread waited for the lock"; bad = 1 }
	  num($4, "waits") }
END { if (NR != 7) { print FILENAME ": " NR " lines, not 7"; bad = 1 }
      if (bad) exit 1 }
' "$1" >&2 || { echo "pcp-threads.sh: $1 is not the experiment's table" >&2; exit 1; }
echo "pcp-threads.sh: $1 is well formed"
