package syntax

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// benchScript is ordinary shell: functions, loops, expansions, quoting.
const benchScript = `#!/bin/sh
# configure-like code
set -e
prefix=/usr/local
for arg in "$@"; do
	case $arg in
	--prefix=*) prefix=${arg#--prefix=} ;;
	--enable-*) feature=$(echo "$arg" | sed 's/--enable-//'); eval "enable_$feature=yes" ;;
	-h|--help) usage; exit 0 ;;
	*) echo "unknown option: $arg" >&2; exit 1 ;;
	esac
done
check() {
	if command -v "$1" >/dev/null 2>&1; then
		echo "checking for $1... yes"
	else
		echo "checking for $1... no"; return 1
	fi
}
i=0
while [ $i -lt 10 ]; do
	i=$((i + 1)); x="${x:-}$i"
	test -n "${x%%[0-9]*}" && echo "${#x} ${x/1/one}" || :
done
cat >config.h <<EOF
#define PREFIX "$prefix"
#define VERSION "\$Id$"
EOF
`

func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(benchScript)))
	for i := 0; i < b.N; i++ {
		if _, err := Parse(benchScript, "bench"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkNext(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(benchScript)))
	for i := 0; i < b.N; i++ {
		p := NewParser(strings.NewReader(benchScript), "bench")
		for {
			if _, err := p.Next(); err != nil {
				break
			}
		}
	}
}

// BenchmarkParseAshSuite parses BusyBox's ash test scripts when present.
func BenchmarkParseAshSuite(b *testing.B) {
	home, _ := os.UserHomeDir()
	files, _ := filepath.Glob(filepath.Join(home, ".cache/busybox-suite/*/shell/ash_test/*/*.tests"))
	if len(files) == 0 {
		b.Skip("no ash tests")
	}
	var srcs []string
	n := 0
	for _, f := range files {
		data, _ := os.ReadFile(f)
		srcs = append(srcs, string(data))
		n += len(data)
	}
	b.ReportAllocs()
	b.SetBytes(int64(n))
	for i := 0; i < b.N; i++ {
		for _, s := range srcs {
			Parse(s, "t")
		}
	}
}
