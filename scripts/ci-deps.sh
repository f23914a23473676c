#!/bin/sh
# Installs what the tests need on a fresh Debian machine (`make test` runs
# it first): the BusyBox conformance harness needs bzip2, xz, diffutils and
# debian-archive-keyring (it fetches BusyBox's source with apt-get);
# busybox-static is the reference some tests compare against; the time-zone
# tests of ls and internal/datetime read tzdata; the shell's real-program
# tests (shell/shelltest) run an autoconf configure (gcc, make) against
# dash; the archivers' interop tests run GNU tar and gzip (Essential in
# Debian, listed to say so), GNU cpio, the zstd CLI, lzop, Info-ZIP's zip
# and unzip, and compress (ncompress) for .Z; BusyBox's tar suite decodes
# its archives with uudecode (sharutils). Skips what is already there.
set -e
need=
for p in bzip2 xz-utils diffutils debian-archive-keyring busybox-static tzdata gcc libc6-dev make dash tar gzip cpio zstd lzop zip unzip sharutils ncompress; do
	dpkg -s "$p" >/dev/null 2>&1 || need="$need $p"
done
[ -z "$need" ] && exit 0
if [ "$(id -u)" != 0 ]; then
	echo "ci-deps: missing packages:$need (run as root to install)" >&2
	exit 0
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null
