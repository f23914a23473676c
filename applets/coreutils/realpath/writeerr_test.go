package realpath

import (
	"testing"

	"gobox/internal/applettest"
)

// TestStopsAtWriteError: realpath stops at its first failed write, in
// BusyBox's words (fflush_stdout_and_exit): the missing file at the end
// is never reached.
func TestStopsAtWriteError(t *testing.T) {
	dir := t.TempDir()
	args := append(applettest.Files(t, dir, 200), "nosuch/x")
	r := applettest.Cmd{Args: args, Dir: dir, Stdout: applettest.Full()}.Run(t, &Applet)
	stderr, code := r.Stderr, r.Code
	if want := "realpath: standard output: No space left on device\n"; stderr != want || code != 1 {
		t.Errorf("realpath FILE... >/dev/full: stderr %q status %d, want %q 1", stderr, code, want)
	}
}
