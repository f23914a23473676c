package escape

import "testing"

func TestExpand(t *testing.T) {
	for _, tc := range []struct {
		in        string
		echo, pf  string
		echoStops bool
	}{
		{`plain`, "plain", "plain", false},
		{`a\tb\n`, "a\tb\n", "a\tb\n", false},
		{`\41z`, "!z", "!z", false},
		{`\0101`, "A", "\x081", false},
		{`\101`, "A", "A", false},
		{`\x41\x4g\xg`, "A\x04g\\xg", "A\x04g\\xg", false},
		{`a\cb`, "a", "a", true},
		{`\\\q`, `\\q`, `\\q`, false},
		{`\e[0m`, "\x1b[0m", "\x1b[0m", false},
		{`tail\`, `tail\`, `tail\`, false},
		{`\777`, "?7", "?7", false},
		{`\0777`, "?7", "\x3f7", false},
	} {
		got, stop := Echo(tc.in)
		if got != tc.echo || stop != tc.echoStops {
			t.Errorf("Echo(%q) = %q, %v; want %q, %v", tc.in, got, stop, tc.echo, tc.echoStops)
		}
		if got, _ := Printf(tc.in); got != tc.pf {
			t.Errorf("Printf(%q) = %q; want %q", tc.in, got, tc.pf)
		}
	}
}
