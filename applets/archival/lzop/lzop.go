// Package lzop is the lzop, unlzop and lzopcat applets (one package, as
// in BusyBox, where all three are lzop_main over bbunpack): LZO1X-1
// compression at lzop's levels 1 to 6 (7 to 9, LZO1X-999, are not in
// Alpine's build and say so), decompression of every lzop file, -c -d
// -f -t -v -F -C, and lzop's inverted keep: the input stays unless -U.
// Output files are written to a temporary file and renamed into place
// with the input's mode less the umask, as BusyBox creates them.
package lzop

import (
	"gobox/internal/applet"
	"gobox/internal/opt"
)

// digits are the level options, which only lzop's help mentions.
const digits = "1 2 3 4 5 6 7 8 9"

// Applet is lzop's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "lzop",
	Path:  "/bin",
	Usage: "[-cfUvd123456789CF] [FILE]...",
	Help: `	-1..9	Compression level
	-d	Decompress
	-c	Write to stdout
	-f	Force
	-U	Delete input files
	-v	Verbose
	-F	Don't store or verify checksum
	-C	Also write checksum of compressed block`,
	Options: &opt.Spec{
		Short:        "cfUvqdt123456789CFk",
		Undocumented: "q t k",
	},
	NoFork: true,
	Main:   runLzop,
}

// Unlzop is unlzop's entry: lzop -d.
var Unlzop = applet.Applet{
	Name:  "unlzop",
	Path:  "/usr/bin",
	Usage: "[-cfUvF] [FILE]...",
	Help: `	-c	Write to stdout
	-f	Force
	-U	Delete input files
	-t	Test integrity
	-v	Verbose
	-F	Don't verify checksum`,
	Options: &opt.Spec{
		Short:        "cfUvqdt123456789CFk",
		Undocumented: "q d C k " + digits,
	},
	NoFork: true,
	Main:   runUnlzop,
}

// Lzopcat is lzopcat's entry: lzop -dc.
var Lzopcat = applet.Applet{
	Name:  "lzopcat",
	Path:  "/usr/bin",
	Usage: "[-vF] [FILE]...",
	Help: `	-v	Verbose
	-F	Don't verify checksum`,
	Options: &opt.Spec{
		Short:        "cfUvqdt123456789CFk",
		Undocumented: "c f U q d t C k " + digits,
	},
	NoFork: true,
	Main:   runLzopcat,
}

func runLzop(ctx *applet.Ctx, args []string) error    { return run(ctx, args, false, false) }
func runUnlzop(ctx *applet.Ctx, args []string) error  { return run(ctx, args, true, false) }
func runLzopcat(ctx *applet.Ctx, args []string) error { return run(ctx, args, true, true) }

// job is one run: its options and the exit status so far.
type job struct {
	ctx        *applet.Ctx
	decompress bool
	stdout     bool
	test       bool
	force      bool
	keep       bool
	verbose    bool
	noSum      bool // -F
	cSum       bool // -C
	level      int
	status     int
}

func run(ctx *applet.Ctx, args []string, decompress, cat bool) error {
	o, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	j := &job{
		ctx:        ctx,
		decompress: decompress || cat || o.Has("d"),
		stdout:     cat || o.Has("c"),
		test:       o.Has("t"),
		force:      o.Has("f"),
		// lzop keeps its input unless -U, and -k undoes -U.
		keep:    !o.Has("U") || o.Has("k"),
		verbose: o.Has("v"),
		noSum:   o.Has("F"),
		cSum:    o.Has("C"),
		level:   5,
	}
	// Whatever their order, -7..-9 win over -1, and -1 over -2..-6.
	switch {
	case o.Has("7") || o.Has("8") || o.Has("9"):
		j.level = 9
	case o.Has("1"):
		j.level = 1
	}
	files := o.Args
	if len(files) == 0 {
		files = []string{"-"}
	}
	for _, f := range files {
		if err := j.file(f); err != nil {
			return err
		}
		if ctx.Cancelled() {
			return applet.Exit(130)
		}
	}
	return applet.Exit(j.status)
}
