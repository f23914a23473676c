// Package applettest runs applets in-process for tests: with buffers for
// the standard streams, a working directory and an environment of the
// test's choosing, and returns what they wrote and their exit status.
package applettest

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"gobox/internal/applet"
)

// Result is what one run produced.
type Result struct {
	Stdout, Stderr string
	Code           int
}

// Cmd describes one run. A zero Dir means a fresh temporary directory; a
// nil Env means "PATH=/usr/sbin:/usr/bin:/sbin:/bin", "TZ=UTC".
type Cmd struct {
	Args  []string
	Dir   string
	Stdin string
	Env   []string
}

// Run runs the registered applet name with c's arguments. The applet's
// package must be linked into the test binary.
func (c Cmd) Run(t testing.TB, name string) Result {
	t.Helper()
	a := applet.Lookup(name)
	if a == nil {
		t.Fatalf("applet %q is not registered", name)
	}
	if c.Dir == "" {
		c.Dir = t.TempDir()
	}
	if c.Env == nil {
		c.Env = []string{"PATH=/usr/sbin:/usr/bin:/sbin:/bin", "TZ=UTC"}
	}
	var out, errb bytes.Buffer
	ctx := &applet.Ctx{
		Context: context.Background(),
		Name:    name,
		Stdin:   strings.NewReader(c.Stdin),
		Stdout:  &out,
		Stderr:  &errb,
		Dir:     c.Dir,
		Env:     c.Env,
	}
	code := applet.Run(ctx, a, c.Args)
	return Result{Stdout: out.String(), Stderr: errb.String(), Code: code}
}

// Run runs applet name with args in a fresh temporary directory.
func Run(t testing.TB, name string, args ...string) Result {
	t.Helper()
	return Cmd{Args: args}.Run(t, name)
}

// RunIn runs applet name with args in dir.
func RunIn(t testing.TB, dir, name string, args ...string) Result {
	t.Helper()
	return Cmd{Args: args, Dir: dir}.Run(t, name)
}

// Expect fails the test unless r has the given stdout and status.
func (r Result) Expect(t testing.TB, stdout string, code int) {
	t.Helper()
	if r.Stdout != stdout || r.Code != code {
		t.Errorf("got stdout %q status %d (stderr %q); want stdout %q status %d", r.Stdout, r.Code, r.Stderr, stdout, code)
	}
}
