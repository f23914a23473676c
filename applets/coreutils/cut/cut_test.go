package cut

import (
	"strings"
	"testing"

	"gobox/internal/applettest"
)

// TestLongLine cuts a line longer than any buffer.
func TestLongLine(t *testing.T) {
	field := strings.Repeat("x", 1<<20)
	in := "a:" + field + ":c\n"
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-d:", "-f2"}, field + "\n"},
		{[]string{"-d:", "-f1,3"}, "a:c\n"},
		{[]string{"-c", "3-4,1"}, "axx\n"},
		{[]string{"-b", "1048578-"}, "x:c\n"},
	} {
		r := applettest.Cmd{Args: tc.args, Stdin: in}.Run(t, &Applet)
		if r.Stdout != tc.want || r.Code != 0 {
			t.Errorf("cut %q of a 1 MB line: status %d, output right: %v", tc.args, r.Code, r.Stdout == tc.want)
		}
	}
}
