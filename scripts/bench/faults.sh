#!/bin/bash
# Where the peak memory of `gobox true` comes from: the page faults of one
# run, by the section of the binary they land in (or anonymous memory),
# for a static Go hello world (Go's own floor) and for gobox, side by
# side. A fault in a file-backed section maps a whole fault-around window
# (64 KB on this kernel) of page-cache pages into the process: they count
# in its RSS but are shared by every process running the binary; a fault
# in anonymous memory (heap, stacks, bss written) is private, 4 KB.
# For gobox the text faults are also named by the function they hit,
# which shows that each package with init work costs a window of its own.
#
#   scripts/bench/faults.sh [GOBOX]    (needs perf; default: builds one)
set -eu
cd "$(dirname "$0")/../.."
command -v perf >/dev/null || { echo "faults: needs perf (apt-get install linux-perf)" >&2; exit 1; }
work=$(mktemp -d /tmp/faults.XXXXXX)
trap 'rm -rf "$work"' EXIT
gobox=${1:-}
if [ -z "$gobox" ]; then
	gobox=$work/gobox
	CGO_ENABLED=0 go build -trimpath -o "$gobox" ./cmd/gobox
fi
CGO_ENABLED=0 go build -trimpath -o "$work/hello" ./scripts/bench/hello

# faults BINARY: "section count" lines for one run of BINARY true.
faults() {
	perf record -q -e page-faults -c 1 -d -o "$work/p.data" "$1" true >/dev/null 2>&1
	readelf -SW "$1" | sed 's/^ *\[ *[0-9]*\] *//' | awk '$1 ~ /^\./ && $3 !~ /^0+$/ {print $1, $3, $5}' >"$work/sections"
	perf script -i "$work/p.data" -F addr 2>/dev/null | awk '
		NR == FNR { name[NR] = $1; lo[NR] = strtonum("0x" $2); hi[NR] = lo[NR] + strtonum("0x" $3); n = NR; next }
		{ a = strtonum("0x" $1); s = "anonymous"
		  for (i = 1; i <= n; i++) if (a >= lo[i] && a < hi[i]) s = name[i]
		  c[s]++ }
		END { for (s in c) print s, c[s] }' "$work/sections" -
}
faults "$work/hello" | sort >"$work/hello.txt"
faults "$gobox" | sort >"$work/gobox.txt"
echo "page faults of one run of \`true\`, by section (file-backed: 64 KB windows; anonymous: 4 KB pages)"
echo
echo "| section | hello world | gobox |"
echo "| --- | --- | --- |"
join -a1 -a2 -e 0 -o 0,1.2,2.2 "$work/hello.txt" "$work/gobox.txt" | sort -k3 -rn | awk '{printf "| %s | %s | %s |\n", $1, $2, $3}'
echo
echo "gobox's text faults, by the function that faulted:"
go tool nm -n "$gobox" 2>/dev/null | awk '$2 == "T" || $2 == "t" {print $1, $3}' >"$work/syms"
if [ -s "$work/syms" ]; then
	lo=$(readelf -SW "$gobox" | sed 's/^ *\[ *[0-9]*\] *//' | awk '$1 == ".text" {print $3, $5}')
	perf record -q -e page-faults -c 1 -d -o "$work/p.data" "$gobox" true >/dev/null 2>&1
	perf script -i "$work/p.data" -F addr 2>/dev/null | sort | awk -v t="$lo" '
		BEGIN { split(t, v, " "); tlo = strtonum("0x" v[1]); thi = tlo + strtonum("0x" v[2]) }
		NR == FNR { addr[NR] = strtonum("0x" $1); sym[NR] = $2; n = NR; next }
		{ a = strtonum("0x" $1); if (a < tlo || a >= thi) next
		  s = ""; for (i = 1; i <= n && addr[i] <= a; i++) s = sym[i]
		  print "  " s }' "$work/syms" -
else
	echo "  (stripped binary: no symbols)"
fi
