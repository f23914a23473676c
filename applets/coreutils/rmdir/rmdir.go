// Package rmdir is the rmdir applet: BusyBox's rmdir with -p, -v and
// --ignore-fail-on-non-empty.
package rmdir

import (
	"bufio"
	"fmt"

	"gobox/internal/applet"
	"gobox/internal/copy"
	"gobox/internal/opt"

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
	NoFork: true,
	Main:   run,
}

func run(ctx *applet.Ctx, args []string) error {
	o, err := opt.Parse(&opt.Spec{Short: "pv", Long: "parents=p ignore-fail-on-non-empty verbose=v"}, args)
	if err != nil {
		return err
	}
	if len(o.Args) == 0 {
		return applet.Usage("")
	}
	out := bufio.NewWriter(ctx.Stdout)
	defer out.Flush()
	status := 0
	for _, path := range o.Args {
		for {
			if o.Has("v") {
				fmt.Fprintf(out, "rmdir: removing directory, '%s'\n", path)
			}
			if err := unix.Rmdir(ctx.Path(path)); err != nil {
				if o.Has("ignore-fail-on-non-empty") && err == unix.ENOTEMPTY {
					break
				}
				out.Flush()
				ctx.Warnf("'%s': %s", path, applet.ErrText(err))
				status = 1
			} else if o.Has("p") {
				path = copy.Dir(path)
				if path != "." {
					continue
				}
			}
			break
		}
	}
	out.Flush()
	return applet.Exit(status)
}
