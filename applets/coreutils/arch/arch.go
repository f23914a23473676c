// Package arch is the arch applet: print the machine type (uname -m).
package arch

import (
	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/opt"
)

// Applet is arch's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:    "arch",
	Path:    "/bin",
	Usage:   "",
	Help:    "Print system architecture",
	Options: &opt.Spec{Manual: true},
	NoFork:  true,
	Main:    main,
}

// main ignores its arguments, as BusyBox's arch does.
func main(ctx *applet.Ctx, args []string) error {
	var u unix.Utsname
	unix.Uname(&u)
	w := ctx.BufWriter(ctx.Stdout, 0)
	w.WriteString(unix.ByteSliceToString(u.Machine[:]))
	w.WriteByte('\n')
	if err := w.Flush(); err != nil {
		return applet.Perror(err, "write error")
	}
	return nil
}
