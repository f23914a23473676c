// Package cut is the cut applet: BusyBox's cut, which prints selected
// bytes (-b), characters (-c, which are bytes, as in BusyBox) or fields
// (-f, separated by -d's first character, a tab by default, joined by
// -O's string or -d's) of each line of its FILEs.
//
// LIST is comma-separated N, N-, N-M and -M ranges, sorted by their start
// unless -D is given; a byte or character selected twice is printed
// once. Everything follows BusyBox 1.36, quirks included: a line with no
// delimiter is printed whole (-s suppresses it, but not an empty line),
// an empty -d means a tab, and -d with a newline selects whole lines by
// number.
// Lines end at a newline or a NUL byte; a file that cannot be read is
// taken as ended.
package cut

import (
	"bufio"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"

	"gobox/internal/applet"
	"gobox/internal/lines"
	"gobox/internal/opt"
	"gobox/internal/rofile"
	"gobox/internal/suffix"
)

// Applet is cut's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "cut",
	Path:  "/usr/bin",
	Usage: "[OPTIONS] [FILE]...",
	Help: `Print selected fields from FILEs to stdout

	-b LIST	Output only bytes from LIST
	-c LIST	Output only characters from LIST
	-d SEP	Field delimiter for input (default -f TAB, -F run of whitespace)
	-O SEP	Field delimeter for output (default = -d for -f, one space for -F)
	-D	Don't sort/collate sections or match -fF lines without delimeter
	-f LIST	Print only these fields (-d is single char)
	-s	Output only lines containing delimiter
	-n	Ignored`,
	Options: &opt.Spec{Short: "b:c:f:d:O:sDn"},
	NoFork:  true,
	Main:    run,
}

// span is one range of LIST, 0-based, both ends included (end may be
// -1 for "-0", as in BusyBox).
type span struct{ start, end int }

// cutter is what cut's options ask for.
type cutter struct {
	spans  []span
	fields bool   // -f, else -b or -c
	delim  byte   // -d's first byte
	odelim []byte // -O, or all of -d
	only   bool   // -s
	nosort bool   // -D
	w      *bufio.Writer
	marked []bool // -b, -c: which bytes of the line are printed
}

func run(ctx *applet.Ctx, args []string) error {
	r, err := opt.Parse(ctx.Options(), args)
	if err != nil {
		return err
	}
	// -b, -c and -f exclude each other, and each itself given twice.
	if r.Count("b")+r.Count("c")+r.Count("f") > 1 {
		return &applet.UsageError{}
	}
	c := &cutter{fields: r.Has("f"), only: r.Has("s"), nosort: r.Has("D")}
	list := ""
	switch {
	case r.Has("b"):
		list = r.Str("b")
	case r.Has("c"):
		list = r.Str("c")
	case r.Has("f"):
		list = r.Str("f")
	default:
		return applet.Errorf("expected a list of bytes, characters, or fields")
	}
	delim := r.Str("d")
	if delim == "" {
		delim = "\t"
	}
	c.delim = delim[0]
	c.odelim = []byte(r.StrOr("O", delim))
	if !c.fields {
		if c.only {
			return applet.Errorf("suppressing non-delimited lines makes sense only when operating on fields")
		}
		if r.Has("d") {
			return applet.Errorf("a delimiter may be specified only when operating on fields")
		}
	}
	if c.spans, err = parseList(list); err != nil {
		return err
	}
	if !c.nosort {
		slices.SortStableFunc(c.spans, func(a, b span) int { return a.start - b.start })
	}
	files := r.Args
	if len(files) == 0 {
		files = []string{"-"}
	}
	c.w = ctx.BufWriter(ctx.Stdout, 32<<10)
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
		for n := 0; !ctx.Cancelled() && ctx.StdoutErr() == nil; n++ {
			line, _, ok := lr.Line()
			if !ok {
				break
			}
			c.line(line, n)
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
	}
	if err := c.w.Flush(); err != nil {
		return applet.Perror(err, "standard output")
	}
	return applet.Exit(status)
}

// parseList parses LIST as BusyBox does: empty items are skipped, "0"
// counts as 1, and an end before its start is an error worded "E<S"
// (the end 1-based, the start 0-based).
func parseList(list string) ([]span, error) {
	var spans []span
	for _, item := range strings.Split(list, ",") {
		if item == "" {
			continue
		}
		first, rest, isRange := strings.Cut(item, "-")
		s := 0
		if first != "" {
			n, err := positive(first)
			if err != nil {
				return nil, err
			}
			s = max(n-1, 0)
		}
		e := s
		switch {
		case !isRange:
		case rest == "":
			e = math.MaxInt32
		default:
			n, err := positive(rest)
			if err != nil {
				return nil, err
			}
			if n < s {
				return nil, applet.Errorf("%d<%d", n, s)
			}
			e = n - 1
		}
		spans = append(spans, span{s, e})
	}
	if len(spans) == 0 {
		return nil, applet.Errorf("missing list of positions")
	}
	return spans, nil
}

// line cuts one line, the n-th of its file (from 0).
func (c *cutter) line(line []byte, n int) {
	switch {
	case !c.fields:
		c.bytes(line)
	case c.delim == '\n':
		c.lineByNumber(line, n)
		return
	default:
		if !c.fieldsOf(line) {
			return
		}
	}
	c.w.WriteByte('\n')
}

// bytes prints the selected bytes, range by range, each byte once.
func (c *cutter) bytes(line []byte) {
	if cap(c.marked) < len(line) {
		c.marked = make([]bool, len(line))
	}
	marked := c.marked[:len(line)]
	clear(marked)
	for _, sp := range c.spans {
		for pos := sp.start; pos < len(line); {
			if !marked[pos] {
				marked[pos] = true
				c.w.WriteByte(line[pos])
			}
			pos++
			if pos > sp.end {
				break
			}
		}
	}
}

// lineByNumber prints the line if its number is in a range: with a
// newline as the delimiter, each line is one field.
func (c *cutter) lineByNumber(line []byte, n int) {
	i := 0
	pos := c.spans[i].start
	if n < pos {
		return
	}
	for pos < n {
		pos++
		if pos > c.spans[i].end {
			i++
			if i >= len(c.spans) {
				return
			}
			pos = c.spans[i].start
			if n < pos {
				return
			}
		}
	}
	c.w.Write(line)
	c.w.WriteByte('\n')
}

// fieldsOf prints the selected fields of line, the way BusyBox's loop
// does (with -D each range rescans the line from its start). It
// returns false when -s suppresses the line.
func (c *cutter) fieldsOf(line []byte) bool {
	n := len(line)
	uu, start, end, out, dcount, i := 0, 0, 0, 0, 0, 0
	for {
		if end == n || dcount > c.spans[i].end {
			if i++; i >= len(c.spans) {
				break
			}
			if c.nosort {
				start, dcount, uu = 0, 0, 0
			}
			end = 0
		}
		if uu == n {
			if i == 0 && dcount == 0 {
				// No delimiter in the line.
				if c.only {
					return false
				}
			} else if dcount < c.spans[i].start {
				start = n
			}
			end = n
		} else {
			end = uu
			uu++
			if line[end] != c.delim {
				continue
			}
			if dcount < c.spans[i].start {
				dcount++
				start = uu
				continue
			}
			dcount++
		}
		if out > 0 {
			c.w.Write(c.odelim)
		}
		out++
		c.w.Write(line[start:end])
		start = uu
		if dcount == 0 {
			break
		}
	}
	return true
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
