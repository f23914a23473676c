package nice

import (
	"testing"

	"gobox/internal/applettest"
)

// TestAdjustment checks ADJUST's errors against Alpine's BusyBox, whose
// xatoi_range drops the sign before it checks the digits and the
// unsigned range, and keeps it for nice's own range.
func TestAdjustment(t *testing.T) {
	tests := []struct {
		args   []string
		stderr string
	}{
		{[]string{"-n", "3000000000", "true"}, "nice: number 3000000000 is not in 0..2147483647 range\n"},
		{[]string{"-n", "-3000000000", "true"}, "nice: number 3000000000 is not in 0..2147483647 range\n"},
		{[]string{"-n", "-2147483648", "true"}, "nice: number 2147483648 is not in 0..2147483647 range\n"},
		{[]string{"-n", "2000000000", "true"}, "nice: number 2000000000 is not in -1073741824..1073741823 range\n"},
		{[]string{"-n", "-2000000000", "true"}, "nice: number -2000000000 is not in -1073741824..1073741823 range\n"},
		{[]string{"-n", "4294967296", "true"}, "nice: invalid number '4294967296'\n"},
		{[]string{"-n", "+5x", "true"}, "nice: invalid number '5x'\n"},
		{[]string{"-n", "++5", "true"}, "nice: invalid number '+5'\n"},
		{[]string{"-n", "--5", "true"}, "nice: invalid number '-5'\n"},
		{[]string{"-n", " 5", "true"}, "nice: invalid number ' 5'\n"},
		{[]string{"-n", "5 ", "true"}, "nice: invalid number '5 '\n"},
		{[]string{"-n", "+", "true"}, "nice: invalid number ''\n"},
		{[]string{"--", "nice"}, "nice: invalid number ''\n"},
		{[]string{"--bogus", "true"}, "nice: invalid number 'bogus'\n"},
		{[]string{"-n", "x", "true"}, "nice: invalid number 'x'\n"},
	}
	for _, tt := range tests {
		r := applettest.Run(t, &Applet, tt.args...)
		r.Expect(t, "", 1)
		if r.Stderr != tt.stderr {
			t.Errorf("nice %q: stderr %q, want %q", tt.args, r.Stderr, tt.stderr)
		}
	}
	// Signs that parse ("--5" is -5, but lowering needs root).
	for _, args := range [][]string{{"-+3", "true"}, {"-n", "+3", "true"}, {"-n", "-0", "true"}} {
		applettest.Run(t, &Applet, args...).Expect(t, "", 0)
	}
}
