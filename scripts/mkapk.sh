#!/bin/sh
# Publishes a gobox binary as a signed apk package with a signed index:
#   scripts/mkapk.sh GOBOX REPO
# writes REPO/ARCH/gobox-VERSION-r0.apk and REPO/ARCH/APKINDEX.tar.gz.
# The package installs /bin/gobox and one link per applet (the rootfs
# builder's layout) and provides busybox=1.36.1, /bin/sh and cmd:NAME for
# every applet. Environment:
#   APK_KEY      RSA private key (PEM) to sign with; its public half,
#                APK_KEY.pub, goes in /etc/apk/keys of the systems that
#                trust the repository. Default: _build/apk-keys/gobox-local.rsa,
#                made on first use.
#   APK_VERSION  package version (default: 0_git<date of HEAD>, a valid
#                apk version; gobox's own version string is not one).
set -eu
[ $# -eq 2 ] || { echo "usage: $0 GOBOX REPO" >&2; exit 2; }
bin=$1 repo=$2
cd "$(dirname "$0")/.."
key=${APK_KEY:-_build/apk-keys/gobox-local.rsa}
ver=${APK_VERSION:-0_git$(git log -1 --format=%cd --date=format:%Y%m%d 2>/dev/null || date -u +%Y%m%d)}
genkey=
[ -n "${APK_KEY:-}" ] || genkey=-genkey
go run ./scripts/mkapk -bin "$bin" -version "$ver" -key "$key" $genkey -out "$repo"
echo "key: $key.pub"
