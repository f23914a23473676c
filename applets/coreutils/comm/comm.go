// Package comm is the comm applet: BusyBox's comm, which compares two
// sorted files line by line and prints, in three columns, the lines only
// in FILE1, only in FILE2, and in both.
//
// As in BusyBox, lines end at a newline or a NUL byte, are compared
// byte by byte (the C locale's strcmp), and a read error is taken for
// the end of the file. "-" is standard input, and may be both files: the
// two then take turns reading it.
package comm

import (
	"bufio"
	"bytes"

	"gobox/internal/applet"
	"gobox/internal/lines"
	"gobox/internal/opt"
	"gobox/internal/rofile"
)

// Applet is comm's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "comm",
	Path:  "/usr/bin",
	Usage: "[-123] FILE1 FILE2",
	Help: `Compare FILE1 with FILE2

	-1	Suppress lines unique to FILE1
	-2	Suppress lines unique to FILE2
	-3	Suppress lines common to both files`,
	Options: &opt.Spec{Short: "123", MinArgs: 2, MaxArgs: 2},
	NoFork:  true,
	Main:    run,
}

// column says where a line goes: only in FILE1, only in FILE2, in both.
type column int

const (
	only1 column = iota
	only2
	both
)

// printer writes lines in their columns, leaving out suppressed ones.
type printer struct {
	w        *bufio.Writer
	suppress [3]bool
}

func (p *printer) line(l []byte, c column) {
	if p.suppress[c] {
		return
	}
	if c >= only2 && !p.suppress[only1] {
		p.w.WriteByte('\t')
	}
	if c == both && !p.suppress[only2] {
		p.w.WriteByte('\t')
	}
	p.w.Write(l)
	p.w.WriteByte('\n')
}

func run(ctx *applet.Ctx, args []string) error {
	r, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	var in [2]*lineReader
	var stdin *lineReader
	for i, name := range r.Args {
		if name == "-" {
			if stdin == nil {
				stdin = &lineReader{lines.NewReaderBuf(ctx.Stdin, ctx.Buf(32<<10))}
			}
			in[i] = stdin
			continue
		}
		f, err := rofile.Open(ctx.Path(name))
		if err != nil {
			return applet.Perror(err, "%s", name)
		}
		defer f.Close()
		in[i] = &lineReader{lines.NewReaderBuf(f, ctx.Buf(32<<10))}
	}
	p := &printer{w: ctx.BufWriter(ctx.Stdout, 32<<10)}
	p.suppress = [3]bool{r.Has("1"), r.Has("2"), r.Has("3")}
	var l [2][]byte
	var ok [2]bool
	order := 0
	for {
		if ctx.Cancelled() {
			return applet.Exit(130)
		}
		if ctx.StdoutErr() != nil {
			break
		}
		if order <= 0 {
			l[0], ok[0] = in[0].next(l[0][:0])
		}
		if order >= 0 {
			l[1], ok[1] = in[1].next(l[1][:0])
		}
		if !ok[0] || !ok[1] {
			break
		}
		order = bytes.Compare(l[0], l[1])
		if order >= 0 {
			c := only2
			if order == 0 {
				c = both
			}
			p.line(l[1], c)
		} else {
			p.line(l[0], only1)
		}
	}
	// One file is at its end: the other's line in hand and its rest
	// are its own.
	rest := 0
	if !ok[0] {
		rest = 1
	}
	for ok[rest] && ctx.StdoutErr() == nil && !ctx.Cancelled() {
		p.line(l[rest], column(rest))
		l[rest], ok[rest] = in[rest].next(l[rest][:0])
	}
	if ctx.Cancelled() {
		return applet.Exit(130)
	}
	// BusyBox's comm never checks its output; the runtime reports a
	// failed write.
	p.w.Flush()
	return nil
}

// lineReader is one of comm's inputs.
type lineReader struct{ lr *lines.Reader }

// next appends the next line to buf; ok is false at the end.
func (r *lineReader) next(buf []byte) ([]byte, bool) {
	line, _, ok := r.lr.Line()
	return append(buf, line...), ok
}
