package diff

import (
	"bytes"
	"io"
	"os"
	"slices"

	"gobox/internal/applet"
	"gobox/internal/diffalgo"
)

// chunk is how much of a file is read at once.
const chunk = 64 << 10

// eofToken is the token BusyBox's diff hashes for the end of a file that
// does not end in a newline, so that "x" and "x\n" differ.
const eofToken = 0x1ff

// markEvery is how many lines apart scan records where a line starts:
// reading a line before the last one read goes back to the mark before
// it and forward from there, at most markEvery-1 lines.
const markEvery = 128

// input is one side of a comparison: a file that can be read at any
// offset, the window of it read last, and, once scanned, each line's
// hash, the start of every markEvery-th line, and a cursor on the line
// read last. BusyBox keeps each line's offset (8 bytes) beside its hash
// and sort position; a cursor and marks do for the order diff reads
// lines in (forward in each file, Verify then the hunks), so only the
// 4-byte hash is kept per line, and Match takes over its storage.
type input struct {
	r    io.ReaderAt
	file *os.File // closed by close, or nil
	size int64    // -1 when unknown (a device)

	buf []byte
	win []byte // the bytes read last, from offset off
	off int64

	// hash[i-1] is line i's, until Match takes it; n is the number of
	// lines. mark[k] is where line k*markEvery+1 starts.
	hash []uint32
	n    int
	mark []int64
	// Line cur (0: none yet) spans start..end: end is just past its
	// newline, or one past the file's end for a last line without one,
	// where BusyBox counts the end of file as a character.
	cur        int
	start, end int64
}

func (in *input) close() {
	if in.file != nil {
		in.file.Close()
	}
}

// at returns the n bytes at off, fewer at the end of the file. The slice
// is valid until the next call.
func (in *input) at(off int64, n int) ([]byte, error) {
	if off >= in.off && off+int64(n) <= in.off+int64(len(in.win)) {
		return in.win[off-in.off : off-in.off+int64(n)], nil
	}
	size := max(n, chunk)
	if cap(in.buf) < size {
		in.buf = make([]byte, size)
	}
	buf := in.buf[:size]
	m := 0
	for m < size {
		k, err := in.r.ReadAt(buf[m:], off+int64(m))
		m += k
		if err == io.EOF || k == 0 && err == nil {
			break
		}
		if err != nil {
			in.win = nil
			return nil, applet.PerrorCode(2, err, "read error")
		}
	}
	in.win, in.off = buf[:m], off
	return in.win[:min(n, m)], nil
}

// compareBytes reads both files from the start and reports whether they
// differ, and whether either has a NUL byte within the length of the
// shorter (BusyBox's test for binary files).
func compareBytes(in [2]*input) (differ, binary bool, err error) {
	var off int64
	for {
		a, err := in[0].at(off, chunk)
		if err != nil {
			return false, false, err
		}
		// a stays valid: the two inputs have windows of their own.
		b, err := in[1].at(off, chunk)
		if err != nil {
			return false, false, err
		}
		n := min(len(a), len(b))
		if len(a) != len(b) {
			differ = true
		}
		if n == 0 {
			return differ, binary, nil
		}
		a, b = a[:n], b[:n]
		if !binary && (bytes.IndexByte(a, 0) >= 0 || bytes.IndexByte(b, 0) >= 0) {
			binary = true
		}
		if !differ && !bytes.Equal(a, b) {
			differ = true
		}
		if differ && binary {
			return true, true, nil
		}
		off += int64(n)
	}
}

// tokens says how lines are compared: byte for byte, or with case or
// white space folded (-i, -b, -w).
type tokens struct {
	icase, spaceChange, allSpace bool
}

func (t tokens) plain() bool { return !t.icase && !t.spaceChange && !t.allSpace }

// isSpace is C's isspace in the C locale.
func isSpace(c byte) bool {
	return c == ' ' || c >= '\t' && c <= '\r'
}

// feed is BusyBox's read_token for one byte c of a line: it calls emit
// with the token c gives, if any. space is whether the byte before was
// white space (-b folds a run into one blank), reset at each line.
func (t tokens) feed(c byte, space *bool, emit func(uint32)) {
	v := uint32(c)
	if t.icase && c >= 'A' && c <= 'Z' {
		v += 'a' - 'A'
	}
	sp := isSpace(c)
	switch {
	case t.allSpace && sp:
		return
	case t.spaceChange && *space:
		if sp {
			return
		}
		*space = false
	case t.spaceChange && sp:
		v = ' '
		*space = true
	}
	emit(v)
}

// feedEOF is the end of file as a token.
func (t tokens) feedEOF(space bool, emit func(uint32)) {
	switch {
	case t.allSpace:
	case t.spaceChange:
		if !space {
			emit(' ')
		}
	default:
		emit(eofToken)
	}
}

// scan reads the whole file and records each line's hash, in a slice of
// the exact size (counted first: a slice grown by appending holds up to
// twice what it needs), with two entries spare for Match's arrays.
func (in *input) scan(t tokens) error {
	lines, err := in.count()
	if err != nil {
		return err
	}
	in.hash = make([]uint32, 0, lines+3)
	in.mark = append(in.mark[:0], 0)
	in.cur = 0
	var h uint32
	var off, start int64 // start: where the line being hashed starts
	plain := t.plain()
	space := false
	emit := func(v uint32) { h = diffalgo.Hash(h, v) }
	// eol ends the line before byte k of the window at off.
	eol := func(k int) {
		in.hash = append(in.hash, h)
		start = off + int64(k) + 1
		if len(in.hash)%markEvery == 0 {
			in.mark = append(in.mark, start)
		}
		h, space = 0, false
	}
	for {
		b, err := in.at(off, chunk)
		if err != nil {
			return err
		}
		if len(b) == 0 {
			break
		}
		if plain {
			for k, c := range b {
				h = h*127 + uint32(c)
				if c == '\n' {
					eol(k)
				}
			}
		} else {
			for k, c := range b {
				t.feed(c, &space, emit)
				if c == '\n' {
					eol(k)
				}
			}
		}
		off += int64(len(b))
	}
	// The end of file is a line of its own, dropped when it is only
	// that (the file ended with a newline, or is empty).
	t.feedEOF(space, emit)
	if start != off {
		in.hash = append(in.hash, h)
	}
	in.n = len(in.hash)
	in.size = off
	return nil
}

// count returns the number of newlines in the file.
func (in *input) count() (int, error) {
	n := 0
	for off := int64(0); ; {
		b, err := in.at(off, chunk)
		if err != nil || len(b) == 0 {
			return n, err
		}
		n += bytes.Count(b, []byte{'\n'})
		off += int64(len(b))
	}
}

// lines returns the number of lines scanned.
func (in *input) lines() int { return in.n }

// seek moves the cursor to line i: forward from the cursor, or from the
// mark before i when that is nearer or i is behind the cursor.
func (in *input) seek(i int) error {
	if in.cur == i {
		return nil
	}
	if in.cur == 0 || i < in.cur || (i-1)/markEvery > (in.cur-1)/markEvery {
		k := (i - 1) / markEvery
		in.cur, in.start = k*markEvery, in.mark[k]
		in.end = in.start // where line cur+1 starts
	}
	for in.cur < i {
		end, err := in.lineEnd(in.end)
		if err != nil {
			return err
		}
		in.cur, in.start, in.end = in.cur+1, in.end, end
	}
	return nil
}

// lineEnd returns where the line starting at off ends: just past its
// newline, or one past the end of the file.
func (in *input) lineEnd(off int64) (int64, error) {
	for {
		// What the window holds from off, or a new window.
		var b []byte
		var err error
		if off >= in.off && off < in.off+int64(len(in.win)) {
			b = in.win[off-in.off:]
		} else {
			b, err = in.at(off, int(min(chunk, max(in.size-off, 0))))
		}
		if err != nil {
			return 0, err
		}
		if len(b) == 0 {
			return in.size + 1, nil
		}
		if k := bytes.IndexByte(b, '\n'); k >= 0 {
			return off + int64(k) + 1, nil
		}
		off += int64(len(b))
	}
}

// length returns the length of line i, its newline included, and a
// last line without a newline counting one more.
func (in *input) length(i int) (int64, error) {
	if err := in.seek(i); err != nil {
		return 0, err
	}
	return in.end - in.start, nil
}

// line returns line i's bytes (with its newline, if it has one) and
// whether it is a last line without a newline.
func (in *input) line(i int) ([]byte, bool, error) {
	if err := in.seek(i); err != nil {
		return nil, false, err
	}
	start, end := in.start, in.end
	noNL := end > in.size
	if noNL {
		end = in.size
	}
	b, err := in.at(start, int(end-start))
	return b, noNL, err
}

// comparer checks the lines that hashing matched, as BusyBox's diff
// does after hashing: byte for byte, or token by token under -b, -w or
// -i. The first read error stops it and is kept in err.
type comparer struct {
	t      tokens
	a, b   *input
	ta, tb []uint32 // scratch space for the tokens of each line
	err    error
}

// tokensOf appends the tokens of line i of in to dst[:0].
func (c *comparer) tokensOf(in *input, i int, dst []uint32) []uint32 {
	line, noNL, err := in.line(i)
	if err != nil {
		c.err = err
	}
	dst = dst[:0]
	space := false
	emit := func(v uint32) { dst = append(dst, v) }
	for _, ch := range line {
		c.t.feed(ch, &space, emit)
	}
	if noNL {
		c.t.feedEOF(space, emit)
	}
	return dst
}

// equal reports whether line i of a equals line j of b.
func (c *comparer) equal(i, j int) bool {
	if c.err != nil {
		return false
	}
	if !c.t.plain() {
		c.ta = c.tokensOf(c.a, i, c.ta)
		c.tb = c.tokensOf(c.b, j, c.tb)
		return c.err == nil && slices.Equal(c.ta, c.tb)
	}
	// a's line stays valid while b's is read: each input has a window
	// of its own.
	la, na, err := c.a.line(i)
	if err != nil {
		c.err = err
		return false
	}
	lb, nb, err := c.b.line(j)
	if err != nil {
		c.err = err
		return false
	}
	return na == nb && bytes.Equal(la, lb)
}
