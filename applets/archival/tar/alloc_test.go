package tar

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"gobox/internal/applettest"
)

// TestCreateAllocsPerFile: tar c allocates little per file (issue 10:
// what a run allocates in all decides its peak, the runtime letting the
// heap grow 1 MB between collections). A regular file costs its path
// and nothing else: no *os.File, no boxed error, no formatted number.
// The count is of allocations, not bytes or time, so it cannot flake.
func TestCreateAllocsPerFile(t *testing.T) {
	dir := t.TempDir()
	const files = 2000
	for i := range files {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("file%04d", i)), []byte("data"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, err := os.Create(filepath.Join(t.TempDir(), "a.tar"))
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	run := func() {
		if r := (applettest.Cmd{Args: []string{"c", "."}, Dir: dir, Stdout: out}).Run(t, &Applet); r.Code != 0 {
			t.Fatalf("tar c: %d %s", r.Code, r.Stderr)
		}
	}
	run() // buffers, user and group names
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	run()
	runtime.ReadMemStats(&after)
	if per := float64(after.Mallocs-before.Mallocs) / files; per > 1.5 {
		t.Errorf("tar c: %.2f allocations per file, want at most 1.5", per)
	}
}
