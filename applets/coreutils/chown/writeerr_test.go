package chown

import (
	"fmt"
	"os"
	"testing"

	"gobox/internal/applettest"
)

// TestStopsAtWriteError: chown -v stops at its first failed write and
// says so in BusyBox's words: the missing file at the end is never
// reached.
func TestStopsAtWriteError(t *testing.T) {
	dir := t.TempDir()
	owner := fmt.Sprintf("%d:%d", os.Getuid(), os.Getgid())
	args := append(append([]string{"-v", owner}, applettest.Files(t, dir, 200)...), "nosuch")
	r := applettest.Cmd{Args: args, Dir: dir, Stdout: applettest.Full()}.Run(t, &Applet)
	stderr, code := r.Stderr, r.Code
	if want := "chown: write error: No space left on device\n"; stderr != want || code != 1 {
		t.Errorf("chown -v OWNER FILE... >/dev/full: stderr %q status %d, want %q 1", stderr, code, want)
	}
}
