// Package cp is the cp applet: BusyBox's cp (FEATURE_NON_POSIX_CP, long
// options, --parents, --remove-destination).
package cp

import (
	"gobox/internal/applet"
	"gobox/internal/console"
	"gobox/internal/fscopy"
	"gobox/internal/makedir"
	"gobox/internal/opt"
	"gobox/internal/pathname"
)

// Applet is cp's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name: "cp",
	Path: "/bin",
	Usage: "[-arPLHpfinlsTu] SOURCE DEST\n" +
		"or: cp [-arPLHpfinlsu] SOURCE... { -t DIRECTORY | DIRECTORY }",
	Help: `Copy SOURCEs to DEST

	-a	Same as -dpR
	-R,-r	Recurse
	-d,-P	Preserve symlinks (default if -R)
	-L	Follow all symlinks
	-H	Follow symlinks on command line
	-p	Preserve file attributes if possible
	-f	Overwrite
	-i	Prompt before overwrite
	-n	Don't overwrite
	-l,-s	Create (sym)links
	-T	Refuse to copy if DEST is a directory
	-t DIR	Copy all SOURCEs into DIR
	-u	Copy only newer files`,
	Options: &opt.Spec{
		Short: "pdRfinlsLHarPvuTt:",
		Long: "archive=a force=f interactive=i no-clobber=n link=l dereference=L " +
			"no-dereference=P recursive=R symbolic-link=s no-target-directory=T " +
			"target-directory=t verbose=v update=u remove-destination parents reflink::",
		Exclusive:    []string{"in"},
		Conflicts:    []string{"l s"},
		Implies:      []string{"P=d", "r=Rd", "R=d", "a=pdR"},
		MinArgs:      1,
		Undocumented: "v remove-destination parents reflink",
	},
	NoFork: true,
	Main:   run,
}

func run(ctx *applet.Ctx, args []string) error {
	o, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	flags := copyFlags(o)
	if o.Has("reflink") {
		// A bare --reflink means always, as in GNU and BusyBox cp.
		switch o.Str("reflink") {
		case "", "always":
			flags |= fscopy.ReflinkAlways
		case "auto":
			flags |= fscopy.Reflink
		default:
			return applet.Usage("")
		}
	}
	srcs, last, many, err := fscopy.Operands(o.Args, o.Str("t"), o.Has("t"), o.Has("T"))
	if err != nil {
		return err
	}
	con := console.New(ctx)
	defer con.Flush()
	c := &fscopy.Copier{
		Flags:   flags,
		Name:    ctx.Name,
		Resolve: ctx.Path,
		Warnf:   con.Warnf,
		Stdout:  con.Out,
		Prompt:  con.Prompt,
		Context: ctx,
		Umask:   ctx.Umask,
	}
	if !many {
		done, err := copyOne(ctx, c, o, srcs[0], last)
		if done || err != nil {
			return err
		}
	}
	return copyInto(ctx, c, con, o.Has("parents"), srcs, last)
}

// copyFlags turns cp's options into the copier's flags.
func copyFlags(o *opt.Result) fscopy.Flags {
	var flags fscopy.Flags
	for _, f := range []struct {
		opt  string
		flag fscopy.Flags
	}{
		{"p", fscopy.Preserve}, {"R", fscopy.Recursive}, {"f", fscopy.Force},
		{"i", fscopy.Interactive}, {"n", fscopy.NoClobber}, {"l", fscopy.HardLink},
		{"s", fscopy.SymLink}, {"H", fscopy.DerefTop}, {"v", fscopy.Verbose},
		{"u", fscopy.Update}, {"remove-destination", fscopy.RemoveDest},
	} {
		if o.Has(f.opt) {
			flags |= f.flag
		}
	}
	if !o.Has("d") || o.Has("L") {
		flags |= fscopy.Deref
	}
	return flags
}

// copyOne handles a single SOURCE and DEST that is not an existing
// directory (or -T): the copy is made under DEST's own name. done is
// false when DEST is a directory to copy SOURCE into instead.
func copyOne(ctx *applet.Ctx, c *fscopy.Copier, o *opt.Result, src, dest string) (done bool, err error) {
	s, err := fscopy.Stat(ctx, src, c.Flags&fscopy.Deref != 0)
	if err != nil {
		return true, err
	}
	d, err := fscopy.Stat(ctx, dest, true)
	if err != nil {
		return true, err
	}
	noTarget := o.Has("T")
	if noTarget && s != fscopy.Dir && d == fscopy.Dir {
		return true, applet.Errorf("'%s' is a directory", dest)
	}
	if o.Has("parents") && d != fscopy.Dir {
		return true, applet.Errorf("with --parents, the destination must be a directory")
	}
	if c.Flags&fscopy.RemoveDest != 0 {
		c.Flags |= fscopy.Force
	}
	direct := s != fscopy.Dir && d != fscopy.Dir ||
		c.Flags&fscopy.Recursive != 0 && s == fscopy.Dir && d == fscopy.Missing ||
		noTarget
	if !direct {
		return false, nil
	}
	if !c.Copy(src, dest) {
		return true, applet.Exit(1)
	}
	return true, nil
}

// copyInto copies each source into directory dir: under its base name,
// or with --parents under its whole name, making the directories.
func copyInto(ctx *applet.Ctx, c *fscopy.Copier, con *console.Console, parents bool, srcs []string, dir string) error {
	status := 0
	for _, src := range srcs {
		if ctx.Cancelled() {
			return applet.Exit(1)
		}
		var dest string
		if parents {
			dest = pathname.Join(dir, src)
			md := &makedir.MakeDir{Mode: -1, Parents: true, Resolve: ctx.Path, Warnf: con.Warnf, Umask: ctx.Umask}
			if !md.Make(pathname.Dir(dest)) {
				return applet.Exit(1)
			}
		} else {
			src = pathname.StripSlashes(src)
			dest = pathname.Join(dir, pathname.Base(src))
		}
		if !c.Copy(src, dest) {
			status = 1
		}
	}
	return applet.Exit(status)
}
