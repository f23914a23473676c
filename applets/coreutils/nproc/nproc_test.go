package nproc

import (
	"strconv"
	"strings"
	"testing"

	"golang.org/x/sys/unix"

	"gobox/internal/applettest"
)

func TestNproc(t *testing.T) {
	var set unix.CPUSet
	if err := unix.SchedGetaffinity(0, &set); err != nil {
		t.Skip(err)
	}
	n := set.Count()
	applettest.Run(t, &Applet).Expect(t, strconv.Itoa(n)+"\n", 0)
	applettest.Run(t, &Applet, "--ignore=100000").Expect(t, "1\n", 0)
	want := n - 1
	if want < 1 {
		want = 1
	}
	applettest.Run(t, &Applet, "--ignore", "1").Expect(t, strconv.Itoa(want)+"\n", 0)
	r := applettest.Run(t, &Applet, "--all")
	if v, err := strconv.Atoi(strings.TrimSpace(r.Stdout)); err != nil || v < 1 || r.Code != 0 {
		t.Errorf("nproc --all: %+v", r)
	}
	for _, bad := range []string{"x", "-1", "+1", ""} {
		r := applettest.Run(t, &Applet, "--ignore="+bad)
		r.Expect(t, "", 1)
		if r.Stderr != "nproc: invalid number '"+bad+"'\n" {
			t.Errorf("stderr %q", r.Stderr)
		}
	}
	applettest.Run(t, &Applet, "-a").Expect(t, "", 1)
}
