// Package logname is the logname applet: print the login name. With musl
// getlogin is $LOGNAME, so that is what it prints.
package logname

import (
	"gobox/internal/applet"
	"gobox/internal/opt"
)

// Applet is logname's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:    "logname",
	Path:    "/usr/bin",
	Usage:   "",
	Help:    "Print the name of the current user",
	Options: &opt.Spec{Manual: true},
	NoFork:  true,
	Main:    main,
}

func main(ctx *applet.Ctx, args []string) error {
	if len(args) > 0 {
		return applet.Usage("")
	}
	name, ok := ctx.LookupEnv("LOGNAME")
	if !ok {
		return applet.Errorf("getlogin: No such device or address")
	}
	if len(name) >= 64 {
		// getlogin_r's buffer in BusyBox is 64 bytes.
		return applet.Errorf("getlogin: Result not representable")
	}
	w := ctx.BufWriter(ctx.Stdout, 0)
	w.WriteString(name)
	w.WriteByte('\n')
	if err := w.Flush(); err != nil {
		return applet.Perror(err, "write error")
	}
	return nil
}
