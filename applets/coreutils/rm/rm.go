// Package rm is the rm applet: BusyBox's rm with -f, -i, -R/-r and -v.
package rm

import (
	"gobox/internal/applet"
	"gobox/internal/console"
	"gobox/internal/fsremove"
	"gobox/internal/opt"
	"gobox/internal/pathname"
	"gobox/internal/termwidth"
)

// Applet is rm's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "rm",
	Path:  "/bin",
	Usage: "[-irf] FILE...",
	Help: `Remove (unlink) FILEs

	-i	Always prompt before removing
	-f	Never prompt
	-R,-r	Recurse`,
	Options: &opt.Spec{Short: "fiRrv", Exclusive: []string{"fi"}, Undocumented: "v"},
	NoFork:  true,
	Main:    run,
}

func run(ctx *applet.Ctx, args []string) error {
	o, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	if len(o.Args) == 0 {
		if o.Has("f") {
			return nil
		}
		return applet.Usage("")
	}
	// -v output stops rm at its first failed write, as a closed pipe
	// would kill BusyBox's rm.
	con := console.New(ctx)
	out := con.Out
	defer out.Flush()
	cancelled := func() bool { return ctx.Cancelled() || ctx.StdoutErr() != nil }
	r := &fsremove.Remover{
		Force:       o.Has("f"),
		Interactive: o.Has("i"),
		Recursive:   o.Has("R") || o.Has("r"),
		Verbose:     o.Has("v"),
		Name:        ctx.Name,
		Resolve:     ctx.Path,
		Warnf:       con.Warnf,
		Stdout:      out,
		Prompt:      con.Prompt,
		StdinTTY:    termwidth.IsTerminal(ctx.File(0)),
		Cancelled:   cancelled,
	}
	status := 0
	for _, a := range o.Args {
		if err := ctx.StdoutErr(); err != nil {
			return applet.Perror(err, "write error")
		}
		if ctx.Cancelled() {
			return applet.Exit(1)
		}
		a = pathname.StripSlashes(a)
		if b := pathname.Base(a); b == "." || b == ".." {
			con.Warnf("can't remove '.' or '..'")
			status = 1
			continue
		}
		if !r.Remove(a) {
			status = 1
		}
	}
	if err := out.Flush(); err != nil {
		return applet.Perror(err, "write error")
	}
	return applet.Exit(status)
}
