package diff

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gobox/internal/applet"
	"gobox/internal/applettest"
)

// bigPair writes two files of n lines that differ in about one line in
// a thousand (changed, deleted or inserted), as a patch between two
// versions of a large source file would.
func bigPair(tb testing.TB, dir string, n int) {
	r := rand.New(rand.NewPCG(3, 4))
	var a, b strings.Builder
	for i := range n {
		line := fmt.Sprintf("line %d: %x the quick brown fox jumps over the lazy dog\n", i, r.Uint32())
		a.WriteString(line)
		switch r.IntN(1000) {
		case 0:
			b.WriteString("changed " + line)
		case 1:
		case 2:
			b.WriteString("inserted\n")
			b.WriteString(line)
		default:
			b.WriteString(line)
		}
	}
	os.WriteFile(filepath.Join(dir, "a"), []byte(a.String()), 0o644)
	os.WriteFile(filepath.Join(dir, "b"), []byte(b.String()), 0o644)
}

// BenchmarkDiff100k diffs two 100,000-line files with scattered changes.
// scripts: compare with "busybox diff" and GNU diff on the same files
// (docs/compat/diff.md has the figures).
func BenchmarkDiff100k(b *testing.B) {
	dir := b.TempDir()
	bigPair(b, dir, 100000)
	for b.Loop() {
		ctx := &applet.Ctx{Dir: dir}
		if code := applet.Run(ctx, &Applet, []string{"a", "b"}); code != 1 {
			b.Fatalf("status %d", code)
		}
	}
}

// TestBigPair checks the benchmark's input: diff finds changes, and its
// output has a hunk per scattered change.
func TestBigPair(t *testing.T) {
	dir := t.TempDir()
	bigPair(t, dir, 20000)
	r := applettest.RunIn(t, dir, &Applet, "-U0", "a", "b")
	if r.Code != 1 || strings.Count(r.Stdout, "@@ -") < 30 {
		t.Errorf("status %d, %d hunks", r.Code, strings.Count(r.Stdout, "@@ -"))
	}
}
