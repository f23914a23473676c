// Package rm is the rm applet: BusyBox's rm with -f, -i, -R/-r and -v.
package rm

import (
	"bufio"
	"io"

	"gobox/internal/applet"
	"gobox/internal/copy"
	"gobox/internal/opt"
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
	NoFork: true,
	Main:   run,
}

func run(ctx *applet.Ctx, args []string) error {
	o, err := opt.Parse(&opt.Spec{Short: "fiRrv", Exclusive: []string{"fi"}}, args)
	if err != nil {
		return err
	}
	if len(o.Args) == 0 {
		if o.Has("f") {
			return nil
		}
		return applet.Usage("")
	}
	out := bufio.NewWriter(ctx.Stdout)
	defer out.Flush()
	r := &copy.Remover{
		Force:       o.Has("f"),
		Interactive: o.Has("i"),
		Recursive:   o.Has("R") || o.Has("r"),
		Verbose:     o.Has("v"),
		Name:        ctx.Name,
		Resolve:     ctx.Path,
		Warnf:       func(f string, a ...any) { out.Flush(); ctx.Warnf(f, a...) },
		Stdout:      out,
		Prompt: func(p string) bool {
			out.Flush()
			io.WriteString(ctx.Stderr, p)
			return copy.AskYes(ctx.Stdin)
		},
		StdinTTY:  termwidth.IsTerminal(ctx.Stdin),
		Cancelled: ctx.Cancelled,
	}
	status := 0
	for _, a := range o.Args {
		if ctx.Cancelled() {
			return applet.Exit(1)
		}
		a = copy.StripSlashes(a)
		if b := copy.Base(a); b == "." || b == ".." {
			out.Flush()
			ctx.Warnf("can't remove '.' or '..'")
			status = 1
			continue
		}
		if !r.Remove(a) {
			status = 1
		}
	}
	if err := out.Flush(); err != nil {
		return applet.Errorf("write error: %s", applet.ErrText(err))
	}
	return applet.Exit(status)
}
