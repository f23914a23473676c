#!/bin/bash
# Archivers side by side: gobox's tar and gzip against GNU tar and gzip
# (the host's) and Alpine 3.20's BusyBox (run in a chroot of its
# minirootfs), on a mixed tree of about 1 GB and a 1 GB file.
#
#   scripts/bench/archive.sh [GOBOX]      (root: chroot; default: builds one)
#   SIZE_MB=256 scripts/bench/archive.sh  (a smaller tree and file)
#   ONLY='xz|bunzip2' scripts/bench/archive.sh  (the operations whose
#                                   name matches the extended regexp)
#   DATA=/var/tmp/ab scripts/bench/archive.sh  (the data, and the
#                                   archives the reference tools make of
#                                   it, kept there and reused by later
#                                   runs: xz alone takes minutes to make
#                                   its files of 1 GB)
#
# Each command runs RUNS times (default 2) over a warm page cache; the
# fastest run's wall time and its CPU time (user+sys, children included)
# are reported, with gobox's ratios to GNU's and BusyBox's (below 1:
# gobox is faster). The fastest, not the last: writing a gigabyte makes
# the kernel's writeback land on whichever run comes next, and other
# work on a shared machine on any run.
set -eu
cd "$(dirname "$0")/../.."
size_mb=${SIZE_MB:-1024}
rootfs=$PWD/../shared/fixtures/alpine/alpine-minirootfs-3.20.3-x86_64.tar.gz
work=$(mktemp -d /tmp/archive-bench.XXXXXX)
trap 'umount "$work/alpine/w" 2>/dev/null; rm -rf "$work"' EXIT

gobox=${1:-}
if [ -z "$gobox" ]; then
	gobox=$work/gobox
	scripts/build.sh "$gobox" >/dev/null
fi
gobox=$(realpath "$gobox")

data=${DATA:-$work/data}
mkdir -p "$data" "$work/alpine"
tar -xzf "$rootfs" -C "$work/alpine"
# made NAME CMD: runs CMD in the data's directory to make NAME, unless
# DATA keeps it from an earlier run.
made() { [ -n "${DATA:-}" ] && [ -e "$data/$1" ] || (cd "$data" && eval "$2"); }
# unmade NAME...: removes what made made, unless DATA keeps it.
unmade() { [ -n "${DATA:-}" ] || (cd "$data" && rm -f "$@"); }
# The data: slices of the host's own files (text and binaries, which
# gzip to about a third), as many small files (30%), 1 MiB ones (30%)
# and four big ones (40%), and one file of the whole size.
[ -n "${DATA:-}" ] && [ -e "$data/big" ] || python3 - "$data" "$size_mb" <<'EOF'
import os, random, sys
out, size = sys.argv[1], int(sys.argv[2]) << 20
seed = bytearray()
for top in ("/usr/share", "/usr/lib", "/usr/bin"):
    for d, _, fs in os.walk(top):
        for f in fs:
            p = os.path.join(d, f)
            try:
                if os.path.isfile(p) and not os.path.islink(p) and os.path.getsize(p) < 1 << 20:
                    seed += open(p, "rb").read()
            except OSError:
                pass
            if len(seed) > 64 << 20:
                break
rng = random.Random(1)
def data(n):
    b = bytearray()
    while len(b) < n:
        off = rng.randrange(0, len(seed) - 4096)
        b += seed[off:off + min(n - len(b), 1 << 20)]
    return bytes(b[:n])
def write(path, n):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        left = n
        while left:
            c = min(left, 4 << 20)
            f.write(data(c))
            left -= c
tree = os.path.join(out, "tree")
small, i = size * 30 // 100, 0
while small > 0:
    n = rng.randrange(1, 16384)
    write(os.path.join(tree, "s%d" % (i % 300), "f%d" % i), n)
    small -= n
    i += 1
for j in range(size * 30 // 100 >> 20):
    write(os.path.join(tree, "m", "f%d" % j), 1 << 20)
for j in range(4):
    write(os.path.join(tree, "l", "f%d" % j), size * 40 // 100 // 4)
write(os.path.join(out, "big"), size)
EOF
mkdir -p "$work/alpine/w"
mount --bind "$data" "$work/alpine/w"
made tar.tar "tar cf tar.tar tree"
made tgz.tgz "tar czf tgz.tgz tree"
made big.gz "gzip -c big > big.gz"
echo "tree: $(du -sh "$data/tree" | cut -f1) in $(find "$data/tree" -type f | wc -l) files; file: $(du -sh "$data/big" | cut -f1); host: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"

# time_it CMD: "wall cpu" in seconds, of the fastest of RUNS runs.
time_it() {
	local t=$work/time
	: > "$t.all"
	for _ in $(seq "${RUNS:-2}"); do
		# Each run extracts into a new x; the old ones are removed
		# once the operation's runs are done (settle).
		[ ! -e "$data/x" ] || mv "$data/x" "$(mktemp -u "$data/x.old.XXXXXX")"
		rm -f "$data/out.tar" "$data/out.tgz"
		mkdir -p "$data/x"
		sync
		/usr/bin/time -o "$t" -f "%e %U %S" bash -c "$1" >/dev/null 2>&1
		tail -n 1 "$t" >> "$t.all"
	done
	sort -n "$t.all" | awk 'NR == 1 {printf "%.2f %.2f", $1, $2 + $3}'
}

# settle removes what an operation's runs extracted, and waits out the
# time for which ext4 (without a journal, as on the machine this was
# written on) skips the inodes just freed one by one when it allocates
# new ones (recently_deleted: 30 s once their table is written): an
# rm -rf just before a run made most of its time, and most for
# whichever program ran first after it.
settle() {
	if find "$data" -maxdepth 2 -path "$data/x*/*" -print -quit | grep -q .; then
		rm -rf "$data"/x "$data"/x.old.*
		sync
		sleep 31
	fi
	rm -rf "$data"/x "$data"/x.old.*
}

# want NAME: whether the operation NAME is to run (ONLY).
want() { [ -z "${ONLY:-}" ] || echo "$1" | grep -Eq -- "$ONLY"; }

# The operations, with TAR and GZIP for the implementation's commands;
# a name holds no |, which parts it from the command ("tar c, gzip" is
# the pipeline tar c | gzip).
ops=("tar c|TAR cf out.tar tree" "tar x|TAR xf tar.tar -C x" "tar cz|TAR czf out.tgz tree"
	"tar xz|TAR xzf tgz.tgz -C x" "tar c, gzip|TAR cf - tree | GZIP -c > out.tgz"
	"gunzip, tar x|GZIP -dc tgz.tgz | TAR xf - -C x" "gzip -c|GZIP -c big" "gunzip -c|GZIP -dc big.gz")
# ratio A B: A's wall and CPU over B's ("-" where B took no measurable
# time: Alpine's BusyBox unzip -tq returns at once, having checked
# nothing this benchmark could time).
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { split(a, x, " "); split(b, y, " "); if (y[1] <= 0 || y[2] <= 0) { printf "-"; exit } printf "%.2f; %.2f", x[1] / y[1], x[2] / y[2] }'; }
printf '%-10s %-12s %-12s %-12s %s\n' op gobox GNU BusyBox "gobox/GNU, gobox/BusyBox (wall; cpu)"
for op in "${ops[@]}"; do
	name=${op%%|*} cmd=${op#*|}
	want "$name" || continue
	gb=$(time_it "cd $data && $(echo "$cmd" | sed "s|TAR|$gobox tar|; s|GZIP|$gobox gzip|")")
	gn=$(time_it "cd $data && $(echo "$cmd" | sed "s|TAR|tar|; s|GZIP|gzip|")")
	bb=$(time_it "chroot $work/alpine /bin/busybox sh -c 'cd /w && $(echo "$cmd" | sed "s|TAR|/bin/busybox tar|; s|GZIP|/bin/busybox gzip|")'")
	printf '%-14s %-12s %-12s %-12s %s, %s\n' "$name" "$gb" "$gn" "$bb" "$(ratio "$gb" "$gn")" "$(ratio "$gb" "$bb")"
	settle
done

# zstd (issue 8): gobox's zstd against the zstd CLI (the host's; BusyBox
# has none), on the 1 GB file: compression at the default level (-3),
# one thread and -T0, and decompression; with the compressed sizes.
if command -v zstd >/dev/null && want "zstd -c zstd -T0 -c zstd -dc"; then
	made big.zst "zstd -q -c big > big.zst"
	printf '\n%-12s %-12s %-12s %s\n' op gobox zstd "gobox/zstd (wall; cpu)"
	for op in "zstd -c|ZSTD -c big" "zstd -T0 -c|ZSTD -T0 -c big" "zstd -dc|ZSTD -dc big.zst"; do
		name=${op%%|*} cmd=${op#*|}
		want "$name" || continue
		gb=$(time_it "cd $data && $(echo "$cmd" | sed "s|ZSTD|$gobox zstd|")")
		zs=$(time_it "cd $data && $(echo "$cmd" | sed "s|ZSTD|zstd|")")
		printf '%-12s %-12s %-12s %s\n' "$name" "$gb" "$zs" "$(ratio "$gb" "$zs")"
		settle
	done
	ours=$(cd "$data" && "$gobox" zstd -c big | wc -c)
	theirs=$(stat -c %s "$data/big.zst")
	echo "zstd -c big: gobox $ours bytes, zstd $theirs bytes ($(awk -v a="$ours" -v b="$theirs" 'BEGIN { printf "%.3f", a / b }')x)"
fi

# cpio (issue 8): gobox's cpio against GNU cpio (the host's) and
# BusyBox's, on the tree: -o -H newc of its list of names, and -i -d of
# that archive.
if command -v cpio >/dev/null && want "cpio -o cpio -i"; then
	made cpio.list "find tree > cpio.list"
	made tree.cpio "cpio -o -H newc --quiet < cpio.list > tree.cpio"
	printf '\n%-10s %-12s %-12s %-12s %s\n' op gobox GNU BusyBox "gobox/GNU, gobox/BusyBox (wall; cpu)"
	for op in "cpio -o|CPIO -o -H newc < cpio.list > out.cpio" "cpio -i|cd x && CPIO -id < ../tree.cpio"; do
		name=${op%%|*} cmd=${op#*|}
		want "$name" || continue
		gb=$(time_it "cd $data && $(echo "$cmd" | sed "s|CPIO|$gobox cpio|")")
		gn=$(time_it "cd $data && $(echo "$cmd" | sed "s|CPIO|cpio --quiet|")")
		bb=$(time_it "chroot $work/alpine /bin/busybox sh -c 'cd /w && $(echo "$cmd" | sed "s|CPIO|/bin/busybox cpio|")'")
		printf '%-10s %-12s %-12s %-12s %s, %s\n' "$name" "$gb" "$gn" "$bb" "$(ratio "$gb" "$gn")" "$(ratio "$gb" "$bb")"
		settle
	done
	rm -f "$data/out.cpio"
fi

# unzip (issue 8): gobox's unzip against Info-ZIP's (the host's) and
# BusyBox's, extracting a zip of the tree (deflate, zip's default
# level) and testing it (-t: decompress and check, write nothing).
if command -v zip >/dev/null && command -v unzip >/dev/null && want "unzip unzip -t"; then
	made tree.zip "zip -qr tree.zip tree"
	printf '\n%-10s %-12s %-12s %-12s %s\n' op gobox Info-ZIP BusyBox "gobox/Info-ZIP, gobox/BusyBox (wall; cpu)"
	for op in "unzip|UNZIP -q tree.zip -d x" "unzip -t|UNZIP -tq tree.zip"; do
		name=${op%%|*} cmd=${op#*|}
		want "$name" || continue
		gb=$(time_it "cd $data && $(echo "$cmd" | sed "s|UNZIP|$gobox unzip|")")
		gn=$(time_it "cd $data && $(echo "$cmd" | sed "s|UNZIP|unzip|")")
		bb=$(time_it "chroot $work/alpine /bin/busybox sh -c 'cd /w && $(echo "$cmd" | sed "s|UNZIP|/bin/busybox unzip|")'")
		printf '%-10s %-12s %-12s %-12s %s, %s\n' "$name" "$gb" "$gn" "$bb" "$(ratio "$gb" "$gn")" "$(ratio "$gb" "$bb")"
		settle
	done
	unmade tree.zip
fi

# bzip2 (issue 8): gobox's bzip2 and bunzip2 against Debian's bzip2 (the
# host's) and BusyBox's, on the 1 GB file: compression at the default
# block size (-9) and decompression of Debian's output; with the
# compressed sizes.
if command -v bzip2 >/dev/null && want "bzip2 -c bunzip2 -c"; then
	made big.bz2 "bzip2 -c big > big.bz2"
	printf '\n%-10s %-12s %-12s %-12s %s\n' op gobox Debian BusyBox "gobox/Debian, gobox/BusyBox (wall; cpu)"
	for op in "bzip2 -c|BZIP2 -c big" "bunzip2 -c|BUNZIP2 -c big.bz2"; do
		name=${op%%|*} cmd=${op#*|}
		want "$name" || continue
		gb=$(time_it "cd $data && $(echo "$cmd" | sed "s|BZIP2|$gobox bzip2|; s|BUNZIP2|$gobox bunzip2|")")
		gn=$(time_it "cd $data && $(echo "$cmd" | sed "s|BZIP2|bzip2|; s|BUNZIP2|bunzip2|")")
		bb=$(time_it "chroot $work/alpine /bin/busybox sh -c 'cd /w && $(echo "$cmd" | sed "s|BZIP2|/bin/busybox bzip2|; s|BUNZIP2|/bin/busybox bunzip2|")'")
		printf '%-10s %-12s %-12s %-12s %s, %s\n' "$name" "$gb" "$gn" "$bb" "$(ratio "$gb" "$gn")" "$(ratio "$gb" "$bb")"
		settle
	done
	ours=$(cd "$data" && "$gobox" bzip2 -c big | wc -c)
	theirs=$(stat -c %s "$data/big.bz2")
	echo "bzip2 -c big: gobox $ours bytes, bzip2 $theirs bytes ($(awk -v a="$ours" -v b="$theirs" 'BEGIN { printf "%.3f", a / b }')x)"
	unmade big.bz2
fi

# lzop (issue 8): gobox's lzop against Debian's lzop (the host's) and
# BusyBox's, on the 1 GB file: compression at the default level and
# decompression of Debian's output; with the compressed sizes.
if command -v lzop >/dev/null && want "lzop -c lzop -d"; then
	made big.lzo "lzop -c big > big.lzo"
	printf '\n%-10s %-12s %-12s %-12s %s\n' op gobox Debian BusyBox "gobox/Debian, gobox/BusyBox (wall; cpu)"
	for op in "lzop -c|LZOP -c big" "lzop -d|LZOP -dc big.lzo"; do
		name=${op%%|*} cmd=${op#*|}
		want "$name" || continue
		gb=$(time_it "cd $data && $(echo "$cmd" | sed "s|LZOP|$gobox lzop|")")
		gn=$(time_it "cd $data && $(echo "$cmd" | sed "s|LZOP|lzop|")")
		bb=$(time_it "chroot $work/alpine /bin/busybox sh -c 'cd /w && $(echo "$cmd" | sed "s|LZOP|/bin/busybox lzop|")'")
		printf '%-10s %-12s %-12s %-12s %s, %s\n' "$name" "$gb" "$gn" "$bb" "$(ratio "$gb" "$gn")" "$(ratio "$gb" "$bb")"
		settle
	done
	ours=$(cd "$data" && "$gobox" lzop -c big | wc -c)
	theirs=$(stat -c %s "$data/big.lzo")
	echo "lzop -c big: gobox $ours bytes, lzop $theirs bytes ($(awk -v a="$ours" -v b="$theirs" 'BEGIN { printf "%.3f", a / b }')x)"
	unmade big.lzo
fi

# xz (issue 8): gobox's xz and unxz against Debian's xz-utils (the host's)
# and BusyBox's unxz (it has no xz), on the 1 GB file: decompression of
# xz-utils' output, and compression at the default level (-6) with all
# cores (-T0); with the compressed sizes.
if command -v xz >/dev/null && want "xz -dc xz -dc (1 block) xz -T0 -c"; then
	made big.xz "xz -T0 -c big > big.xz"
	made big1.xz "xz -c big > big1.xz"
	printf '\n%-16s %-12s %-12s %-12s %s\n' op gobox Debian BusyBox "gobox/Debian, gobox/BusyBox (wall; cpu)"
	# xz -T0's output has a block per 24 MiB (-6), which a decoder may
	# decode side by side; xz's default (-T1 in xz 5.4) makes one block.
	for op in "xz -dc|big.xz" "xz -dc (1 block)|big1.xz"; do
		name=${op%%|*} file=${op#*|}
		want "$name" || continue
		gb=$(time_it "cd $data && $gobox xz -dc $file")
		gn=$(time_it "cd $data && xz -dc $file")
		bb=$(time_it "chroot $work/alpine /bin/busybox sh -c 'cd /w && /bin/busybox unxz -c $file'")
		printf '%-16s %-12s %-12s %-12s %s, %s\n' "$name" "$gb" "$gn" "$bb" "$(ratio "$gb" "$gn")" "$(ratio "$gb" "$bb")"
		settle
	done
	if want "xz -T0 -c"; then
		gb=$(time_it "cd $data && $gobox xz -T0 -c big")
		gn=$(time_it "cd $data && xz -T0 -c big")
		printf '%-16s %-12s %-12s %-12s %s\n' "xz -T0 -c" "$gb" "$gn" "-" "$(ratio "$gb" "$gn")"
		ours=$(cd "$data" && "$gobox" xz -T0 -c big | wc -c)
		theirs=$(stat -c %s "$data/big.xz")
		echo "xz -T0 -c big: gobox $ours bytes, xz $theirs bytes ($(awk -v a="$ours" -v b="$theirs" 'BEGIN { printf "%.3f", a / b }')x)"
	fi
	unmade big.xz big1.xz
fi
