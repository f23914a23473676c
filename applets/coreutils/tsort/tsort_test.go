package tsort

import (
	"testing"

	"gobox/internal/applettest"
)

// The orders are those of BusyBox 1.36's tsort.c (Kahn's algorithm over
// the nodes sorted by name, removed by swapping in the last).
func TestTsort(t *testing.T) {
	for _, tc := range []struct {
		stdin, stdout, stderr string
		code                  int
	}{
		{"a b\nb c\n", "a\nb\nc\n", "", 0},
		{"a b\nb c\nd d\n", "a\nd\nb\nc\n", "", 0},
		{"  x\ty\n\n y z ", "x\ny\nz\n", "", 0},
		{"a b\nb a\n", "a\nb\n", "tsort: cycle at a\n", 1},
		{"a b\nc\n", "", "tsort: odd input\n", 1},
		{"", "", "", 0},
	} {
		r := applettest.Cmd{Stdin: tc.stdin}.Run(t, &Applet)
		if r.Stdout != tc.stdout || r.Stderr != tc.stderr || r.Code != tc.code {
			t.Errorf("tsort <<< %q: got %q %q %d, want %q %q %d", tc.stdin, r.Stdout, r.Stderr, r.Code, tc.stdout, tc.stderr, tc.code)
		}
	}
}
