// Package gzip is the gzip, gunzip and zcat applets (one package, as in
// BusyBox, where gunzip and zcat share bbunpack): compression levels -1
// to -9, -c -d -f -k -t -q -v, and from GNU gzip -l, -n/-N, the suffix
// rules and the "trailing garbage ignored" warning. Output files are
// written to a temporary file and renamed into place, with the input's
// mode, owner and times, and the input is removed only after that.
package gzip

import (
	"gobox/internal/applet"
	"gobox/internal/opt"
)

// Applet is gzip's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "gzip",
	Path:  "/bin",
	Usage: "[-cfkdt123456789] [FILE]...",
	Help: `Compress FILEs (or stdin)

	-1..9	Compression level
	-d	Decompress
	-c	Write to stdout
	-f	Force
	-k	Keep input files
	-t	Test integrity`,
	Options: &opt.Spec{
		Short: "cfkvqdtnNl123456789",
		Long: "stdout=c to-stdout=c force=f keep=k verbose=v quiet=q decompress=d uncompress=d test=t " +
			"no-name=n name=N list=l fast=1 best=9",
		Exclusive:    []string{"123456789", "vq"},
		Undocumented: "v q n N l",
	},
	NoFork: true,
	// Decompression runs a few buffers ahead of the writes in a
	// goroutine of its own (readahead.ReadAhead).
	Parallel: true,
	Main:     runGzip,
}

// Gunzip is gunzip's entry.
var Gunzip = applet.Applet{
	Name:  "gunzip",
	Path:  "/bin",
	Usage: "[-cfkt] [FILE]...",
	Help: `Decompress FILEs (or stdin)

	-c	Write to stdout
	-f	Force
	-k	Keep input files
	-t	Test integrity`,
	Options: &opt.Spec{
		Short:        "cfkvqdtnNl",
		Long:         "stdout=c to-stdout=c force=f keep=k verbose=v quiet=q decompress=d uncompress=d test=t no-name=n name=N list=l",
		Exclusive:    []string{"vq"},
		Undocumented: "v q d n N l",
	},
	NoFork: true,
	// Decompression runs a few buffers ahead of the writes in a
	// goroutine of its own (readahead.ReadAhead).
	Parallel: true,
	Main:     runGunzip,
}

// Zcat is zcat's entry: gunzip -c, and with -f plain input passes
// through.
var Zcat = applet.Applet{
	Name:  "zcat",
	Path:  "/bin",
	Usage: "[FILE]...",
	Help:  "Decompress to stdout",
	Options: &opt.Spec{
		Short:        "cfkvqdtnNl",
		Long:         "stdout=c to-stdout=c force=f keep=k verbose=v quiet=q decompress=d uncompress=d test=t no-name=n name=N list=l",
		Exclusive:    []string{"vq"},
		Undocumented: "c f k v q d t n N l",
	},
	NoFork: true,
	// Decompression runs a few buffers ahead of the writes in a
	// goroutine of its own (readahead.ReadAhead).
	Parallel: true,
	Main:     runZcat,
}

// mode is what a run does with each file.
type mode int

const (
	compress mode = iota
	decompress
	test
	list
)

// job is one run: its options and the exit status so far.
type job struct {
	ctx     *applet.Ctx
	mode    mode
	stdout  bool // -c, zcat
	force   bool
	keep    bool
	quiet   bool
	verbose bool
	name    bool // -N
	level   int
	zcat    bool // "seamless" decompression: no suffix needed
	status  int  // 0, 1 (error) or 2 (warning only)

	// -l totals.
	listed            int
	totalIn, totalOut int64
	lastHeaderBytes   int64
	listHeaderPrinted bool
}

func runGzip(ctx *applet.Ctx, args []string) error {
	return run(ctx, args, compress)
}

func runGunzip(ctx *applet.Ctx, args []string) error {
	return run(ctx, args, decompress)
}

func runZcat(ctx *applet.Ctx, args []string) error {
	return run(ctx, args, -1)
}

func run(ctx *applet.Ctx, args []string, m mode) error {
	o, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	j := &job{ctx: ctx, mode: m, level: 6}
	if m < 0 {
		j.mode, j.stdout, j.zcat = decompress, true, true
	}
	j.stdout = j.stdout || o.Has("c")
	j.force, j.keep = o.Has("f"), o.Has("k")
	j.quiet, j.verbose = o.Has("q"), o.Has("v")
	j.name = o.Has("N") && !o.Has("n")
	for l := '1'; l <= '9'; l++ {
		if o.Has(string(l)) {
			j.level = int(l - '0')
		}
	}
	switch {
	case o.Has("l"):
		j.mode = list
	case o.Has("t"):
		j.mode = test
	case o.Has("d"):
		j.mode = decompress
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
	if j.mode == list && j.listed > 1 {
		j.listTotals()
	}
	return applet.Exit(j.status)
}

// fail records an error: status 1.
func (j *job) fail(format string, args ...any) {
	j.ctx.Warnf(format, args...)
	j.status = 1
}

// failErr records an error given as an error value.
func (j *job) failErr(err error) {
	j.ctx.Warnf("%s", applet.ErrText(err))
	j.status = 1
}

// warn records a warning: status 2 unless an error was seen; -q keeps
// it quiet.
func (j *job) warn(format string, args ...any) {
	if !j.quiet {
		j.ctx.Warnf(format, args...)
	}
	if j.status == 0 {
		j.status = 2
	}
}
