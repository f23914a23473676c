package stat

import (
	"testing"

	"gobox/internal/applettest"
)

// TestStopsAtWriteError: stat stops at its first failed write and says
// so in BusyBox's words: the missing file at the end is never reached.
func TestStopsAtWriteError(t *testing.T) {
	dir := t.TempDir()
	args := append(applettest.Files(t, dir, 30), "nosuch")
	r := applettest.Cmd{Args: args, Dir: dir, Stdout: applettest.Full()}.Run(t, &Applet)
	stderr, code := r.Stderr, r.Code
	if want := "stat: write error: No space left on device\n"; stderr != want || code != 1 {
		t.Errorf("stat FILE... >/dev/full: stderr %q status %d, want %q 1", stderr, code, want)
	}
}
