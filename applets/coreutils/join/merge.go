package join

import (
	"bufio"
	"bytes"
	"io"
	"strconv"

	"gobox/internal/applet"
	"gobox/internal/rofile"
)

// line is one input line split into fields.
type line struct {
	buf    []byte   // the line without its terminator
	fields [][]byte // slices of buf
}

// input is one of the two files, read a line at a time.
type input struct {
	name   string // as given, for order warnings
	r      *bufio.Reader
	c      *config
	j      *joiner
	field  int // its join field
	lineNo int
	// prev is the join field of the last line read, for order
	// checking; hasPrev is false before the first line and after the
	// header.
	prev     []byte
	hasPrev  bool
	warned   bool    // a disorder warning was issued for this file
	spare    []*line // lines to reuse
	fatalErr error   // --check-order's error, or a read error
}

// joiner merges the two inputs.
type joiner struct {
	ctx        *applet.Ctx
	c          *config
	in         [2]*input
	w          *bufio.Writer
	unpairable bool // an unpairable line was seen: order warnings start
	auto       [2]int
	blank      line // the empty line that stands for a missing partner
}

func join(ctx *applet.Ctx, c *config, name1, name2 string) error {
	if name1 == "-" && name2 == "-" {
		return applet.Errorf("both files cannot be standard input")
	}
	j := &joiner{ctx: ctx, c: c, w: ctx.BufWriter(ctx.Stdout, 32<<10)}
	for i, name := range []string{name1, name2} {
		var rd io.Reader = ctx.Stdin
		if name != "-" {
			f, err := rofile.Open(ctx.Path(name))
			if err != nil {
				return applet.Perror(err, "%s", quoteFile(name))
			}
			defer f.Close()
			rd = f
		}
		j.in[i] = &input{name: name, r: bufio.NewReaderSize(rd, 32<<10), c: c, j: j, field: c.field[i]}
	}
	err := j.run()
	if _, ok := err.(writeFailed); ok {
		err = nil
	}
	// Output already made is written, as GNU's exit flushes stdout;
	// the runtime reports a failed write.
	j.w.Flush()
	if err != nil {
		return err
	}
	if j.in[0].warned || j.in[1].warned {
		return applet.Errorf("input is not in sorted order")
	}
	return nil
}

// run is GNU join's main loop: it compares the first lines of the two
// current runs, prints or skips the smaller, and on equal keys reads
// the whole run of each file and prints their product.
func (j *joiner) run() error {
	c := j.c
	var seq [2][]*line
	for i := range seq {
		seq[i] = j.in[i].advance(seq[i], true)
		if err := j.in[i].fatalErr; err != nil {
			return err
		}
	}
	if c.auto {
		for i := range seq {
			if len(seq[i]) > 0 {
				j.auto[i] = len(seq[i][0].fields)
			}
		}
	}
	if c.header && (len(seq[0]) > 0 || len(seq[1]) > 0) {
		j.print(j.first(seq[0]), j.first(seq[1]))
		for i := range seq {
			j.in[i].hasPrev = false
			if len(seq[i]) > 0 {
				seq[i] = j.in[i].advance(seq[i], true)
			}
		}
	}
	for n := 0; len(seq[0]) > 0 && len(seq[1]) > 0; n++ {
		if err := j.stop(n); err != nil {
			return err
		}
		diff := j.compare(seq[0][0], seq[1][0])
		if diff != 0 {
			i := 0
			if diff > 0 {
				i = 1
			}
			if c.unpaired[i] {
				j.printOne(i, seq[i][0])
			}
			seq[i] = j.in[i].advance(seq[i], true)
			if err := j.in[i].fatalErr; err != nil {
				return err
			}
			j.unpairable = true
			continue
		}
		// Read each file's run of lines with this key; the line that
		// ends a run (if any) is the next run's first.
		var eof [2]bool
		for i := range seq {
			for {
				k := len(seq[i])
				seq[i] = j.in[i].advance(seq[i], false)
				if err := j.in[i].fatalErr; err != nil {
					return err
				}
				if len(seq[i]) == k {
					eof[i] = true
					break
				}
				last := seq[i][k]
				var d int
				if i == 0 {
					d = j.compare(last, seq[1][0])
				} else {
					d = j.compare(seq[0][0], last)
				}
				if d != 0 {
					break
				}
			}
		}
		var run [2][]*line
		for i := range seq {
			run[i] = seq[i]
			if !eof[i] {
				run[i] = seq[i][:len(seq[i])-1]
			}
		}
		if c.paired {
			for _, l1 := range run[0] {
				for _, l2 := range run[1] {
					j.print(l1, l2)
				}
				if j.ctx.StdoutErr() != nil {
					return writeFailed{}
				}
			}
		}
		for i := range seq {
			j.in[i].spare = append(j.in[i].spare, run[i]...)
			if eof[i] {
				seq[i] = seq[i][:0]
			} else {
				seq[i][0] = seq[i][len(seq[i])-1]
				seq[i] = seq[i][:1]
			}
		}
	}
	// One file is done. The other's rest is unpairable: printed with
	// -a, else still read to check its order unless that is off or
	// both files were already found unsorted.
	checkTail := c.check != checkOff && !(j.in[0].warned && j.in[1].warned)
	for i := range seq {
		in := j.in[i]
		if len(seq[i]) == 0 || !(c.unpaired[i] || checkTail) {
			continue
		}
		if c.unpaired[i] {
			j.printOne(i, seq[i][0])
		}
		for n := 0; ; n++ {
			if err := j.stop(n); err != nil {
				return err
			}
			seq[i] = in.advance(seq[i], true)
			if in.fatalErr != nil {
				return in.fatalErr
			}
			if len(seq[i]) == 0 {
				break
			}
			if c.unpaired[i] {
				j.printOne(i, seq[i][0])
			} else if in.warned {
				break
			}
		}
	}
	return nil
}

// stop says whether to stop the loop, every so often: on Ctrl-C, or
// when standard output failed (the runtime reports it).
func (j *joiner) stop(n int) error {
	if n&255 != 0 {
		return nil
	}
	if j.ctx.Cancelled() {
		return applet.Exit(130)
	}
	if j.ctx.StdoutErr() != nil {
		return writeFailed{}
	}
	return nil
}

// writeFailed ends the loop on a failed write; join returns nil for it
// after its flush, and the runtime reports the write error.
type writeFailed struct{}

func (writeFailed) Error() string { return "write error" }

// first returns the first line of seq, or the blank line.
func (j *joiner) first(seq []*line) *line {
	if len(seq) == 0 {
		return &j.blank
	}
	return seq[0]
}

// printOne prints an unpairable line of file i.
func (j *joiner) printOne(i int, l *line) {
	if i == 0 {
		j.print(l, &j.blank)
	} else {
		j.print(&j.blank, l)
	}
}

// compare compares the join fields of l1 (of file 1) and l2 (of file 2).
func (j *joiner) compare(l1, l2 *line) int {
	return j.c.compareKeys(key(l1, j.c.field[0]), key(l2, j.c.field[1]))
}

// key returns field n of l, nil when l has no such field.
func key(l *line, n int) []byte {
	if n < len(l.fields) {
		return l.fields[n]
	}
	return nil
}

// compareKeys compares two join fields as GNU's keycmp: a missing or
// empty field sorts first; then bytes, upper-cased with -i.
func (c *config) compareKeys(a, b []byte) int {
	switch {
	case len(a) == 0 && len(b) == 0:
		return 0
	case len(a) == 0:
		return -1
	case len(b) == 0:
		return 1
	}
	if !c.icase {
		return bytes.Compare(a, b)
	}
	for i := 0; i < len(a) && i < len(b); i++ {
		x, y := upper(a[i]), upper(b[i])
		if x != y {
			return int(x) - int(y)
		}
	}
	return len(a) - len(b)
}

func upper(b byte) byte {
	if 'a' <= b && b <= 'z' {
		return b - 'a' + 'A'
	}
	return b
}

// print writes the output line for l1 and l2 (either may be the blank
// line standing for a missing partner).
func (j *joiner) print(l1, l2 *line) {
	c := j.c
	sep := byte(' ')
	if c.tab >= 0 {
		sep = byte(c.tab)
	}
	w := j.w
	if len(c.outList) > 0 {
		for k, o := range c.outList {
			if k > 0 {
				w.WriteByte(sep)
			}
			switch o.file {
			case 0:
				j.printJoinField(l1, l2)
			case 1:
				j.printField(l1, o.field)
			case 2:
				j.printField(l2, o.field)
			}
		}
		w.WriteByte(c.eol)
		return
	}
	j.printJoinField(l1, l2)
	for i, l := range []*line{l1, l2} {
		n := len(l.fields)
		if c.auto {
			n = j.auto[i]
		}
		for f := 0; f < n; f++ {
			if f == c.field[i] {
				continue
			}
			w.WriteByte(sep)
			j.printField(l, f)
		}
	}
	w.WriteByte(c.eol)
}

// printJoinField prints the join field: file 1's, or file 2's when
// file 1 has no line.
func (j *joiner) printJoinField(l1, l2 *line) {
	if l1 == &j.blank {
		j.printField(l2, j.c.field[1])
	} else {
		j.printField(l1, j.c.field[0])
	}
}

// printField prints field n of l, or -e's string when it is missing or
// empty.
func (j *joiner) printField(l *line, n int) {
	if n < len(l.fields) && len(l.fields[n]) > 0 {
		j.w.Write(l.fields[n])
	} else if j.c.hasEmpty {
		j.w.WriteString(j.c.empty)
	}
}

// advance reads the next line onto seq (emptied first when first is
// set) and returns it; at the end of the input seq is returned as it
// was. A read error or --check-order's finding is left in fatalErr.
func (in *input) advance(seq []*line, first bool) []*line {
	if first {
		in.spare = append(in.spare, seq...)
		seq = seq[:0]
	}
	if in.fatalErr != nil {
		return seq
	}
	var l *line
	if n := len(in.spare); n > 0 {
		l, in.spare = in.spare[n-1], in.spare[:n-1]
	} else {
		l = &line{}
	}
	if !in.read(l) {
		in.spare = append(in.spare, l)
		return seq
	}
	in.checkOrder(l)
	return append(seq, l)
}

// read reads the next line into l and splits it into fields; false at
// the end of the input or on an error (fatalErr).
func (in *input) read(l *line) bool {
	l.buf = l.buf[:0]
	for {
		chunk, err := in.r.ReadSlice(in.c.eol)
		l.buf = append(l.buf, chunk...)
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil && err != io.EOF {
			in.fatalErr = applet.Perror(err, "read error")
			return false
		}
		if err == io.EOF && len(l.buf) == 0 {
			return false
		}
		break
	}
	if n := len(l.buf); n > 0 && l.buf[n-1] == in.c.eol {
		l.buf = l.buf[:n-1]
	}
	in.lineNo++
	l.fields = split(l.fields[:0], l.buf, in.c.tab)
	return true
}

// split appends the fields of b to fields: separated by the byte tab,
// or with tab -1 by runs of blanks (space, tab, newline) with leading
// ones ignored and trailing ones making a last empty field, as GNU's
// xfields. An empty line has no fields; with tab '\n' the line is one.
func split(fields [][]byte, b []byte, tab int) [][]byte {
	if len(b) == 0 {
		return fields
	}
	if tab >= 0 && tab != '\n' {
		for {
			i := bytes.IndexByte(b, byte(tab))
			if i < 0 {
				return append(fields, b)
			}
			fields = append(fields, b[:i])
			b = b[i+1:]
		}
	}
	if tab < 0 {
		i := 0
		for i < len(b) && blank(b[i]) {
			i++
		}
		if i == len(b) {
			return fields
		}
		for i < len(b) {
			start := i
			for i < len(b) && !blank(b[i]) {
				i++
			}
			fields = append(fields, b[start:i])
			if i == len(b) {
				return fields
			}
			for i < len(b) && blank(b[i]) {
				i++
			}
		}
		// Trailing blanks end in an empty field.
		return append(fields, b[i:])
	}
	return append(fields, b)
}

func blank(c byte) bool { return c == ' ' || c == '\t' || c == '\n' }

// checkOrder compares l's join field with the previous line's: out of
// order, it warns once for this file (once an unpairable line was seen),
// or with --check-order ends join.
func (in *input) checkOrder(l *line) {
	k := key(l, in.field)
	defer func() {
		in.prev = append(in.prev[:0], k...)
		in.hasPrev = true
	}()
	c := in.c
	if !in.hasPrev || in.warned || c.check == checkOff {
		return
	}
	if c.check == checkDefault && !in.j.unpairable {
		return
	}
	if c.compareKeys(in.prev, k) <= 0 {
		return
	}
	text := l.buf
	if i := bytes.IndexByte(text, 0); i >= 0 {
		text = text[:i] // printed with %s
	}
	msg := in.name + ":" + strconv.Itoa(in.lineNo) + ": is not sorted: " + string(text)
	if c.check == checkOn {
		in.fatalErr = applet.Errorf("%s", msg)
		return
	}
	// GNU's error() flushes standard output first.
	in.j.w.Flush()
	in.j.ctx.Warnf("%s", msg)
	in.warned = true
}
