package cpio

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gobox/internal/applettest"
)

// TestAllocsPerEntry: cpio -o, -i and -t allocate (almost) nothing per
// entry (issue 10: what a run allocates in all decides its peak, the
// runtime letting the heap grow 1 MB between collections): no string,
// Header, *os.File or system-call name per file. What grows with the
// archive's directories (their deferred times) may allocate. The count
// is of allocations, not bytes or time, so it cannot flake.
func TestAllocsPerEntry(t *testing.T) {
	src := t.TempDir()
	const dirs, files = 20, 2000
	var list strings.Builder
	for i := range dirs {
		fmt.Fprintf(&list, "d%02d\n", i)
	}
	for i := range files {
		name := fmt.Sprintf("d%02d/file%04d", i%dirs, i)
		os.MkdirAll(filepath.Join(src, filepath.Dir(name)), 0o755)
		if err := os.WriteFile(filepath.Join(src, name), []byte("data"), 0o644); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintln(&list, name)
	}
	archive := filepath.Join(t.TempDir(), "a.cpio")
	count := func(what string, want float64, run func()) {
		t.Helper()
		per := float64(applettest.Mallocs(run)) / files
		t.Logf("%s: %.2f allocations per entry", what, per)
		if per > want {
			t.Errorf("%s: %.2f allocations per entry, want at most %.2f", what, per, want)
		}
	}
	count("cpio -o", 0.1, func() {
		out, err := os.Create(archive)
		if err != nil {
			t.Fatal(err)
		}
		defer out.Close()
		r := applettest.Cmd{Args: []string{"-o", "-H", "newc"}, Dir: src, Stdin: list.String(), Stdout: out}.Run(t, &Applet)
		if r.Code != 0 {
			t.Fatalf("cpio -o: %d %s", r.Code, r.Stderr)
		}
	})
	for _, args := range [][]string{{"-i", "-d", "-m"}, {"-t"}} {
		count("cpio "+args[0], 0.15, func() {
			r := applettest.Cmd{Args: append(args, "-F", archive), Dir: t.TempDir(), Stdout: nopWriter{}}.Run(t, &Applet)
			if r.Code != 0 {
				t.Fatalf("cpio %s: %d %s", args[0], r.Code, r.Stderr)
			}
		})
	}
}

type nopWriter struct{}

func (nopWriter) Write(p []byte) (int, error) { return len(p), nil }
