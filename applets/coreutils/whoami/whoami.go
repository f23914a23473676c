// Package whoami is the whoami applet: print the effective user's name.
package whoami

import (
	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/opt"
	"gobox/internal/userdb"
)

// Applet is whoami's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:    "whoami",
	Path:    "/usr/bin",
	Usage:   "",
	Help:    "Print the user name associated with the current effective user id",
	Options: &opt.Spec{Manual: true},
	NoFork:  true,
	Main:    main,
}

func main(ctx *applet.Ctx, args []string) error {
	if len(args) > 0 {
		return applet.Usage("")
	}
	uid := unix.Geteuid()
	u := userdb.DB{}.UserByID(uid)
	if u == nil {
		return applet.Errorf("unknown uid %d", uid)
	}
	w := ctx.BufWriter(ctx.Stdout, 0)
	w.WriteString(u.Name)
	w.WriteByte('\n')
	if err := w.Flush(); err != nil {
		return applet.Perror(err, "write error")
	}
	return nil
}
