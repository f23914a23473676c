package whoami

import (
	"testing"

	"golang.org/x/sys/unix"

	"gobox/internal/applettest"
	"gobox/internal/userdb"
)

func TestWhoami(t *testing.T) {
	u := userdb.DB{}.UserByID(unix.Geteuid())
	r := applettest.Run(t, &Applet)
	if u == nil {
		r.Expect(t, "", 1)
	} else {
		r.Expect(t, u.Name+"\n", 0)
	}
	r = applettest.Run(t, &Applet, "x")
	r.Expect(t, "", 1)
	if r.Stderr == "" {
		t.Error("no usage on stderr")
	}
}
