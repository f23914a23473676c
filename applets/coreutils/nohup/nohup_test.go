package nohup

import (
	"testing"

	"gobox/internal/applettest"
)

// The terminal cases (stdin, stdout or stderr a tty) need a pty; these
// cover the plain ones.
func TestNohup(t *testing.T) {
	tests := []struct {
		args   []string
		stdin  string
		out    string
		errout string
		code   int
	}{
		{[]string{"echo", "hi"}, "", "hi\n", "", 0},
		{[]string{"cat"}, "in\n", "in\n", "", 0},
		{[]string{"sh", "-c", "exit 4"}, "", "", "", 4},
		{[]string{"nosuch-cmd"}, "", "", "nohup: can't execute 'nosuch-cmd': No such file or directory\n", 127},
	}
	for _, tc := range tests {
		r := applettest.Cmd{Args: tc.args, Stdin: tc.stdin}.Run(t, &Applet)
		r.Expect(t, tc.out, tc.code)
		if r.Stderr != tc.errout {
			t.Errorf("nohup %q: stderr %q, want %q", tc.args, r.Stderr, tc.errout)
		}
	}
	r := applettest.Run(t, &Applet)
	r.Expect(t, "", 127)
	if r.Stderr == "" {
		t.Error("no usage")
	}
}
