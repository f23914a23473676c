package test

import (
	"bytes"
	"os"
	"strconv"
	"strings"
	"testing"

	"gobox/internal/applet"
	"gobox/internal/applettest"
)

// TestTerminalFD checks that -t FD asks about the descriptor as the
// applet's Ctx has it (ctx.File): its streams even through the runtime's
// stdout wrapper, and its Files above 2, never the test process's own
// descriptor table.
func TestTerminalFD(t *testing.T) {
	tty := ttyOf(t)
	plain, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Close()
	// The process's own descriptor of the terminal: a Ctx that does not
	// list it must not see it.
	own := strconv.Itoa(int(tty.Fd()))
	tests := []struct {
		name string
		ctx  applet.Ctx
		fd   string
		code int
	}{
		{"stdin terminal", applet.Ctx{Stdin: tty}, "0", 0},
		// The runtime wraps stdout: a type assertion misses it.
		{"stdout terminal", applet.Ctx{Stdout: tty}, "1", 0},
		{"stderr terminal", applet.Ctx{Stderr: tty}, "2", 0},
		{"stdout buffer", applet.Ctx{Stdout: &bytes.Buffer{}}, "1", 1},
		{"stdout not a terminal", applet.Ctx{Stdout: plain}, "1", 1},
		{"fd 3 redirected to a terminal", applet.Ctx{Files: map[int]*os.File{3: tty}}, "3", 0},
		{"fd 3 redirected elsewhere", applet.Ctx{Files: map[int]*os.File{3: plain}}, "3", 1},
		{"the process's terminal fd, not in Files", applet.Ctx{Files: map[int]*os.File{3: plain}}, own, 1},
		{"an in-process Ctx has no fds above 2", applet.Ctx{}, own, 1},
		// BusyBox hands the number to isatty(int): 2^32+1 is fd 1.
		{"fd truncated to 32 bits", applet.Ctx{Stdout: tty}, "4294967297", 0},
		{"negative fd", applet.Ctx{Stdout: tty}, "-1", 1},
	}
	for _, tt := range tests {
		var errb strings.Builder
		c := tt.ctx
		if c.Stderr == nil {
			c.Stderr = &errb
		}
		for _, a := range []*applet.Applet{&Applet, &Bracket} {
			args := []string{"-t", tt.fd}
			if a == &Bracket {
				args = append(args, "]")
			}
			if code := applet.Run(&c, a, args); code != tt.code {
				t.Errorf("%s: %s -t %s: status %d, want %d (stderr %q)", tt.name, a.Name, tt.fd, code, tt.code, errb.String())
			}
		}
	}
}

// ttyOf returns the terminal side of a new pseudo-terminal.
func ttyOf(t *testing.T) *os.File {
	_, tty, _ := applettest.Pty(t)
	return tty
}
