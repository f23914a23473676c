package seq

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"gobox/internal/applet"
	"gobox/internal/applettest"
)

func TestSeq(t *testing.T) {
	for _, tc := range []struct {
		args   []string
		stdout string
		code   int
	}{
		{[]string{"3"}, "1\n2\n3\n", 0},
		{[]string{"5", "7"}, "5\n6\n7\n", 0},
		{[]string{"7", "5"}, "", 0},
		{[]string{"1", "-15", "1"}, "1\n", 0},
		{[]string{"8", "-2", "4"}, "8\n6\n4\n", 0},
		{[]string{"3", ".30", "4"}, "3.00\n3.30\n3.60\n3.90\n", 0},
		{[]string{".7", "-.9", "-2.2"}, "0.7\n-0.2\n-1.1\n-2.0\n", 0},
		{[]string{"-w", "003"}, "001\n002\n003\n", 0},
		{[]string{"-w", "8", "-3", "04"}, "08\n05\n", 0},
		{[]string{"-w", "09", ".3", "11"}, "09.0\n09.3\n09.6\n09.9\n10.2\n10.5\n10.8\n", 0},
		{[]string{"-w", "--", "-5", "-4"}, "-5\n-4\n", 0},
		{[]string{"-s", ",", "1", "3"}, "1,2,3\n", 0},
		{[]string{"1.5", "3"}, "1.5\n2.5\n", 0},
		{[]string{"0x10", "0x11"}, "16\n17\n", 0},
		{[]string{"x"}, "", 1},
		{[]string{}, "", 1},
		{[]string{"1", "2", "3", "4"}, "", 1},
	} {
		r := applettest.Run(t, &Applet, tc.args...)
		r.Expect(t, tc.stdout, tc.code)
	}
}

// boundedWriter cancels the run once it has taken more than max bytes,
// so that a seq that would run for ever fails the test instead.
type boundedWriter struct {
	bytes.Buffer
	max    int
	cancel func()
}

func (w *boundedWriter) Write(p []byte) (int, error) {
	if w.Len() > w.max {
		w.cancel()
	}
	return w.Buffer.Write(p)
}

// TestSeqRange: BusyBox rejects a number strtod finds out of range
// (ERANGE) with its usage, where an underflowed step or an overflowed
// end would loop for ever.
func TestSeqRange(t *testing.T) {
	for _, tc := range []struct {
		args   []string
		stdout string
		code   int
	}{
		{[]string{"1", "1e-400", "1"}, "", 1},
		{[]string{"1e400"}, "", 1},
		{[]string{"1", "-1e400"}, "", 1},
		{[]string{"--", "-1e400", "1"}, "", 1},
		{[]string{"1e-400"}, "", 1},
		{[]string{"1", "1e-310", "1"}, "", 1},
		{[]string{"0x1p-1080", "1"}, "", 1},
		{[]string{"1", "0x1p2000"}, "", 1},
		// in range: a subnormal that rounded up exactly, infinity itself
		{[]string{"4e-324"}, "", 0},
		{[]string{"inf", "1"}, "", 0},
		{[]string{"1", "2", "0x1p1024"}, "", 0}, // musl: no ERANGE, so an endless run
	} {
		ctx, cancel := context.WithCancel(context.Background())
		out := &boundedWriter{max: 1 << 16, cancel: cancel}
		var errb bytes.Buffer
		code := applet.Run(&applet.Ctx{Context: ctx, Stdout: out, Stderr: &errb}, &Applet, tc.args)
		cancel()
		if tc.args[len(tc.args)-1] == "0x1p1024" {
			if code != 130 || !strings.HasPrefix(out.String(), "1\n3\n5\n") {
				t.Errorf("seq %q: status %d, output %.20q; want an endless run", tc.args, code, out.String())
			}
			continue
		}
		wantErr := ""
		if tc.code != 0 {
			wantErr = "Usage: seq"
		}
		if out.String() != tc.stdout || code != tc.code || !strings.Contains(errb.String(), wantErr) {
			t.Errorf("seq %q: got %.40q status %d stderr %.60q; want %q %d and a usage", tc.args, out.String(), code, errb.String(), tc.stdout, tc.code)
		}
	}
}
