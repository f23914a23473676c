package less

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync/atomic"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/regex"
	"gobox/internal/termwidth"
)

// Escape sequences less draws with (BusyBox's HIGHLIGHT, NORMAL, CLEAR_2_EOL).
const (
	hilite = "\033[7m"
	normal = "\033[m"
	clrEOL = "\033[K"
)

const (
	maxLines = 9999999 // CONFIG_FEATURE_LESS_MAXLINES
	tildes   = 1       // how many lines past the end may be shown
)

// Option bits, as less.c's FLAG_xxx.
const (
	flagE uint = 1 << iota
	flagM
	flagm
	flagN
	flagTilde
	flagI
	flagF
	flagS
	flagR
	stateBackwards // the last search was '?'
)

// numLines states below zero (less.c's REOPEN_AND_COUNT...).
const (
	reopenAndCount = -1
	reopenStdin    = -2
	notRegular     = -3
)

// fline is one screen line of input: a whole input line, or a piece of
// a long one (pieces share no, the input line's index).
type fline struct {
	s  string
	no int
}

// exitPager unwinds the pager from wherever BusyBox would call exit():
// quitting, -E and -F at the end of the input, fatal signals, a file that
// cannot be opened. run recovers it and returns err.
type exitPager struct{ err error }

// pager is less.c's globals: the input read so far, split into screen
// lines, and what the screen shows.
type pager struct {
	ctx   *applet.Ctx
	out   *bufio.Writer
	kbd   *keyboard
	flags uint

	width, maxDisp int          // columns; screen rows minus 2 (the last shown line's index)
	winch          atomic.Int32 // SIGWINCHes not yet handled
	// sizeUnknown: the terminal gave no size (nor did LINES and
	// COLUMNS), so less asks where the cursor lands at 999;999.
	sizeUnknown bool
	sig         atomic.Int32 // a fatal signal that arrived, or -1 for Ctrl-C in the shell
	emptyMarker string

	files       []string
	currentFile int // 1-based
	filename    string
	src         *source
	numLines    int

	flines      []fline
	curFline    int
	maxLineno   int
	lastLinePos int
	terminated  bool
	eofErr      int // >0: more may come; 0: end of input; <0: read error
	rbuf        []byte
	readpos     int
	inEscape    bool
	buffer      []int // the fline index shown on each row, -1 for the marker
	getsPos     int   // the cursor column while a line is being typed, or -1

	pattern     *regex.Regexp
	matchLines  []int
	matchPos    int
	wantedMatch int
	marks       [][2]int
}

func (p *pager) maxFline() int { return len(p.flines) - 1 }

func (p *pager) has(f uint) bool { return p.flags&f != 0 }

func (p *pager) printf(format string, args ...any) { fmt.Fprintf(p.out, format, args...) }

func (p *pager) moveCursor(line, col int) { p.printf("\033[%d;%dH", line, col) }

func (p *pager) clearLine() { p.printf("\033[%d;0H"+clrEOL, p.maxDisp+2) }

func (p *pager) printHilite(s string) { p.out.WriteString(hilite + s + normal) }

func (p *pager) printStatusline(s string) {
	p.clearLine()
	if len(s) > p.width-1 {
		s = s[:p.width-1]
	}
	p.printHilite(s)
}

// exit is less_exit: the terminal as it was, the status line cleared.
func (p *pager) exit(err error) {
	p.kbd.setCooked()
	p.clearLine()
	panic(exitPager{err})
}

// atEnd reports whether the screen reaches the last line read.
func (p *pager) atEnd() bool {
	if p.has(flagS) {
		return !(p.curFline <= p.maxFline() && p.maxLineno > p.lineno(p.curFline)+p.maxDisp)
	}
	return !(p.maxFline() > p.curFline+p.maxDisp)
}

// lineno is LINENO(flines[i]), safe for an index past the ends.
func (p *pager) lineno(i int) int {
	if len(p.flines) == 0 {
		return 0
	}
	i = max(0, min(i, len(p.flines)-1))
	return p.flines[i].no
}

// readLines is read_lines: it takes input as it is available (never
// waiting for a pipe) and splits it into screen lines until the screen
// from curFline is full, a wanted match is found, or the input runs dry.
// A last line without its newline stays open, to be continued by the
// next call: a growing file or a slow pipe shows what has come so far.
func (p *pager) readLines() {
	if len(p.flines) > maxLines {
		return
	}
	w := p.width
	if p.has(flagN) {
		w -= 8
	}
	oldMax := p.maxFline()
	var cur []byte
	if !p.terminated && len(p.flines) > 0 {
		last := p.flines[len(p.flines)-1]
		cur = append(cur, last.s...)
		p.flines = p.flines[:len(p.flines)-1]
	} else {
		p.lastLinePos = 0
	}
	for {
		p.terminated = false
		dry := false
		for {
			if p.readpos >= len(p.rbuf) {
				data, err := p.src.read()
				p.readpos = 0
				p.rbuf = data
				if len(data) == 0 {
					switch {
					case err == nil:
						p.eofErr = 1
						dry = true
					case err == io.EOF:
						p.eofErr = 0
					default:
						p.eofErr = -1
					}
					break
				}
			}
			c := p.rbuf[p.readpos]
			// Backspace overstrikes (manual pages), except after a tab.
			if c == '\b' && p.lastLinePos > 0 && len(cur) > 0 && cur[len(cur)-1] != '\t' {
				p.readpos++
				p.lastLinePos--
				cur = cur[:len(cur)-1]
				continue
			}
			if p.has(flagR) {
				// -R drops "ESC [ N ; N m" colour sequences.
				if c == 0x1b {
					p.inEscape = true
					p.readpos++
					continue
				}
				if p.inEscape {
					if c >= '0' && c <= '9' || c == '[' || c == ';' || c == 'm' {
						p.inEscape = c != 'm'
						p.readpos++
						continue
					}
					p.inEscape = false
				}
			}
			pos := p.lastLinePos + 1
			if c == '\t' {
				pos = (pos + 7) &^ 7
			}
			if pos > w {
				break // the screen line is full: the rest wraps
			}
			p.lastLinePos = pos
			p.readpos++
			if c == '\n' {
				p.terminated = true
				p.lastLinePos = 0
				break
			}
			if c == 0 {
				c = '\n' // shown as a highlighted '@'
			}
			cur = append(cur, c)
		}
		p.flines = append(p.flines, fline{string(cur), p.maxLineno})
		if p.terminated {
			p.maxLineno++
		}
		if p.maxFline() >= maxLines {
			p.eofErr = 0
			break
		}
		if !p.atEnd() {
			if p.wantedMatch >= len(p.matchLines) {
				p.fillMatchLines(oldMax)
				oldMax = p.maxFline()
			}
			if p.wantedMatch < len(p.matchLines) {
				break
			}
		}
		if dry || p.eofErr <= 0 {
			break
		}
		cur = nil
		p.lastLinePos = 0
	}
	if p.eofErr < 0 {
		p.printStatusline("read error")
	} else if p.eofErr == 0 {
		p.numLines = p.maxLineno
	}
	p.fillMatchLines(oldMax)
	p.wantedMatch = -1
}

// safeLineno is the 1-based input line number of screen line i.
func (p *pager) safeLineno(i int) int {
	if i >= p.maxFline() {
		i = p.maxFline() - 1
	}
	if i < 0 {
		return 0
	}
	return p.flines[i].no + 1
}

// updateNumLines counts the lines of a regular file for -M's "/N".
func (p *pager) updateNumLines() {
	if p.numLines != reopenAndCount && p.numLines != reopenStdin {
		return
	}
	p.numLines = notRegular
	f := p.src.file
	if f == nil {
		return
	}
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		return
	}
	count := 0
	buf := make([]byte, 32*1024)
	var off int64
	for count < maxLines {
		n, err := f.ReadAt(buf, off)
		for _, c := range buf[:n] {
			if c == '\n' {
				count++
				if count == maxLines {
					break
				}
			}
		}
		off += int64(n)
		if err != nil || n == 0 {
			break
		}
	}
	p.numLines = count
}

// mStatusPrint is -M's status line (also '=' and ":f").
func (p *pager) mStatusPrint() {
	if p.getsPos >= 0 {
		return
	}
	p.clearLine()
	p.printf(hilite+"%s", p.filename)
	if len(p.files) > 1 {
		p.printf(" (file %d of %d)", p.currentFile, len(p.files))
	}
	first := p.safeLineno(p.curFline)
	var last int
	if p.has(flagS) {
		last = min(first+p.maxDisp, p.maxLineno)
	} else {
		last = p.safeLineno(p.curFline + p.maxDisp)
	}
	p.printf(" lines %d-%d", first, last)
	p.updateNumLines()
	if p.numLines >= 0 {
		p.printf("/%d", p.numLines)
	}
	if p.atEnd() {
		p.printf(" (END)")
		if len(p.files) > 1 && p.currentFile != len(p.files) {
			p.printf(" - next: %s", p.files[p.currentFile])
		}
	} else if p.numLines > 0 {
		percent := (100*last + p.numLines/2) / p.numLines
		p.printf(" %d%%", min(percent, 100))
	}
	p.out.WriteString(normal)
}

// statusPrint draws the last row: the file name on the first page,
// "(END)" on the last, ':' between.
func (p *pager) statusPrint() {
	if p.getsPos >= 0 {
		return // a line is being typed there
	}
	if p.has(flagM | flagm) {
		p.mStatusPrint()
		return
	}
	p.clearLine()
	if p.curFline != 0 && !p.atEnd() {
		p.out.WriteByte(':')
		return
	}
	s := "(END)"
	if p.curFline == 0 {
		s = p.filename
	}
	if len(p.files) > 1 {
		p.printf(hilite+"%s (file %d of %d)"+normal, s, p.currentFile, len(p.files))
		return
	}
	p.printHilite(s)
}

// isControl is less.c's controls[]: what print_ascii shows highlighted.
func isControl(c byte) bool {
	return c != 0 && c != '\t' && c < 0x20 || c == 0x7f || c == 0x9b
}

func controlSpan(s string, want bool) int {
	i := 0
	for i < len(s) && isControl(s[i]) == want {
		i++
	}
	return i
}

// printLineno prints -N's number column.
func (p *pager) printLineno(i int) {
	if i < 0 {
		p.out.WriteString("        ")
		return
	}
	n := p.flines[i].no + 1
	if n > 9999999 {
		p.printf("%07d ", n%10000000)
		return
	}
	p.printf("%7d ", n)
}

// printASCII prints a line with control characters as highlighted
// letters ("^A" as "A", NUL as "@", DEL as "?").
func (p *pager) printASCII(s string) {
	for s != "" {
		n := controlSpan(s, false)
		if n == len(s) {
			break
		}
		p.out.WriteString(s[:n])
		s = s[n:]
		n = controlSpan(s, true)
		var b strings.Builder
		for _, c := range []byte(s[:n]) {
			switch {
			case c == 0x7f:
				b.WriteByte('?')
			case c == 0x9b:
				b.WriteByte('{')
			case c == '\n':
				b.WriteByte('@') // a NUL of the input
			default:
				b.WriteByte(c + 0x40)
			}
		}
		p.printHilite(b.String())
		s = s[n:]
	}
	p.out.WriteString(s + "\n")
}

// printFound prints a line with the matches of the search highlighted,
// control characters shown as '.'.
func (p *pager) printFound(line string) {
	q := []byte(line)
	for i, c := range q {
		if isControl(c) {
			q[i] = '.'
		}
	}
	str := string(q)
	var grow strings.Builder
	notBOL := false
	for {
		m := p.pattern.FindStringSubmatchIndex(line, notBOL)
		if m == nil || m[0] >= m[1] {
			break // even "" matching is no match
		}
		grow.WriteString(str[:m[0]] + hilite + str[m[0]:m[1]] + normal)
		str, line = str[m[1]:], line[m[1]:]
		notBOL = true
	}
	p.out.WriteString(grow.String() + str + "\n")
}

// bufferPrint draws the screen from buffer.
func (p *pager) bufferPrint() {
	p.moveCursor(0, 0)
	for _, i := range p.buffer {
		p.out.WriteString(clrEOL)
		if p.has(flagN) {
			p.printLineno(i)
		}
		s := p.emptyMarker
		if i >= 0 {
			s = p.flines[i].s
		}
		if p.pattern != nil {
			p.printFound(s)
		} else {
			p.printASCII(s)
		}
	}
	if p.has(flagE|flagF) && p.eofErr <= 0 {
		i := p.curFline
		if p.has(flagF) {
			i = 0
		}
		if p.maxFline()-i <= p.maxDisp {
			p.exit(nil)
		}
	}
	p.statusPrint()
}

// bufferFillAndPrint fills buffer from curFline (with -S, one row per
// input line, its first piece) and draws it.
func (p *pager) bufferFillAndPrint() {
	fpos := p.curFline
	if p.has(flagS) {
		for fpos > 0 && fpos <= p.maxFline() && p.flines[fpos].no == p.flines[fpos-1].no {
			fpos--
		}
	}
	p.buffer = p.buffer[:0]
	for len(p.buffer) <= p.maxDisp && fpos <= p.maxFline() {
		no := p.flines[fpos].no
		p.buffer = append(p.buffer, fpos)
		fpos++
		for p.has(flagS) && fpos <= p.maxFline() && p.flines[fpos].no == no {
			fpos++
		}
	}
	for len(p.buffer) <= p.maxDisp {
		p.buffer = append(p.buffer, -1)
	}
	p.bufferPrint()
}

// gotoLineno moves curFline to the first screen line of input line
// target, reading on if needed.
func (p *pager) gotoLineno(target int) {
	switch {
	case target <= 0:
		p.curFline = 0
	case target > p.lineno(p.curFline):
		for {
			for p.lineno(p.curFline) != target && p.curFline < p.maxFline() {
				p.curFline++
			}
			if p.lineno(p.curFline) == target || p.eofErr <= 0 {
				return
			}
			before := len(p.flines)
			p.readLines()
			if len(p.flines) == before && p.eofErr > 0 {
				return // nothing more yet (a pipe): stop here
			}
		}
	default:
		for p.lineno(p.curFline) != target && p.curFline > 0 {
			p.curFline--
		}
	}
}

func (p *pager) capCurFline() {
	if p.has(flagS) {
		if p.curFline > p.maxFline() {
			p.curFline = p.maxFline()
		}
		if p.lineno(p.curFline)+p.maxDisp > p.maxLineno+tildes {
			p.gotoLineno(p.maxLineno - p.maxDisp + tildes)
			p.readLines()
		}
		return
	}
	if p.curFline+p.maxDisp > p.maxFline()+tildes {
		p.curFline = p.maxFline() - p.maxDisp + tildes
	}
	if p.curFline < 0 {
		p.curFline = 0
	}
}

func (p *pager) bufferDown(n int) {
	if p.has(flagS) {
		p.gotoLineno(p.lineno(p.curFline) + n)
	} else {
		p.curFline += n
	}
	p.readLines()
	p.capCurFline()
	p.bufferFillAndPrint()
}

func (p *pager) bufferUp(n int) {
	if p.has(flagS) {
		p.gotoLineno(p.lineno(p.curFline) - n)
	} else {
		p.curFline = max(p.curFline-n, 0)
	}
	p.readLines()
	p.bufferFillAndPrint()
}

// bufferToLine shows the screen from a screen line index, or (isLineno)
// from an input line number.
func (p *pager) bufferToLine(n int, isLineno bool) {
	switch {
	case n <= 0:
		p.curFline = 0
	case isLineno:
		p.gotoLineno(n)
	default:
		p.curFline = n
	}
	p.readLines()
	p.capCurFline()
	p.bufferFillAndPrint()
}

// openFile starts reading the current file (stdin when there is none)
// and reads its first screen.
func (p *pager) openFile() {
	if p.src != nil {
		p.src.close()
	}
	if len(p.files) > 0 {
		f, err := os.Open(p.ctx.Path(p.filename))
		if err != nil {
			p.out.Flush()
			panic(exitPager{applet.Perror(err, "can't open '%s'", p.filename)})
		}
		p.src = newSource(f, f, true)
		p.numLines = reopenAndCount
	} else {
		p.filename = "standard input"
		in := p.ctx.Stdin
		f := p.ctx.File(0)
		if f != nil {
			in = f
		}
		p.src = newSource(in, f, false)
		p.numLines = reopenStdin
	}
	if p.src.input >= 0 {
		p.kbd.input = p.src.input
	} else {
		p.kbd.input = -1
	}
	p.rbuf, p.readpos = nil, 0
	p.lastLinePos = 0
	p.terminated = true
	p.eofErr = 1
	p.src.settle(escTimeout)
	p.readLines()
}

// reinitialize starts over on the current file.
func (p *pager) reinitialize() {
	p.flines = nil
	p.curFline = 0
	p.maxLineno = 0
	p.openFile()
	if p.sizeUnknown {
		p.out.WriteString("\033[999;999H\033[6n")
	}
	p.bufferFillAndPrint()
}

// getchNowait waits for a key, reading and showing input that arrives
// meanwhile while the screen reaches the end of what was read.
func (p *pager) getchNowait() int {
	for {
		pollInput := p.atEnd() && p.eofErr > 0
		if pollInput && !p.src.async {
			// A file is always ready: BusyBox's poll returns at once.
			p.readLines()
			p.bufferFillAndPrint()
			if p.atEnd() && p.eofErr > 0 {
				pollInput = false // nothing more came: wait for a key
			} else {
				continue
			}
		}
		if p.getsPos >= 0 {
			p.moveCursor(p.maxDisp+2, p.getsPos+1)
		}
		// Raw before the screen is out, as BusyBox does: a key typed in
		// answer to it must not be echoed.
		p.kbd.setRaw()
		if err := p.out.Flush(); err != nil {
			p.kbd.setCooked()
			panic(exitPager{applet.Perror(err, "write error")})
		}
		key, err := p.kbd.wait(pollInput)
		if err != nil {
			p.exit(nil) // the terminal went away
		}
		switch key {
		case keyInput:
			p.readLines()
			p.bufferFillAndPrint()
			continue
		case keyWake:
			if sig := p.sig.Load(); sig != 0 {
				code := 130
				if sig > 0 {
					code = 128 + int(sig)
				}
				p.exit(applet.Exit(code))
			}
		}
		p.kbd.setCooked()
		return key
	}
}

// getch is less_getch: a key, with control characters other than Enter
// and Backspace ignored; pos places the cursor on the status row.
func (p *pager) getch(pos int) int {
	for {
		p.getsPos = pos
		key := p.getchNowait()
		p.getsPos = -1
		if key >= 0 && key < ' ' && key != '\r' && key != '\b' {
			continue
		}
		return key
	}
}

// gets reads a line typed on the status row after a prompt of sz
// columns.
func (p *pager) gets(sz int) string {
	var line []byte
	for {
		p.getsPos = sz + len(line)
		c := p.getchNowait()
		if c == '\r' {
			p.getsPos = -1
			return string(line)
		}
		if c == 0x7f {
			c = '\b'
		}
		if c == '\b' && len(line) > 0 {
			p.out.WriteString("\b \b")
			line = line[:len(line)-1]
		}
		if c < ' ' || c > 0xff {
			continue
		}
		if len(line) >= p.width-sz-1 {
			continue
		}
		p.out.WriteByte(byte(c))
		line = append(line, byte(c))
	}
}

func (p *pager) examineFile() {
	p.printStatusline("Examine: ")
	name := p.gets(len("Examine: "))
	if name == "" {
		p.statusPrint()
		return
	}
	if unix.Access(p.ctx.Path(name), unix.R_OK) != nil {
		p.printStatusline("Cannot read this file")
		return
	}
	p.filename = name
	p.files = []string{name}
	p.currentFile = 1
	p.reinitialize()
}

// changeFile goes to the next (1), previous (-1) or first (0) file.
func (p *pager) changeFile(dir int) {
	edge := 1
	if dir > 0 {
		edge = len(p.files)
	}
	if p.currentFile == edge {
		if dir > 0 {
			p.printStatusline("No next file")
		} else {
			p.printStatusline("No previous file")
		}
		return
	}
	if dir == 0 {
		p.currentFile = 1
	} else {
		p.currentFile += dir
	}
	p.filename = p.files[p.currentFile-1]
	p.reinitialize()
}

func (p *pager) removeCurrentFile() {
	if len(p.files) < 2 {
		return
	}
	if p.currentFile != 1 {
		p.changeFile(-1)
		i := p.currentFile // the removed file's index, 0-based
		p.files = append(p.files[:i:i], p.files[i+1:]...)
		return
	}
	p.changeFile(1)
	p.files = p.files[1:]
	p.currentFile--
}

func (p *pager) colonProcess() {
	p.printStatusline(" :")
	switch p.getch(2) {
	case 'd':
		p.removeCurrentFile()
	case 'e':
		p.examineFile()
	case 'f':
		p.mStatusPrint()
	case 'n':
		p.changeFile(1)
	case 'p':
		p.changeFile(-1)
	case 'q':
		p.exit(nil)
	case 'x':
		p.changeFile(0)
	}
}

func (p *pager) goToMatch(match int) {
	if p.pattern == nil {
		return
	}
	match = max(match, 0)
	if match >= len(p.matchLines) && p.eofErr > 0 {
		p.wantedMatch = match // read on until the match-th match
		p.readLines()
	}
	if len(p.matchLines) == 0 {
		p.printStatusline("No matches found")
		return
	}
	p.matchPos = max(min(match, len(p.matchLines)-1), 0)
	p.bufferToLine(p.matchLines[p.matchPos], false)
}

// fillMatchLines records the screen lines from pos on that match.
func (p *pager) fillMatchLines(pos int) {
	if p.pattern == nil {
		return
	}
	for pos = max(pos, 0); pos <= p.maxFline(); pos++ {
		if p.pattern.MatchString(p.flines[pos].s) &&
			!(len(p.matchLines) > 0 && p.matchLines[len(p.matchLines)-1] == pos) {
			p.matchLines = append(p.matchLines, pos)
		}
	}
}

func (p *pager) regexProcess() {
	p.matchLines = nil
	p.matchPos = 0
	p.pattern = nil
	p.clearLine()
	if p.has(stateBackwards) {
		p.out.WriteByte('?')
	} else {
		p.out.WriteByte('/')
	}
	expr := p.gets(1)
	if expr == "" {
		p.bufferPrint()
		return
	}
	var fl regex.Flags
	if p.has(flagI) {
		fl |= regex.ICase
	}
	re, err := regex.Compile(expr, fl)
	if err != nil {
		p.printStatusline(applet.ErrText(err))
		return
	}
	p.pattern = re
	p.fillMatchLines(0)
	for p.matchPos < len(p.matchLines) && p.matchLines[p.matchPos] <= p.curFline {
		p.matchPos++
	}
	if p.has(stateBackwards) {
		p.matchPos--
	}
	p.goToMatch(p.matchPos)
}

func isDigit(c int) bool { return c >= '0' && c <= '9' }

// numberProcess reads a count after its first digit and the command
// it is for.
func (p *pager) numberProcess(first int) {
	num := []byte{byte(first)}
	p.clearLine()
	p.printf(":%c", first)
	var key int
	for len(num) < 15 {
		key = p.getch(len(num) + 1)
		if !isDigit(key) {
			break
		}
		num = append(num, byte(key))
		p.out.WriteByte(byte(key))
	}
	n, err := strconv.Atoi(string(num))
	if err != nil || n < 1 || n > maxLines {
		p.bufferPrint()
		return
	}
	switch key {
	case keyDown, 'z', 'd', 'e', ' ', '\r':
		p.bufferDown(n)
	case keyUp, 'b', 'w', 'y', 'u':
		p.bufferUp(n)
	case 'g', '<', 'G', '>':
		p.bufferToLine(n-1, true)
	case 'p', '%':
		p.updateNumLines()
		total := p.maxLineno
		if p.numLines > 0 {
			total = p.numLines
		}
		p.bufferToLine(n*total/100, true)
	case 'n':
		p.goToMatch(p.matchPos + n)
	case '/':
		p.flags &^= stateBackwards
		p.regexProcess()
	case '?':
		p.flags |= stateBackwards
		p.regexProcess()
	}
}

// flagChange is the '-' command: toggle an option.
func (p *pager) flagChange() {
	p.clearLine()
	p.out.WriteByte('-')
	switch p.getch(1) {
	case 'M':
		p.flags ^= flagM
	case 'm':
		p.flags ^= flagm
	case 'E':
		p.flags ^= flagE
	case '~':
		p.flags ^= flagTilde
	case 'S':
		p.flags ^= flagS
		p.bufferFillAndPrint()
	case 'N':
		p.flags ^= flagN
		p.reWrap()
		p.bufferFillAndPrint()
	}
}

// saveInputToFile is 's': the screen lines read so far, to a file.
func (p *pager) saveInputToFile() {
	p.printStatusline("Log file: ")
	name := p.gets(len("Log file: "))
	msg := ""
	if name != "" {
		msg = "Done"
		f, err := os.OpenFile(p.ctx.Path(name), os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o666&^p.ctx.Umask)
		if err != nil {
			msg = "Error opening log file"
		} else {
			w := bufio.NewWriter(f)
			for _, l := range p.flines {
				w.WriteString(l.s + "\n")
			}
			w.Flush()
			f.Close()
		}
	}
	p.printStatusline(msg)
}

func isAlpha(c int) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func (p *pager) addMark() {
	p.printStatusline("Mark: ")
	c := p.getch(len("Mark: "))
	if !isAlpha(c) {
		p.printStatusline("Invalid mark letter")
		return
	}
	if len(p.marks) == 14 { // 15 marks at most: start over
		p.marks = p.marks[:0]
	}
	p.marks = append(p.marks, [2]int{c, p.curFline})
}

func (p *pager) goToMark() {
	p.printStatusline("Go to mark: ")
	c := p.getch(len("Go to mark: "))
	p.clearLine()
	if !isAlpha(c) {
		p.printStatusline("Invalid mark letter")
		return
	}
	for _, m := range p.marks {
		if m[0] == c {
			p.bufferToLine(m[1], false)
			return
		}
	}
}

func oppBracket(b byte) byte {
	switch b {
	case '{', '[':
		return b + 2
	case '(':
		return b + 1
	case '}', ']':
		return b - 2
	case ')':
		return b - 1
	}
	return b
}

// matchRightBracket: the top line has an open bracket; show the next
// line with a close bracket as the last line.
func (p *pager) matchRightBracket(b byte) {
	i := p.curFline
	if i >= p.maxFline() || !strings.ContainsRune(p.flines[i].s, rune(b)) {
		p.printStatusline("No bracket in top line")
		return
	}
	b = oppBracket(b)
	for ; i < p.maxFline(); i++ {
		if strings.IndexByte(p.flines[i].s, b) >= 0 {
			p.bufferToLine(i-p.maxDisp, false)
			return
		}
	}
	p.printStatusline("No matching bracket found")
}

// matchLeftBracket: the bottom line has a close bracket; show the line
// before with an open bracket as the first line.
func (p *pager) matchLeftBracket(b byte) {
	i := p.curFline + p.maxDisp
	if i >= p.maxFline() || strings.IndexByte(p.flines[i].s, b) < 0 {
		p.printStatusline("No bracket in bottom line")
		return
	}
	b = oppBracket(b)
	for ; i >= 0; i-- {
		if strings.IndexByte(p.flines[i].s, b) >= 0 {
			p.bufferToLine(i, false)
			return
		}
	}
	p.printStatusline("No matching bracket found")
}

func (p *pager) keypress(key int) {
	half := (p.maxDisp + 1) / 2
	switch key {
	case keyDown, 'e', 'j', '\r':
		p.bufferDown(1)
	case keyUp, 'y', 'k':
		p.bufferUp(1)
	case keyPageDown, ' ', 'z', 'f':
		p.bufferDown(p.maxDisp + 1)
	case keyPageUp, 'w', 'b':
		p.bufferUp(p.maxDisp + 1)
	case 'd':
		p.bufferDown(half)
	case 'u':
		p.bufferUp(half)
	case keyHome, 'g', 'p', '<', '%':
		p.bufferToLine(0, false)
	case keyEnd, 'G', '>':
		p.curFline = maxLines
		p.readLines()
		p.bufferToLine(p.curFline, false)
	case 'q', 'Q':
		p.exit(nil)
	case 'm':
		p.addMark()
		p.bufferPrint()
	case '\'':
		p.goToMark()
		p.bufferPrint()
	case 'r', 'R':
		p.bufferPrint()
	case 's':
		p.saveInputToFile()
	case 'E':
		p.examineFile()
	case '=':
		p.mStatusPrint()
	case '/':
		p.flags &^= stateBackwards
		p.regexProcess()
	case 'n':
		p.goToMatch(p.matchPos + 1)
	case 'N':
		p.goToMatch(p.matchPos - 1)
	case '?':
		p.flags |= stateBackwards
		p.regexProcess()
	case '-':
		p.flagChange()
		p.bufferPrint()
	case '{', '(', '[':
		p.matchRightBracket(byte(key))
	case '}', ')', ']':
		p.matchLeftBracket(byte(key))
	case ':':
		p.colonProcess()
	}
	if isDigit(key) {
		p.numberProcess(key)
	}
}

// resize takes the terminal's new size and rewraps the input to it.
func (p *pager) resize() {
	for p.winch.Load() > 0 {
		p.winch.Add(-1)
		w, h, unknown := terminalSize(p.ctx, p.kbd.fd)
		p.sizeUnknown = unknown
		p.setSize(w, h)
	}
}

// setSize is BusyBox's got_size: at least 20 columns and 3 rows, then
// the input rewrapped and redrawn (unless another SIGWINCH came).
func (p *pager) setSize(w, h int) {
	p.width = max(w, 20)
	p.maxDisp = max(h, 3) - 2
	if p.winch.Load() > 0 {
		return // another one came: do the work once
	}
	p.reWrap()
	p.bufferFillAndPrint()
}

// terminalSize is get_terminal_width_height: the window size of fd,
// overridden by COLUMNS and LINES; unknown when the terminal gave none
// and the variables did not make up for it.
func terminalSize(ctx *applet.Ctx, fd int) (w, h int, unknown bool) {
	ws, err := unix.IoctlGetWinsize(fd, unix.TIOCGWINSZ)
	unknown = err != nil || ws.Row == 0
	if unknown {
		if v, ok := ctx.LookupEnv("LINES"); ok && validSize(v) {
			unknown = false
		}
		if v, ok := ctx.LookupEnv("COLUMNS"); ok && validSize(v) {
			unknown = false
		}
	}
	w, h = termwidth.Size(ctx.LookupEnv, fdOwner(fd))
	return w, h, unknown
}

// validSize is wh_helper's test of LINES and COLUMNS.
func validSize(s string) bool {
	n, err := strconv.Atoi(s)
	return err == nil && n > 1 && n < 30000
}

// fdOwner lets termwidth ask a raw descriptor for its window size.
type fdOwner int

func (f fdOwner) Fd() uintptr { return uintptr(f) }

// reWrap is re_wrap: the screen lines read so far are cut again for a
// new width (or -N), quirks and all: a piece that fills the width ends
// its screen line even when nothing follows (an empty piece follows
// it), and the screen goes to the last new piece of the old top line.
// As in BusyBox the search is forgotten: its matches were line indexes.
func (p *pager) reWrap() {
	if len(p.flines) == 0 {
		return
	}
	w := p.width
	if p.has(flagN) {
		w -= 8
	}
	old := p.flines
	var out []fline
	var piece []byte
	pos, newCur := 0, 0
	no := old[0].no
	for src := 0; ; {
		s := old[src].s
		for i := 0; i < len(s); i++ {
			piece = append(piece, s[i])
			pos++
			if s[i] == '\t' {
				pos = (pos + 7) &^ 7
			}
			if pos >= w {
				out = append(out, fline{string(piece), no})
				piece, pos = nil, 0
			}
		}
		if p.curFline == src {
			newCur = len(out)
		}
		src++
		if src >= len(old) {
			out = append(out, fline{string(piece), no})
			break
		}
		if old[src].no != no {
			out = append(out, fline{string(piece), no})
			piece, pos = nil, 0
			no = old[src].no
		}
	}
	p.flines = out
	p.curFline = newCur
	p.lastLinePos = pos
	p.pattern = nil
	p.matchLines = nil
}
