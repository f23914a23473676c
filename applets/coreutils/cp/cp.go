// Package cp is the cp applet: BusyBox's cp (FEATURE_NON_POSIX_CP, long
// options, --parents, --remove-destination).
package cp

import (
	"gobox/internal/applet"
	"gobox/internal/copy"
	"gobox/internal/opt"
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
	NoFork: true,
	Main:   run,
}

func run(ctx *applet.Ctx, args []string) error {
	o, err := opt.Parse(&opt.Spec{
		Short: "pdRfinlsLHarPvuTt:",
		Long: "archive=a force=f interactive=i no-clobber=n link=l dereference=L " +
			"no-dereference=P recursive=R symbolic-link=s no-target-directory=T " +
			"target-directory=t verbose=v update=u remove-destination parents reflink::",
		Exclusive: []string{"in"},
		Conflicts: []string{"l s"},
		Implies:   []string{"P=d", "r=Rd", "R=d", "a=pdR"},
		MinArgs:   1,
	}, args)
	if err != nil {
		return err
	}
	var flags copy.Flags
	for k, f := range map[string]copy.Flags{
		"p": copy.Preserve, "R": copy.Recursive, "f": copy.Force, "i": copy.Interactive,
		"n": copy.NoClobber, "l": copy.HardLink, "s": copy.SymLink, "H": copy.DerefTop,
		"v": copy.Verbose, "u": copy.Update,
	} {
		if o.Has(k) {
			flags |= f
		}
	}
	if !o.Has("d") || o.Has("L") {
		flags |= copy.Deref
	}
	if o.Has("remove-destination") {
		flags |= copy.RemoveDest
	}
	if o.Has("reflink") {
		if v := o.Str("reflink"); v != "" && v != "always" && v != "auto" {
			return applet.Usage("")
		}
	}
	parents := o.Has("parents")
	noTarget := o.Has("T")
	con := copy.NewConsole(ctx)
	defer con.Flush()
	c := &copy.Copier{
		Flags:     flags,
		Name:      ctx.Name,
		Resolve:   ctx.Path,
		Warnf:     con.Warnf,
		Stdout:    con.Out,
		Prompt:    con.Prompt,
		Cancelled: ctx.Cancelled,
	}
	srcs, last, many, err := copy.Operands(o.Args, o.Str("t"), o.Has("t"), noTarget)
	if err != nil {
		return err
	}
	if !many {
		s := copy.StatKind(ctx, srcs[0], flags&copy.Deref != 0)
		if s < 0 {
			return applet.Exit(1)
		}
		d := copy.StatKind(ctx, last, true)
		if d < 0 {
			return applet.Exit(1)
		}
		if noTarget && s&2 == 0 && d&2 != 0 {
			return applet.Errorf("'%s' is a directory", last)
		}
		if parents && d&2 == 0 {
			return applet.Errorf("with --parents, the destination must be a directory")
		}
		if flags&copy.RemoveDest != 0 {
			c.Flags |= copy.Force
		}
		if (s|d)&2 == 0 || (flags&copy.Recursive != 0 && s&2 != 0 && d == 0) || noTarget {
			ok := c.Copy(srcs[0], last)
			con.Flush()
			if !ok {
				return applet.Exit(1)
			}
			return nil
		}
	}
	status := 0
	for _, src := range srcs {
		if ctx.Cancelled() {
			return applet.Exit(1)
		}
		var dest string
		if parents {
			dest = copy.JoinPath(last, src)
			md := &copy.MakeDir{Mode: -1, Parents: true, Resolve: ctx.Path, Warnf: con.Warnf}
			if !md.Make(copy.Dir(dest)) {
				return applet.Exit(1)
			}
		} else {
			src = copy.StripSlashes(src)
			dest = copy.JoinPath(last, copy.Base(src))
		}
		if !c.Copy(src, dest) {
			status = 1
		}
	}
	con.Flush()
	return applet.Exit(status)
}
