#!/bin/sh
# Runs staticcheck (honnef.co/go/tools) on the module:
#   scripts/staticcheck.sh [PACKAGE...]     (default ./...)
# On first use it installs the pinned version from the Go module proxy into
# _build/tools, named after that version and the Go toolchain that built it
# (staticcheck cannot analyse code for a newer Go than its own build), so a
# fresh machine needs nothing beyond Go, and a version bump here reinstalls.
set -e
cd "$(dirname "$0")/.."
version=v0.8.2 # staticcheck 2026.2.2: the 0.8 series is the one built for Go 1.26
go=$(go env GOVERSION)
bin=_build/tools/staticcheck-$version-$go
if [ ! -x "$bin" ]; then
	echo "staticcheck: installing honnef.co/go/tools/cmd/staticcheck@$version into _build/tools"
	mkdir -p _build/tools
	tmp=$(mktemp -d _build/tools/install.XXXXXX)
	trap 'rm -rf "$tmp"' EXIT
	if ! GOBIN=$PWD/$tmp CGO_ENABLED=0 go install "honnef.co/go/tools/cmd/staticcheck@$version"; then
		echo "staticcheck: cannot install staticcheck@$version (the Go module proxy is needed once)" >&2
		exit 1
	fi
	mv "$tmp/staticcheck" "$bin"
fi
[ $# -gt 0 ] || set -- ./...
"$bin" "$@"
