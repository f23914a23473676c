package env

import (
	"testing"

	"gobox/internal/applettest"
)

// TestEmptyName checks musl's putenv as Alpine's env meets it: an
// assignment with an empty name fails with EINVAL, and an unset of one
// is ignored.
func TestEmptyName(t *testing.T) {
	tests := []struct {
		args   []string
		out    string
		stderr string
		code   int
	}{
		{[]string{"-i", "=x", "env"}, "", "env: putenv: Invalid argument\n", 1},
		{[]string{"-i", "A=1", "=", "B=2"}, "", "env: putenv: Invalid argument\n", 1},
		{[]string{"-i", "-u", "=x", "A=1"}, "A=1\n", "", 0},
		{[]string{"-i", "-u", "", "A=1"}, "A=1\n", "", 0},
	}
	for _, tt := range tests {
		r := applettest.Run(t, &Applet, tt.args...)
		r.Expect(t, tt.out, tt.code)
		if r.Stderr != tt.stderr {
			t.Errorf("env %q: stderr %q, want %q", tt.args, r.Stderr, tt.stderr)
		}
	}
}
