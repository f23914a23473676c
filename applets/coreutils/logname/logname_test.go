package logname

import (
	"strings"
	"testing"

	"gobox/internal/applettest"
)

func TestLogname(t *testing.T) {
	tests := []struct {
		env    []string
		args   []string
		out    string
		errout string
		code   int
	}{
		{[]string{"LOGNAME=alice"}, nil, "alice\n", "", 0},
		{[]string{"LOGNAME="}, nil, "\n", "", 0},
		{[]string{}, nil, "", "logname: getlogin: No such device or address\n", 1},
		{[]string{"LOGNAME=" + strings.Repeat("x", 64)}, nil, "", "logname: getlogin: Result not representable\n", 1},
		{[]string{"LOGNAME=alice"}, []string{"x"}, "", "", 1},
	}
	for _, tc := range tests {
		r := applettest.Cmd{Args: tc.args, Env: tc.env}.Run(t, &Applet)
		r.Expect(t, tc.out, tc.code)
		if tc.errout != "" && r.Stderr != tc.errout {
			t.Errorf("stderr %q, want %q", r.Stderr, tc.errout)
		}
	}
}
