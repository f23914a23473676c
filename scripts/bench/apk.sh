#!/bin/bash
# apk installs side by side: gobox's apk against the real apk-tools
# 2.14.4 (/sbin/apk of Alpine 3.20's minirootfs, run in a chroot of it),
# installing 200 packages from a local signed repository into an empty
# root, with signature and checksum verification (the repository's key
# trusted, no --allow-untrusted), scripts off.
#
#   scripts/bench/apk.sh [GOBOX]      (root: chroot; default: builds one)
#   PKGS=50 FILES=10 scripts/bench/apk.sh
#
# The repository is made as interrupt_test.go's bulkRepo makes it (the
# fixtures' make-test-repo, a dependency chain bulk000 <- ... <- bulk199,
# FILES files a package of growing sizes); each install runs RUNS times
# (default 3) into a fresh root, over a warm page cache, and the wall
# time, CPU time (user+sys) and peak RSS of each run are printed, then
# gobox's ratios on the best runs (below 1: gobox is faster or smaller).
# The solver's own benchmarks: go test -bench . ./internal/apk/solver
set -eu
cd "$(dirname "$0")/../.."
pkgs=${PKGS:-200} files=${FILES:-20} runs=${RUNS:-3}
fx=$PWD/../shared/fixtures/apk
rootfs=$PWD/../shared/fixtures/alpine/alpine-minirootfs-3.20.3-x86_64.tar.gz
work=$(mktemp -d /tmp/apk-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

gobox=${1:-}
if [ -z "$gobox" ]; then
	gobox=$work/gobox
	scripts/build.sh "$gobox" >/dev/null
fi
gobox=$(realpath "$gobox")

mkdir -p "$work/alpine"
tar -xzf "$rootfs" -C "$work/alpine"
key=$fx/keys/test/gobox-test@example.org-00000001.rsa
python3 - "$work/bulk.spec" "$pkgs" "$files" <<'PY'
import sys
out, n, files = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
with open(out, "w") as f:
    for i in range(n):
        f.write("package bulk%03d\npkgver = 1.0-r0\npkgdesc = bulk\nurl = https://example.org\nlicense = MIT\n" % i)
        if i > 0:
            f.write("depend = bulk%03d\n" % (i - 1))
        f.write("dir usr 0755\ndir usr/share 0755\ndir usr/share/bulk%03d 0755\n" % i)
        for j in range(files):
            f.write('file usr/share/bulk%03d/f%03d 0644 "package %d file %d %s\\n"\n' % (i, j, i, j, "x" * 200 * j))
        f.write("\n")
PY
"$fx/make-test-repo" build --key "$key" --description bulk "$work/bulk.spec" "$work/alpine/srv/repo" >/dev/null
echo "repository: $pkgs packages, $files files each, $(du -sh "$work/alpine/srv/repo" | cut -f1); host: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"

# fresh ROOT: an empty root trusting the test key.
fresh() {
	rm -rf "$1"
	mkdir -p "$1/etc/apk/keys"
	cp "$key.pub" "$1/etc/apk/keys/"
}

# measure CMD ROOT: "wall cpu rssMB" of one run into a fresh ROOT.
measure() {
	fresh "$2"
	sync
	/usr/bin/time -o "$work/time" -f "%e %U %S %M" bash -c "$1" >"$work/out" 2>&1 ||
		{ echo "failed: $1" >&2; cat "$work/out" >&2; exit 1; }
	grep -q "OK: .* in $pkgs packages" "$work/out" || { echo "unexpected output: $1" >&2; cat "$work/out" >&2; exit 1; }
	awk '{printf "%.3f %.3f %.1f", $1, $2 + $3, $4 / 1024}' "$work/time"
}

# An empty repositories file (the chroot has no /dev/null).
: > "$work/alpine/srv/norepos"
args="--initdb --no-scripts --repositories-file /srv/norepos -X /srv/repo add bulk$(printf %03d $((pkgs - 1)))"
best() { sort -n -k1,1 | head -n 1; }
printf '%-8s %-8s %-8s %s\n' run wall cpu "peak RSS (MiB)"
gb=() ap=()
for r in $(seq "$runs"); do
	g=$(measure "cd $work/alpine && $gobox apk --root $work/alpine/srv/root ${args//\/srv\//$work/alpine/srv/}" "$work/alpine/srv/root")
	a=$(measure "chroot $work/alpine /sbin/apk --root /srv/root $args" "$work/alpine/srv/root")
	printf 'gobox%-3s %s\napk%-5s %s\n' "$r" "$g" "$r" "$a" | awk '{printf "%-8s %-8s %-8s %s\n", $1, $2, $3, $4}'
	gb+=("$g") ap+=("$a")
done
g=$(printf '%s\n' "${gb[@]}" | best) a=$(printf '%s\n' "${ap[@]}" | best)
awk -v g="$g" -v a="$a" 'BEGIN { split(g, x, " "); split(a, y, " ");
	printf "best: gobox %s s wall, %s s cpu, %s MiB; apk-tools %s s wall, %s s cpu, %s MiB\n", x[1], x[2], x[3], y[1], y[2], y[3];
	printf "gobox/apk-tools: wall %.2f, cpu %.2f, peak RSS %.2f\n", x[1] / y[1], x[2] / y[2], x[3] / y[3] }'
