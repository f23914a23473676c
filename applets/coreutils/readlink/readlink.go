// Package readlink is the readlink applet: print a symlink's target, or
// with -f the canonical name of a file.
package readlink

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/canonpath"
	"gobox/internal/opt"
)

// Applet is readlink's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "readlink",
	Path:  "/usr/bin",
	Usage: "[-fnv] FILE",
	Help: `Display the value of a symlink

	-f	Canonicalize by following all symlinks
	-n	Don't add newline
	-v	Verbose`,
	Options: &opt.Spec{Short: "fnvsq", MinArgs: 1, MaxArgs: 1, Undocumented: "s q"},
	NoFork:  true,
	Main:    run,
}

// run follows BusyBox: -s and -q are accepted and ignored (errors are
// silent unless -v), exactly one FILE.
func run(ctx *applet.Ctx, args []string) error {
	r, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	name := r.Args[0]
	var out string
	if r.Has("f") {
		out, err = canonpath.Coreutils(canonpath.PhysicalDir(ctx.Dir), name)
		if err != nil {
			return applet.Exit(1)
		}
	} else {
		out, err = os.Readlink(ctx.Path(name))
		if err != nil {
			switch {
			case !r.Has("v"):
			case errors.Is(err, unix.EINVAL):
				// BusyBox's xmalloc_readlink_or_warn: EINVAL's
				// "Invalid argument" would puzzle the user.
				ctx.Warnf("%s: cannot read link: not a symlink", name)
			default:
				ctx.Perror(err, "%s: cannot read link", name)
			}
			return applet.Exit(1)
		}
	}
	w := ctx.BufWriter(ctx.Stdout, 0)
	w.WriteString(out)
	if !r.Has("n") {
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		return applet.Perror(err, "write error")
	}
	return nil
}
