// Package cpio is the cpio applet: BusyBox 1.36's cpio as Alpine builds
// it: extract (-i) or list (-t) newc and crc archives, create newc
// archives (-o -H newc) from a list of names, copy trees (-p DIR), with
// -d -m -u -v -F -R -L -0 --quiet --to-stdout --ignore-devno
// --renumber-inodes, the same listing, messages and statuses. Beyond
// BusyBox it reads odc and old binary archives and writes odc and crc
// (-H odc, -H crc), and never writes outside the current directory.
//
// Archives are read and written by internal/cpiofmt and extracted by
// internal/untar; memory does not grow with the archive's data.
package cpio

import (
	"os"
	"strings"

	"gobox/internal/applet"
	"gobox/internal/cpiofmt"
	"gobox/internal/opt"
	"gobox/internal/userdb"
)

// Applet is cpio's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "cpio",
	Path:  "/bin",
	Usage: "[-dmvu] [-F FILE] [-R USER[:GRP]] [-H newc] [-tio] [-p DIR] [EXTR_FILE]...",
	Help: `Extract (-i) or list (-t) files from a cpio archive, or
take file list from stdin and create an archive (-o) or copy files (-p)

Main operation mode:
	-t	List
	-i	Extract EXTR_FILEs (or all)
	-o	Create (requires -H newc)
	-p DIR	Copy files to DIR
Options:
	-H newc	Archive format
	-d	Make leading directories
	-m	Restore mtime
	-v	Verbose
	-u	Overwrite
	-F FILE	Input (-t,-i,-p) or output (-o) file
	-R USER[:GRP]	Set owner of created files
	-L	Dereference symlinks
	-0	NUL terminated input
	--ignore-devno
	--renumber-inodes`,
	Options: &opt.Spec{
		Short: "it0uvdmLF:R:oH:p",
		Long: "extract=i list=t create=o format=H pass-through=p verbose=v null=0 owner=R " +
			"quiet to-stdout ignore-devno renumber-inodes",
		Undocumented: "quiet to-stdout",
	},
	NoFork: true,
	// -p writes the archive in one goroutine and extracts it in another.
	Parallel: true,
	Main:     run,
}

// cpio is one run's settings.
type cpio struct {
	ctx      *applet.Ctx
	o        *opt.Result
	format   cpiofmt.Format
	uid, gid int // -R, or unchanged
	verbose  bool
	quiet    bool
}

func run(ctx *applet.Ctx, args []string) error {
	o, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	c := &cpio{ctx: ctx, o: o, uid: unchanged, gid: unchanged,
		verbose: o.Has("v"), quiet: o.Has("quiet")}
	if o.Has("R") {
		if c.uid, c.gid, err = parseOwner(o.Str("R"), userdb.DB{}); err != nil {
			return err
		}
	}
	if o.Has("p") {
		if len(o.Args) == 0 {
			return applet.Usage("")
		}
		return c.pass(o.Args[0])
	}
	if o.Has("o") {
		// BusyBox wants a format whose name starts with 'n' (newc);
		// gobox also writes crc and odc.
		switch f := o.Str("H"); {
		case f == "crc":
			c.format = cpiofmt.CRC
		case f == "odc":
			c.format = cpiofmt.ODC
		case strings.HasPrefix(f, "n"):
			c.format = cpiofmt.Newc
		default:
			return applet.Usage("")
		}
		return c.create()
	}
	if !o.Has("t") && !o.Has("i") {
		return applet.Usage("")
	}
	in := ctx.Stdin
	if f := ctx.File(0); f != nil {
		in = f
	}
	if o.Has("F") {
		name := o.Str("F")
		f, err := os.Open(ctx.Path(name))
		if err != nil {
			return applet.Perror(err, "can't open '%s'", name)
		}
		defer f.Close()
		in = f
	}
	return c.read(in, ctx.Dir, o.Args)
}
