package rm

import (
	"os"
	"path/filepath"
	"testing"

	"gobox/internal/applettest"
)

// TestStopsAtWriteError: rm -v stops at its first failed write (as
// BusyBox's would die at a closed pipe): not everything is removed.
func TestStopsAtWriteError(t *testing.T) {
	dir := t.TempDir()
	names := applettest.Files(t, dir, 200)
	r := applettest.Cmd{Args: append([]string{"-v"}, names...), Dir: dir, Stdout: applettest.Full()}.Run(t, &Applet)
	stderr, code := r.Stderr, r.Code
	if want := "rm: write error: No space left on device\n"; stderr != want || code != 1 {
		t.Errorf("rm -v FILE... >/dev/full: stderr %q status %d, want %q 1", stderr, code, want)
	}
	left, _ := os.ReadDir(dir)
	if len(left) == 0 || len(left) == len(names) {
		t.Errorf("rm -v left %d of %d files; want it to stop at the failed write", len(left), len(names))
	}
	// The same inside a directory (-r).
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	applettest.Files(t, sub, 200)
	r = applettest.Cmd{Args: []string{"-rv", "sub"}, Dir: dir, Stdout: applettest.Full()}.Run(t, &Applet)
	stderr, code = r.Stderr, r.Code
	if want := "rm: write error: No space left on device\n"; stderr != want || code != 1 {
		t.Errorf("rm -rv DIR >/dev/full: stderr %q status %d, want %q 1", stderr, code, want)
	}
	if left, _ := os.ReadDir(sub); len(left) == 0 {
		t.Errorf("rm -rv removed all of DIR; want it to stop at the failed write")
	}
}
