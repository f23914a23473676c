#!/bin/bash
# Shell benchmark: the nine scripts of ../shared/bench/run-shell-bench
# under dash, bash --posix, BusyBox's ash (Debian's busybox-static) and
# gobox's sh, side by side with ratios to dash; then `sh -c :` start-up
# time (hyperfine) and peak memory (memrun) of each. For scripts g and h,
# which run external commands, a directory of gobox links comes first in
# PATH for gobox and one of BusyBox links for BusyBox (issue 6). Prints
# the tables; never asserts timings.
#   scripts/bench/shell.sh [--gobox BIN] [-n RUNS] [-b REGEX] [WORKDIR]
#     --gobox BIN  measure BIN instead of building the tree's gobox
#     -n RUNS      rounds of run-shell-bench (default 5)
#     -b REGEX     only the scripts matching REGEX (run-shell-bench -b)
#     WORKDIR      default /tmp/gobox-bench
# Skips with a message when ../shared/bench is absent.
set -euo pipefail
repo=$(realpath "$(dirname "$0")/../..")
gobox= runs=5 filter=. work=/tmp/gobox-bench
while [ $# -gt 0 ]; do
	case $1 in
	--gobox) gobox=$(realpath "$2"); shift 2 ;;
	-n) runs=$2; shift 2 ;;
	-b) filter=$2; shift 2 ;;
	-*) echo "usage: $0 [--gobox BIN] [-n RUNS] [-b REGEX] [WORKDIR]" >&2; exit 2 ;;
	*) work=$(realpath -m "$1"); shift ;;
	esac
done
bench=$repo/../shared/bench/run-shell-bench
if [ ! -x "$bench" ]; then
	echo "shell bench: $bench not found (../shared/bench lies beside the repository); skipping"
	exit 0
fi
cd "$repo"

# Install what is missing (Debian package names), as root.
need=
for p in dash:dash bash:bash busybox:busybox-static hyperfine:hyperfine; do
	command -v "${p%%:*}" >/dev/null || need="$need ${p#*:}"
done
if [ -n "$need" ]; then
	[ "$(id -u)" = 0 ] || { echo "shell bench: missing:$need (apt-get install them)" >&2; exit 1; }
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null
fi
bb=$(command -v busybox)

mkdir -p "$work"
g=$work/gobox
if [ -n "$gobox" ]; then
	cp "$gobox" "$g"
else
	scripts/build.sh "$g"
fi
CGO_ENABLED=0 go build -o "$work/memrun" ./scripts/bench/memrun

# The link directories of scripts g and h.
rm -rf "$work/gobox-bin" "$work/busybox-bin"
mkdir -p "$work/gobox-bin" "$work/busybox-bin"
"$g" --install -s "$work/gobox-bin" >/dev/null
"$bb" --install -s "$work/busybox-bin" >/dev/null

shells=(dash 'bash --posix' "busybox::env PATH=$work/busybox-bin:$PATH $bb ash")
start=(dash 'bash --posix' "$bb ash")
if "$g" --list | grep -qx sh; then
	shells+=("gobox::env PATH=$work/gobox-bin:$PATH $g sh")
	start+=("$g sh")
else
	echo "shell bench: $g has no sh applet yet; measuring the other shells only"
fi

echo "== shell scripts ($runs rounds, median seconds, ratio to dash; ! output differs, E non-zero exit)"
"$bench" -n "$runs" -b "$filter" "${shells[@]}"

echo
echo "== sh -c : (start-up; hyperfine mean, ratio to dash; peak RSS and private memory from memrun)"
json=$work/shell-start.json
hyperfine -N --warmup 20 --runs 300 --export-json "$json" "${start[@]/%/ -c :}" >/dev/null 2>&1
python3 - "$json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
base = r[0]["mean"]
for x in r:
    print("%-28s %7.2f ms  x%.2f" % (x["command"].split("/")[-1], x["mean"] * 1000, x["mean"] / base))
PY
for s in "${start[@]}"; do
	"$work/memrun" -- $s -c : | sed -E "s|.* hwm=([0-9]+) private=([0-9]+) .*|peak RSS \1 KB, private \2 KB  ${s##*/}|"
done
