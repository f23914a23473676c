package base32

import (
	"testing"

	"gobox/internal/applettest"
)

// Expected encodings are GNU coreutils' base32 (RFC 4648).
func TestBase32(t *testing.T) {
	for _, tc := range []struct {
		args   []string
		stdin  string
		stdout string
		code   int
	}{
		{nil, "", "", 0},
		{nil, "h", "NA======\n", 0},
		{nil, "he", "NBSQ====\n", 0},
		{nil, "hel", "NBSWY===\n", 0},
		{nil, "hell", "NBSWY3A=\n", 0},
		{nil, "hello", "NBSWY3DP\n", 0},
		{[]string{"-w", "8"}, "hello world", "NBSWY3DP\nEB3W64TM\nMQ======\n", 0},
		{[]string{"-w", "0"}, "hello world", "NBSWY3DPEB3W64TMMQ======", 0},
		{[]string{"-d"}, "NBSWY3DP\n", "hello", 0},
		{[]string{"-d"}, "nbswy3dp", "hello", 0},
		{[]string{"-d"}, "NBSW Y3DP\nEB3W64TM\nMQ======\n", "hello world", 0},
		{[]string{"-d"}, "NA======", "h", 0},
		{[]string{"-d"}, "NBSWY3D", "", 1},
	} {
		r := applettest.Cmd{Args: tc.args, Stdin: tc.stdin}.Run(t, &Applet)
		if r.Stdout != tc.stdout || r.Code != tc.code {
			t.Errorf("base32 %q <<< %q: got %q %d, want %q %d (stderr %q)", tc.args, tc.stdin, r.Stdout, r.Code, tc.stdout, tc.code, r.Stderr)
		}
	}
}
