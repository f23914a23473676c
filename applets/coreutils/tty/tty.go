// Package tty is the tty applet: print the name of the terminal on
// standard input. As Alpine builds BusyBox (INCLUDE_SUSv2 off), it has no
// -s: every argument, options and "--" alike, is ignored with a warning.
package tty

import (
	"os"
	"strconv"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/opt"
)

// Applet is tty's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:    "tty",
	Path:    "/usr/bin",
	Usage:   "",
	Help:    "Print file name of stdin's terminal",
	Options: &opt.Spec{Manual: true},
	NoFork:  true,
	Main:    main,
}

func main(ctx *applet.Ctx, args []string) error {
	if len(args) > 0 {
		ctx.Warnf("ignoring all arguments")
	}
	name, ok := ttyName(ctx)
	status := 0
	if !ok {
		name, status = "not a tty", 1
	}
	w := ctx.BufWriter(ctx.Stdout, 0)
	w.WriteString(name)
	w.WriteByte('\n')
	if err := w.Flush(); err != nil {
		// Status 1, not the 2 of bad usage. (Alpine's musl loses this
		// error and exits with the tty test's status.)
		return applet.Perror(err, "write error")
	}
	return applet.Exit(status)
}

// ttyName does what musl's ttyname does for ctx's standard input.
func ttyName(ctx *applet.Ctx) (string, bool) {
	f := ctx.File(0)
	if f == nil {
		return "", false
	}
	fd := int(f.Fd())
	if _, err := unix.IoctlGetTermios(fd, unix.TCGETS); err != nil {
		return "", false
	}
	name, err := os.Readlink("/proc/self/fd/" + strconv.Itoa(fd))
	if err != nil {
		return "", false
	}
	var st1, st2 unix.Stat_t
	if unix.Stat(name, &st1) != nil || unix.Fstat(fd, &st2) != nil || st1.Dev != st2.Dev || st1.Ino != st2.Ino {
		return "", false
	}
	return name, true
}
