// Package realpath is the realpath applet: print the canonical absolute
// names of files.
package realpath

import (
	"gobox/internal/applet"
	rp "gobox/internal/canonpath"
	"gobox/internal/opt"
)

// Applet is realpath's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:    "realpath",
	Path:    "/usr/bin",
	Usage:   "FILE...",
	Help:    `Print absolute pathnames of FILEs`,
	Options: &opt.Spec{Manual: true},
	NoFork:  true,
	Main:    run,
}

// run takes no options, like BusyBox: every argument is a FILE.
func run(ctx *applet.Ctx, args []string) error {
	if len(args) == 0 {
		return applet.Usage("")
	}
	cwd := rp.PhysicalDir(ctx.Dir)
	w := ctx.BufWriter(ctx.Stdout, 0)
	status := 0
	for _, name := range args {
		p, err := rp.Coreutils(cwd, name)
		if err != nil {
			w.Flush()
			ctx.Perror(err, "%s", name)
			status = 1
			continue
		}
		w.WriteString(p)
		if err := w.WriteByte('\n'); err != nil {
			return applet.Perror(err, "standard output")
		}
	}
	if err := w.Flush(); err != nil {
		// BusyBox's fflush_stdout_and_exit.
		return applet.Perror(err, "standard output")
	}
	return applet.Exit(status)
}
