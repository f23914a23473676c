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
	NoFork: true,
	Main:   run,
}

func run(ctx *applet.Ctx, args []string) error {
	o, err := opt.Parse(&opt.Spec{Short: "m:"}, args)
	if err != nil {
		return err
	}
	m := uint32(0o666)
	bad := false
	if o.Has("m") {
		v, ok := mode.ParseCurrent(o.Str("m"), 0o666)
		if !ok {
			bad = true // BusyBox passes (mode_t)-1 on: EINVAL
		}
		m = v
	}
	if len(o.Args) == 0 {
		return applet.Usage("")
	}
	status := 0
	for _, name := range o.Args {
		p := ctx.Path(name)
		var err error = unix.EINVAL
		if !bad {
			err = unix.Mkfifo(p, m)
		}
		if err != nil {
			ctx.Warnf("%s: %s", name, applet.ErrText(err))
			status = 1
			continue
		}
		// -m sets the mode exactly, regardless of the umask.
		if o.Has("m") {
			unix.Chmod(p, m)
		}
	}
	return applet.Exit(status)
}
