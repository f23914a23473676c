// Package mv is the mv applet: BusyBox's mv with -f, -i, -n, -T, -t and
// -v. Across filesystems it copies (keeping attributes) and removes the
// source only when the copy fully succeeded.
package mv

import (
	"fmt"
	"io"

	"gobox/internal/applet"
	"gobox/internal/copy"
	"gobox/internal/opt"
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
	NoFork: true,
	Main:   run,
}

func run(ctx *applet.Ctx, args []string) error {
	o, err := opt.Parse(&opt.Spec{
		Short: "finTt:v",
		Long: "interactive=i force=f no-clobber=n no-target-directory=T " +
			"target-directory=t verbose=v",
		Exclusive: []string{"fin"},
		Conflicts: []string{"t T"},
		MinArgs:   1,
	}, args)
	if err != nil {
		return err
	}
	con := copy.NewConsole(ctx)
	defer con.Flush()
	out := con.Out
	tty := termwidth.IsTerminal(ctx.Stdin)
	srcs, last, many, err := copy.Operands(o.Args, o.Str("t"), o.Has("t"), o.Has("T"))
	if err != nil {
		return err
	}
	single := false
	destExists := 0
	if !many {
		destExists = copy.StatKind(ctx, last, true)
		if destExists < 0 {
			return applet.Exit(1)
		}
		if destExists&2 == 0 {
			single = true
		} else if o.Has("T") {
			var st unix.Stat_t
			if unix.Stat(ctx.Path(srcs[0]), &st) == nil && st.Mode&unix.S_IFMT != unix.S_IFDIR {
				return applet.Errorf("'%s' is a directory", last)
			}
			single = true
		}
	}
	status := 0
	for _, src := range srcs {
		if ctx.Cancelled() {
			return applet.Exit(1)
		}
		dest := last
		if !single {
			src = copy.StripSlashes(src)
			dest = copy.JoinPath(last, copy.Base(src))
			destExists = copy.StatKind(ctx, dest, true)
			if destExists < 0 {
				status = 1
				verbose(out, o.Has("v"), src, dest)
				continue
			}
		}
		if !move(ctx, o, src, dest, destExists, tty, con) {
			status = 1
		}
		verbose(out, o.Has("v"), src, dest)
	}
	out.Flush()
	return applet.Exit(status)
}

func verbose(w io.Writer, on bool, src, dest string) {
	if on {
		fmt.Fprintf(w, "'%s' -> '%s'\n", src, dest)
	}
}

func move(ctx *applet.Ctx, o *opt.Result, src, dest string, destExists int, tty bool, con *copy.Console) bool {
	warn, prompt := con.Warnf, con.Prompt
	dp := ctx.Path(dest)
	if destExists != 0 {
		if o.Has("n") {
			return true
		}
		if !o.Has("f") && ((tty && unix.Access(dp, unix.W_OK) != nil) || o.Has("i")) {
			if !prompt(fmt.Sprintf("%s: overwrite '%s'? ", ctx.Name, dest)) {
				return true
			}
		}
	}
	err := unix.Rename(ctx.Path(src), dp)
	if err == nil {
		return true
	}
	if err != unix.EXDEV {
		warn("can't rename '%s': %s", src, applet.ErrText(err))
		return false
	}
	var st unix.Stat_t
	srcExists := 1
	if serr := unix.Lstat(ctx.Path(src), &st); serr != nil {
		if serr != unix.ENOENT {
			warn("can't stat '%s': %s", src, applet.ErrText(serr))
		}
		warn("can't rename '%s': %s", src, applet.ErrText(serr))
		return false
	} else if st.Mode&unix.S_IFMT == unix.S_IFDIR {
		srcExists = 3
	}
	const msg = "can't overwrite %sdirectory with %sdirectory"
	if destExists != 0 {
		if destExists == 3 {
			if srcExists != 3 {
				warn(msg, "", "non-")
				return false
			}
		} else if srcExists == 3 {
			warn(msg, "non-", "")
			return false
		}
		if err := unix.Unlink(dp); err != nil {
			warn("can't remove '%s': %s", dest, applet.ErrText(err))
			return false
		}
	}
	c := &copy.Copier{
		Flags:     copy.Recursive | copy.Preserve,
		Name:      ctx.Name,
		Resolve:   ctx.Path,
		Warnf:     warn,
		Prompt:    prompt,
		Cancelled: ctx.Cancelled,
	}
	if !c.Copy(src, dest) {
		return false
	}
	r := &copy.Remover{Force: true, Recursive: true, Name: ctx.Name, Resolve: ctx.Path, Warnf: warn}
	return r.Remove(src)
}
