// Package sort is the sort applet: BusyBox 1.36's sort with the full
// option set of Alpine's build (FEATURE_SORT_BIG): -n -g -h -M -V sorts,
// -k keys with their own options (F[.C][OPTS][,F[.C][OPTS]]), -t, -b, -d,
// -f, -i, -r, -s, -u, -z, -o FILE (which may be an input), -c; -m, -S and
// -T are accepted, and -T DIR also names where temporary runs go.
//
// It compares as BusyBox does, quirks included (see compare.go and
// key.go): a key with options of its own ignores the global ones, the
// end character of a key counts from the start of the line, -n reads
// numbers as atof does, and lines that compare equal are ordered by a
// whole-line comparison unless -s keeps them in input order. Lines end
// at a newline or a NUL byte (at a NUL only with -z).
//
// Unlike BusyBox, which holds every line in memory, sort keeps at most
// about runSize bytes of lines at a time: beyond that it sorts what it
// holds into a temporary file (a "run", in -T DIR, $TMPDIR or /tmp,
// unlinked as soon as it is created) and merges the runs at the end.
package sort

import (
	"fmt"
	"io"
	"os"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/lines"
	"gobox/internal/opt"
)

// Applet is sort's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "sort",
	Path:  "/usr/bin",
	Usage: "[-nrughMcszbdfiokt] [-o FILE] [-k START[.OFS][OPTS][,END[.OFS][OPTS]] [-t CHAR] [FILE]...",
	Help: `Sort lines of text

	-o FILE	Output to FILE
	-c	Check whether input is sorted
	-b	Ignore leading blanks
	-f	Ignore case
	-i	Ignore unprintable characters
	-d	Dictionary order (blank or alphanumeric only)
	-n	Sort numbers
	-g	General numerical sort
	-h	Sort human readable numbers (2K 1G)
	-M	Sort month
	-V	Sort version
	-t CHAR	Field separator
	-k N[,M] Sort by Nth field
	-r	Reverse sort order
	-s	Stable (don't sort ties alphabetically)
	-u	Suppress duplicate lines
	-z	NUL terminated input and output`,
	Options: &opt.Spec{Short: "ngMVhucszbrdfimS:T:o:k:t:", Undocumented: "m S T"},
	NoFork:  true,
	Main:    run,
}

// defaultRunSize is how many bytes of lines (with their bookkeeping)
// sort holds before it writes them out as a sorted run.
const defaultRunSize = 8 << 20

func run(ctx *applet.Ctx, args []string) error {
	return sortMain(ctx, args, defaultRunSize)
}

// fail is how sort dies: BusyBox sets its exit status for errors to 2.
func fail(format string, args ...any) error {
	return &applet.ExitError{Code: 2, Msg: fmt.Sprintf(format, args...)}
}

// sortMain is sort with runs of at most runSize bytes (tests make them
// small to exercise the merge).
func sortMain(ctx *applet.Ctx, args []string, runSize int) error {
	r, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		if ue, ok := err.(*applet.UsageError); ok {
			ue.Code = 2
		}
		return err
	}
	if len(r.List("o")) > 1 || len(r.List("t")) > 1 {
		return &applet.UsageError{Code: 2}
	}
	s, err := newSorter(r)
	if err != nil {
		return err
	}
	files := r.Args
	if len(files) == 0 {
		files = []string{"-"}
	}
	in := &inputs{ctx: ctx, files: files, zero: s.zero}
	if r.Has("c") {
		return s.check(ctx, in)
	}
	s.runSize, s.ctx = runSize, ctx
	s.tmpDir = r.Str("T")
	if s.tmpDir == "" {
		s.tmpDir = ctx.Getenv("TMPDIR")
	}
	if s.tmpDir == "" {
		s.tmpDir = "/tmp"
	}
	s.tmpDir = ctx.Path(s.tmpDir)
	defer s.closeRuns()
	if err := s.read(ctx, in); err != nil {
		return err
	}
	out := ctx.Stdout
	if r.Has("o") {
		// Opened only now, after every input has been read: the output
		// may be one of them.
		name := r.Str("o")
		f, err := openFile(ctx.Path(name), unix.O_WRONLY|unix.O_CREAT|unix.O_TRUNC, 0o666&^uint32(ctx.Umask))
		if err != nil {
			return applet.PerrorCode(2, err, "can't open '%s'", name)
		}
		defer f.Close()
		out = f
	}
	w := ctx.BufWriter(out, 64<<10)
	if err := s.output(ctx, w); err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return stdoutError(err)
	}
	return nil
}

// stdoutError is BusyBox's fflush_stdout_and_exit failing, with sort's
// status.
func stdoutError(err error) error {
	return applet.PerrorCode(2, err, "standard output")
}

// inputs reads the lines of the files in turn.
type inputs struct {
	ctx        *applet.Ctx
	files      []string
	zero       bool
	i          int
	cur        *os.File
	lr         *lines.Reader
	stdin      *lines.Reader // standard input's reader: a second "-" finds it at its end
	fileReader *lines.Reader // the files' reader, reset from file to file
}

// next returns the next line (valid until the next call); ok is false
// at the end of the last file. A file that cannot be opened stops sort,
// as in BusyBox; a read error is taken for the end of the file.
func (in *inputs) next() (line []byte, ok bool, err error) {
	for {
		if in.lr != nil {
			if line, _, ok := in.lr.Line(); ok {
				return line, true, nil
			}
			if in.cur != nil {
				in.cur.Close()
				in.cur = nil
			}
			in.lr = nil
		}
		if in.i >= len(in.files) {
			return nil, false, nil
		}
		name := in.files[in.i]
		in.i++
		if name == "-" {
			if in.stdin == nil {
				in.stdin = in.newReader(in.ctx.Stdin)
			}
			in.lr = in.stdin
			continue
		}
		f, err := openFile(in.ctx.Path(name), unix.O_RDONLY, 0)
		if err != nil {
			return nil, false, applet.PerrorCode(2, err, "%s", name)
		}
		if in.fileReader == nil {
			in.fileReader = in.newReader(f)
		} else {
			in.fileReader.Reset(f)
		}
		in.cur, in.lr = f, in.fileReader
	}
}

func (in *inputs) newReader(r io.Reader) *lines.Reader {
	lr := lines.NewReaderBuf(r, in.ctx.Buf(64<<10))
	lr.NULOnly = in.zero
	return lr
}

// check is -c: it reports the first line out of order, as "Check line
// N" (N being the first of the two lines, from 1), with status 1. With
// -u, equal lines are out of order too.
func (s *sorter) check(ctx *applet.Ctx, in *inputs) error {
	var prev []byte
	var prevRec rec
	worst := 0
	if s.unique {
		worst = -1
	}
	for n := uint32(0); ; n++ {
		if ctx.Cancelled() {
			return applet.Exit(130)
		}
		line, ok, err := in.next()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		cur := s.prep(line)
		cur.seq = n
		if n > 0 && s.compare(prev, &prevRec, line, &cur) > worst {
			if s.err != nil {
				return s.err
			}
			fmt.Fprintf(ctx.Stderr, "Check line %d\n", n)
			return applet.Exit(1)
		}
		if s.err != nil {
			return s.err
		}
		prev = append(prev[:0], line...)
		prevRec = cur
	}
	return nil
}

// openFile opens path without registering it with Go's poller (files
// cannot be polled; the poller would cost a thread).
func openFile(path string, flags int, mode uint32) (*os.File, error) {
	for {
		fd, err := unix.Open(path, flags|unix.O_CLOEXEC, mode)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, err
		}
		return os.NewFile(uintptr(fd), path), nil
	}
}
