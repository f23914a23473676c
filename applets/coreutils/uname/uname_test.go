package uname

import (
	"strings"
	"testing"

	"golang.org/x/sys/unix"

	"gobox/internal/applettest"
)

func TestUname(t *testing.T) {
	var u unix.Utsname
	unix.Uname(&u)
	sys := unix.ByteSliceToString(u.Sysname[:])
	node := unix.ByteSliceToString(u.Nodename[:])
	rel := unix.ByteSliceToString(u.Release[:])
	ver := unix.ByteSliceToString(u.Version[:])
	mach := unix.ByteSliceToString(u.Machine[:])
	tests := []struct {
		args []string
		out  string
		code int
	}{
		{nil, sys + "\n", 0},
		{[]string{"-s"}, sys + "\n", 0},
		{[]string{"-n"}, node + "\n", 0},
		{[]string{"-r"}, rel + "\n", 0},
		{[]string{"--release"}, rel + "\n", 0},
		{[]string{"-m"}, mach + "\n", 0},
		{[]string{"-p"}, "unknown\n", 0},
		{[]string{"-i"}, "unknown\n", 0},
		{[]string{"-o"}, "Linux\n", 0},
		{[]string{"-om"}, mach + " Linux\n", 0},
		{[]string{"-m", "-s"}, sys + " " + mach + "\n", 0},
		{[]string{"-a"}, strings.Join([]string{sys, node, rel, ver, mach, "Linux"}, " ") + "\n", 0},
		{[]string{"-ap"}, strings.Join([]string{sys, node, rel, ver, mach, "Linux"}, " ") + "\n", 0},
		{[]string{"x"}, "", 1},
		{[]string{"-x"}, "", 1},
	}
	for _, tc := range tests {
		applettest.Run(t, &Applet, tc.args...).Expect(t, tc.out, tc.code)
	}
}
