package tty

import (
	"strings"
	"testing"

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
		{[]string{"-s"}, "", "", 1},
		{[]string{"x"}, "not a tty\n", "tty: ignoring all arguments\n", 1},
		{[]string{"-x"}, "", "tty: unrecognized option: x\n", 2},
	}
	for _, tc := range tests {
		r := applettest.Run(t, &Applet, tc.args...)
		r.Expect(t, tc.out, tc.code)
		if !strings.HasPrefix(r.Stderr, tc.errout) || tc.errout == "" && r.Stderr != "" {
			t.Errorf("tty %q: stderr %q, want %q", tc.args, r.Stderr, tc.errout)
		}
	}
}
