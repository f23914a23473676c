package nice

import (
	"strconv"
	"testing"

	"golang.org/x/sys/unix"

	"gobox/internal/applettest"
)

func TestNice(t *testing.T) {
	raw, err := unix.Getpriority(unix.PRIO_PROCESS, 0)
	if err != nil {
		t.Skip(err)
	}
	cur := 20 - raw
	clamp := func(n int) string {
		n = min(max(n, -20), 19)
		return strconv.Itoa(n) + "\n"
	}
	// Field 19 of /proc/PID/stat is the nice value.
	show := []string{"sh", "-c", "cut -d' ' -f19 /proc/$$/stat"}
	tests := []struct {
		args []string
		out  string
		code int
	}{
		{nil, strconv.Itoa(cur) + "\n", 0},
		{show, clamp(cur + 10), 0},
		{append([]string{"-n", "3"}, show...), clamp(cur + 3), 0},
		{append([]string{"-n2"}, show...), clamp(cur + 2), 0},
		{append([]string{"-4"}, show...), clamp(cur + 4), 0},
		{[]string{"-n", "1", "sh", "-c", "exit 5"}, "", 5},
		{[]string{"-n", "1"}, "", 1},
		{[]string{"-n"}, "", 1},
		{[]string{"-n", "x", "true"}, "", 1},
		{[]string{"-n", "1", "nosuch-cmd"}, "", 127},
	}
	for _, tc := range tests {
		applettest.Run(t, &Applet, tc.args...).Expect(t, tc.out, tc.code)
	}
	// The children were reniced, never gobox itself.
	if after, _ := unix.Getpriority(unix.PRIO_PROCESS, 0); after != raw {
		t.Errorf("nice changed the caller's priority: %d, was %d", 20-after, cur)
	}
	r := applettest.Run(t, &Applet, "-n", "x", "true")
	if r.Stderr != "nice: invalid number 'x'\n" {
		t.Errorf("stderr %q", r.Stderr)
	}
}
