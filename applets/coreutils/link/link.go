// Package link is the link applet: link(2) on two names.
package link

import (
	"gobox/internal/applet"
	"gobox/internal/opt"

	"golang.org/x/sys/unix"
)

// Applet is link's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:    "link",
	Path:    "/bin",
	Usage:   "FILE LINK",
	Help:    `Create hard LINK to FILE`,
	Options: &opt.Spec{MinArgs: 2, MaxArgs: 2},
	NoFork:  true,
	Main:    run,
}

func run(ctx *applet.Ctx, args []string) error {
	o, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	if err := unix.Link(ctx.Path(o.Args[0]), ctx.Path(o.Args[1])); err != nil {
		return applet.Perror(err, "can't create hardlink '%s' to '%s'", o.Args[1], o.Args[0])
	}
	return nil
}
