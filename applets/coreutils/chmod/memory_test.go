package chmod

import (
	"strings"
	"testing"

	"gobox/internal/applettest"
)

// TestAllocsPerFile: chmod -R keeps state for the current path only, so
// a run over a larger tree makes no more allocations (the Go heap, and
// with it the peak memory, stays flat however many files there are).
func TestAllocsPerFile(t *testing.T) {
	allocs := func(files int) uint64 {
		dir := t.TempDir()
		applettest.Tree(t, dir, 4, files)
		var r applettest.Result
		mallocs, _ := applettest.Allocated(func() { r = applettest.RunIn(t, dir, &Applet, "-R", "-c", "g+w", "t") })
		r.Expect(t, r.Stdout, 0)
		if got, want := strings.Count(r.Stdout, "\n"), 5+4*files; got != want {
			t.Fatalf("%d lines of -c output, want %d", got, want)
		}
		return mallocs
	}
	small, large := allocs(20), allocs(520)
	if large > small+100 {
		t.Errorf("chmod -R made %d allocations for 2,000 more files (%d for 80 files)", large-small, small)
	}
}
