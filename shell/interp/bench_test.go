package interp_test

import (
	"context"
	"io"
	"strings"
	"testing"

	"gobox/internal/applet"
)

// The loops of ../shared/bench's scripts a-f and i, shortened, run
// in-process: go test -bench . -cpuprofile shows the interpreter's share.
var benchScripts = []struct{ name, src string }{
	{"arith", `i=0 s=0; while [ "$i" -lt 20000 ]; do s=$(( (s + i * 3) % 1000003 )); i=$((i + 1)); done`},
	{"func", `inc() { r=$(( $1 + $2 )); }; step() { inc "$1" 1; }; i=0 n=0; while [ "$i" -lt 5000 ]; do step "$i"; i=$r; inc "$n" 2; n=$r; done`},
	{"str", `p=/usr/local/lib/libfoo.so.1.2.3; i=0 n=0; while [ "$i" -lt 3000 ]; do b=${p##*/} d=${p%/*} e=${b#*.} r=${b%%.*}; s="$d/$r-$i.$e"; t=${s#/usr/} u=${t%.[0-9]}; n=$(( n + ${#s} + ${#u} )); i=$((i + 1)); done`},
	{"case", `i=0 c=0; while [ "$i" -lt 10000 ]; do case $i in *000) c=$((c + 5)) ;; *[13579]) c=$((c + 1)) ;; [1-4]*2) c=$((c + 2)) ;; *) case x$i in x*7*) c=$((c + 3)) ;; x?|x??|x???) c=$((c + 4)) ;; esac ;; esac; i=$((i + 1)); done`},
	{"split", `line="alpha beta gamma delta epsilon zeta eta theta"; path=/bin:/usr/bin:/usr/local/bin:/sbin; i=0 n=0 m=0; while [ "$i" -lt 1000 ]; do for w in $line; do n=$((n + 1)); done; IFS=:; set -- $path; IFS=' '; for d in "$@"; do m=$((m + ${#d})); done; i=$((i + 1)); done`},
	{"cmdsub", `i=0 n=0; while [ "$i" -lt 2000 ]; do x=$(echo "x$i"); n=$((n + ${#x})); i=$((i + 1)); done`},
	{"read", `i=0; while [ "$i" -lt 2000 ]; do echo "$i user$((i % 97)) /home/u$((i % 13)) some trailing text"; i=$((i + 1)); done >f; n=0; while read -r num user home rest; do n=$((n + num)); case $user in user1*) n=$((n+1));; esac; done <f`},
}

func BenchmarkScripts(b *testing.B) {
	for _, s := range benchScripts {
		b.Run(s.name, func(b *testing.B) {
			dir := b.TempDir()
			for i := 0; i < b.N; i++ {
				ctx := &applet.Ctx{Context: context.Background(), Name: "sh", Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard,
					Dir: dir, Env: []string{"PATH=/usr/bin:/bin"}, Umask: 0o22, Applets: table}
				if st := applet.Run(ctx, &sh, []string{"-c", s.src}); st != 0 {
					b.Fatalf("status %d", st)
				}
			}
		})
	}
}
