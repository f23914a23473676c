#!/bin/sh
# Fetches the original tarball of a Debian source package into a cache,
# once, and checks its SHA-256: the inputs of the shell's real-program
# tests (shell/shelltest/realprog_test.go).
#   scripts/shellprog/fetch-source.sh PACKAGE TARBALL SHA256 [CACHE]
# TARBALL is the orig tarball's file name in the source package
# (hello_2.10.orig.tar.gz); CACHE defaults to ${XDG_CACHE_HOME:-~/.cache}/shellprog.
# Prints the cached tarball's path. apt-get fetches it from the Debian
# archive this machine's apt already uses, with a deb-src entry, lists and
# caches of its own, so the system's apt state is not touched.
# Exit status: 0 done, 1 failed, 3 no Debian archive or apt here (skip).
set -eu
[ $# -ge 3 ] || { echo "usage: $0 PACKAGE TARBALL SHA256 [CACHE]" >&2; exit 2; }
pkg=$1 tarball=$2 sum=$3
cache=${4:-${XDG_CACHE_HOME:-$HOME/.cache}/shellprog}
out=$cache/$tarball
check() { echo "$sum  $1" | sha256sum -c --status; }
if [ -f "$out" ] && check "$out"; then
	echo "$out"
	exit 0
fi
command -v apt-get >/dev/null || { echo "fetch-source: no apt-get" >&2; exit 3; }
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
[ -r "$keyring" ] || { echo "fetch-source: $keyring missing" >&2; exit 3; }
# The first non-security archive of the system's sources (deb822 or
# one-line), and its suite.
uri= suite=
for f in /etc/apt/sources.list.d/*.sources; do
	[ -f "$f" ] || continue
	uri=$(awk '/^URIs:/ { for (i = 2; i <= NF; i++) if ($i !~ /-security/) { print $i; exit } }' "$f")
	suite=$(awk '/^Suites:/ { print $2; exit }' "$f")
	[ -n "$uri" ] && break
done
if [ -z "$uri" ]; then
	set -- $(awk '$1 == "deb" && $0 !~ /-security/ { for (i = 2; i <= NF; i++) if ($i ~ /:\/\//) { print $i, $(i + 1); exit } }' \
		/etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null)
	uri=${1:-} suite=${2:-}
fi
[ -n "$uri" ] && [ -n "$suite" ] || { echo "fetch-source: no Debian archive in apt's sources" >&2; exit 3; }
mkdir -p "$cache"
tmp=$(mktemp -d "$cache/.fetch.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/parts" "$tmp/lists/partial" "$tmp/cache/archives/partial" "$tmp/src"
: >"$tmp/empty.list"
printf 'Types: deb-src\nURIs: %s\nSuites: %s\nComponents: main\nSigned-By: %s\n' \
	"$uri" "$suite" "$keyring" >"$tmp/parts/src.sources"
cat >"$tmp/apt.conf" <<EOF
Dir::Etc::SourceList "$tmp/empty.list";
Dir::Etc::SourceParts "$tmp/parts";
Dir::State::Lists "$tmp/lists";
Dir::Cache "$tmp/cache";
APT::Update::Post-Invoke-Success "";
APT::Sandbox::User "root";
EOF
if ! (cd "$tmp/src" && APT_CONFIG=$tmp/apt.conf apt-get -q update &&
	APT_CONFIG=$tmp/apt.conf apt-get -q source --download-only "$pkg") >"$tmp/log" 2>&1; then
	cat "$tmp/log" >&2
	echo "fetch-source: apt-get source $pkg failed" >&2
	exit 1
fi
[ -f "$tmp/src/$tarball" ] || { echo "fetch-source: the archive has no $tarball:" $(ls "$tmp/src") >&2; exit 1; }
check "$tmp/src/$tarball" || { echo "fetch-source: $tarball: unexpected SHA-256 $(sha256sum "$tmp/src/$tarball")" >&2; exit 1; }
mv "$tmp/src/$tarball" "$out"
echo "$out"
