package grep

import (
	"bufio"
	"bytes"
	"io"

	"gobox/internal/applet"
	"gobox/internal/dirent"
)

// bufSize is the read buffer's starting size; it grows to hold the
// longest line, and is reused from file to file.
const bufSize = 128 * 1024

// grep is one run of grep: its options and patterns, and what lasts
// from file to file (as BusyBox's globals do).
type grep struct {
	ctx     *applet.Ctx
	opts    options
	invert  bool // -v, reversed by an empty -f FILE
	pats    []*pattern
	needPos bool // -o, -w or -x: a match's position matters
	needNum bool // line numbers are printed (-n), or the context needs them

	w         *bufio.Writer
	eol       byte // ends a printed line: '\n', or NUL with -z
	printName bool
	context   bool // -A or -B: "--" between groups
	// didPrint and lastPrinted place the "--" separators; like
	// BusyBox's, they carry over from one file to the next.
	didPrint    bool
	lastPrinted int
	num         []byte

	openErr bool // a file could not be opened: status 2
	matched bool

	ready  bool // the patterns are set up, at the first line
	slow   bool // no finder: every line matched on its own (tests)
	bufLen int  // the read buffer's starting size, if not bufSize (tests)
	dense  int  // candidate lines in a row that the finder skipped nothing before
	direct int  // lines still to match without the finder
	fnd    *finder
	buf    []byte
	before ring
	walk   dirent.Walk
}

// fileState is what BusyBox's grep_file keeps for one file.
type fileState struct {
	name      string
	linenum   int
	nmatches  int
	afterLeft int  // -A lines still to print
	stop      bool // read no more of the file
	early     bool // -l or -L settled the file at a selected line
	ret       bool // the file counts as a match for the exit status
}

// quit ends the run at once: -q's first selected line (status 0,
// whatever came before, as BusyBox's exit(EXIT_SUCCESS)), or a failed
// write (which the runtime reports).
type quit struct{}

func (quit) Error() string { return "quit" }

// grepReader greps one input, name being what output calls it.
func (g *grep) grepReader(r io.Reader, name string) error {
	if g.buf == nil {
		if g.bufLen == 0 {
			g.bufLen = bufSize
		}
		g.buf = g.ctx.Buf(g.bufLen)
	}
	f := &fileState{name: name}
	g.before.reset(g.opts.before)
	start, end, eof := 0, 0, false
	for {
		if n := g.complete(g.buf[start:end], eof); n > 0 {
			if err := g.lines(f, g.buf[start:start+n]); err != nil {
				return err
			}
			start += n
		}
		if f.stop || eof {
			break
		}
		if g.ctx.StdoutErr() != nil {
			return quit{}
		}
		if g.ctx.Cancelled() {
			return applet.Exit(130)
		}
		if start > 0 {
			end = copy(g.buf, g.buf[start:end])
			start = 0
		}
		if end == len(g.buf) {
			g.buf = append(g.buf, make([]byte, len(g.buf))...)
		}
		n, err := r.Read(g.buf[end:])
		end += n
		// A read error ends the input silently, as BusyBox's getline
		// does (grep DIR without -r reads nothing).
		eof = err != nil
	}
	g.finish(f)
	if g.ctx.StdoutErr() != nil {
		return quit{}
	}
	return nil
}

// complete returns the length of the whole lines at the start of data:
// up to its last line end, or all of it at the end of the input.
func (g *grep) complete(data []byte, eof bool) int {
	if eof {
		return len(data)
	}
	i := bytes.LastIndexByte(data, g.delim())
	if !g.opts.nul {
		if j := bytes.LastIndexByte(data[i+1:], 0); j >= 0 {
			i += 1 + j
		}
	}
	return i + 1
}

// delim is the byte that ends lines: a newline (and a NUL, see lineEnd),
// or with -z a NUL only.
func (g *grep) delim() byte {
	if g.opts.nul {
		return 0
	}
	return '\n'
}

// lines handles the lines of data, which ends at a line end or at the
// end of the input. Stretches without a NUL go to the finder; the others
// are matched line by line.
func (g *grep) lines(f *fileState, data []byte) error {
	if !g.ready {
		g.ready = true
		g.setup()
		if !g.slow && !(g.invert && g.opts.only) { // -ov prints what the search left behind
			g.fnd = g.newFinder()
		}
	}
	if g.fnd != nil {
		g.fnd.reset()
	}
	delim := g.delim()
	// The finder gets whole lines only: a last line without its end
	// (at the end of the input) goes line by line.
	whole := len(data)
	if c := data[whole-1]; c != delim && c != 0 {
		whole = g.complete(data, false)
	}
	nul := -1 // the next NUL at or after pos, once looked for (not with -z)
	if g.opts.nul {
		nul = len(data)
	}
	for pos := 0; pos < len(data) && !f.stop; {
		if nul < pos {
			nul = indexFrom(data, pos, 0)
		}
		if g.fnd != nil && g.direct == 0 {
			limit := pos + bytes.LastIndexByte(data[pos:nul], delim) + 1
			if nul == len(data) {
				limit = len(data)
			}
			limit = min(limit, whole)
			if limit > pos {
				next, err := g.findNext(f, data[:limit], pos)
				if err != nil || next < 0 {
					return err
				}
				pos = next
				continue
			}
		}
		end := pos + bytes.IndexByte(data[pos:nul], delim)
		if end < pos {
			end = nul
		}
		if err := g.line(f, data[pos:end], false); err != nil {
			return err
		}
		pos = end + 1
		if g.direct > 0 {
			g.direct--
		}
	}
	return nil
}

// findNext skips the lines of b from pos up to the first where the
// finder sees a match, then handles that line. It returns where the
// next line starts (len(b) when the finder saw no match).
func (g *grep) findNext(f *fileState, b []byte, pos int) (int, error) {
	delim := g.delim()
	so, eo := g.fnd.next(b, pos)
	if so < 0 || so == len(b) {
		// An empty match at the very end (^$ after the last line's
		// newline) is in no line of b.
		return len(b), g.skip(f, b[pos:])
	}
	ls := pos + bytes.LastIndexByte(b[pos:so], delim) + 1
	if ls > pos {
		if err := g.skip(f, b[pos:ls]); err != nil || f.stop {
			return len(b), err
		}
	}
	le := ls + bytes.IndexByte(b[ls:], delim)
	if le < ls {
		le = len(b)
	}
	found := !g.needPos && so <= eo && eo <= le
	// Where line after line must be matched on its own anyway, the
	// finder only adds its search: go line by line for a while.
	if ls == pos && !found {
		g.dense++
		if g.dense == denseRun {
			g.dense, g.direct = 0, directRun
		}
	} else {
		g.dense = 0
	}
	return le + 1, g.line(f, b[ls:le], found)
}

// denseRun candidate lines in a row, none skipped and each matched on
// its own, send the next directRun lines past the finder.
const (
	denseRun  = 8
	directRun = 256
)

// line handles one line; found says a finder has settled that a pattern
// matches it.
func (g *grep) line(f *fileState, line []byte, found bool) error {
	h := hit{found: true}
	if !found {
		var err error
		if h, err = g.eval(line); err != nil {
			return err
		}
	}
	if h.found != g.invert {
		return g.selected(f, line, h)
	}
	g.unselected(f, line)
	return nil
}

// selected is BusyBox's handling of a selected line: -q, -l and -L stop
// there, -m stops past its count, and otherwise the line is printed
// (after the -B lines kept for it) or counted.
func (g *grep) selected(f *fileState, line []byte, h hit) error {
	o := &g.opts
	f.linenum++
	f.nmatches++
	switch {
	case o.quiet:
		return quit{}
	case o.list:
		g.w.WriteString(f.name)
		g.w.WriteByte('\n')
		f.ret, f.stop, f.early = true, true, true
		return nil
	case o.listNot:
		f.stop, f.early = true, true
		return nil
	case o.hasMax && f.nmatches > o.max:
		f.stop = true
		return nil
	}
	if !o.count {
		g.printBefore(f)
		f.afterLeft = o.after
		if o.only {
			if err := g.printOnly(f, line, h); err != nil {
				return err
			}
		} else {
			g.printLine(f, line, f.linenum, ':')
		}
	}
	g.checkMax(f)
	return nil
}

// unselected is BusyBox's handling of a line not selected: printed as
// -A context, or kept for -B.
func (g *grep) unselected(f *fileState, line []byte) {
	f.linenum++
	if f.afterLeft > 0 {
		g.printLine(f, line, f.linenum, '-')
		f.afterLeft--
	} else if g.opts.before > 0 {
		g.before.push(line)
	}
	g.checkMax(f)
}

// checkMax stops the file once -m's count is reached and its -A lines
// are printed.
func (g *grep) checkMax(f *fileState) {
	if g.opts.hasMax && f.afterLeft == 0 && f.nmatches == g.opts.max {
		f.stop = true
	}
}

// skip handles region, whole lines in which no pattern matches, in bulk
// where it can: unselected lines only need counting and the last -B of
// them kept; with -v they are all selected.
func (g *grep) skip(f *fileState, region []byte) error {
	delim := g.delim()
	if g.invert {
		return g.selectAll(f, region)
	}
	// Lines that print as -A context, or a -m count reached at the
	// start (-m 0), go one by one.
	for len(region) > 0 && !f.stop && (f.afterLeft > 0 || g.opts.hasMax && f.nmatches == g.opts.max) {
		i := bytes.IndexByte(region, delim)
		g.unselected(f, region[:i])
		region = region[i+1:]
	}
	if len(region) == 0 || f.stop {
		return nil
	}
	if g.needNum {
		f.linenum += bytes.Count(region, []byte{delim})
	}
	if g.opts.before > 0 {
		g.keepLast(region)
	}
	return nil
}

// keepLast keeps the last -B lines of region for -B.
func (g *grep) keepLast(region []byte) {
	delim := g.delim()
	start := len(region) - 1 // the end of the last line
	for k := 0; k < g.opts.before && start >= 0; k++ {
		start = bytes.LastIndexByte(region[:start], delim) // the line end before
	}
	start++ // the first line to keep
	for start < len(region) {
		i := start + bytes.IndexByte(region[start:], delim)
		g.before.push(region[start:i])
		start = i + 1
	}
}

// selectAll handles region's lines as selected (-v): -c counts them,
// plain output copies them whole, and the rest go one by one.
func (g *grep) selectAll(f *fileState, region []byte) error {
	o := &g.opts
	delim := g.delim()
	plain := !g.printName && !o.lineNum && !g.context && !o.only && !o.hasMax
	switch {
	case o.quiet:
		return quit{}
	case o.count && !o.hasMax:
		n := bytes.Count(region, []byte{delim})
		f.nmatches += n
		f.linenum += n
		return nil
	case plain && !o.count && !o.list && !o.listNot:
		g.w.Write(region)
		f.nmatches++ // only whether it is zero matters from here
		return nil
	}
	last := g.pats[len(g.pats)-1]
	for len(region) > 0 && !f.stop {
		i := bytes.IndexByte(region, delim)
		if err := g.selected(f, region[:i], hit{p: last}); err != nil {
			return err
		}
		region = region[i+1:]
	}
	return nil
}

// finish ends a file as BusyBox's grep_file does: -c's count, -L's name,
// and whether it counts as a match.
func (g *grep) finish(f *fileState) {
	o := &g.opts
	if !f.early {
		if o.count {
			if g.printName {
				g.w.WriteString(f.name)
				g.w.WriteByte(':')
			}
			g.num = appendInt(g.num[:0], f.nmatches)
			g.num = append(g.num, '\n')
			g.w.Write(g.num)
		}
		if o.listNot {
			g.w.WriteString(f.name)
			g.w.WriteByte('\n')
			f.ret = true
		} else {
			f.ret = f.nmatches != 0
		}
	}
	if f.ret {
		g.matched = true
	}
}
