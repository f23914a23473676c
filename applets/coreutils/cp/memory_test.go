package cp

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gobox/internal/applettest"
)

// TestAllocsPerFile: cp -a walks the source and the destination side by
// side and keeps, per tree, only the directories it made and the files
// with several links (BusyBox's ino_dev_hashtable), so a run over a
// larger tree of files makes no more allocations (the Go heap, and with
// it the peak memory, stays flat however many files there are).
func TestAllocsPerFile(t *testing.T) {
	allocs := func(files int) uint64 {
		dir := t.TempDir()
		for d := range 4 {
			sub := filepath.Join(dir, "t", fmt.Sprint("d", d))
			os.MkdirAll(sub, 0o755)
			for f := range files {
				data := []byte(nil)
				if f%2 == 0 {
					data = []byte("data\n")
				}
				os.WriteFile(filepath.Join(sub, fmt.Sprintf("file-%04d", f)), data, 0o644)
			}
			os.Symlink("file-0000", filepath.Join(sub, "link"))
		}
		var r applettest.Result
		mallocs, _ := applettest.Allocated(func() { r = applettest.RunIn(t, dir, &Applet, "-av", "t", "copy") })
		r.Expect(t, r.Stdout, 0)
		if got, want := strings.Count(r.Stdout, "\n"), 5+4*(files+1); got != want {
			t.Fatalf("%d lines of -v output, want %d", got, want)
		}
		if b, err := os.ReadFile(filepath.Join(dir, "copy/d3/file-0000")); err != nil || string(b) != "data\n" {
			t.Fatalf("copy/d3/file-0000: %q, %v", b, err)
		}
		return mallocs
	}
	small, large := allocs(20), allocs(520)
	if large > small+100 {
		t.Errorf("cp -a made %d allocations for 2,000 more files (%d for 80 files)", large-small, small)
	}
}
