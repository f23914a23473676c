// Package cat is the cat applet: BusyBox's cat with -n -b (numbering) and
// -v -t -e -A (visible non-printing characters).
package cat

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"

	"gobox/internal/applet"
	"gobox/internal/fastcopy"
	"gobox/internal/opt"
	"gobox/internal/rofile"
)

// Applet is cat's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "cat",
	Path:  "/bin",
	Usage: "[-nbvteA] [FILE]...",
	Help: `Print FILEs to stdout

	-n	Number output lines
	-b	Number nonempty lines
	-v	Show nonprinting characters as ^x or M-x
	-t	...and tabs as ^I
	-e	...and end lines with $
	-A	Same as -vte`,
	Options: &opt.Spec{Short: "etvAnbu", Implies: []string{"A=etv"}, Undocumented: "u"},
	NoFork:  true,
	Main:    run,
}

func run(ctx *applet.Ctx, args []string) error {
	r, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	files := r.Args
	if len(files) == 0 {
		files = []string{"-"}
	}
	switch {
	case r.Has("e") || r.Has("t") || r.Has("v"):
		return catv(ctx, r, files)
	case r.Has("n") || r.Has("b"):
		return numbered(ctx, r.Has("b"), files)
	}
	return plain(ctx, files)
}

// openReader opens name ("-" is stdin), printing BusyBox's open_or_warn
// message on failure.
// With short set, the message is fopen_or_warn's "NAME: error" instead.
func openReader(ctx *applet.Ctx, name string, short bool) (io.Reader, func(), bool) {
	if name == "-" {
		return ctx.Stdin, func() {}, true
	}
	f, err := rofile.Open(ctx.Path(name))
	if err != nil {
		if short {
			ctx.Perror(err, "%s", name)
		} else {
			ctx.Perror(err, "can't open '%s'", name)
		}
		return nil, nil, false
	}
	return f, func() { f.Close() }, true
}

// plain copies each file to stdout the way BusyBox's bb_copyfd_eof does,
// with the kernel copying when both sides are files (fastcopy: sendfile,
// splice or copy_file_range). A read error is reported and cat goes on
// with the next file; a write error ends it (with EPIPE silently, as
// SIGPIPE would).
func plain(ctx *applet.Ctx, files []string) error {
	out := io.Writer(ctx.Stdout)
	if f := ctx.File(1); f != nil {
		out = f
	}
	var copier fastcopy.Copier // its buffer serves every file
	status := 0
	for _, name := range files {
		if ctx.Cancelled() {
			return applet.Exit(130)
		}
		in, closer, ok := openReader(ctx, name, false)
		if !ok {
			status = 1
			continue
		}
		if name == "-" {
			if f := ctx.File(0); f != nil {
				in = f
			}
		}
		_, err := copier.Copy(ctx, out, in)
		closer()
		var we *fastcopy.WriteError
		var re *fastcopy.ReadError
		switch {
		case errors.As(err, &we):
			return applet.Perror(we.Err, "write error")
		case errors.As(err, &re):
			ctx.Perror(re.Err, "read error")
			status = 1
		case err != nil:
			return applet.Exit(130) // cancelled
		}
	}
	return applet.Exit(status)
}

// numbered is print_numbered_lines: every line (or every non-empty line
// with -b) gets "%6d\t"; numbering continues across files. As BusyBox
// reads lines (bb_get_chunk_from_file), a NUL ends a line as a newline
// does, and a last line without either gets a newline.
func numbered(ctx *applet.Ctx, nonEmpty bool, files []string) error {
	nw := &numberWriter{w: ctx.BufWriter(ctx.Stdout, 0), nonEmpty: nonEmpty, n: 1}
	buf := ctx.Buf(32 * 1024) // reused from file to file
	status := 0
	for _, name := range files {
		in, closer, ok := openReader(ctx, name, true)
		if !ok {
			status = 1
			continue
		}
		cancelled, err := nw.copy(ctx, in, buf)
		closer()
		if cancelled {
			nw.w.Flush()
			return applet.Exit(130)
		}
		if err != nil {
			return stdoutError(err)
		}
	}
	if err := nw.w.Flush(); err != nil {
		return stdoutError(err)
	}
	return applet.Exit(status)
}

// numberWriter numbers lines as they pass, a piece of a line at a time,
// so that a long line is never held whole.
type numberWriter struct {
	w        *bufio.Writer
	nonEmpty bool   // -b: number only lines with something to print
	n        uint64 // the next line's number
	num      []byte // scratch for the number
}

// copy copies in's lines, numbered, to the output until its end (or a
// read error, which BusyBox's getc takes for the end), reading through
// buf. It returns the first write error, or whether Ctrl-C stopped it.
func (nw *numberWriter) copy(ctx *applet.Ctx, in io.Reader, buf []byte) (cancelled bool, werr error) {
	start := true // at the start of a line
	for {
		if ctx.Cancelled() {
			return true, nil
		}
		n, err := in.Read(buf)
		for p := buf[:n]; len(p) > 0; {
			end := bytes.IndexByte(p, '\n')
			if end < 0 {
				end = len(p)
			}
			if i := bytes.IndexByte(p[:end], 0); i >= 0 {
				end = i
			}
			if start && (!nw.nonEmpty || end > 0) {
				nw.number()
			}
			nw.w.Write(p[:end])
			if start = end < len(p); start {
				nw.w.WriteByte('\n')
				end++
			}
			p = p[end:]
		}
		// An empty Write returns the writer's first error.
		if _, werr := nw.w.Write(nil); werr != nil {
			return false, werr
		}
		if err != nil {
			if !start {
				return false, nw.w.WriteByte('\n')
			}
			return false, nil
		}
	}
}

// number writes the next line's number as "%6d\t".
func (nw *numberWriter) number() {
	nw.num = strconv.AppendUint(nw.num[:0], nw.n, 10)
	for i := len(nw.num); i < 6; i++ {
		nw.w.WriteByte(' ')
	}
	nw.w.Write(nw.num)
	nw.w.WriteByte('\t')
	nw.n++
}

// catv shows non-printing characters (BusyBox's visible()): M- for bytes
// >= 128, ^X for control characters, tabs as ^I with -t, "$" before each
// newline with -e; with -n/-b each line starts with "%6u  ".
func catv(ctx *applet.Ctx, r *opt.Result, files []string) error {
	showTabs, showEnds := r.Has("t"), r.Has("e")
	number := r.Has("n") || r.Has("b")
	skipEmpty := r.Has("b")
	eolSeen := number
	lineno := 0
	w := ctx.BufWriter(ctx.Stdout, 0)
	buf := ctx.Buf(32 * 1024)
	status := 0
	for _, name := range files {
		in, closer, ok := openReader(ctx, name, false)
		if !ok {
			status = 1
			continue
		}
		for {
			if ctx.Cancelled() {
				closer()
				w.Flush()
				return applet.Exit(130)
			}
			n, err := in.Read(buf)
			for _, c := range buf[:n] {
				if eolSeen && !(skipEmpty && c == '\n') {
					lineno++
					fmt.Fprintf(w, "%6d  ", lineno)
				}
				eolSeen = number && c == '\n'
				visible(w, c, showTabs, showEnds)
			}
			// An empty Write returns the writer's first error.
			if _, werr := w.Write(nil); werr != nil {
				closer()
				return stdoutError(werr)
			}
			if err != nil {
				if err != io.EOF {
					status = 1
				}
				break
			}
		}
		closer()
	}
	if err := w.Flush(); err != nil {
		return stdoutError(err)
	}
	return applet.Exit(status)
}

func visible(w *bufio.Writer, c byte, tabs, ends bool) {
	if c == '\t' && !tabs {
		w.WriteByte(c)
		return
	}
	if c == '\n' {
		if ends {
			w.WriteByte('$')
		}
		w.WriteByte(c)
		return
	}
	if c >= 128 {
		c -= 128
		w.WriteString("M-")
	}
	if c < 32 || c == 127 {
		w.WriteByte('^')
		c ^= 0x40
	}
	w.WriteByte(c)
}

// stdoutError is how -n and -v report a failed write, as BusyBox's
// fflush_stdout_and_exit does: "standard output: strerror".
func stdoutError(err error) error {
	return applet.Perror(err, "standard output")
}
