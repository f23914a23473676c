// Package mkdir is the mkdir applet: BusyBox's mkdir with -m, -p and -v.
package mkdir

import (
	"gobox/internal/applet"
	"gobox/internal/makedir"
	"gobox/internal/mode"
	"gobox/internal/opt"
)

// Applet is mkdir's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "mkdir",
	Path:  "/bin",
	Usage: "[-m MODE] [-p] DIRECTORY...",
	Help: `Create DIRECTORY

	-m MODE	Mode
	-p	No error if exists; make parent directories as needed`,
	Options: &opt.Spec{Short: "m:pv", Long: "mode=m parents=p verbose=v", Undocumented: "v"},
	NoFork:  true,
	Main:    run,
}

func run(ctx *applet.Ctx, args []string) error {
	o, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	m := -1
	if o.Has("m") {
		v, ok := mode.Parse(o.Str("m"), 0o777, uint32(ctx.Umask))
		if !ok {
			return applet.Errorf("invalid mode '%s'", o.Str("m"))
		}
		m = int(v)
	}
	if len(o.Args) == 0 {
		return applet.Usage("")
	}
	out := ctx.BufWriter(ctx.Stdout, 0)
	defer out.Flush()
	md := &makedir.MakeDir{
		Mode:    m,
		Parents: o.Has("p"),
		Verbose: o.Has("v"),
		Stdout:  out,
		Resolve: ctx.Path,
		Warnf:   func(f string, a ...any) { out.Flush(); ctx.Warnf(f, a...) },
		Umask:   ctx.Umask,
	}
	status := 0
	for _, a := range o.Args {
		if !md.Make(a) {
			status = 1
		}
	}
	out.Flush()
	return applet.Exit(status)
}
