// Package rmdir is the rmdir applet: BusyBox's rmdir with -p, -v and
// --ignore-fail-on-non-empty.
package rmdir

import (
	"fmt"

	"gobox/internal/applet"
	"gobox/internal/opt"
	"gobox/internal/pathname"

	"golang.org/x/sys/unix"
)

// Applet is rmdir's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "rmdir",
	Path:  "/bin",
	Usage: "[-p] DIRECTORY...",
	Help: `Remove DIRECTORY if it is empty

	-p	Include parents
	--ignore-fail-on-non-empty`,
	Options: &opt.Spec{Short: "pv", Long: "parents=p ignore-fail-on-non-empty verbose=v", Undocumented: "v"},
	NoFork:  true,
	Main:    run,
}

func run(ctx *applet.Ctx, args []string) error {
	o, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	if len(o.Args) == 0 {
		return applet.Usage("")
	}
	out := ctx.BufWriter(ctx.Stdout, 0)
	status := 0
	for _, path := range o.Args {
		for {
			if o.Has("v") {
				if _, err := fmt.Fprintf(out, "rmdir: removing directory, '%s'\n", path); err != nil {
					return applet.Perror(err, "write error")
				}
			}
			if err := unix.Rmdir(ctx.Path(path)); err != nil {
				if o.Has("ignore-fail-on-non-empty") && err == unix.ENOTEMPTY {
					break
				}
				out.Flush()
				ctx.Perror(err, "'%s'", path)
				status = 1
			} else if o.Has("p") {
				path = pathname.Dir(path)
				if path != "." {
					continue
				}
			}
			break
		}
	}
	if err := out.Flush(); err != nil {
		return applet.Perror(err, "write error")
	}
	return applet.Exit(status)
}
