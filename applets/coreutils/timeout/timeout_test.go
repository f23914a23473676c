package timeout

import (
	"testing"
	"time"

	"gobox/internal/applettest"
)

func TestTimeout(t *testing.T) {
	tests := []struct {
		args   []string
		out    string
		errout string
		code   int
	}{
		{[]string{"5", "echo", "hi"}, "hi\n", "", 0},
		{[]string{"5", "sh", "-c", "exit 7"}, "", "", 7},
		{[]string{"0.1", "sleep", "5"}, "", "", 143},
		{[]string{"-s", "KILL", "0.1", "sleep", "5"}, "", "", 137},
		{[]string{"-s", "sigint", "0.1", "sleep", "5"}, "", "", 130},
		{[]string{"-s", "9", "0.1", "sleep", "5"}, "", "", 137},
		{[]string{"-s", "CONT", "-k", "0.1", "0.1", "sleep", "5"}, "", "", 137},
		{[]string{"-s", "FOO", "1", "true"}, "", "timeout: unknown signal 'FOO'\n", 1},
		{[]string{"1x", "true"}, "", "timeout: invalid number '1x'\n", 1},
		{[]string{"1.5x", "true"}, "", "timeout: invalid number '1x'\n", 1},
		{[]string{"1"}, "", "", 1},
		{[]string{}, "", "", 1},
		{[]string{"1", "nosuch-cmd"}, "", "timeout: can't execute 'nosuch-cmd': No such file or directory\n", 127},
	}
	// A timed-out "sleep 5" shows as the signal's status, which only the
	// watcher can have sent.
	for _, tc := range tests {
		r := applettest.Run(t, &Applet, tc.args...)
		r.Expect(t, tc.out, tc.code)
		if tc.errout != "" && r.Stderr != tc.errout {
			t.Errorf("timeout %q: stderr %q, want %q", tc.args, r.Stderr, tc.errout)
		}
	}
}

func TestDuration(t *testing.T) {
	tests := map[string]time.Duration{
		"1": time.Second, "2s": 2 * time.Second, "1m": time.Minute, "1.5h": 90 * time.Minute,
		"1d": 24 * time.Hour, "0.25": 250 * time.Millisecond,
	}
	for in, want := range tests {
		if got, err := parseDuration(in); err != nil || got != want {
			t.Errorf("parseDuration(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
}
