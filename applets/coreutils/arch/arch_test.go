package arch

import (
	"testing"

	"golang.org/x/sys/unix"

	"gobox/internal/applettest"
)

func TestArch(t *testing.T) {
	var u unix.Utsname
	unix.Uname(&u)
	want := unix.ByteSliceToString(u.Machine[:]) + "\n"
	applettest.Run(t, &Applet).Expect(t, want, 0)
	applettest.Run(t, &Applet, "ignored").Expect(t, want, 0)
}
