// Package ln is the ln applet: BusyBox's ln with -s, -f, -n, -b, -S, -v
// and -T.
package ln

import (
	"bufio"
	"fmt"

	"gobox/internal/applet"
	"gobox/internal/opt"
	"gobox/internal/pathname"

	"golang.org/x/sys/unix"
)

// Applet is ln's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "ln",
	Path:  "/bin",
	Usage: "[-sfnbtv] [-S SUF] TARGET... LINK|DIR",
	Help: `Create a link LINK or DIR/TARGET to the specified TARGET(s)

	-s	Make symlinks instead of hardlinks
	-f	Remove existing destinations
	-n	Don't dereference symlinks - treat like normal file
	-b	Make a backup of the target (if exists) before link operation
	-S SUF	Use suffix instead of ~ when making backup files
	-T	Treat LINK as a file, not DIR
	-v	Verbose`,
	Options: &opt.Spec{Short: "sfnbS:vT", MinArgs: 1},
	NoFork:  true,
	Main:    run,
}

func run(ctx *applet.Ctx, args []string) error {
	o, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	a := o.Args
	if o.Has("T") && len(a) > 2 {
		return applet.Errorf("-T accepts 2 args max")
	}
	var targets []string
	var last string
	if len(a) == 1 {
		targets = a
		last = pathname.Base(a[0])
	} else {
		targets = a[:len(a)-1]
		last = a[len(a)-1]
	}
	suffix := o.StrOr("S", "~")
	out := bufio.NewWriter(ctx.Stdout)
	perror := func(name string, err error) {
		out.Flush()
		ctx.Perror(err, "%s", name)
	}
	status := 0
	for _, target := range targets {
		src := last
		var st unix.Stat_t
		var serr error
		if o.Has("n") || o.Has("T") {
			serr = unix.Lstat(ctx.Path(src), &st)
		} else {
			serr = unix.Stat(ctx.Path(src), &st)
		}
		if serr == nil && st.Mode&unix.S_IFMT == unix.S_IFDIR {
			if o.Has("T") {
				out.Flush()
				return applet.Errorf("'%s' is a directory", src)
			}
			src = pathname.Join(src, pathname.Base(target))
		}
		if !o.Has("s") {
			if err := unix.Stat(ctx.Path(target), &st); err != nil {
				if lerr := unix.Lstat(ctx.Path(target), &st); lerr != nil || st.Mode&unix.S_IFMT != unix.S_IFLNK {
					if lerr != nil {
						err = lerr
					}
					perror(target, err)
					status = 1
					continue
				}
			}
		}
		sp := ctx.Path(src)
		if o.Has("b") {
			if err := unix.Rename(sp, ctx.Path(src+suffix)); err != nil && err != unix.ENOENT {
				perror(src, err)
				status = 1
				continue
			}
			unix.Unlink(sp)
		} else if o.Has("f") {
			unix.Unlink(sp)
		}
		if o.Has("v") {
			if _, err := fmt.Fprintf(out, "'%s' -> '%s'\n", src, target); err != nil {
				return applet.Perror(err, "write error")
			}
		}
		var err error
		if o.Has("s") {
			err = unix.Symlink(target, sp)
		} else {
			err = unix.Link(ctx.Path(target), sp)
		}
		if err != nil {
			perror(src, err)
			status = 1
		}
	}
	if err := out.Flush(); err != nil {
		return applet.Perror(err, "write error")
	}
	return applet.Exit(status)
}
