package true

import (
	"testing"

	"gobox/internal/applettest"
)

func TestTrue(t *testing.T) {
	for _, args := range [][]string{nil, {"--help"}, {"-x", "y"}} {
		r := applettest.Run(t, &Applet, args...)
		if r.Stdout != "" || r.Stderr != "" || r.Code != 0 {
			t.Errorf("true %q: %q %q %d", args, r.Stdout, r.Stderr, r.Code)
		}
	}
}
