package rm

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

// runFull runs rm in dir with its standard output on a full disk and
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

// TestStopsAtWriteError: rm -v stops at its first failed write (as
// BusyBox's would die at a closed pipe): not everything is removed.
func TestStopsAtWriteError(t *testing.T) {
	dir := t.TempDir()
	names := files(t, dir, 200)
	stderr, code := runFull(dir, append([]string{"-v"}, names...)...)
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
	files(t, sub, 200)
	stderr, code = runFull(dir, "-rv", "sub")
	if want := "rm: write error: No space left on device\n"; stderr != want || code != 1 {
		t.Errorf("rm -rv DIR >/dev/full: stderr %q status %d, want %q 1", stderr, code, want)
	}
	if left, _ := os.ReadDir(sub); len(left) == 0 {
		t.Errorf("rm -rv removed all of DIR; want it to stop at the failed write")
	}
}
