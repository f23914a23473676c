package false

import (
	"testing"

	"gobox/internal/applettest"
)

func TestFalse(t *testing.T) {
	for _, args := range [][]string{nil, {"--help"}, {"-x", "y"}} {
		r := applettest.Run(t, &Applet, args...)
		if r.Stdout != "" || r.Stderr != "" || r.Code != 1 {
			t.Errorf("false %q: %q %q %d", args, r.Stdout, r.Stderr, r.Code)
		}
	}
}
