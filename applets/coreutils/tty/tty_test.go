package tty

import (
	"bytes"
	"context"
	"os"
	"strings"
	"syscall"
	"testing"

	"gobox/internal/applet"
	"gobox/internal/applettest"
)

func TestTty(t *testing.T) {
	tests := []struct {
		args   []string
		out    string
		errout string
		code   int
	}{
		{nil, "not a tty\n", "", 1},
		// Alpine's build has no -s (INCLUDE_SUSv2 off): every
		// argument is ignored, options and "--" too.
		{[]string{"-s"}, "not a tty\n", "tty: ignoring all arguments\n", 1},
		{[]string{"x"}, "not a tty\n", "tty: ignoring all arguments\n", 1},
		{[]string{"-x"}, "not a tty\n", "tty: ignoring all arguments\n", 1},
		{[]string{"--"}, "not a tty\n", "tty: ignoring all arguments\n", 1},
	}
	for _, tc := range tests {
		r := applettest.Run(t, &Applet, tc.args...)
		r.Expect(t, tc.out, tc.code)
		if !strings.HasPrefix(r.Stderr, tc.errout) || tc.errout == "" && r.Stderr != "" {
			t.Errorf("tty %q: stderr %q, want %q", tc.args, r.Stderr, tc.errout)
		}
	}
}

// TestTtyStreams: the terminal is found through the Ctx's stdin, and a
// failed write is a write error with status 1 (it was status 2, the
// status of bad usage).
func TestTtyStreams(t *testing.T) {
	_, pts, name := applettest.Pty(t)
	full := applettest.WriterFunc(func([]byte) (int, error) { return 0, syscall.ENOSPC })
	for _, tc := range []struct {
		stdin  *os.File
		stdout bool // a working stdout
		out    string
		errout string
		code   int
	}{
		{pts, true, name + "\n", "", 0},
		{pts, false, "", "tty: write error: No space left on device\n", 1},
		{nil, false, "", "tty: write error: No space left on device\n", 1},
	} {
		var out, errb bytes.Buffer
		ctx := &applet.Ctx{Context: context.Background(), Stdout: &out, Stderr: &errb}
		if tc.stdin != nil {
			ctx.Stdin = tc.stdin
		}
		if !tc.stdout {
			ctx.Stdout = full
		}
		code := applet.Run(ctx, &Applet, nil)
		if out.String() != tc.out || errb.String() != tc.errout || code != tc.code {
			t.Errorf("tty (stdin %v, stdout working %v): got %q %q %d, want %q %q %d",
				tc.stdin != nil, tc.stdout, out.String(), errb.String(), code, tc.out, tc.errout, tc.code)
		}
	}
}
