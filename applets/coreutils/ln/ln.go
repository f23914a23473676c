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

// linker is one run of ln: its options, the -v output and the exit status.
type linker struct {
	ctx    *applet.Ctx
	o      *opt.Result
	out    *bufio.Writer
	suffix string // -S, the backup suffix for -b
	status int
}

func run(ctx *applet.Ctx, args []string) error {
	o, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	if o.Has("T") && len(o.Args) > 2 {
		return applet.Errorf("-T accepts 2 args max")
	}
	targets, last := operands(o.Args)
	l := &linker{ctx: ctx, o: o, out: ctx.BufWriter(ctx.Stdout, 0), suffix: o.StrOr("S", "~")}
	for _, target := range targets {
		if err := l.link(target, last); err != nil {
			return err
		}
	}
	if err := l.out.Flush(); err != nil {
		return applet.Perror(err, "write error")
	}
	return applet.Exit(l.status)
}

// operands splits the operands into the targets and the last one, the
// link or directory; a lone TARGET is linked under its base name.
func operands(a []string) (targets []string, last string) {
	if len(a) == 1 {
		return a, pathname.Base(a[0])
	}
	return a[:len(a)-1], a[len(a)-1]
}

// link makes the link to target named last, or last/BASENAME when last is
// a directory. A failure is reported and the run goes on to the next
// target; the error returned ends the run.
func (l *linker) link(target, last string) error {
	src, err := l.linkName(target, last)
	if err != nil {
		return err
	}
	if !l.o.Has("s") {
		if err := l.checkTarget(target); err != nil {
			l.fail(target, err)
			return nil
		}
	}
	if err := l.makeRoom(src); err != nil {
		l.fail(src, err)
		return nil
	}
	if l.o.Has("v") {
		if _, err := fmt.Fprintf(l.out, "'%s' -> '%s'\n", src, target); err != nil {
			return applet.Perror(err, "write error")
		}
	}
	if l.o.Has("s") {
		err = unix.Symlink(target, l.ctx.Path(src))
	} else {
		err = unix.Link(l.ctx.Path(target), l.ctx.Path(src))
	}
	if err != nil {
		l.fail(src, err)
	}
	return nil
}

// linkName is the name of the link to target: last, or target's base
// name inside last when last is a directory (through a symlink unless -n
// or -T). With -T a directory there ends the run.
func (l *linker) linkName(target, last string) (string, error) {
	var st unix.Stat_t
	var err error
	if l.o.Has("n") || l.o.Has("T") {
		err = unix.Lstat(l.ctx.Path(last), &st)
	} else {
		err = unix.Stat(l.ctx.Path(last), &st)
	}
	if err != nil || st.Mode&unix.S_IFMT != unix.S_IFDIR {
		return last, nil
	}
	if l.o.Has("T") {
		l.out.Flush()
		return "", applet.Errorf("'%s' is a directory", last)
	}
	return pathname.Join(last, pathname.Base(target)), nil
}

// checkTarget is the error that makes a hard link to target pointless:
// target must exist, though a dangling symlink will do (link(2) links the
// symlink itself). Stat's error is reported unless lstat fails too.
func (l *linker) checkTarget(target string) error {
	var st unix.Stat_t
	err := unix.Stat(l.ctx.Path(target), &st)
	if err == nil {
		return nil
	}
	if lerr := unix.Lstat(l.ctx.Path(target), &st); lerr != nil {
		return lerr
	}
	if st.Mode&unix.S_IFMT != unix.S_IFLNK {
		return err
	}
	return nil
}

// makeRoom moves an existing src out of the way: renamed to src+SUF with
// -b, removed with -f. A missing src is no error.
func (l *linker) makeRoom(src string) error {
	sp := l.ctx.Path(src)
	if l.o.Has("b") {
		if err := unix.Rename(sp, l.ctx.Path(src+l.suffix)); err != nil && err != unix.ENOENT {
			return err
		}
		// Renaming a file onto a hard link of itself succeeds and does
		// nothing, so src may still be there (as in BusyBox).
		unix.Unlink(sp)
	} else if l.o.Has("f") {
		unix.Unlink(sp)
	}
	return nil
}

// fail reports err for name after what -v printed so far, and makes the
// exit status 1.
func (l *linker) fail(name string, err error) {
	l.out.Flush()
	l.ctx.Perror(err, "%s", name)
	l.status = 1
}
