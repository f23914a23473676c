package echo

import (
	"testing"

	"gobox/internal/applettest"
)

func TestEcho(t *testing.T) {
	for _, tc := range []struct {
		args []string
		out  string
	}{
		{nil, "\n"},
		{[]string{"a", "b"}, "a b\n"},
		{[]string{"-n", "a"}, "a"},
		{[]string{"-e", `a\tb`}, "a\tb\n"},
		{[]string{"-E", `a\tb`}, "a\\tb\n"},
		// -E does not cancel an earlier -e, as in BusyBox.
		{[]string{"-eE", `a\tb`}, "a\tb\n"},
		{[]string{"-e", "-E", `a\tb`}, "a\tb\n"},
		{[]string{"-neE", `a\tb`}, "a\tb"},
		{[]string{"-nx", "a"}, "-nx a\n"},
		{[]string{"--", "-n"}, "-- -n\n"},
		{[]string{"-", "a"}, "- a\n"},
		{[]string{"-e", `a\cb`, "c"}, "a"},
		{[]string{"--help"}, "--help\n"},
	} {
		r := applettest.Run(t, &Applet, tc.args...)
		if r.Stdout != tc.out || r.Stderr != "" || r.Code != 0 {
			t.Errorf("echo %q: %q %q %d; want %q", tc.args, r.Stdout, r.Stderr, r.Code, tc.out)
		}
	}
}
