package chmod

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"gobox/internal/applettest"
)

// TestAllocsPerFile: chmod -R keeps state for the current path only, so
// a run over a larger tree makes no more allocations (the Go heap, and
// with it the peak memory, stays flat however many files there are).
func TestAllocsPerFile(t *testing.T) {
	allocs := func(files int) uint64 {
		dir := t.TempDir()
		for d := range 4 {
			sub := filepath.Join(dir, "t", fmt.Sprint("d", d))
			os.MkdirAll(sub, 0o755)
			for f := range files {
				os.WriteFile(filepath.Join(sub, fmt.Sprintf("file-%04d", f)), nil, 0o644)
			}
		}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		r := applettest.RunIn(t, dir, &Applet, "-R", "-c", "g+w", "t")
		runtime.ReadMemStats(&after)
		r.Expect(t, r.Stdout, 0)
		if want := 5 + 4*files; len(r.Stdout) == 0 || countLines(r.Stdout) != want {
			t.Fatalf("%d lines of -c output, want %d", countLines(r.Stdout), want)
		}
		return after.Mallocs - before.Mallocs
	}
	small, large := allocs(20), allocs(520)
	if large > small+100 {
		t.Errorf("chmod -R made %d allocations for 2,000 more files (%d for 80 files)", large-small, small)
	}
}

func countLines(s string) int {
	n := 0
	for _, c := range s {
		if c == '\n' {
			n++
		}
	}
	return n
}
