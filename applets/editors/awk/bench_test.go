package awk

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gobox/internal/applet"
)

// BenchmarkPrograms runs common one-liners in-process over 100,000
// lines of six fields; scripts/bench compares the binary with BusyBox
// and GNU awk on 100 MB.
func BenchmarkPrograms(b *testing.B) {
	var sb strings.Builder
	words := []string{"alpha", "beta", "gamma", "delta"}
	for i := range 100000 {
		fmt.Fprintf(&sb, "%d %s %d %.3f %s x%d\n", i, words[i%4], i*7%1000003, float64(i)/7, words[(i/3)%4], i%97)
	}
	file := filepath.Join(b.TempDir(), "data")
	if err := os.WriteFile(file, []byte(sb.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	for _, prog := range []string{
		"{s+=$3} END{print s}",
		"{print $1}",
		"{a[$5]++} END{for(k in a) print k, a[k]}",
		"/gamma/{n++} END{print n}",
		"{$2=\"x\"; print}",
		"{printf \"%s %d\\n\", $2, $3}",
		"{gsub(/a/, \"b\"); print}",
	} {
		b.Run(prog, func(b *testing.B) {
			b.SetBytes(int64(sb.Len()))
			for b.Loop() {
				c := &applet.Ctx{Stdout: discard{}, Stderr: discard{}, Dir: "/"}
				if code := applet.Run(c, &Applet, []string{prog, file}); code != 0 {
					b.Fatalf("status %d", code)
				}
			}
		})
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
