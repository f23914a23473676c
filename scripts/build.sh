#!/bin/sh
# Builds the gobox binary: static, stripped, version-stamped.
#   scripts/build.sh OUT                 every applet
#   APPLETS="ls cat echo" scripts/build.sh OUT
#   APPLETS_FILE=config scripts/build.sh OUT   (names separated by blanks
#                                              or newlines, # comments)
# Like BusyBox's config, a selection builds a binary holding only those
# applets: scripts/gen writes a main package with just their table.
set -e
cd "$(dirname "$0")/.."
out=${1:-gobox}
mod=$(sed -n 's/^module //p' go.mod)
version=${VERSION:-$(git describe --always --dirty 2>/dev/null || echo dev)}
flags="-s -w -X $mod/internal/applet.Version=$version"
export CGO_ENABLED=0

if [ -n "$APPLETS_FILE" ]; then
	APPLETS="$APPLETS $(sed 's/#.*//' "$APPLETS_FILE")"
fi
if [ -z "$(echo $APPLETS)" ]; then
	exec go build -trimpath -ldflags "$flags" -o "$out" ./cmd/gobox
fi

# A main package that links only the selected applets' packages.
# A directory of its own under _build (inside the module, so the generated
# package may import gobox's internal packages), so builds can run at once.
mkdir -p _build
gen=$(mktemp -d _build/select.XXXXXX)
trap 'rm -rf "$gen"' EXIT
go run ./scripts/gen -select "$APPLETS" -o "$gen"
go build -trimpath -ldflags "$flags" -o "$out" "./$gen"
