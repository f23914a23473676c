// Package uniq is the uniq applet: BusyBox's uniq, which prints each run
// of equal adjacent lines of INPUT once (to OUTPUT, created if need be),
// with -c prefixed by its length, with -d only runs of two or more, with
// -u only single lines. -f N skips N fields (blanks then non-blanks), -s
// N then N characters, -w N compares at most N characters, -i ignores
// case, -z ends output lines with NUL.
//
// As in BusyBox, input lines end at a newline or a NUL byte (with -z
// too), and a read error is reported after the output, as "FILE: I/O
// error".
package uniq

import (
	"bufio"
	"bytes"
	"math"
	"os"
	"strconv"
	"syscall"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/lines"
	"gobox/internal/opt"
	"gobox/internal/suffix"
)

// Applet is uniq's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "uniq",
	Path:  "/usr/bin",
	Usage: "[-cduiz] [-f,s,w N] [FILE [OUTFILE]]",
	Help: `Discard duplicate lines

	-c	Prefix lines by the number of occurrences
	-d	Only print duplicate lines
	-u	Only print unique lines
	-i	Ignore case
	-z	NUL terminated output
	-f N	Skip first N fields
	-s N	Skip first N chars (after any skipped fields)
	-w N	Compare N characters in line`,
	Options: &opt.Spec{Short: "cduf:s:w:iz", MaxArgs: 2},
	NoFork:  true,
	Main:    run,
}

// options is what uniq's options ask for.
type options struct {
	fields, chars, width int
	count, dups, uniq    bool
	fold                 bool
	eol                  byte
}

func run(ctx *applet.Ctx, args []string) error {
	r, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	o := options{width: math.MaxInt32, eol: '\n',
		count: r.Has("c"), dups: r.Has("d"), uniq: r.Has("u"), fold: r.Has("i")}
	if r.Has("z") {
		o.eol = 0
	}
	// Numbers are checked in the order given, as getopt32 converts them.
	idx := map[string]int{}
	for _, k := range r.Order() {
		dst := map[string]*int{"f": &o.fields, "s": &o.chars, "w": &o.width}[k]
		if dst == nil {
			continue
		}
		if *dst, err = positive(r.List(k)[idx[k]]); err != nil {
			return err
		}
		idx[k]++
	}
	in := ctx.Stdin
	// A read error names the input as given: BusyBox prints a NULL
	// name, unnamed standard input, as musl does.
	inName := "(null)"
	if len(r.Args) > 0 {
		inName = r.Args[0]
	}
	if len(r.Args) > 0 && r.Args[0] != "-" {
		f, err := openFile(ctx.Path(r.Args[0]), unix.O_RDONLY, 0)
		if err != nil {
			return applet.Perror(err, "can't open '%s'", r.Args[0])
		}
		defer f.Close()
		in = f
	}
	out := ctx.Stdout
	if len(r.Args) > 1 && r.Args[1] != "-" {
		f, err := openFile(ctx.Path(r.Args[1]), unix.O_WRONLY|unix.O_CREAT|unix.O_TRUNC, 0o666&^uint32(ctx.Umask))
		if err != nil {
			return applet.Perror(err, "can't open '%s'", r.Args[1])
		}
		defer f.Close()
		out = f
	}
	w := ctx.BufWriter(out, 32<<10)
	lr := lines.NewReaderBuf(in, ctx.Buf(32<<10))
	if err := o.uniq1(ctx, lr, w); err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return applet.Perror(err, "standard output")
	}
	if lr.Err() != nil {
		// die_if_ferror: ferror keeps no errno.
		return applet.Perror(syscall.EIO, "%s", inName)
	}
	return nil
}

// uniq1 prints the runs of lr's lines as the options say.
func (o *options) uniq1(ctx *applet.Ctx, lr *lines.Reader, w *bufio.Writer) error {
	var prev []byte // the first line of the current run
	var prevKey []byte
	have := false
	n := uint64(0)
	var num []byte
	flush := func() {
		if !have {
			return
		}
		if n == 1 && o.dups || n > 1 && o.uniq {
			return
		}
		if o.count {
			num = strconv.AppendUint(num[:0], n, 10)
			for i := len(num); i < 7; i++ {
				w.WriteByte(' ')
			}
			w.Write(num)
			w.WriteByte(' ')
		}
		w.Write(prev)
		w.WriteByte(o.eol)
	}
	for {
		if ctx.Cancelled() {
			return applet.Exit(130)
		}
		if err := ctx.StdoutErr(); err != nil {
			return applet.Perror(err, "standard output")
		}
		line, _, ok := lr.Line()
		if !ok {
			break
		}
		key := o.key(line)
		if have && o.equal(prevKey, key) {
			n++
			continue
		}
		flush()
		off := len(line) - len(key)
		prev = append(prev[:0], line...)
		prevKey = prev[off:]
		have, n = true, 1
	}
	flush()
	return nil
}

// key is the part of line that is compared: after -f fields and -s
// characters.
func (o *options) key(line []byte) []byte {
	for range o.fields {
		for len(line) > 0 && isSpace(line[0]) {
			line = line[1:]
		}
		for len(line) > 0 && !isSpace(line[0]) {
			line = line[1:]
		}
	}
	return line[min(o.chars, len(line)):]
}

// equal compares at most -w N bytes of two keys, as strncmp (or with -i
// strncasecmp, ASCII only) does.
func (o *options) equal(a, b []byte) bool {
	a, b = a[:min(len(a), o.width)], b[:min(len(b), o.width)]
	if o.fold {
		return asciiFoldEqual(a, b)
	}
	return bytes.Equal(a, b)
}

// asciiFoldEqual reports whether a and b are equal with ASCII letters
// folded, as musl's strncasecmp compares (bytes.EqualFold would fold
// UTF-8 too).
func asciiFoldEqual(a, b []byte) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// isSpace is C's isspace in the C locale.
func isSpace(c byte) bool {
	return c == ' ' || c >= '\t' && c <= '\r'
}

// positive parses a number as BusyBox's xatoi_positive does: decimal,
// 0..INT_MAX; one beyond what an unsigned int holds is no number at all.
func positive(s string) (int, error) {
	if _, err := strconv.ParseUint(s, 10, 32); err != nil && err.(*strconv.NumError).Err == strconv.ErrRange {
		return 0, &suffix.Error{Num: s}
	}
	n, err := suffix.Range(s, suffix.None, 0, math.MaxInt32)
	return int(n), err
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
