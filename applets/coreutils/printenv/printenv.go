// Package printenv is the printenv applet: print all or part of the
// environment.
package printenv

import (
	"strings"

	"gobox/internal/applet"
	"gobox/internal/opt"
)

// Applet is printenv's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "printenv",
	Path:  "/bin",
	Usage: "[VARIABLE]...",
	Help: `Print environment VARIABLEs.
If no VARIABLE specified, print all.`,
	Options: &opt.Spec{Manual: true},
	NoFork:  true,
	Main:    main,
}

// main takes no options: every argument is a variable name.
func main(ctx *applet.Ctx, args []string) error {
	w := ctx.BufWriter(ctx.Stdout, 0)
	status := 0
	if len(args) == 0 {
		for _, kv := range ctx.Environ() {
			w.WriteString(kv)
			w.WriteByte('\n')
		}
	}
	for _, name := range args {
		// getenv never matches a name that is empty or holds '='.
		v, ok := ctx.LookupEnv(name)
		if !ok || name == "" || strings.Contains(name, "=") {
			status = 1
			continue
		}
		w.WriteString(v)
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		// BusyBox's fflush_stdout_and_exit.
		return applet.Perror(err, "standard output")
	}
	return applet.Exit(status)
}
