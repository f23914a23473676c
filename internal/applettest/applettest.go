// Package applettest runs applets in-process for tests: with buffers for
// the standard streams, a working directory and an environment of the
// test's choosing, and returns what they wrote and their exit status.
// Tests live in the applet's package and pass its Applet value.
package applettest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"gobox/internal/applet"
)

// Result is what one run produced.
type Result struct {
	Stdout, Stderr string
	Code           int
}

// Cmd describes one run. A zero Dir means a fresh temporary directory; a
// nil Env means "PATH=/usr/sbin:/usr/bin:/sbin:/bin", "TZ=UTC"; a nil
// Umask means 022; a nil Stdout means a buffer that Result.Stdout returns
// (Full gives a failing one).
type Cmd struct {
	Args   []string
	Dir    string
	Stdin  string
	Env    []string
	Umask  *uint32
	Stdout io.Writer
}

// Run runs applet a with c's arguments.
func (c Cmd) Run(t testing.TB, a *applet.Applet) Result {
	t.Helper()
	if c.Dir == "" {
		c.Dir = t.TempDir()
	}
	if c.Env == nil {
		c.Env = []string{"PATH=/usr/sbin:/usr/bin:/sbin:/bin", "TZ=UTC"}
	}
	umask := uint32(0o022)
	if c.Umask != nil {
		umask = *c.Umask
	}
	var out, errb bytes.Buffer
	var stdout io.Writer = &out
	if c.Stdout != nil {
		stdout = c.Stdout
	}
	ctx := &applet.Ctx{
		Context: context.Background(),
		Name:    a.Name,
		Stdin:   strings.NewReader(c.Stdin),
		Stdout:  stdout,
		Stderr:  &errb,
		Dir:     c.Dir,
		Env:     c.Env,
		Umask:   os.FileMode(umask),
	}
	code := applet.Run(ctx, a, c.Args)
	return Result{Stdout: out.String(), Stderr: errb.String(), Code: code}
}

// Full returns a standard output on a full disk: every write fails with
// ENOSPC, as on /dev/full.
func Full() io.Writer { return fullWriter{} }

type fullWriter struct{}

func (fullWriter) Write([]byte) (int, error) {
	return 0, &os.PathError{Op: "write", Path: "/dev/stdout", Err: syscall.ENOSPC}
}

// Files makes n small files with long names in dir, enough that an
// applet writing a line per file fills any output buffer, and returns
// their names.
func Files(t testing.TB, dir string, n int) []string {
	t.Helper()
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("a-file-with-a-rather-long-name-%04d", i)
		if err := os.WriteFile(filepath.Join(dir, names[i]), []byte("x\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return names
}

// ProcessUmask sets the process's umask to mask until the test ends, to
// show that applets use their Ctx's instead (a shell may run with 0). Tests
// that use it must not run in parallel.
func ProcessUmask(t testing.TB, mask int) {
	old := syscall.Umask(mask)
	t.Cleanup(func() { syscall.Umask(old) })
}

// Run runs applet a with args in a fresh temporary directory.
func Run(t testing.TB, a *applet.Applet, args ...string) Result {
	t.Helper()
	return Cmd{Args: args}.Run(t, a)
}

// RunIn runs applet a with args in dir.
func RunIn(t testing.TB, dir string, a *applet.Applet, args ...string) Result {
	t.Helper()
	return Cmd{Args: args, Dir: dir}.Run(t, a)
}

// Expect fails the test unless r has the given stdout and status.
func (r Result) Expect(t testing.TB, stdout string, code int) {
	t.Helper()
	if r.Stdout != stdout || r.Code != code {
		t.Errorf("got stdout %q status %d (stderr %q); want stdout %q status %d", r.Stdout, r.Code, r.Stderr, stdout, code)
	}
}

// Mallocs returns how many heap allocations run makes, run once before
// so that buffers made on first use are not counted. Divided by the
// entries a run handles, it is what issue 10's allocation tests bound: a
// count, not a time or a size, so it does not flake (run no parallel
// tests beside it).
func Mallocs(run func()) uint64 {
	run()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	run()
	runtime.ReadMemStats(&after)
	return after.Mallocs - before.Mallocs
}
