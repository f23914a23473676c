// Package expand holds two applets: expand, BusyBox's expand, which
// turns tabs into spaces, and unexpand, which turns runs of spaces into
// tabs (leading ones only, unless -a or -t; -f undoes that), both with
// tab stops every -t N columns (8).
//
// As in BusyBox, a line ends at a newline or a NUL byte, the NUL being
// dropped, and columns are counted in characters of the terminal's width
// in a UTF-8 locale (musl's wcwidth, with a character that is invalid or
// unprintable taking one), in bytes otherwise. BusyBox pads with printf's
// "%*s", whose width is an int: gobox pads as that does for tab stops
// beyond 2^31 too.
package expand

import (
	"bufio"
	"bytes"
	"math"
	"os"
	"strconv"
	"syscall"
	"unicode/utf8"

	"gobox/internal/applet"
	"gobox/internal/lines"
	"gobox/internal/opt"
	"gobox/internal/rofile"
	"gobox/internal/suffix"
	"gobox/internal/wcwidth"
)

// Applet is expand's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "expand",
	Path:  "/usr/bin",
	Usage: "[-i] [-t N] [FILE]...",
	Help: `Convert tabs to spaces, writing to stdout

	-i	Don't convert tabs after non blanks
	-t	Tabstops every N chars`,
	Options: &opt.Spec{Short: "it:", Long: "initial=i tabs=t"},
	NoFork:  true,
	Main:    runExpand,
}

// Unexpand is unexpand's entry in gobox's applet table (applets/all).
var Unexpand = applet.Applet{
	Name:  "unexpand",
	Path:  "/usr/bin",
	Usage: "[-fa][-t N] [FILE]...",
	Help: `Convert spaces to tabs, writing to stdout

	-a	Convert all blanks
	-f	Convert only leading blanks
	-t N	Tabstops every N chars`,
	Options: &opt.Spec{Short: "ft:a", Long: "first-only=f tabs=t all=a", Implies: []string{"t=a"}},
	NoFork:  true,
	Main:    runUnexpand,
}

// converter is one of the two conversions, set up by the options.
type converter struct {
	tab     uint64
	utf8    bool
	initial bool // expand -i: stop at the first non-blank
	all     bool // unexpand -a: convert every run of blanks
	w       *bufio.Writer
}

func runExpand(ctx *applet.Ctx, args []string) error {
	return run(ctx, args, func(c *converter, r *opt.Result) { c.initial = r.Has("i") }, (*converter).expand)
}

func runUnexpand(ctx *applet.Ctx, args []string) error {
	// -t sets -a, but -f overrides it.
	return run(ctx, args, func(c *converter, r *opt.Result) { c.all = r.Has("a") && !r.Has("f") }, (*converter).unexpand)
}

// run parses the options shared by both applets (set takes the rest),
// and converts each file's lines with conv.
func run(ctx *applet.Ctx, args []string, set func(*converter, *opt.Result), conv func(*converter, []byte)) error {
	r, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	c := &converter{tab: 8, utf8: wcwidth.UTF8(ctx.LookupEnv), w: ctx.BufWriter(ctx.Stdout, 32<<10)}
	if r.Has("t") {
		if c.tab, err = uintRange(r.Str("t"), 1, math.MaxUint32); err != nil {
			return err
		}
	}
	set(c, r)
	files := r.Args
	if len(files) == 0 {
		files = []string{"-"}
	}
	lr := lines.NewReaderBuf(nil, ctx.Buf(32<<10))
	status := 0
	for _, name := range files {
		in := ctx.Stdin
		var f *os.File
		if name != "-" {
			if f, err = rofile.Open(ctx.Path(name)); err != nil {
				ctx.Perror(err, "%s", name)
				status = 1
				continue
			}
			in = f
		}
		lr.Reset(in)
		for !ctx.Cancelled() && ctx.StdoutErr() == nil {
			line, term, ok := lr.Line()
			if !ok {
				break
			}
			if term == '\n' {
				// The newline is part of the line, as fgets reads it.
				line = line[:len(line)+1]
			}
			conv(c, line)
		}
		if f != nil {
			f.Close()
		}
		if ctx.Cancelled() {
			return applet.Exit(130)
		}
		if err := ctx.StdoutErr(); err != nil {
			return applet.Perror(err, "standard output")
		}
		if lr.Err() != nil {
			// BusyBox sees a read error through ferror, which keeps
			// no errno: it reports EIO.
			ctx.Perror(syscall.EIO, "%s", name)
			status = 1
		}
	}
	if err := c.w.Flush(); err != nil {
		return applet.Perror(err, "standard output")
	}
	return applet.Exit(status)
}

// uintRange parses a number as BusyBox's xatou_range does: decimal, in
// lo..hi; one beyond what an unsigned int holds is no number at all.
func uintRange(s string, lo, hi uint64) (uint64, error) {
	if _, err := strconv.ParseUint(s, 10, 32); err != nil && err.(*strconv.NumError).Err == strconv.ErrRange {
		return 0, &suffix.Error{Num: s}
	}
	return suffix.Range(s, suffix.None, lo, hi)
}

// expand writes line with each tab replaced by the spaces up to the
// next tab stop (with -i, only the tabs before the first non-blank).
func (c *converter) expand(line []byte) {
	start := 0 // the text since the last tab
	for i, b := range line {
		if c.initial && b != ' ' && b != '\t' {
			break
		}
		if b == '\t' {
			seg := line[start:i]
			c.w.Write(seg)
			c.pad(c.tab - c.width(seg)%c.tab)
			start = i + 1
		}
	}
	c.w.Write(line[start:])
}

// unexpand writes line with its runs of blanks that reach a tab stop
// turned into tabs: the leading ones, or with -a all of them.
func (c *converter) unexpand(line []byte) {
	p := 0
	col := uint64(0)
	for p < len(line) {
		n := uint64(0) // the spaces of this run not yet written
		for p < len(line) && line[p] == ' ' {
			p++
			n++
		}
		col += n
		if p < len(line) && line[p] == '\t' {
			col += c.tab - col%c.tab
			p++
			continue
		}
		if tabs := col / c.tab; tabs > 0 {
			col %= c.tab
			n = col
			for range tabs {
				c.w.WriteByte('\t')
			}
		}
		if !c.all && p != 0 {
			c.pad(n)
			c.w.Write(line[p:])
			return
		}
		word := line[p:]
		if i := bytes.IndexAny(word, "\t "); i >= 0 {
			word = word[:i]
		}
		c.pad(n)
		c.w.Write(word)
		p += len(word)
		col = (col + c.width(word)) % c.tab
	}
}

// pad writes n spaces as musl's printf "%*s" does with n as its int
// width: a width that is negative as an int pads to its absolute value,
// but INT_MIN, whose negation overflows, pads nothing.
func (c *converter) pad(n uint64) {
	w := int64(int32(uint32(n)))
	if w < 0 {
		w = -w
	}
	if w == 1<<31 {
		return
	}
	const spaces = "                                "
	for w > 0 {
		k := min(w, int64(len(spaces)))
		if _, err := c.w.WriteString(spaces[:k]); err != nil {
			return
		}
		w -= k
	}
}

// width is how many columns s takes: its length in bytes, or in a UTF-8
// locale its characters' widths, as BusyBox's unicode_strwidth counts
// them (an invalid byte, or an unprintable character, takes one).
func (c *converter) width(s []byte) uint64 {
	if !c.utf8 {
		return uint64(len(s))
	}
	w := uint64(0)
	for len(s) > 0 {
		r, size := utf8.DecodeRune(s)
		s = s[size:]
		if r == utf8.RuneError && size == 1 || !wcwidth.IsPrint(r) {
			w++
			continue
		}
		if cw := wcwidth.Width(r); cw < 0 {
			w++
		} else {
			w += uint64(cw)
		}
	}
	return w
}
