package rmdir

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"gobox/internal/applettest"
)

// TestStopsAtWriteError: rmdir -v stops at its first failed write (as
// BusyBox's would die at a closed pipe): not every directory is removed.
func TestStopsAtWriteError(t *testing.T) {
	dir := t.TempDir()
	var names []string
	for i := 0; i < 200; i++ {
		name := fmt.Sprintf("a-directory-with-a-long-name-%04d", i)
		if err := os.Mkdir(filepath.Join(dir, name), 0o755); err != nil {
			t.Fatal(err)
		}
		names = append(names, name)
	}
	r := applettest.Cmd{Args: append([]string{"-v"}, names...), Dir: dir, Stdout: applettest.Full()}.Run(t, &Applet)
	stderr, code := r.Stderr, r.Code
	if want := "rmdir: write error: No space left on device\n"; stderr != want || code != 1 {
		t.Errorf("rmdir -v DIR... >/dev/full: stderr %q status %d, want %q 1", stderr, code, want)
	}
	left, _ := os.ReadDir(dir)
	if len(left) == 0 || len(left) == len(names) {
		t.Errorf("rmdir -v left %d of %d directories; want it to stop at the failed write", len(left), len(names))
	}
}
