package ln

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

// runFull runs ln in dir with its standard output on a full disk and
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

// TestStopsAtWriteError: ln -v stops at its first failed write (as
// BusyBox's would die at a closed pipe): not every link is made.
func TestStopsAtWriteError(t *testing.T) {
	dir := t.TempDir()
	targets := files(t, dir, 200)
	if err := os.Mkdir(filepath.Join(dir, "d"), 0o755); err != nil {
		t.Fatal(err)
	}
	stderr, code := runFull(dir, append(append([]string{"-sv"}, targets...), "d")...)
	if want := "ln: write error: No space left on device\n"; stderr != want || code != 1 {
		t.Errorf("ln -sv TARGET... DIR >/dev/full: stderr %q status %d, want %q 1", stderr, code, want)
	}
	made, _ := os.ReadDir(filepath.Join(dir, "d"))
	if len(made) == 0 || len(made) >= len(targets) {
		t.Errorf("ln -sv made %d of %d links; want it to stop at the failed write", len(made), len(targets))
	}
}
