package printenv

import (
	"testing"

	"gobox/internal/applettest"
)

func TestPrintenv(t *testing.T) {
	env := []string{"A=1", "B=", "A=2", "C=x=y"}
	tests := []struct {
		args []string
		out  string
		code int
	}{
		{nil, "A=2\nB=\nC=x=y\n", 0},
		{[]string{"A"}, "2\n", 0},
		{[]string{"B", "C"}, "\nx=y\n", 0},
		{[]string{"A", "nosuch", "C"}, "2\nx=y\n", 1},
		{[]string{"C=x"}, "", 1},
		{[]string{""}, "", 1},
	}
	for _, tc := range tests {
		r := applettest.Cmd{Args: tc.args, Env: env}.Run(t, &Applet)
		r.Expect(t, tc.out, tc.code)
	}
}
