// Package cmp is the cmp applet: BusyBox 1.36's cmp (editors/cmp.c) with
// Alpine's DESKTOP configuration, so SKIP1 and SKIP2 operands are taken.
// It compares whole buffers at once and looks at single bytes only where
// they differ, so large equal files cost a memory compare, not a loop
// per byte.
//
// BusyBox's quirks are kept: -n, like -l, goes on past the first
// difference and reports each one ("cmp -n 100 a b" lists every
// differing byte in the default format); "cmp: EOF on NAME" goes to
// stderr and names the shorter file; -s silences even the message for a
// file that cannot be opened (status 2).
package cmp

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"

	"gobox/internal/applet"
	"gobox/internal/opt"
)

// Applet is cmp's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "cmp",
	Path:  "/usr/bin",
	Usage: "[-ls] [-n NUM] FILE1 [FILE2 [SKIP1 [SKIP2]]]",
	Help: `Compare FILE1 with FILE2 (or stdin)

	-l	Write the byte numbers (decimal) and values (octal)
		for all differing bytes
	-s	Quiet
	-n NUM	Compare at most NUM bytes`,
	Options: &opt.Spec{Short: "sln:", Conflicts: []string{"l s"}, MinArgs: 1, MaxArgs: 4},
	NoFork:  true,
	Main:    run,
}

// stream is one of the two inputs, read a buffer at a time.
type stream struct {
	name string
	r    io.Reader
	buf  []byte
	data []byte // read and not yet compared
	eof  bool
	err  error // the read error that ended it
}

// fill makes data non-empty unless the input has ended.
func (s *stream) fill() {
	for len(s.data) == 0 && !s.eof {
		n, err := s.r.Read(s.buf)
		s.data = s.buf[:n]
		if err != nil {
			s.eof = true
			if err != io.EOF {
				s.err = err
			}
		}
	}
}

// ioError is BusyBox's die_if_ferror: a read error, status 2.
func (s *stream) ioError() error {
	if s.err == nil {
		return nil
	}
	return applet.Exitf(2, "%s: I/O error", s.name)
}

func run(ctx *applet.Ctx, args []string) error {
	o, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	quiet, list := o.Has("s"), o.Has("l")
	maxCount := int64(-1)
	if o.Has("n") {
		n, err := opt.AtoiPositive(o.Str("n"))
		if err != nil {
			return err
		}
		maxCount = int64(n)
	}
	name1, name2 := o.Args[0], "-"
	var skip [2]int64
	if len(o.Args) > 1 {
		name2 = o.Args[1]
		for i, a := range o.Args[2:] {
			if skip[i], err = parseOff(a); err != nil {
				return err
			}
		}
	}
	if name1 == "-" && name2 == "-" {
		// Standard input against itself: equal, unread.
		return nil
	}
	var s [2]*stream
	for i, name := range []string{name1, name2} {
		r := ctx.Stdin
		if name != "-" {
			f, err := os.Open(ctx.Path(name))
			if err != nil {
				if quiet {
					return applet.Exit(2)
				}
				return applet.PerrorCode(2, err, "%s", name)
			}
			defer f.Close()
			r = f
		}
		s[i] = &stream{name: name, r: r, buf: ctx.Buf(64 << 10)}
	}
	for i := range s {
		if err := s[i].skip(skip[i]); err != nil {
			return err
		}
	}
	c := &comparer{ctx: ctx, quiet: quiet, list: list, more: o.Has("l") || o.Has("n"), max: maxCount}
	return c.compare(s[0], s[1])
}

// skip discards the first n bytes (fewer if the input ends first).
func (s *stream) skip(n int64) error {
	for n > 0 {
		s.fill()
		if len(s.data) == 0 {
			return nil
		}
		k := min(int64(len(s.data)), n)
		s.data = s.data[k:]
		n -= k
	}
	return nil
}

// parseOff is BusyBox's XATOOFF: decimal digits only, up to the largest
// off_t.
func parseOff(a string) (int64, error) {
	if a == "" || a[0] < '0' || a[0] > '9' {
		return 0, applet.Errorf("invalid number '%s'", a)
	}
	n, err := strconv.ParseUint(a, 10, 64)
	if err != nil {
		var ne *strconv.NumError
		if errors.As(err, &ne) && ne.Err == strconv.ErrRange && isDigits(a) {
			return 0, applet.Errorf("number %s is not in 0..%d range", a, int64(math.MaxInt64))
		}
		return 0, applet.Errorf("invalid number '%s'", a)
	}
	if n > math.MaxInt64 {
		return 0, applet.Errorf("number %s is not in 0..%d range", a, int64(math.MaxInt64))
	}
	return int64(n), nil
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// comparer is one comparison and what it has counted.
type comparer struct {
	ctx         *applet.Ctx
	quiet, list bool
	more        bool  // go on past a difference (-l, and -n as BusyBox has it)
	max         int64 // bytes left to compare, or -1
	pos         int64 // bytes compared
	line        int64 // current line of the first file
	out         []byte
	status      int
}

func (c *comparer) compare(a, b *stream) error {
	c.line = 1
	for {
		if c.max == 0 {
			break
		}
		if err := c.ctx.Err(); err != nil {
			return err
		}
		a.fill()
		b.fill()
		n := min(len(a.data), len(b.data))
		if c.max > 0 {
			n = int(min(int64(n), c.max))
		}
		if n == 0 {
			// One has ended (or both, or the count has).
			if len(a.data) == len(b.data) {
				break
			}
			if c.max > 0 {
				c.max--
			}
			c.pos++
			c.status = 1
			// The one that ended is named.
			ended := a
			if len(a.data) > 0 {
				ended = b
			}
			if err := ended.ioError(); err != nil {
				c.flush()
				return err
			}
			if !c.quiet {
				if err := c.flush(); err != nil {
					return err
				}
				fmt.Fprintf(c.ctx.Stderr, "cmp: EOF on %s\n", ended.name)
			}
			return c.finish(a, b)
		}
		x, y := a.data[:n], b.data[:n]
		i := mismatch(x, y)
		c.line += int64(bytes.Count(x[:i], []byte{'\n'}))
		c.pos += int64(i)
		if c.max > 0 {
			c.max -= int64(i)
		}
		a.data, b.data = a.data[i:], b.data[i:]
		if i == n {
			continue
		}
		// A byte that differs.
		c.pos++
		if c.max > 0 {
			c.max--
		}
		c.status = 1
		b1, b2 := a.data[0], b.data[0]
		a.data, b.data = a.data[1:], b.data[1:]
		if c.quiet {
			break
		}
		if c.list {
			c.out = fmt.Appendf(c.out, "%d %3o %3o\n", c.pos, b1, b2)
		} else {
			c.out = fmt.Appendf(c.out, "%s %s differ: char %d, line %d\n", a.name, b.name, c.pos, c.line)
		}
		if len(c.out) >= 32<<10 {
			if err := c.flush(); err != nil {
				return err
			}
		}
		if !c.more {
			break
		}
	}
	return c.finish(a, b)
}

// finish reports a read error, flushes the output and returns the
// status.
func (c *comparer) finish(a, b *stream) error {
	if err := c.flush(); err != nil {
		return err
	}
	if err := a.ioError(); err != nil {
		return err
	}
	if err := b.ioError(); err != nil {
		return err
	}
	return applet.Exit(c.status)
}

// flush writes what is buffered; a failed write is BusyBox's
// fflush_stdout_and_exit, status 2.
func (c *comparer) flush() error {
	if len(c.out) == 0 {
		return nil
	}
	_, err := c.ctx.Stdout.Write(c.out)
	c.out = c.out[:0]
	if err != nil {
		return applet.PerrorCode(2, err, "standard output")
	}
	return nil
}

// mismatch returns the index of the first byte where x and y (of equal
// length) differ, or their length.
func mismatch(x, y []byte) int {
	const block = 256
	i := 0
	for i+block <= len(x) && bytes.Equal(x[i:i+block], y[i:i+block]) {
		i += block
	}
	for i < len(x) && x[i] == y[i] {
		i++
	}
	return i
}
