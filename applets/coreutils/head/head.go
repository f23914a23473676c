// Package head is the head applet: BusyBox's head with -n [-]N, -c [-]N
// (b/k/m suffixes), -q, -v and the old -NUM form.
package head

import (
	"bufio"
	"bytes"
	"io"
	"math"
	"os"
	"syscall"

	"gobox/internal/applet"
	"gobox/internal/opt"
	"gobox/internal/suffix"
	"gobox/internal/tailbuf"
)

// Applet is head's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "head",
	Path:  "/usr/bin",
	Usage: "[OPTIONS] [FILE]...",
	Help: `Print first 10 lines of FILEs (or stdin).
With more than one FILE, precede each with a filename header.

	-n N[bkm]	Print first N lines
	-n -N[bkm]	Print all except N last lines
	-c [-]N[bkm]	Print first N bytes
			(b:*512 k:*1024 m:*1024^2)
	-q		Never print headers
	-v		Always print headers`,
	Options: &opt.Spec{Short: "n:c:qv", Plain: true},
	NoFork:  true,
	Main:    run,
}

// eatNum parses a count: an optional leading "-" (all but the last N),
// then digits with an optional b, k or m suffix (xatoul_sfx, which also
// rejects a sign or blank after the "-").
func eatNum(s string) (n uint64, negative bool, err error) {
	p := s
	if p != "" && p[0] == '-' {
		negative = true
		p = p[1:]
	}
	n, err = suffix.Parse(p, suffix.BKM)
	if err != nil {
		return 0, false, applet.Errorf("invalid number '%s'", p)
	}
	return n, negative, nil
}

// state is what head's arguments ask for.
type state struct {
	count    uint64
	bytes    bool // count bytes, not lines
	negative bool // print all but the last count
	// threshold is the number of files above which headers are
	// printed (-q: never, -v: always); parseArgs then makes it 0
	// for no headers, anything else for headers.
	threshold int
}

func run(ctx *applet.Ctx, args []string) error {
	st, files, err := parseArgs(ctx, args)
	if err != nil {
		return err
	}
	out := &stdout{w: ctx.Stdout}
	j := &job{ctx: ctx, state: st, out: out, w: ctx.BufWriter(out, 0)}
	for _, name := range files {
		if err := j.headFile(name); err != nil {
			return err
		}
	}
	return applet.Exit(j.status)
}

// parseArgs reads the old "-NUM" form and the options, and returns the
// files to read ("-" for standard input when none is named).
func parseArgs(ctx *applet.Ctx, args []string) (state, []string, error) {
	st := state{count: 10, threshold: 1}
	args, err := st.oldCount(args)
	if err != nil {
		return st, nil, err
	}
	r, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return st, nil, err
	}
	if err := st.options(r); err != nil {
		return st, nil, err
	}
	files := r.Args
	if len(files) == 0 {
		files = []string{"-"}
	}
	if len(r.Args) <= st.threshold {
		st.threshold = 0
	}
	return st, files, nil
}

// oldCount takes the obsolete "-NUM" count, which only the first
// argument may be, and returns the arguments left.
func (st *state) oldCount(args []string) ([]string, error) {
	if len(args) == 0 || len(args[0]) < 2 || args[0][0] != '-' || args[0][1] < '0' || args[0][1] > '9' {
		return args, nil
	}
	if err := st.setCount(args[0][1:]); err != nil {
		return nil, err
	}
	return args[1:], nil
}

// options applies the options in the order given, as BusyBox's getopt
// loop does: the last of -q and -v wins, and the last count, but -c
// stays in force after a later -n, and so does a "-" on any count.
func (st *state) options(r *opt.Result) error {
	idx := map[string]int{}
	for _, k := range r.Order() {
		switch k {
		case "q":
			st.threshold = math.MaxInt
		case "v":
			st.threshold = -1
		case "c", "n":
			if k == "c" {
				st.bytes = true
			}
			v := r.List(k)[idx[k]]
			idx[k]++
			if err := st.setCount(v); err != nil {
				return err
			}
		}
	}
	return nil
}

// setCount takes a count of -n, -c or -NUM; a leading "-" sticks.
func (st *state) setCount(s string) error {
	n, neg, err := eatNum(s)
	if err != nil {
		return err
	}
	st.count = n
	st.negative = st.negative || neg
	return nil
}

// job is one run of head over its files: the output, and the exit
// status so far.
type job struct {
	ctx *applet.Ctx
	state
	out    *stdout
	w      *bufio.Writer
	br     *bufio.Reader // the input's, reused from file to file
	buf    []byte        // -c's, reused from file to file
	sep    string        // what comes before the next header
	status int
}

// headFile prints the head of the file name ("-" is standard input),
// after its header. A file that cannot be opened or read is reported;
// the error returned is a write error, or the exit of a cancelled head.
func (j *job) headFile(name string) error {
	var in io.Reader = j.ctx.Stdin
	var f *os.File
	if name == "-" {
		name = "standard input"
	} else {
		var err error
		if f, err = os.Open(j.ctx.Path(name)); err != nil {
			j.ctx.Perror(err, "%s", name)
			j.status = 1
			j.sep = "\n"
			return nil
		}
		in = f
	}
	j.header(name)
	src := &source{r: in}
	if j.br == nil {
		j.br = j.ctx.BufReader(src, 0)
	} else {
		j.br.Reset(src)
	}
	werr := j.copy(j.br)
	if f != nil {
		f.Close()
	}
	return j.finish(name, src.err, werr)
}

// header prints "==> NAME <==" when headers are on, after a blank line
// from the second file on (counting one that could not be opened).
func (j *job) header(name string) {
	if j.threshold != 0 {
		j.w.WriteString(j.sep + "==> " + name + " <==\n")
	}
	j.sep = "\n"
}

// copy prints what the options ask for of br. It returns the first
// write error.
func (j *job) copy(br *bufio.Reader) error {
	switch {
	case j.negative && j.bytes:
		return exceptLast(j.ctx, j.w, br, j.count, tailbuf.Bytes)
	case j.negative:
		// BusyBox reads these lines with bb_get_chunk_from_file,
		// which ends a line at a NUL too, and prints them with fputs,
		// which stops there: the NULs are lost.
		return exceptLast(j.ctx, dropNUL{j.w}, br, j.count, tailbuf.LinesOrNUL)
	}
	if j.bytes && j.buf == nil {
		j.buf = j.ctx.Buf(32 * 1024)
	}
	return first(j.ctx, j.w, br, j.buf, j.count, j.bytes)
}

// finish ends a file: it flushes the output, then reports the file's
// read error rerr, if any. werr is the error of the writes so far.
func (j *job) finish(name string, rerr, werr error) error {
	if werr == nil {
		werr = j.w.Flush()
	}
	if werr != nil {
		return j.out.writeError(werr)
	}
	if rerr != nil {
		// BusyBox learns of a read error from ferror, which
		// keeps no errno, and reports it as EIO.
		j.ctx.Perror(syscall.EIO, "%s", name)
		j.status = 1
	}
	if j.ctx.Cancelled() {
		return applet.Exit(130)
	}
	return nil
}

// stdout is head's standard output as BusyBox's stdio would treat it,
// to word a write error as BusyBox does: musl writes stdout's first
// line at once, then each time its 1 KiB buffer fills, and keeps only
// ferror from a failed write, which die_if_ferror_stdout reports as
// "standard output: I/O error" after the file. Output that never got
// that far fails in the final fflush, with the real errno.
type stdout struct {
	w       io.Writer
	n       int
	newline bool
}

func (o *stdout) Write(p []byte) (int, error) {
	o.n += len(p)
	o.newline = o.newline || bytes.IndexByte(p, '\n') >= 0
	return o.w.Write(p)
}

// writeError is the error for a failed write of head's output, err.
func (o *stdout) writeError(err error) error {
	if o.newline || o.n >= 1024 {
		return &applet.ExitError{Code: 1, Msg: "standard output: " + applet.Strerror(syscall.EIO), Err: err}
	}
	return applet.Perror(err, "standard output")
}

// source is an input that remembers its first read error other than
// EOF, so that head can tell a read error from a write error.
type source struct {
	r   io.Reader
	err error
}

func (s *source) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	if err != nil && err != io.EOF && s.err == nil {
		s.err = err
	}
	return n, err
}

// first copies the first count lines (or bytes, through buf). It returns
// the first write error; reading stops at EOF or a read error.
func first(ctx *applet.Ctx, w *bufio.Writer, br *bufio.Reader, buf []byte, count uint64, inBytes bool) error {
	if inBytes {
		for count > 0 && !ctx.Cancelled() {
			n, err := br.Read(buf[:min(count, uint64(len(buf)))])
			if _, werr := w.Write(buf[:n]); werr != nil {
				return werr
			}
			count -= uint64(n)
			if err != nil {
				return nil
			}
		}
		return nil
	}
	for count > 0 && !ctx.Cancelled() {
		line, err := br.ReadSlice('\n')
		if _, werr := w.Write(line); werr != nil {
			return werr
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil {
			return nil
		}
		count--
	}
	return nil
}

// exceptLast copies all but the last count lines (a last line without a
// newline counts) or bytes, holding back no more than those (BusyBox
// keeps them in a ring). It returns the first write error.
func exceptLast(ctx *applet.Ctx, w io.Writer, br *bufio.Reader, count uint64, unit tailbuf.Unit) error {
	b := tailbuf.New(count, unit)
	for !ctx.Cancelled() {
		_, err := b.Fill(br)
		if werr := b.Spill(w); werr != nil {
			return werr
		}
		if err != nil {
			return b.WriteStart(w)
		}
	}
	return nil
}

// dropNUL writes what it is given without its NUL bytes.
type dropNUL struct{ w io.Writer }

func (d dropNUL) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		i := bytes.IndexByte(p, 0)
		if i < 0 {
			i = len(p)
		}
		if _, err := d.w.Write(p[:i]); err != nil {
			return 0, err
		}
		p = p[min(i+1, len(p)):]
	}
	return n, nil
}
