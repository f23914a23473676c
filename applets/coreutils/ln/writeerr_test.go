package ln

import (
	"os"
	"path/filepath"
	"testing"

	"gobox/internal/applettest"
)

// TestStopsAtWriteError: ln -v stops at its first failed write (as
// BusyBox's would die at a closed pipe): not every link is made.
func TestStopsAtWriteError(t *testing.T) {
	dir := t.TempDir()
	targets := applettest.Files(t, dir, 200)
	if err := os.Mkdir(filepath.Join(dir, "d"), 0o755); err != nil {
		t.Fatal(err)
	}
	r := applettest.Cmd{Args: append(append([]string{"-sv"}, targets...), "d"), Dir: dir, Stdout: applettest.Full()}.Run(t, &Applet)
	stderr, code := r.Stderr, r.Code
	if want := "ln: write error: No space left on device\n"; stderr != want || code != 1 {
		t.Errorf("ln -sv TARGET... DIR >/dev/full: stderr %q status %d, want %q 1", stderr, code, want)
	}
	made, _ := os.ReadDir(filepath.Join(dir, "d"))
	if len(made) == 0 || len(made) >= len(targets) {
		t.Errorf("ln -sv made %d of %d links; want it to stop at the failed write", len(made), len(targets))
	}
}
