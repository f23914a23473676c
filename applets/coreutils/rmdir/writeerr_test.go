package rmdir

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"gobox/internal/applet"
)

// fullWriter fails every write as a file on a full disk does.
type fullWriter struct{}

func (fullWriter) Write([]byte) (int, error) {
	return 0, &os.PathError{Op: "write", Path: "/dev/stdout", Err: syscall.ENOSPC}
}

// runFull runs rmdir in dir with its standard output on a full disk and
// returns its stderr and status.
func runFull(dir string, args ...string) (string, int) {
	var errb bytes.Buffer
	ctx := &applet.Ctx{Stdout: fullWriter{}, Stderr: &errb, Dir: dir}
	code := applet.Run(ctx, &Applet, args)
	return errb.String(), code
}

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
	stderr, code := runFull(dir, append([]string{"-v"}, names...)...)
	if want := "rmdir: write error: No space left on device\n"; stderr != want || code != 1 {
		t.Errorf("rmdir -v DIR... >/dev/full: stderr %q status %d, want %q 1", stderr, code, want)
	}
	left, _ := os.ReadDir(dir)
	if len(left) == 0 || len(left) == len(names) {
		t.Errorf("rmdir -v left %d of %d directories; want it to stop at the failed write", len(left), len(names))
	}
}
