package sed

import (
	"bytes"
	"io"
	"os"
	"strconv"

	"gobox/internal/applet"
	"gobox/internal/regex"
)

// appendItem is output queued by a, r and R until the end of the cycle.
type appendItem struct {
	kind byte // 'a' text, 'r' a whole file, 'R' a line already read
	text string
}

// engine runs a program over an input, as BusyBox's process_files does.
type engine struct {
	ctx   *applet.Ctx
	prog  *program
	quiet bool
	nl    byte // what N, G and H join with, and p ends a line with

	in   *input
	out  *outFile  // where the pattern space goes: stdout, or -i's file
	outs *outFiles // w files

	hold    []byte
	prev    *regex.Regexp // the last regex used, for an empty one
	appends []appendItem
	rfiles  map[string]*rfile // R's files, read a line at a time

	// Per run (each file with -i or -s, else the whole input).
	linenum int

	quit     bool // q or Q: stop reading
	exitCode int
	jumps    int // branches taken, to check for cancellation

	// The line after the pattern space (see more).
	next      []byte
	nextEnd   int
	nextState int

	// Buffers reused from line to line.
	ps, sbuf []byte
	lineBuf  []byte
	litMatch [2]int
}

// rfile is a file R reads one line at a time.
type rfile struct {
	in   *input
	line []byte
}

// Whether the line after the pattern space has been read, and whether
// there is one.
const (
	nextUnknown = iota
	nextReady
	nextNone
)

// run processes every line of e.in; it returns a fatal error (a write
// error, a runtime script error), or nil.
func (e *engine) run() error {
	e.linenum = 0
	e.nextState = nextUnknown
	for count := 0; !e.quit && e.more(); count++ {
		if count&1023 == 0 && e.ctx.Cancelled() {
			return applet.Exit(130)
		}
		end := e.take()
		e.linenum++
		if err := e.cycle(end); err != nil {
			return err
		}
		if e.outs.err != nil {
			return writeError(e.outs.err)
		}
	}
	return e.in.fatal
}

// jumped counts a branch or a D that starts the script again, and
// reports whether sed was cancelled: a script can loop for ever on one
// line (":a;ba"), and Ctrl-C must still stop it in the shell.
func (e *engine) jumped() bool {
	e.jumps++
	return e.jumps&1023 == 0 && e.ctx.Cancelled()
}

// more reports whether there is a line after the pattern space, reading
// it if that is not known yet. BusyBox always reads a line ahead, to
// know the last line; sed reads it only when it must (for $, n and N,
// and to start the next cycle), so that in a pipeline each line comes
// out before sed waits for the next.
func (e *engine) more() bool {
	if e.nextState == nextUnknown {
		var ok bool
		e.next, e.nextEnd, ok = e.in.read(e.next)
		e.nextState = nextNone
		if ok {
			e.nextState = nextReady
		}
	}
	return e.nextState == nextReady
}

// take makes the next line the pattern space and returns how it ended.
func (e *engine) take() int {
	e.ps, e.next = e.next, e.ps
	e.nextState = nextUnknown
	return e.nextEnd
}

// cycle runs the script over the pattern space, whose line ended with
// end.
func (e *engine) cycle(end int) error {
	substituted := false
	autoprint := true
	cmds := e.prog.cmds
restart:
	for i := 0; i < len(cmds); i++ {
		c := cmds[i]
		matched := e.matches(c)
		if c.name == '{' {
			if matched == c.invert {
				if c.target < 0 {
					return applet.Errorf("unterminated {")
				}
				i = c.target
			}
			continue
		}
		if matched == c.invert {
			continue
		}
		if c.a1.kind == addrRegex {
			e.prev = c.a1.re
		}
		switch c.name {
		case '=':
			e.lineBuf = append(strconv.AppendInt(e.lineBuf[:0], int64(e.linenum), 10), e.nl)
			e.out.raw(e.lineBuf)
		case 'P':
			if k := bytes.IndexByte(e.ps, e.nl); k >= 0 {
				e.out.puts(e.ps[:k], int(e.nl))
				break
			}
			e.out.puts(e.ps, int(e.nl))
		case 'p':
			e.out.puts(e.ps, int(e.nl))
		case 'D':
			if k := bytes.IndexByte(e.ps, e.nl); k >= 0 {
				e.ps = e.ps[:copy(e.ps, e.ps[k+1:])]
				if e.jumped() {
					return applet.Exit(130)
				}
				goto restart
			}
			autoprint = false
			break restart
		case 'd':
			autoprint = false
			break restart
		case 's':
			altered, err := e.subst(c)
			if err != nil {
				return err
			}
			if !altered {
				break
			}
			substituted = true
			if c.print {
				e.out.puts(e.ps, end)
			}
			if c.out != nil {
				c.out.puts(e.ps, end)
			}
		case 'a':
			e.appends = append(e.appends, appendItem{kind: 'a', text: c.text})
		case 'i':
			e.out.puts([]byte(c.text), int(e.nl))
		case 'c':
			// Only the last line of a range is changed.
			if !c.inMatch {
				e.out.puts([]byte(c.text), int(e.nl))
			}
			autoprint = false
			break restart
		case 'r':
			e.appends = append(e.appends, appendItem{kind: 'r', text: c.text})
		case 'R':
			if line, ok := e.readR(c.text); ok {
				e.appends = append(e.appends, appendItem{kind: 'R', text: line})
			}
		case 'w':
			c.out.puts(e.ps, end)
		case 'W':
			first := e.ps
			if k := bytes.IndexByte(first, e.nl); k >= 0 {
				first = first[:k]
			}
			c.out.puts(first, int(e.nl))
		case 'n':
			if !e.quiet {
				e.out.puts(e.ps, end)
			}
			if !e.more() {
				autoprint = false
				break restart
			}
			e.flushAppends()
			end = e.take()
			substituted = false
			e.linenum++
		case 'q':
			e.quit, e.exitCode = true, c.num
			break restart
		case 'Q':
			e.quit, e.exitCode = true, c.num
			e.appends = e.appends[:0]
			return nil
		case 'N':
			if !e.more() {
				// GNU prints the pattern space here; POSIX
				// would not.
				break restart
			}
			e.flushAppends()
			e.ps = append(append(e.ps, e.nl), e.next...)
			end = e.nextEnd
			e.nextState = nextUnknown
			e.linenum++
		case 't', 'T', 'b':
			if c.name == 't' {
				if !substituted {
					break
				}
				substituted = false
			} else if c.name == 'T' && substituted {
				break
			}
			if !c.hasArg {
				break restart
			}
			if e.jumped() {
				return applet.Exit(130)
			}
			i = c.target
		case 'y':
			for k, b := range e.ps {
				e.ps[k] = c.ytab[b]
			}
		case 'g':
			e.ps = append(e.ps[:0], e.hold...)
		case 'G':
			e.ps = append(append(e.ps, e.nl), e.hold...)
			end = int(e.nl)
		case 'h':
			e.hold = append(e.hold[:0], e.ps...)
		case 'H':
			e.hold = append(append(e.hold, e.nl), e.ps...)
		case 'x':
			e.ps, e.hold = e.hold, e.ps
			end = int(e.nl)
		case 'l':
			width := 70
			if c.hasArg {
				width = c.num
			}
			e.out.puts(nil, noEOL) // the newline a last line lacks
			e.lineBuf = list(e.lineBuf[:0], e.ps, width, e.nl)
			e.out.raw(e.lineBuf)
			e.out.last = '\n'
		}
	}
	if autoprint && !e.quiet {
		e.out.puts(e.ps, end)
	}
	e.flushAppends()
	return nil
}

// matches reports whether the line in the pattern space is selected by
// c's addresses, and moves c's range on, the way BusyBox does: a range
// that starts at line N starts at the first line at or after N that
// reaches it (once), an ending line number at or before the start line
// ends the range at once, and an ending regex is tried from the line
// after the start.
func (e *engine) matches(c *command) bool {
	old := c.inMatch
	if !old {
		c.endLine = 0
	}
	m := c.inMatch ||
		c.a1.kind == addrNone && c.a2.kind == addrNone ||
		c.a1.kind == addrLine && !c.dead && (c.a2.kind != addrNone && c.a1.n <= e.linenum || c.a1.n == e.linenum) ||
		c.a1.kind == addrRegex && e.begMatch(c) ||
		c.a1.kind == addrLast && !e.more() ||
		c.a1.kind == addrStep && stepMatch(c.a1, e.linenum) ||
		c.zero && !c.opened
	if c.zero && !c.opened {
		// 0,/re/ is open before line 1: its end is tried on line 1.
		c.opened, old = true, true
	}
	c.inMatch = m
	if !m {
		return false
	}
	if !old {
		switch c.a2.kind {
		case addrPlus:
			c.endLine = e.linenum + c.a2.n
		case addrMult:
			// The next multiple of N after the first line (GNU).
			c.endLine = e.linenum
			if n := c.a2.n; n > 0 {
				c.endLine = (e.linenum/n + 1) * n
			}
		}
	}
	if c.a1.kind == addrLine {
		c.dead = true
	}
	var ended bool
	switch c.a2.kind {
	case addrNone:
		ended = true
	case addrLine:
		ended = c.a2.n <= e.linenum
	case addrLast:
		ended = !e.more()
	case addrPlus, addrMult:
		ended = c.endLine <= e.linenum
	case addrRegex:
		ended = old && c.a2.re.Match(e.ps)
	}
	c.inMatch = !ended
	return true
}

// begMatch tries c's first address regex; a match makes it the last
// regex used.
func (e *engine) begMatch(c *command) bool {
	if c.a1.re.Match(e.ps) {
		e.prev = c.a1.re
		return true
	}
	return false
}

func stepMatch(a address, line int) bool {
	if a.step <= 0 {
		return line == a.n
	}
	return line >= a.n && (line-a.n)%a.step == 0
}

// reset puts the ranges back as they were before the first line, for
// the next file of -i or -s (BusyBox keeps a range that is still open).
func (e *engine) reset() {
	for _, c := range e.prog.cmds {
		c.dead = false
		c.opened = false
	}
}

// flushAppends writes what a, r and R queued.
func (e *engine) flushAppends() {
	for _, a := range e.appends {
		switch a.kind {
		case 'a':
			// GNU ends a's text with a newline even with -z.
			e.out.puts([]byte(a.text), '\n')
		case 'R':
			e.out.puts([]byte(a.text), int(e.nl))
		case 'r':
			e.copyFile(a.text)
		}
	}
	e.appends = e.appends[:0]
}

// copyFile writes the file name to the output, as r does: nothing if
// it cannot be read, and a newline after a last line that has none.
func (e *engine) copyFile(name string) {
	f, err := os.Open(e.ctx.Path(name))
	if err != nil {
		return
	}
	defer f.Close()
	buf := e.sbuf[:cap(e.sbuf)]
	if len(buf) < 32<<10 {
		buf = make([]byte, 32<<10)
		e.sbuf = buf[:0]
	}
	var last byte = '\n'
	started := false
	for {
		n, err := f.Read(buf)
		if n > 0 {
			if !started {
				e.out.puts(nil, noEOL)
				started = true
			}
			e.out.raw(buf[:n])
			last = buf[n-1]
		}
		if err != nil {
			break
		}
	}
	if !started {
		return
	}
	if last != '\n' {
		e.out.raw([]byte{'\n'})
	}
	e.out.last = '\n'
}

// readR reads the next line of name for R; false at its end or when it
// cannot be read.
func (e *engine) readR(name string) (string, bool) {
	rf := e.rfiles[name]
	if rf == nil {
		rf = &rfile{in: newInput(e.ctx, []string{name}, e.nl == 0, nil)}
		// R ignores a file it cannot open, as r does.
		rf.in.ctx = &applet.Ctx{Context: e.ctx.Context, Stdin: e.ctx.Stdin, Stderr: io.Discard, Dir: e.ctx.Dir}
		if e.rfiles == nil {
			e.rfiles = map[string]*rfile{}
		}
		e.rfiles[name] = rf
	}
	var ok bool
	rf.line, _, ok = rf.in.read(rf.line)
	return string(rf.line), ok
}

// closeR closes R's files.
func (e *engine) closeR() {
	for _, rf := range e.rfiles {
		rf.in.close()
	}
}
