#!/bin/bash
# Side-by-side benchmarks: gobox against BusyBox (Debian's busybox-static)
# and GNU coreutils, in one run, with hyperfine. Prints mean times and the
# ratio gobox/BusyBox; never asserts timings.
#   scripts/bench/run.sh [WORKDIR]      (WORKDIR holds the 1 GB test data;
#                                        default /tmp/gobox-bench)
# Needs: hyperfine, busybox-static, python3. The memory benchmark is mem.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
work=${1:-/tmp/gobox-bench}
mkdir -p "$work"
# Install what is missing (Debian package names), as root.
need=
command -v hyperfine >/dev/null || need="$need hyperfine"
command -v busybox >/dev/null || need="$need busybox-static"
if [ -n "$need" ]; then
	[ "$(id -u)" = 0 ] || { echo "bench: missing:$need (apt-get install them)" >&2; exit 1; }
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null
fi
bb=$(command -v busybox)

scripts/build.sh "$work/gobox"
CGO_ENABLED=0 go build -trimpath -ldflags='-s -w' -o "$work/hello" ./scripts/bench/hello
g=$work/gobox

# Test data: a 1 GB tree of 1 MB files (and some small ones), and a 1 GB file.
if [ ! -d "$work/tree" ]; then
	mkdir -p "$work/tree"
	head -c $((1 << 20)) /dev/urandom > "$work/blk"
	for d in $(seq 1 16); do
		mkdir -p "$work/tree/d$d/sub"
		for f in $(seq 1 64); do cp "$work/blk" "$work/tree/d$d/f$f"; done
		for f in $(seq 1 200); do echo "$d $f" > "$work/tree/d$d/sub/s$f"; done
		ln -s f1 "$work/tree/d$d/link"
	done
fi
[ -f "$work/big" ] || head -c $((1 << 30)) /dev/zero > "$work/big"

declare -a rows
bench() { # NAME RUNS PREPARE CMD_GOBOX CMD_OTHER...
	local name=$1 runs=$2 prep=$3; shift 3
	local json=$work/$name.json
	local warm=1
	[ "$runs" -gt 10 ] && warm=20
	local args=(-N --warmup "$warm" --runs "$runs" --export-json "$json")
	[ -n "$prep" ] && args+=(--prepare "$prep")
	hyperfine "${args[@]}" "$@" >/dev/null
	python3 - "$json" "$name" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
g = r[0]["mean"]
parts = []
for x in r:
    parts.append("%s %.2f ms (x%.2f)" % (x["command"].split()[0].split("/")[-1], x["mean"] * 1000, x["mean"] / g if g else 0))
print("%-10s " % sys.argv[2] + "; ".join(parts) + "   [ratios relative to gobox]")
PY
}

echo "== gobox $("$g" --help | head -n1 | cut -d' ' -f2), BusyBox $("$bb" | head -n1 | cut -d' ' -f2), $(nproc) cores"
bench exec-true 300 "" "$g true" "$work/hello" "$bb true" "/bin/true"
bench ls-lR 5 "" "$g ls -lR /usr" "$bb ls -lR /usr" "ls -lR /usr"
bench du-s 5 "" "$g du -s /usr" "$bb du -s /usr" "du -s /usr"
bench cat-1G 5 "" "$g cat $work/big" "$bb cat $work/big" "cat $work/big"
bench cp-a-1G 3 "rm -rf $work/dst" "$g cp -a $work/tree $work/dst" "$bb cp -a $work/tree $work/dst" "cp -a $work/tree $work/dst"
rm -rf "$work/dst"

# Peak RSS (VmHWM) and private memory (Anonymous) of one exec, from
# memrun (GNU time's %M folds in time's own memory: see memrun); the
# file-backed pages of a page-cached binary dominate the peak (the kernel
# maps 64 KB around each fault). mem.sh measures the applets' work.
go build -o "$work/memrun" ./scripts/bench/memrun
for b in "$g true" "$work/hello" "$bb true"; do
	"$work/memrun" -- $b | sed -E "s/.* hwm=([0-9]+) .* anon=([0-9]+) .*/peak RSS  \1 KB, private \2 KB  ${b##*/}/"
done
ls -l "$g" | awk '{print "size      gobox (all applets): " $5 " bytes"}'
echo "size      gzipped: $(gzip -9c "$g" | wc -c) bytes"
mkdir -p "$work/small"
APPLETS="ls cat echo" scripts/build.sh "$work/small/gobox"
ls -l "$work/small/gobox" | awk '{print "size      gobox (ls cat echo): " $5 " bytes"}'

