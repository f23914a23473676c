package chown

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"gobox/internal/applettest"
)

// TestAllocsPerFile: chown -R keeps state for the current path only, so
// a run over a larger tree makes no more allocations (the Go heap, and
// with it the peak memory, stays flat however many files there are).
func TestAllocsPerFile(t *testing.T) {
	owner := fmt.Sprintf("%d:%d", os.Getuid(), os.Getgid())
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
		r := applettest.RunIn(t, dir, &Applet, "-Rv", owner, "t")
		runtime.ReadMemStats(&after)
		r.Expect(t, r.Stdout, 0)
		if got, want := strings.Count(r.Stdout, "\n"), 5+4*files; got != want {
			t.Fatalf("%d lines of -v output, want %d", got, want)
		}
		return after.Mallocs - before.Mallocs
	}
	small, large := allocs(20), allocs(520)
	if large > small+100 {
		t.Errorf("chown -R made %d allocations for 2,000 more files (%d for 80 files)", large-small, small)
	}
}
