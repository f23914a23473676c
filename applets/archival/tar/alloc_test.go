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

// TestExtractAllocsPerEntry: tar x allocates (almost) nothing per entry
// (issue 10, as TestCreateAllocsPerFile): no Header, name string,
// component list or system-call name per file. What grows with the
// archive's directories (their deferred mode and time) may allocate.
func TestExtractAllocsPerEntry(t *testing.T) {
	src := t.TempDir()
	const dirs, files = 20, 2000
	for i := range files {
		d := filepath.Join(src, fmt.Sprintf("d%02d", i%dirs))
		os.MkdirAll(d, 0o755)
		if err := os.WriteFile(filepath.Join(d, fmt.Sprintf("file%04d", i)), []byte("data"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	archive := filepath.Join(t.TempDir(), "a.tar")
	out, err := os.Create(archive)
	if err != nil {
		t.Fatal(err)
	}
	if r := (applettest.Cmd{Args: []string{"c", "."}, Dir: src, Stdout: out}).Run(t, &Applet); r.Code != 0 {
		t.Fatalf("tar c: %d %s", r.Code, r.Stderr)
	}
	out.Close()
	for _, args := range [][]string{{"xf", archive}, {"tf", archive}} {
		run := func() {
			if r := (applettest.Cmd{Args: args, Dir: t.TempDir(), Stdout: nopWriter{}}).Run(t, &Applet); r.Code != 0 {
				t.Fatalf("tar %s: %d %s", args[0], r.Code, r.Stderr)
			}
		}
		run()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		run()
		runtime.ReadMemStats(&after)
		per := float64(after.Mallocs-before.Mallocs) / files
		t.Logf("tar %s: %.2f allocations per entry", args[0], per)
		if per > 0.2 {
			t.Errorf("tar %s: %.2f allocations per entry, want at most 0.2", args[0], per)
		}
	}
}

type nopWriter struct{}

func (nopWriter) Write(p []byte) (int, error) { return len(p), nil }
