package apk

import (
	"testing"

	"gobox/internal/applettest"
)

// TestVersionTest checks "apk version -t" and "-c", which need no
// database (outputs recorded from the real apk 2.14.4).
func TestVersionTest(t *testing.T) {
	for _, tc := range []struct {
		args   []string
		stdout string
		code   int
	}{
		{[]string{"version", "-t", "1.0", "1.1"}, "<\n", 0},
		{[]string{"version", "-t", "1.0-r0", "1.0"}, ">\n", 0},
		{[]string{"version", "-t", "1.0~git", "1.0"}, ">\n", 0},
		{[]string{"version", "-t", "1.0"}, "", 1},
		{[]string{"version", "-c", "1.0", "1.0~git", "1_a", "1.2.3-r4", "A"}, "1.0~git\n1_a\nA\n", 3},
		{[]string{"-q", "version", "-c", "1.0~git"}, "", 1},
	} {
		r := applettest.Cmd{Args: tc.args}.Run(t, &Applet)
		if r.Stdout != tc.stdout || r.Stderr != "" || r.Code != tc.code {
			t.Errorf("apk %q: stdout %q stderr %q status %d, want %q status %d", tc.args, r.Stdout, r.Stderr, r.Code, tc.stdout, tc.code)
		}
	}
}
