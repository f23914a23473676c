// Package unlink is the unlink applet: unlink(2) on one name.
package unlink

import (
	"gobox/internal/applet"
	"gobox/internal/opt"

	"golang.org/x/sys/unix"
)

// Applet is unlink's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:    "unlink",
	Path:    "/usr/bin",
	Usage:   "FILE",
	Help:    `Delete FILE by calling unlink()`,
	Options: &opt.Spec{MinArgs: 1, MaxArgs: 1},
	NoFork:  true,
	Main:    run,
}

func run(ctx *applet.Ctx, args []string) error {
	o, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	if err := unix.Unlink(ctx.Path(o.Args[0])); err != nil {
		return applet.Perror(err, "can't remove file '%s'", o.Args[0])
	}
	return nil
}
