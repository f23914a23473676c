#!/bin/bash
# Memory benchmark: peak resident memory, private memory and time of each
# applet on fixed workloads, for gobox, Alpine 3.20's BusyBox (the
# reference) and Debian's busybox-static, in one run. Prints the tables
# and writes them to docs/memory.md; never asserts timings.
#   scripts/bench/mem.sh [--baseline BIN] [--gobox BIN] [--runs N] [--only RE] [--merge FILE] [--out FILE] [WORKDIR]
#     --baseline BIN  also run BIN (an earlier gobox) and print time ratios
#     --gobox BIN     measure BIN instead of building the tree's gobox
#     --runs N        run each case N times: peak memory, best time (1)
#     --only RE       run only the workloads whose names match the
#                     extended regular expression RE (to look at a few)
#     --merge FILE    report the runs recorded in FILE (an earlier run's
#                     mem/results.tsv, kept aside) with this run's: a
#                     long run finished in parts
#     --out FILE      write the report there ("-": nowhere; default
#                     docs/memory.md)
#     WORKDIR         cache of the data (a 1 GB file, a 100,000-file tree,
#                     Alpine's root); default /tmp/gobox-bench
# Needs root: all binaries run chrooted into the same Alpine root, in a
# private mount namespace where the trees, /proc, /dev and the data are
# bind-mounted, so each sees the same files at the same paths.
set -euo pipefail
repo=$(realpath "$(dirname "$0")/../..")

baseline= gobox= runs=1 only= merge= out=$repo/docs/memory.md work=/tmp/gobox-bench
while [ $# -gt 0 ]; do
	case $1 in
	--baseline) baseline=$(realpath "$2"); shift 2 ;;
	--gobox) gobox=$(realpath "$2"); shift 2 ;;
	--runs) runs=$2; shift 2 ;;
	--only) only=$2; shift 2 ;;
	--merge) merge=$(realpath "$2"); shift 2 ;;
	--out) out=$2; [ "$out" = - ] || out=$(realpath -m "$out"); shift 2 ;;
	-*) echo "usage: $0 [--baseline BIN] [--gobox BIN] [--runs N] [--only RE] [--merge FILE] [--out FILE] [WORKDIR]" >&2; exit 2 ;;
	*) work=$(realpath -m "$1"); shift ;;
	esac
done
case $runs in '' | *[!0-9]* | 0) echo "mem.sh: --runs wants a number above 0" >&2; exit 2 ;; esac
cd "$repo"
[ "$(id -u)" = 0 ] || { echo "mem.sh: needs root (chroot, mounts)" >&2; exit 1; }
alpine_tar=$repo/../shared/fixtures/alpine/alpine-minirootfs-3.20.3-x86_64.tar.gz
[ -f "$alpine_tar" ] || { echo "mem.sh: $alpine_tar missing" >&2; exit 1; }

# The mounts below live and die with a private mount namespace.
if [ -z "${GOBOX_MEMBENCH_NS:-}" ]; then
	command -v busybox >/dev/null || {
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq busybox-static >/dev/null
	}
	args=(--runs "$runs" --out "$out")
	[ -n "$only" ] && args+=(--only "$only")
	[ -n "$merge" ] && args+=(--merge "$merge")
	[ -n "$baseline" ] && args+=(--baseline "$baseline")
	[ -n "$gobox" ] && args+=(--gobox "$gobox")
	GOBOX_MEMBENCH_NS=1 exec unshare -m --propagation private -- "$repo/scripts/bench/mem.sh" "${args[@]}" "$work"
fi

mem=$work/mem
root=$mem/alpine # Alpine's root, unpacked once
data=$mem/data   # /data inside the root: binaries, the 1 GB file, the tree
bin=$mem/bin     # the host-side helpers
mkdir -p "$data/bin" "$bin"
rm -rf "$data/tmp"
mkdir -p "$data/tmp"
mounted=()
cleanup() {
	local i
	for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount "${mounted[i]}" 2>/dev/null || true; done
	rm -rf "$data/tmp"
}
trap cleanup EXIT

echo "== building" >&2
if [ -n "$gobox" ]; then
	cp "$gobox" "$data/bin/gobox"
else
	scripts/build.sh "$data/bin/gobox"
fi
[ -n "$baseline" ] && cp "$baseline" "$data/bin/gobox-base"
# A link per applet to each gobox, as a gobox root has them: the shell
# workloads put them first in PATH when gobox runs them (see below).
for b in gobox gobox-base; do
	[ -x "$data/bin/$b" ] || continue
	rm -rf "$data/bin/links-$b"
	mkdir -p "$data/bin/links-$b"
	for a in $("$data/bin/$b" --list); do ln -s "/data/bin/$b" "$data/bin/links-$b/$a"; done
done
cp "$(command -v busybox)" "$data/bin/busybox-debian"
export CGO_ENABLED=0
go build -o "$bin/memrun" ./scripts/bench/memrun
go build -o "$bin/mkdata" ./scripts/bench/mkdata
go build -o "$bin/memreport" ./scripts/bench/memreport
go build -trimpath -ldflags='-s -w' -o "$data/bin/hello" ./scripts/bench/hello

if [ ! -x "$root/bin/busybox" ]; then
	mkdir -p "$root.new"
	tar -xzf "$alpine_tar" -C "$root.new"
	mv "$root.new" "$root"
fi
# The trees of the ls, du and find workloads, under /host inside the root
# (all of /usr is there, for find /usr).
trees=(/usr/share /usr/lib /usr/local/go)
bind() { # SRC DST
	mkdir -p "$2"
	mount --bind "$1" "$2"
	mounted+=("$2")
}
bind /proc "$root/proc"
bind /dev "$root/dev"
bind /sys "$root/sys"
bind "$data" "$root/data"
bind /usr "$root/host/usr"

# Data, cached: 1 GiB of log lines; 1,000 directories of 100 files.
if [ ! -f "$data/big.txt" ]; then
	echo "== making $data/big.txt" >&2
	"$bin/mkdata" lines "$data/big.txt.new" $((1 << 30))
	mv "$data/big.txt.new" "$data/big.txt"
fi
if [ ! -d "$data/tree" ]; then
	echo "== making $data/tree" >&2
	rm -rf "$data/tree.new"
	"$bin/mkdata" tree "$data/tree.new" 1000 100
	mv "$data/tree.new" "$data/tree"
fi
# Made from those, with the host's tools (so that no applet under test
# makes its own input), cached: a 256 MiB slice of the file (for the
# slower compressors), two 64 MiB files a few lines apart (diff), the
# compressed files, and the tree as tar, tar.gz, zip and cpio archives
# and as a list of names (cpio -o's input).
derive() { # FILE COMMAND...: runs COMMAND with stdout to FILE, once
	local f=$1
	shift
	[ -f "$f" ] && return 0
	echo "== making $f" >&2
	"$@" >"$f.new"
	mv "$f.new" "$f"
}
derive "$data/slice.txt" head -c $((256 << 20)) "$data/big.txt"
derive "$data/a.txt" head -n 800000 "$data/big.txt"
derive "$data/b.txt" awk 'NR % 10000 == 0 { sub(/served/, "SERVED") } 1' "$data/a.txt"
derive "$data/big.txt.gz" gzip -c "$data/big.txt"
derive "$data/slice.txt.bz2" bzip2 -c "$data/slice.txt"
derive "$data/slice.txt.xz" xz -c -T2 "$data/slice.txt"
derive "$data/tree.tar" tar -C "$data" -cf - tree
derive "$data/tree.tar.gz" gzip -c "$data/tree.tar"
derive "$data/tree.list" sh -c 'cd "$1" && find tree' sh "$data"
derive "$data/tree.cpio" sh -c 'cd "$1" && cpio -o -H newc --quiet <tree.list' sh "$data"
if [ ! -f "$data/tree.zip" ]; then
	echo "== making $data/tree.zip" >&2
	rm -f "$data/tree.zip.new"
	(cd "$data" && zip -q -r -y tree.zip.new tree)
	mv "$data/tree.zip.new" "$data/tree.zip"
fi
# apk: Alpine's real v3.16 x86_64 index (4,929 packages, signed with a
# key Alpine 3.20's root trusts) as a local repository, and a root
# holding Alpine 3.20.3's real installed database (14 packages).
apk_fx=$repo/../shared/fixtures/apk
if [ -d "$apk_fx" ]; then
	mkdir -p "$data/apkrepo/x86_64"
	cp "$apk_fx/alpine/APKINDEX-v3.16-x86_64.tar.gz" "$data/apkrepo/x86_64/APKINDEX.tar.gz"
	rm -rf "$data/apkroot"
	mkdir -p "$data/apkroot/etc/apk/keys"
	cp -a "$apk_fx/alpine/rootfs-3.20.3/." "$data/apkroot/"
	cp "$root"/etc/apk/keys/* "$data/apkroot/etc/apk/keys/"
	# The small signed test repository and its key, for a real install.
	rm -rf "$data/apktest"
	mkdir -p "$data/apktest/keys"
	cp -a "$apk_fx/repos/basic" "$data/apktest/basic"
	cp "$apk_fx"/keys/test/*.rsa.pub "$data/apktest/keys/"
fi

# Sort's temporary runs go to the root's /tmp, whatever the caller's is.
unset TMPDIR

# Warm the caches, so that no one binary pays for the first read, and
# write back what was just written (a binary's pages count as dirty until
# then).
sync
cat "$data/big.txt" >/dev/null
du -s "${trees[@]}" "$data/tree" >/dev/null 2>&1 || true

impls=(gobox)
[ -n "$baseline" ] && impls+=(base)
impls+=(alpine debian)
# The applets Debian's busybox-static has: the others are left out of its
# column.
debian_applets=" $("$data/bin/busybox-debian" --list | tr '\n' ' ') "
# want NAME: whether --only selects workload NAME.
want() { [ -z "$only" ] || [[ $1 =~ $only ]]; }
wants() { # NAME...: whether it selects any
	local n
	for n; do want "$n" && return 0; done
	return 1
}
prefix() {
	case $1 in
	gobox) echo /data/bin/gobox ;;
	base) echo /data/bin/gobox-base ;;
	alpine) echo /bin/busybox ;;
	debian) echo /data/bin/busybox-debian ;;
	esac
}

results=$mem/results.tsv # kept, for a second look
errlog=$mem/stderr.log
: >"$results"
: >"$errlog"
# measure NAME IMPL [-ok STATUS] [memrun options] -- APPLET ARGS...: one
# run, recorded in $results; stdin is the caller's. -ok: an exit status
# that is success too (diff's 1), recorded as 0.
measure() {
	local name=$1 impl=$2 line ok=0
	shift 2
	local opts=()
	while [ "$1" != -- ]; do
		if [ "$1" = -ok ]; then ok=$2; shift 2; continue; fi
		opts+=("$1")
		shift
	done
	shift
	want "$name" || return 0
	[ "$impl" = debian ] && [[ $debian_applets != *" $1 "* ]] && return 0
	# Write back what the last run left dirty (an extracted tree, sort's
	# runs), so that the next run, whichever it is, does not pay for it:
	# the first of a workload's runs did (sort FILE after unzip: 17 s
	# against 10 for the same binary second).
	sync
	local cmd=($(prefix "$impl") "$@")
	# apk's reference is Alpine's own apk-tools (BusyBox has none).
	[ "$impl" = alpine ] && [ "$1" = apk ] && cmd=(/sbin/apk "${@:2}")
	line=$("$bin/memrun" -root "$root" -dir / "${opts[@]}" -- "${cmd[@]}" 2>>"$errlog") || {
		echo "mem.sh: memrun failed on $name ($impl); see $errlog" >&2
		exit 1
	}
	line=${line/#status=$ok /status=0 }
	case $line in status=0\ *) ;; *) echo "mem.sh: $name ($impl): $line; see $errlog" >&2 ;; esac
	printf '%s\t%s\t%s\n' "$name" "$impl" "$line" >>"$results"
}
# order R: the implementations in the order of round R, reversed every
# other round. The first of a round may read its input from the disk
# where the others find it cached (cat FILE after the archivers: 0.21 s
# against 0.046 for the same binary second): with --runs 2 or more, the
# best time of each comes from a round where it was not first.
order() {
	local i
	if (($1 % 2 == 0)); then
		echo "${impls[@]}"
	else
		for ((i = ${#impls[@]} - 1; i >= 0; i--)); do echo "${impls[i]}"; done
	fi
}
# each NAME [memrun options] -- APPLET ARGS...: every implementation, --runs
# times, interleaved so that none has the caches to itself.
each() {
	local r impl
	for ((r = 0; r < runs; r++)); do
		for impl in $(order $r); do measure "$1" "$impl" "${@:2}"; done
	done
}
# piped NAME APPLET ARGS...: as each, reading the 1 GB file from a pipe.
piped() {
	local r impl
	want "$1" || return 0
	for ((r = 0; r < runs; r++)); do
		for impl in $(order $r); do
			{ cat "$data/big.txt" || true; } | measure "$1" "$impl" -- "${@:2}"
		done
	done
}

echo "== measuring (${impls[*]}; $runs run(s) each)" >&2
began=$SECONDS
each true -- true
for t in "${trees[@]}"; do
	[ -d "$t" ] || continue
	each "ls -lR $t" -- ls -lR "/host$t"
	each "du -s $t" -- du -s "/host$t"
	each "find $t" -- find "/host$t"
	each "find $t -size +0 -name '*.so*'" -- find "/host$t" -size +0 -name '*.so*'
done
each "find /usr" -- find /host/usr

# The 100,000-file tree: each implementation copies it, changes the
# copy's modes and owners and removes the copy.
wants "cp -a (100,000 files)" "chmod -R (100,000 files)" "chown -R (100,000 files)" "rm -rf (100,000 files)" && for ((r = 0; r < runs; r++)); do
	for impl in $(order $r); do
		measure "cp -a (100,000 files)" "$impl" -- cp -a /data/tree /data/tmp/copy
		measure "chmod -R (100,000 files)" "$impl" -- chmod -R g+w /data/tmp/copy
		measure "chown -R (100,000 files)" "$impl" -- chown -R 0:0 /data/tmp/copy
		measure "rm -rf (100,000 files)" "$impl" -- rm -rf /data/tmp/copy
		rm -rf "$data/tmp/copy"
	done
done

# Archivers over the tree: create to stdout; extract into a fresh
# directory, removed after each run.
# extract NAME DIR-OPTION... -- APPLET ARGS: as each, in an empty
# /data/tmp/x; NAME's "-in FILE"s are memrun's.
extract() {
	local name=$1 r impl
	shift
	want "$name" || return 0
	for ((r = 0; r < runs; r++)); do
		for impl in $(order $r); do
			rm -rf "$data/tmp/x"
			mkdir "$data/tmp/x"
			measure "$name" "$impl" "$@"
		done
	done
	rm -rf "$data/tmp/x"
}
each "tar c (100,000 files)" -- tar -C /data -cf - tree
extract "tar x (100,000 files)" -- tar -C /data/tmp/x -xf /data/tree.tar
each "tar czf (100,000 files)" -- tar -C /data -czf - tree
extract "tar xzf (100,000 files)" -- tar -C /data/tmp/x -xzf /data/tree.tar.gz
each "cpio -o (100,000 files)" -dir /data -in "$data/tree.list" -- cpio -o -H newc
extract "cpio -i (100,000 files)" -dir /data/tmp/x -in "$data/tree.cpio" -- cpio -i -d -m
extract "unzip (100,000 files)" -- unzip -q -o /data/tree.zip -d /data/tmp/x

# Text tools over the 1 GB file (sort spills to the root's /tmp; diff
# compares two 64 MiB files 80 lines apart).
each "sort FILE" -- sort /data/big.txt
each "grep FILE" -- grep -c 'request [0-9]*7 served' /data/big.txt
each "sed FILE" -- sed 's/served/SERVED/' /data/big.txt
each "awk sum FILE" -- awk '{ s += $10 } END { print s }' /data/big.txt
each "diff (2 x 64 MiB)" -ok 1 -- diff /data/a.txt /data/b.txt

# Compressors: gzip over the 1 GB file, bzip2 and xz over the 256 MiB
# slice.
each "gzip -c FILE" -- gzip -c /data/big.txt
each "gunzip -c FILE" -- gunzip -c /data/big.txt.gz
each "bzip2 -c (256 MiB)" -- bzip2 -c /data/slice.txt
each "bunzip2 -c (256 MiB)" -- bunzip2 -c /data/slice.txt.bz2
each "xz -dc (256 MiB)" -- unxz -c /data/slice.txt.xz

# The shell: 100,000 rounds of builtins (test, arithmetic, expansion,
# echo, case), and every 100th an applet, which gobox's sh runs in its
# own process and BusyBox's ash (no NOFORK in Alpine's build) forks. Each
# shell finds its own applets, as on its own system: the root is
# Alpine's, so gobox's sh puts its links first in PATH.
own_path='exe=$(readlink /proc/$$/exe); case $exe in */gobox*) PATH=/data/bin/links-${exe##*/}:$PATH ;; esac'
each "sh loop (100,000 rounds)" -- sh -c "$own_path"'
i=0
while [ $i -lt 100000 ]; do
	i=$((i + 1)); s=x$i; echo "${s#x}" >/dev/null
	case $((i % 100)) in 0) basename /a/b/$i >/dev/null; printf "%s\n" "$s" | wc -c >/dev/null ;; esac
done'
# A script's typical pipelines: 3,000 rounds of command substitutions
# and pipelines through awk, grep, basename, wc, cut, tr and sed.
each "sh pipelines (3,000 rounds)" -- sh -c "$own_path"'
i=0
while [ $i -lt 3000 ]; do
	i=$((i + 1))
	n=$(echo "a b $i" | awk "{print \$3}")
	echo "x$n" | grep -q x || echo bad
	b=$(basename /usr/lib/file$i.so .so)
	l=$(printf "%s\n" "$b" | wc -c)
	echo "$n $b $l" | cut -d" " -f2 | tr a-z A-Z >/dev/null
	echo "$b" | sed "s/file/F/" >/dev/null
done'

# apk (against Alpine's apk-tools 2.14.4, the same chroot): searching
# and resolving over the 4,929-package index, and installing the test
# repository's packages into a fresh root.
if [ -d "$data/apkroot" ]; then
	apk_args=(--root /data/apkroot -X /data/apkrepo --repositories-file /dev/null)
	each "apk search -v (4,929 packages)" -- apk "${apk_args[@]}" search -v
	each "apk add -s gcc (4,929 packages)" -- apk "${apk_args[@]}" add -s gcc
	want "apk add (fresh root)" && for ((r = 0; r < runs; r++)); do
		for impl in $(order $r); do
			rm -rf "$data/tmp/apknew"
			measure "apk add (fresh root)" "$impl" -- apk --root /data/tmp/apknew --initdb --no-scripts \
				--keys-dir /data/apktest/keys -X /data/apktest/basic --repositories-file /dev/null add libhello trigwatch trigfeed noarchpkg hello-doc docs
		done
	done
	rm -rf "$data/tmp/apknew"
fi

each "cat FILE" -- cat /data/big.txt
piped "cat (pipe)" cat
each "head -n 20000000 FILE" -- head -n 20000000 /data/big.txt
piped "head -n 20000000 (pipe)" head -n 20000000
each "tail -n 10 FILE" -- tail -n 10 /data/big.txt
piped "tail -n 10 (pipe)" tail -n 10
each "wc -l FILE" -- wc -l /data/big.txt
piped "wc -l (pipe)" wc -l
each "dd bs=64k FILE" -- dd if=/data/big.txt of=/dev/null bs=64k
piped "dd bs=64k (pipe)" dd of=/dev/null bs=64k
each "tee FILE" -in "$data/big.txt" -- tee /dev/null
piped "tee (pipe)" tee /dev/null

# tail -f over an hour of a busy log (100,000 lines, appended in ~2 s in
# batches of 100): ended once it has printed the last line.
want "tail -f" && for ((r = 0; r < runs; r++)); do
	for impl in $(order $r); do
		: >"$data/tmp/follow.log"
		(sleep 0.2 && "$bin/mkdata" append "$data/tmp/follow.log" 100000) &
		measure "tail -f (100,000 lines)" "$impl" -until END -timeout 120s -- tail -f /data/tmp/follow.log
		wait
	done
done

echo "== measured in $((SECONDS - began)) s" >&2

# The Go runtime's own floor: a static hello world; and where the pages
# of one run of gobox true come from (needs perf).
floor=$("$bin/memrun" -root "$root" -dir / -- /data/bin/hello)
faults="(scripts/bench/faults.sh needs perf: not run)"
if command -v perf >/dev/null; then
	faults=$(scripts/bench/faults.sh "$data/bin/gobox" 2>/dev/null | sed '/^gobox.s text faults/,$d') || faults="(scripts/bench/faults.sh failed)"
fi

# The report.
field() { echo "$2" | sed "s/.* $1=\([0-9]*\).*/\1/"; } # NAME MEMRUN_LINE
count() { if [ -d "$1" ]; then find "$1" | wc -l; else echo 0; fi; }
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)
memtotal=$(awk '/^MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)
version=$("$data/bin/gobox" --help 2>&1 | head -n1 | cut -d' ' -f2)
[ -n "$baseline" ] && version="$version; before: $("$data/bin/gobox-base" --help 2>&1 | head -n1 | cut -d' ' -f2)"
runsNote=$runs
if [ -n "$merge" ]; then
	cat "$merge" "$results" >"$mem/merged.tsv"
	tables=$("$bin/memreport" "$mem/merged.tsv")
	runsNote="$runs, and $(cut -f1,2 "$merge" | sort | uniq -c | awk '{print $1}' | sort -n | tail -n1) for the $(cut -f1 "$merge" | sort -u | wc -l) workloads merged from an earlier run (the first rows)"
else
	tables=$("$bin/memreport" "$results")
fi
report=$data/tmp/report.md
cat >"$report" <<EOF
# Memory: gobox, Alpine's BusyBox and Debian's busybox

Written by \`scripts/bench/mem.sh\` (part of \`make bench\`); run it again
to refresh. Numbers from one machine: compare within a table. "Within
+2 MB" is issue 10's bound: gobox's peak at most Alpine's BusyBox's plus
2 MB.

- Date: $(date -u '+%Y-%m-%d %H:%M UTC')
- Machine: $cpu, $(nproc) cores, $memtotal, Linux $(uname -r)
- gobox: $version
- Alpine BusyBox: $(chroot "$root" /bin/busybox 2>&1 | head -n1 | sed 's/ multi-call.*//') (Alpine 3.20.3's, linked with musl)
- Debian busybox: $("$data/bin/busybox-debian" 2>&1 | head -n1 | sed 's/ multi-call.*//') (busybox-static)
- Runs per case: $runsNote (memory: the peak of the runs; time: the best)
- The Go runtime's floor, a static hello world (\`scripts/bench/hello\`):
  peak $(field hwm "$floor") KB, private $(field anon "$floor") KB

## Method

Every binary runs chrooted into one Alpine 3.20.3 minirootfs, in a
private mount namespace where the host's trees are bind-mounted under
\`/host\` (\`ls -lR /usr/share\` runs \`ls -lR /host/usr/share\`) and the
data under \`/data\`, so all three read the same files at the same paths
and resolve names with the same \`/etc/passwd\`. Each is started by
\`scripts/bench/memrun\` as \`BINARY APPLET ARGS\`, stdout to \`/dev/null\`.

- Peak resident memory: the process's VmHWM (\`/proc/PID/status\`), read
  when it exits (memrun stops it there with ptrace, before the kernel
  frees its memory). Not wait4's ru_maxrss nor GNU time's %M: the kernel
  folds into those the memory the child had before exec, its parent's,
  which hides the peak of a small program.
- Private memory: Anonymous of \`/proc/PID/smaps_rollup\`, the peak of
  samples every 2 ms and of the reading at exit: the memory that this
  process alone holds and the kernel cannot drop (heap, stacks, written
  data). Not Private_Clean or Private_Dirty: they count the binary's own
  pages while no other process maps them, and as dirty until written back.
- Time: wall clock from fork to exit, and user+sys CPU from wait4. The
  machine may be busy with other work: treat a single time as noisy.
  Each run starts after \`sync\`, and the order of the implementations
  is reversed every other round, so that with two runs or more no one
  binary's best time is always the first read of a cold input. Rows
  that extract the 100,000-file tree (tar x, cpio -i, unzip, cp -a)
  vary with the file system's state by 2 to 4 times, in both
  directions, whatever the binary.
- Load: the machine is shared (other engineers' tests ran alongside);
  load average $(cut -d' ' -f1-3 /proc/loadavg) at the end, on $(nproc) CPUs.
  Memory barely depends on it; times do.
- Workloads: the trees as they are on this machine (\`/usr/share\`
  $(count /usr/share) entries, \`/usr/lib\` $(count /usr/lib), \`/usr/local/go\` $(count /usr/local/go),
  all of \`/usr\` $(count /usr) for \`find /usr\`);
  a generated tree of 1,000 directories of 100 files (100,000 files and
  1,000 symlinks), copied with \`cp -a\`, the copy's modes and owners
  changed with \`chmod -R g+w\` and \`chown -R 0:0\`, and the copy removed
  with \`rm -rf\`; a 1 GiB file of 80-byte log lines, read from the file
  and from a pipe (\`cat\` writing into it); \`tail -f\` following a log to
  which 100,000 lines (an hour of a busy daemon) are appended in batches
  of 100, ended once it has printed the last.
- Archivers: the 100,000-file tree written to stdout by \`tar c\`,
  \`tar czf\` and \`cpio -o -H newc\` (names from a list made by find),
  and extracted into an empty directory from archives that the host's
  GNU tar, gzip, cpio and Info-ZIP zip made (\`tar x\`, \`tar xzf\`,
  \`cpio -i -d -m\`, \`unzip\`); \`gzip -c\` and \`gunzip -c\` of the 1 GiB
  file, \`bzip2 -c\`, \`bunzip2 -c\` and \`unxz -c\` of its first 256 MiB
  (xz made by the host's xz -6, two threads: 8 MiB dictionary).
- Text tools: \`sort\` (every line of the 1 GiB file: BusyBox holds them
  all; gobox sorts runs of about 8 MB into temporary files in the root's
  /tmp and merges them), \`grep -c\` of a regular expression, \`sed s///\`,
  \`awk\` summing a column, and \`diff\` of two 64 MiB files (800,000
  lines) that differ in every 10,000th line (its status 1 counts as
  success).
- The shell: \`sh -c\` running 100,000 rounds of a loop of builtins (test,
  arithmetic, parameter expansion, echo to /dev/null, case), every 100th
  round also running \`basename\` and a pipeline \`printf | wc -c\`;
  and 3,000 rounds of a script's typical command substitutions and
  pipelines through awk, grep, basename, wc, cut, tr and sed. Each
  shell runs its own applets, as on its own system (gobox's sh puts
  links to gobox first in PATH): gobox's sh runs them in its own
  process; BusyBox's ash forks and execs (Alpine's build has no NOFORK
  applets), and a child's memory is not counted here.
- apk: its rows compare gobox's apk with Alpine's own apk-tools 2.14.4
  (\`/sbin/apk\` of the same root, linked with musl, libcrypto and zlib),
  in the Alpine BusyBox column: \`apk search -v\` and \`apk add -s gcc\`
  over Alpine's real v3.16 x86_64 index (4,929 packages, a local
  repository) with Alpine 3.20.3's installed database as the root's,
  and \`apk add --initdb --no-scripts\` of six packages of gobox's
  signed test repository into a fresh root.

## The floor: \`gobox true\`

A static Go hello world (\`scripts/bench/hello\`) peaks at $(field hwm "$floor") KB, of which
$(field anon "$floor") KB are private (anonymous); \`gobox true\`'s own row is in the tables
below. The rest of each peak is the binary's own file pages, mapped from
the page cache: shared by every process running the binary (a board with
twenty gobox processes holds those pages once), dropped by the kernel
under pressure and read back on demand. The kernel maps them 64 KB
(fault-around) at a time, so each page fault in the binary's text or
read-only data costs a 64 KB window of RSS: Go's runtime start-up
touches some, and every package whose initialisation runs code at
start (package-level variables computed at init, init functions) a
window or more of its own. The page faults of one run, by section
(\`scripts/bench/faults.sh\`; anonymous faults are 4 KB pages):

$faults

## Results

$tables
EOF
# The hand-written findings of the last report (from "## Findings" on)
# are kept: they explain the tables and are updated by hand.
if [ "$out" != - ] && [ -f "$out" ]; then
	sed -n '/^## Findings/,$p' "$out" >"$data/tmp/findings.md"
	if [ -s "$data/tmp/findings.md" ]; then
		printf '\n' >>"$report"
		cat "$data/tmp/findings.md" >>"$report"
	fi
fi
cat "$report"
if [ "$out" != - ]; then
	cp "$report" "$out"
	echo "== written to $out" >&2
fi
