package stat

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

// runFull runs stat in dir with its standard output on a full disk and
// returns its stderr and status.
func runFull(dir string, args ...string) (string, int) {
	var errb bytes.Buffer
	ctx := &applet.Ctx{Stdout: fullWriter{}, Stderr: &errb, Dir: dir}
	code := applet.Run(ctx, &Applet, args)
	return errb.String(), code
}

// files makes n files with long names in dir and returns their names.
func files(t *testing.T, dir string, n int) []string {
	t.Helper()
	var names []string
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("a-file-with-a-rather-long-name-%04d", i)
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		names = append(names, name)
	}
	return names
}

// TestStopsAtWriteError: stat stops at its first failed write and says
// so in BusyBox's words: the missing file at the end is never reached.
func TestStopsAtWriteError(t *testing.T) {
	dir := t.TempDir()
	args := append(files(t, dir, 30), "nosuch")
	stderr, code := runFull(dir, args...)
	if want := "stat: write error: No space left on device\n"; stderr != want || code != 1 {
		t.Errorf("stat FILE... >/dev/full: stderr %q status %d, want %q 1", stderr, code, want)
	}
}
