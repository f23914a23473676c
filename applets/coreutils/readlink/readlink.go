// Package readlink is the readlink applet: print a symlink's target, or
// with -f the canonical name of a file.
package readlink

import (
	"bufio"
	"os"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/opt"
	"gobox/internal/realpath"
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
	NoFork: true,
	Main:   run,
}

// run follows BusyBox: -s and -q are accepted and ignored (errors are
// silent unless -v), exactly one FILE.
func run(ctx *applet.Ctx, args []string) error {
	r, err := opt.Parse(&opt.Spec{Short: "fnvsq", MinArgs: 1, MaxArgs: 1}, args)
	if err != nil {
		return err
	}
	name := r.Args[0]
	var out string
	if r.Has("f") {
		out, err = realpath.Coreutils(realpath.PhysicalDir(ctx.Dir), name)
		if err != nil {
			return applet.Exit(1)
		}
	} else {
		out, err = os.Readlink(ctx.Path(name))
		if err != nil {
			if r.Has("v") {
				msg := applet.ErrText(err)
				if pe, ok := err.(*os.PathError); ok && pe.Err == unix.EINVAL {
					msg = "not a symlink"
				}
				ctx.Warnf("%s: cannot read link: %s", name, msg)
			}
			return applet.Exit(1)
		}
	}
	w := bufio.NewWriter(ctx.Stdout)
	w.WriteString(out)
	if !r.Has("n") {
		w.WriteByte('\n')
	}
	return w.Flush()
}
