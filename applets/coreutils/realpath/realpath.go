// Package realpath is the realpath applet: print the canonical absolute
// names of files.
package realpath

import (
	"bufio"

	"gobox/internal/applet"
	rp "gobox/internal/realpath"
)

// Applet is realpath's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:   "realpath",
	Path:   "/usr/bin",
	Usage:  "FILE...",
	Help:   `Print absolute pathnames of FILEs`,
	NoFork: true,
	Main:   run,
}

// run takes no options, like BusyBox: every argument is a FILE.
func run(ctx *applet.Ctx, args []string) error {
	if len(args) == 0 {
		return applet.Usage("")
	}
	cwd := rp.PhysicalDir(ctx.Dir)
	w := bufio.NewWriter(ctx.Stdout)
	status := 0
	for _, name := range args {
		p, err := rp.Coreutils(cwd, name)
		if err != nil {
			w.Flush()
			ctx.Warnf("%s: %s", name, applet.ErrText(err))
			status = 1
			continue
		}
		w.WriteString(p)
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return applet.Exit(status)
}
