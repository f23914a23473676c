// Package mkfifo is the mkfifo applet: create named pipes.
package mkfifo

import (
	"gobox/internal/applet"
	"gobox/internal/mode"
	"gobox/internal/opt"

	"golang.org/x/sys/unix"
)

// Applet is mkfifo's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "mkfifo",
	Path:  "/usr/bin",
	Usage: "[-m MODE] NAME",
	Help: `Create named pipe

	-m MODE	Mode (default a=rw)`,
	Options: &opt.Spec{Short: "m:"},
	NoFork:  true,
	Main:    run,
}

func run(ctx *applet.Ctx, args []string) error {
	o, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	m := mode.ParseNodeMode(o.Str("m"), o.Has("m"), uint32(ctx.Umask))
	if len(o.Args) == 0 {
		return applet.Usage("")
	}
	status := 0
	for _, name := range o.Args {
		if err := m.Mknod(ctx.Path(name), unix.S_IFIFO, 0); err != nil {
			ctx.Perror(err, "%s", name)
			status = 1
		}
	}
	return applet.Exit(status)
}
