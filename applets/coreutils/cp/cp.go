// Package cp is the cp applet: BusyBox's cp (FEATURE_NON_POSIX_CP, long
// options, --parents, --remove-destination).
package cp

import (
	"bufio"
	"io"

	"gobox/internal/applet"
	"gobox/internal/copy"
	"gobox/internal/opt"

	"golang.org/x/sys/unix"
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

// statKind is cp_mv_stat2: 0 missing, 1 exists, 3 directory, -1 error.
func statKind(ctx *applet.Ctx, name string, follow bool) int {
	var st unix.Stat_t
	var err error
	if follow {
		err = unix.Stat(ctx.Path(name), &st)
	} else {
		err = unix.Lstat(ctx.Path(name), &st)
	}
	if err != nil {
		if err == unix.ENOENT {
			return 0
		}
		ctx.Warnf("can't stat '%s': %s", name, applet.ErrText(err))
		return -1
	}
	if st.Mode&unix.S_IFMT == unix.S_IFDIR {
		return 3
	}
	return 1
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
	srcs := o.Args
	out := bufio.NewWriter(ctx.Stdout)
	defer out.Flush()
	warn := func(f string, a ...any) { out.Flush(); ctx.Warnf(f, a...) }
	c := &copy.Copier{
		Flags:   flags,
		Name:    ctx.Name,
		Resolve: ctx.Path,
		Warnf:   warn,
		Stdout:  out,
		Prompt: func(p string) bool {
			out.Flush()
			io.WriteString(ctx.Stderr, p)
			return copy.AskYes(ctx.Stdin)
		},
		Cancelled: ctx.Cancelled,
	}
	var last string
	if o.Has("t") {
		last = o.Str("t")
	} else {
		if len(srcs) < 2 {
			return applet.Usage("")
		}
		last = srcs[len(srcs)-1]
		srcs = srcs[:len(srcs)-1]
		if len(srcs) > 1 {
			if noTarget {
				return applet.Usage("")
			}
		} else {
			s := statKind(ctx, srcs[0], flags&copy.Deref != 0)
			if s < 0 {
				return applet.Exit(1)
			}
			d := statKind(ctx, last, true)
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
				out.Flush()
				if !ok {
					return applet.Exit(1)
				}
				return nil
			}
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
			md := &copy.MakeDir{Mode: -1, Parents: true, Resolve: ctx.Path, Warnf: warn}
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
	out.Flush()
	return applet.Exit(status)
}
