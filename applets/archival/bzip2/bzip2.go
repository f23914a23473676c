// Package bzip2 is the bzip2, bunzip2 and bzcat applets (one package, as
// in BusyBox, where all three go through bbunpack): compression with
// block sizes -1 to -9 (-s is -2), -c -d -f -k -t -v, BusyBox's messages
// and statuses, and gobox's -T N (blocks coded or decoded N at once; one
// by default, in BusyBox's memory). The formats themselves are internal/codec's bzip2
// entry. Output files are written to a temporary file and renamed into
// place once complete, and the input is removed only after that.
package bzip2

import (
	"strconv"
	"strings"

	"gobox/internal/applet"
	"gobox/internal/opt"
)

// Applet is bzip2's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "bzip2",
	Path:  "/usr/bin",
	Usage: "[-cfkdt123456789] [FILE]...",
	Help: `Compress FILEs (or stdin) with bzip2 algorithm

	-1..9	Compression level
	-d	Decompress
	-c	Write to stdout
	-f	Force
	-k	Keep input files
	-t	Test integrity`,
	Options: &opt.Spec{
		Short: "cfkvdt123456789qzsT:",
		// -T is gobox's (docs/compat/bzip2.md): BusyBox's usage text
		// stays as it is.
		Undocumented: "v q z s T",
	},
	NoFork: true,
	// -T codes (or decodes) bzip2's blocks in goroutines of their own
	// (internal/bzip2w, internal/bzip2r).
	Parallel: true,
	Main:     runBzip2,
}

// Bunzip2 is bunzip2's entry.
var Bunzip2 = applet.Applet{
	Name:  "bunzip2",
	Path:  "/usr/bin",
	Usage: "[-cfk] [FILE]...",
	Help: `Decompress FILEs (or stdin)

	-c	Write to stdout
	-f	Force
	-k	Keep input files
	-t	Test integrity`,
	Options: &opt.Spec{
		Short:        "cfkvqdtT:",
		Undocumented: "v q d T",
	},
	// -T decodes blocks in goroutines of their own (internal/bzip2r).
	Parallel: true,
	NoFork:   true,
	Main:     runBunzip2,
}

// Bzcat is bzcat's entry: bunzip2 -c.
var Bzcat = applet.Applet{
	Name:  "bzcat",
	Path:  "/usr/bin",
	Usage: "[FILE]...",
	Help:  "Decompress to stdout",
	Options: &opt.Spec{
		Short:        "cfkvqdtT:",
		Undocumented: "c f k v q d t T",
	},
	// -T decodes blocks in goroutines of their own (internal/bzip2r).
	Parallel: true,
	NoFork:   true,
	Main:     runBzcat,
}

// mode is what a run does with each file.
type mode int

const (
	compress mode = iota
	decompress
	test
)

// job is one run: its options and the exit status so far.
type job struct {
	ctx     *applet.Ctx
	mode    mode
	stdout  bool // -c, bzcat
	force   bool
	keep    bool
	verbose bool
	level   int
	threads int // -T: blocks at once, 0 one per CPU
	status  int
	outErr  error // a failed write to standard output, reported
}

func runBzip2(ctx *applet.Ctx, args []string) error {
	o, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	if o.Has("d") || o.Has("t") {
		// BusyBox's bzip2 -d and -t hand the whole command line to
		// bunzip2_main, which parses it again with its own options
		// and refuses bzip2's others.
		for _, k := range o.Order() {
			if !strings.Contains("cfkvqdtT", k) {
				return applet.Usage("unrecognized option: %s", k)
			}
		}
		return unpacked(ctx, o)
	}
	j, err := newJob(ctx, o, compress)
	if err != nil {
		return err
	}
	// The smallest block size given wins, as in BusyBox (its getopt
	// bits are scanned from -1 up); -s is -2.
	j.level = 9
	for l := 8; l >= 1; l-- {
		if o.Has(string(rune('0'+l))) || (l == 2 && o.Has("s")) {
			j.level = l
		}
	}
	return j.run(o.Args)
}

func runBunzip2(ctx *applet.Ctx, args []string) error {
	o, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	return unpacked(ctx, o)
}

// unpacked is bunzip2 with options o.
func unpacked(ctx *applet.Ctx, o *opt.Result) error {
	j, err := newJob(ctx, o, decompress)
	if err != nil {
		return err
	}
	if o.Has("t") {
		j.mode = test
	}
	return j.run(o.Args)
}

func runBzcat(ctx *applet.Ctx, args []string) error {
	o, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	j, err := newJob(ctx, o, decompress)
	if err != nil {
		return err
	}
	j.stdout = true
	if o.Has("t") {
		j.mode = test
	}
	return j.run(o.Args)
}

func newJob(ctx *applet.Ctx, o *opt.Result, m mode) (*job, error) {
	j := &job{
		ctx:     ctx,
		mode:    m,
		stdout:  o.Has("c"),
		force:   o.Has("f"),
		keep:    o.Has("k"),
		verbose: o.Has("v"),
		threads: 1,
	}
	if o.Has("T") {
		// xz's and zstd's -T: neither BusyBox nor bzip2 1.0.8 has it.
		n, err := strconv.Atoi(o.Str("T"))
		if err != nil || n < 0 {
			return nil, applet.Errorf("invalid number '%s'", o.Str("T"))
		}
		j.threads = n
	}
	return j, nil
}

func (j *job) run(files []string) error {
	if len(files) == 0 {
		files = []string{"-"}
	}
	for _, f := range files {
		if err := j.file(f); err != nil {
			return err
		}
		if j.ctx.Cancelled() {
			return applet.Exit(130)
		}
	}
	if j.status == 0 {
		return nil
	}
	// The cause tells the runtime that the write error was reported.
	return &applet.ExitError{Code: j.status, Err: j.outErr}
}

// fail reports an error and carries on: status 1.
func (j *job) fail(format string, args ...any) {
	j.ctx.Warnf(format, args...)
	j.status = 1
}
