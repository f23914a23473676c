// Package fold is the fold applet: BusyBox's fold, which breaks lines
// longer than WIDTH columns (80 by default) by inserting newlines; with
// -s it breaks after the last blank that fits, with -b it counts bytes
// instead of columns.
//
// Columns are counted as BusyBox counts them: a tab moves to the next
// multiple of 8, a backspace goes back one, a carriage return to 0, and
// any other byte takes one column, except, in a UTF-8 locale, the
// continuation bytes of a multibyte character. Every byte is kept, NULs
// included. fold writes as it reads; with -s it holds only what follows
// the last blank of the line being built.
package fold

import (
	"bufio"
	"io"
	"os"
	"strconv"
	"syscall"

	"gobox/internal/applet"
	"gobox/internal/opt"
	"gobox/internal/rofile"
	"gobox/internal/suffix"
	"gobox/internal/wcwidth"
)

// Applet is fold's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "fold",
	Path:  "/usr/bin",
	Usage: "[-bs] [-w WIDTH] [FILE]...",
	Help: `Wrap input lines in FILEs (or stdin), writing to stdout

	-b	Count bytes rather than columns
	-s	Break at spaces
	-w	Use WIDTH columns instead of 80`,
	Options: &opt.Spec{Short: "bsw:"},
	NoFork:  true,
	Main:    run,
}

func run(ctx *applet.Ctx, args []string) error {
	r, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	width, err := uintRange(r.StrOr("w", "80"), 1, 10000)
	if err != nil {
		return err
	}
	f := &folder{
		width: width,
		bytes: r.Has("b"),
		space: r.Has("s"),
		utf8:  wcwidth.UTF8(ctx.LookupEnv),
		w:     ctx.BufWriter(ctx.Stdout, 32<<10),
	}
	files := r.Args
	if len(files) == 0 {
		files = []string{"-"}
	}
	buf := ctx.Buf(32 << 10)
	status := 0
	for _, name := range files {
		in := ctx.Stdin
		var file *os.File
		if name != "-" {
			if file, err = rofile.Open(ctx.Path(name)); err != nil {
				ctx.Perror(err, "%s", name)
				status = 1
				continue
			}
			in = file
		}
		rerr := f.fold(ctx, in, buf)
		if file != nil {
			file.Close()
		}
		if ctx.Cancelled() {
			return applet.Exit(130)
		}
		if err := ctx.StdoutErr(); err != nil {
			return applet.Perror(err, "standard output")
		}
		if rerr != nil {
			// BusyBox sees a read error through ferror, which keeps
			// no errno: it reports EIO.
			ctx.Perror(syscall.EIO, "%s", name)
			status = 1
		}
	}
	if err := f.w.Flush(); err != nil {
		return applet.Perror(err, "standard output")
	}
	return applet.Exit(status)
}

// uintRange parses a number as BusyBox's xatou_range does: decimal, in
// lo..hi; one beyond what an unsigned int holds is no number at all.
func uintRange(s string, lo, hi uint64) (int, error) {
	if _, err := strconv.ParseUint(s, 10, 32); err != nil && err.(*strconv.NumError).Err == strconv.ErrRange {
		return 0, &suffix.Error{Num: s}
	}
	n, err := suffix.Range(s, suffix.None, lo, hi)
	return int(n), err
}

// folder is fold's state: the options, and the output line being built.
type folder struct {
	width              int
	bytes, space, utf8 bool
	w                  *bufio.Writer

	col     int    // the column the next byte goes to
	n       int    // bytes on the output line so far
	blank   bool   // the output line has a blank (-s)
	pending []byte // what follows its last blank, not yet written (-s)
}

// fold copies in to the output, folded, through buf. Each file starts a
// new line, as in BusyBox (whose last line may lack its newline). It
// returns the read error, if any.
func (f *folder) fold(ctx *applet.Ctx, in io.Reader, buf []byte) error {
	f.col, f.n, f.blank, f.pending = 0, 0, false, f.pending[:0]
	for {
		if ctx.Cancelled() || ctx.StdoutErr() != nil {
			return nil
		}
		n, err := in.Read(buf)
		for _, c := range buf[:n] {
			f.add(c)
		}
		if err != nil {
			f.w.Write(f.pending)
			if err == io.EOF {
				return nil
			}
			return err
		}
	}
}

// add puts c on the output.
func (f *folder) add(c byte) {
	if c == '\n' {
		f.w.Write(f.pending)
		f.w.WriteByte('\n')
		f.col, f.n, f.blank, f.pending = 0, 0, false, f.pending[:0]
		return
	}
	for {
		col := f.advance(f.col, c)
		if col <= f.width || f.n == 0 {
			// It fits, or it is the first on the line (a tab wider
			// than the width still goes somewhere).
			f.col = col
			f.n++
			f.put(c)
			return
		}
		if f.space && f.blank {
			// Break after the last blank: what follows it starts
			// the next line.
			f.w.WriteByte('\n')
			f.col, f.n, f.blank = 0, len(f.pending), false
			for _, p := range f.pending {
				f.col = f.advance(f.col, p)
			}
			f.w.Write(f.pending)
			f.pending = f.pending[:0]
			continue
		}
		f.w.Write(f.pending)
		f.w.WriteByte('\n')
		f.col, f.n, f.pending = 0, 0, f.pending[:0]
	}
}

// put writes c, or with -s holds it while it follows a blank: a break
// may yet move it to the next line.
func (f *folder) put(c byte) {
	switch {
	case f.space && (c == ' ' || c == '\t'):
		f.w.Write(f.pending)
		f.w.WriteByte(c)
		f.pending = f.pending[:0]
		f.blank = true
	case f.blank:
		f.pending = append(f.pending, c)
	default:
		f.w.WriteByte(c)
	}
}

// advance returns the column after c, printed at column col.
func (f *folder) advance(col int, c byte) int {
	switch {
	case f.bytes:
		return col + 1
	case c == '\t':
		return col + 8 - col%8
	case c == '\b':
		return max(col-1, 0)
	case c == '\r':
		return 0
	case f.utf8 && c&0xc0 == 0x80:
		return col // a continuation byte
	}
	return col + 1
}
