// Package mv is the mv applet: BusyBox's mv with -f, -i, -n, -T, -t and
// -v. Across filesystems it copies (keeping attributes) and removes the
// source only when the copy fully succeeded.
package mv

import (
	"fmt"

	"gobox/internal/applet"
	"gobox/internal/console"
	"gobox/internal/fscopy"
	"gobox/internal/fsremove"
	"gobox/internal/opt"
	"gobox/internal/pathname"
	"gobox/internal/termwidth"

	"golang.org/x/sys/unix"
)

// Applet is mv's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name: "mv",
	Path: "/bin",
	Usage: "[-finT] SOURCE DEST\n" +
		"or: mv [-fin] SOURCE... { -t DIRECTORY | DIRECTORY }",
	Help: `Rename SOURCE to DEST, or move SOURCEs to DIRECTORY

	-f	Don't prompt before overwriting
	-i	Interactive, prompt before overwrite
	-n	Don't overwrite an existing file
	-T	Refuse to move if DEST is a directory
	-t DIR	Move all SOURCEs into DIR`,
	Options: &opt.Spec{
		Short: "finTt:v",
		Long: "interactive=i force=f no-clobber=n no-target-directory=T " +
			"target-directory=t verbose=v",
		Exclusive:    []string{"fin"},
		Conflicts:    []string{"t T"},
		MinArgs:      1,
		Undocumented: "v",
	},
	NoFork: true,
	Main:   run,
}

func run(ctx *applet.Ctx, args []string) error {
	o, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	srcs, last, many, err := fscopy.Operands(o.Args, o.Str("t"), o.Has("t"), o.Has("T"))
	if err != nil {
		return err
	}
	m := &mover{ctx: ctx, o: o, con: console.New(ctx), tty: termwidth.IsTerminal(ctx.File(0))}
	defer m.con.Flush()
	var into bool
	var dest fscopy.Kind
	if !many {
		if into, dest, err = m.intoDir(srcs[0], last); err != nil {
			return err
		}
	}
	if !many && !into {
		return applet.Exit(m.moveOne(srcs[0], last, dest))
	}
	status := 0
	for _, src := range srcs {
		if ctx.Cancelled() {
			return applet.Exit(1)
		}
		src = pathname.StripSlashes(src)
		if m.moveOne(src, pathname.Join(last, pathname.Base(src)), -1) != 0 {
			status = 1
		}
	}
	return applet.Exit(status)
}

// mover is one mv command.
type mover struct {
	ctx *applet.Ctx
	o   *opt.Result
	con *console.Console
	tty bool // standard input is a terminal: ask before overwriting read-only files
}

// intoDir tells whether a single SOURCE moves into DEST (an existing
// directory, without -T) rather than onto it, and what DEST is.
func (m *mover) intoDir(src, dest string) (bool, fscopy.Kind, error) {
	d, err := fscopy.Stat(m.ctx, dest, true)
	if err != nil || d != fscopy.Dir {
		return false, d, err
	}
	if !m.o.Has("T") {
		return true, d, nil
	}
	var st unix.Stat_t
	if unix.Stat(m.ctx.Path(src), &st) == nil && st.Mode&unix.S_IFMT != unix.S_IFDIR {
		return false, d, applet.Errorf("'%s' is a directory", dest)
	}
	return false, d, nil
}

// moveOne moves src to dest, whose kind is dest (or, when negative, not
// yet known), printing it with -v; it returns the exit status.
func (m *mover) moveOne(src, dest string, kind fscopy.Kind) int {
	status := 0
	if kind < 0 {
		var err error
		if kind, err = fscopy.Stat(m.ctx, dest, true); err != nil {
			m.con.Warnf("%s", err.Error())
			status = 1
		}
	}
	if status == 0 && !m.move(src, dest, kind) {
		status = 1
	}
	if m.o.Has("v") {
		fmt.Fprintf(m.con.Out, "'%s' -> '%s'\n", src, dest)
	}
	return status
}

// move renames src to dest, whose kind is destKind; across file systems
// it copies the tree and removes the source once the copy is complete.
func (m *mover) move(src, dest string, destKind fscopy.Kind) bool {
	ctx, o := m.ctx, m.o
	dp := ctx.Path(dest)
	if destKind != fscopy.Missing {
		if o.Has("n") {
			return true
		}
		if !o.Has("f") && ((m.tty && unix.Access(dp, unix.W_OK) != nil) || o.Has("i")) {
			if !m.con.Prompt(fmt.Sprintf("%s: overwrite '%s'? ", ctx.Name, dest)) {
				return true
			}
		}
	}
	err := unix.Rename(ctx.Path(src), dp)
	if err == nil {
		return true
	}
	if err != unix.EXDEV {
		m.con.Perror(err, "can't rename '%s'", src)
		return false
	}
	if !m.clearDest(src, dest, destKind) {
		return false
	}
	c := &fscopy.Copier{
		Flags:   fscopy.Recursive | fscopy.Preserve,
		Name:    ctx.Name,
		Resolve: ctx.Path,
		Warnf:   m.con.Warnf,
		Prompt:  m.con.Prompt,
		Context: ctx,
		Umask:   ctx.Umask,
	}
	if !c.Copy(src, dest) {
		return false
	}
	r := &fsremove.Remover{Force: true, Recursive: true, Name: ctx.Name, Resolve: ctx.Path, Warnf: m.con.Warnf}
	return r.Remove(src)
}

// clearDest prepares a move across file systems: a directory replaces
// only a directory, and anything else only a non-directory, which is
// removed first.
func (m *mover) clearDest(src, dest string, destKind fscopy.Kind) bool {
	var st unix.Stat_t
	if err := unix.Lstat(m.ctx.Path(src), &st); err != nil {
		if err != unix.ENOENT {
			m.con.Perror(err, "can't stat '%s'", src)
		}
		m.con.Perror(err, "can't rename '%s'", src)
		return false
	}
	if destKind == fscopy.Missing {
		return true
	}
	srcDir := st.Mode&unix.S_IFMT == unix.S_IFDIR
	const msg = "can't overwrite %sdirectory with %sdirectory"
	switch {
	case destKind == fscopy.Dir && !srcDir:
		m.con.Warnf(msg, "", "non-")
		return false
	case destKind != fscopy.Dir && srcDir:
		m.con.Warnf(msg, "non-", "")
		return false
	}
	if err := unix.Unlink(m.ctx.Path(dest)); err != nil {
		m.con.Perror(err, "can't remove '%s'", dest)
		return false
	}
	return true
}
