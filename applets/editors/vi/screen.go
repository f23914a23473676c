package vi

import (
	"fmt"
	"strconv"
)

// The terminal, as BusyBox vi drives it: VT100 escapes only, a virtual
// screen of rows-1 text lines compared with each new rendering so that
// only the changed columns of changed lines are sent, and a status line.

const (
	escBold      = "\033[7m"
	escNorm      = "\033[m"
	escBell      = "\007"
	escClearEOL  = "\033[K"
	escClearEOS  = "\033[J"
	escTopLeft   = "\033[H"
	statusBufLen = 200
	maxScr       = 4096 // CONFIG_FEATURE_VI_MAX_LEN
	maxTabstop   = 32
	maxInputLen  = 128
)

func (e *editor) write(s string) { e.out.WriteString(s) }

func (e *editor) placeCursor(row, col int) {
	row = max(min(row, e.rows-1), 0)
	col = max(min(col, e.cols-1), 0)
	e.write("\033[" + strconv.Itoa(row+1) + ";" + strconv.Itoa(col+1) + "H")
}

func (e *editor) goBottomAndClearToEOL() {
	e.placeCursor(e.rows-1, 0)
	e.write(escClearEOL)
}

// newScreen sizes the virtual screen: blanks, with '~' starting every
// line but the first (an empty file shows so before the first draw).
func (e *editor) newScreen(ro, co int) {
	e.screen = make([]byte, ro*co+8)
	for i := range e.screen {
		e.screen[i] = ' '
	}
	for r := 1; r < ro-1; r++ {
		e.screen[r*co] = '~'
	}
}

func (e *editor) screenErase() {
	for i := range e.screen {
		e.screen[i] = ' '
	}
}

// syncCursor scrolls so that d is on the screen and returns its row and
// column (BusyBox's sync_cursor).
func (e *editor) syncCursor(d int) (int, int) {
	begCur := e.beginLine(d)
	half := (e.rows - 1) / 2
	if begCur < e.screenbegin {
		cnt := e.countLines(begCur, e.screenbegin)
		e.scrollTo(begCur, cnt, half)
	} else {
		endScr := e.endScreen()
		if begCur > endScr {
			cnt := e.countLines(endScr, begCur)
			if cnt > half {
				e.scrollTo(begCur, cnt, half)
			} else {
				for ro := 0; ro < cnt-1; ro++ {
					e.screenbegin = e.nextLine(e.screenbegin)
					endScr = e.endLine(e.nextLine(endScr))
				}
			}
		}
	}
	tp := e.screenbegin
	ro := 0
	for ; ro < e.rows-1; ro++ {
		if tp == begCur {
			break
		}
		tp = e.nextLine(tp)
	}
	co := 0
	for {
		if e.at(tp) == '\n' {
			break
		}
		co = e.nextColumn(e.at(tp), co) - 1
		if e.cmdMode != 0 && tp == d-1 && e.at(d) == '\t' {
			co++
			break
		}
		more := tp < d
		tp++
		if !more {
			break
		}
		co++
	}
	if co < e.offset {
		e.offset = co
	}
	if co >= e.cols+e.offset {
		e.offset = co - e.cols + 1
	}
	if d == begCur && e.at(d) == '\t' {
		e.offset = 0
	}
	return ro, co - e.offset
}

func (e *editor) scrollTo(begCur, cnt, half int) {
	e.screenbegin = begCur
	if cnt > half {
		for i := 0; i < half; i++ {
			e.screenbegin = e.prevLine(e.screenbegin)
		}
	}
}

// formatLine renders the text line at src as the screen shows it,
// columns wide, from the horizontal offset on.
func (e *editor) formatLine(src int) []byte {
	dest := e.lineBuf[:0]
	ofs := e.offset
	c := byte('~')
	end := len(e.text)
	for len(dest) < e.cols+e.tabstop {
		if src < end {
			c = e.text[src]
			src++
			if c == '\n' {
				break
			}
			if c&0x80 != 0 && !isPrint(int(c)) {
				c = '.'
			}
			if c < ' ' || c == 0x7f {
				if c == '\t' {
					c = ' '
					for len(dest)%e.tabstop != e.tabstop-1 {
						dest = append(dest, c)
					}
				} else {
					dest = append(dest, '^')
					if c == 0x7f {
						c = '?'
					} else {
						c += '@'
					}
				}
			}
		}
		dest = append(dest, c)
		if ofs >= e.tabstop && len(dest) >= e.tabstop {
			dest = append(dest[:0], dest[e.tabstop:]...)
			ofs -= e.tabstop
		}
		if src >= end {
			break
		}
	}
	if len(dest) < ofs {
		ofs = len(dest)
	}
	dest = dest[ofs:]
	for len(dest) < e.cols {
		dest = append(dest, ' ')
	}
	e.lineBuf = dest[:0]
	return dest
}

// refresh brings the terminal up to date with the text.
func (e *editor) refresh(full bool) {
	if !e.rowcolErr {
		r, c := e.rows, e.cols
		e.querySize()
		if r != e.rows || c != e.cols {
			full = true
			e.newScreen(e.rows, e.cols)
		}
	}
	e.crow, e.ccol = e.syncCursor(e.dot)
	tp := 0
	tp = e.screenbegin
	end := len(e.text)
	for li := 0; li < e.rows-1; li++ {
		out := e.formatLine(tp)
		if tp < end {
			t := tp
			for t < end && e.text[t] != '\n' {
				t++
			}
			if t >= end {
				t = end - 1
			}
			tp = t + 1
		}
		sp := e.screen[li*e.cols : (li+1)*e.cols]
		cs, ce := 0, e.cols-1
		changed := full
		if !full {
			for ; cs <= ce; cs++ {
				if out[cs] != sp[cs] {
					changed = true
					break
				}
			}
			for ; ce >= cs; ce-- {
				if out[ce] != sp[ce] {
					changed = true
					break
				}
			}
			if e.offset != e.oldOffset {
				changed = true
			}
		}
		if cs > ce {
			cs, ce = 0, e.cols-1
		}
		if changed {
			copy(sp[cs:ce+1], out[cs:ce+1])
			e.placeCursor(li, cs)
			e.out.Write(sp[cs : ce+1])
		}
	}
	e.placeCursor(e.crow, e.ccol)
	if !e.keepIndex {
		e.cindex = e.ccol + e.offset
	}
	e.oldOffset = e.offset
}

func (e *editor) redraw(full bool) {
	e.write(escTopLeft + escClearEOS)
	e.screenErase()
	e.lastCksum = 0
	e.refresh(full)
	e.showStatusLine()
}

func (e *editor) indicateError() {
	e.cmdError = true
	if e.setops&optFlash == 0 {
		e.write(escBell)
		return
	}
	e.write(escBold)
	e.redraw(true)
	e.out.Flush()
	e.keys.sleep(100)
	e.write(escNorm)
	e.redraw(true)
}

// formatEditStatus is the status line shown when there is no message:
// "- file [Modified] 3/10 30%".
func (e *editor) formatEditStatus() string {
	cur := e.countLines(0, e.dot)
	if e.modified != e.lastModified {
		e.tot = cur + e.countLines(e.dot, len(e.text)-1) - 1
		e.lastModified = e.modified
	}
	tot := e.tot
	percent := 100
	if tot > 0 {
		percent = 100 * cur / tot
	} else {
		cur, tot = 0, 0
	}
	name := "No file"
	if e.hasName {
		name = e.filename
	}
	ro, mod := "", ""
	if e.readonly != 0 {
		ro = " [Readonly]"
	}
	if e.modified != 0 {
		mod = " [Modified]"
	}
	s := fmt.Sprintf("%c %s%s%s %d/%d %d%%", "-IR-"[e.cmdMode&3], name, ro, mod, cur, tot, percent)
	trunc := min(e.cols, statusBufLen-1)
	if len(s) > trunc {
		s = s[:trunc]
	}
	return s
}

func (e *editor) showStatusLine() {
	cksum := 0
	s := ""
	if e.haveStatus == 0 {
		s = e.formatEditStatus()
		for i := 0; i < len(s); i++ {
			cksum += int(s[i])
		}
		e.status = s
	}
	if e.haveStatus != 0 || (len(s) > 0 && e.lastCksum != cksum) {
		e.lastCksum = cksum
		e.goBottomAndClearToEOL()
		e.write(e.status)
		if e.haveStatus != 0 {
			if len(e.status)-(e.haveStatus-1) > e.cols-1 {
				e.haveStatus = 0
				e.hitReturn()
			}
			e.haveStatus = 0
		}
		e.placeCursor(e.crow, e.ccol)
	}
	e.out.Flush()
}

// statusLine sets a message for the status line (BusyBox's status_line:
// vsnprintf into a 200-byte buffer).
func (e *editor) statusLine(format string, args ...any) {
	s := fmt.Sprintf(format, args...)
	if len(s) > statusBufLen-1 {
		s = s[:statusBufLen-1]
	}
	e.status = s
	e.haveStatus = 1
}

func (e *editor) statusLineBold(format string, args ...any) {
	s := fmt.Sprintf(format, args...)
	if n := statusBufLen - len(escBold) - 1 - len(escNorm) - 1 - 1; len(s) > n {
		s = s[:n]
	}
	e.status = escBold + s + escNorm
	e.haveStatus = 1 + len(escBold) + len(escNorm)
}

// printLiteral shows s with control characters as ^X, for messages.
func printLiteral(s string) string {
	if s == "" {
		s = "(NULL)"
	}
	var b []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c&0x80 != 0 && !isPrint(int(c)) {
			c = '?'
		}
		if c < ' ' || c == 0x7f {
			b = append(b, '^')
			c |= '@'
			if c == 0x7f {
				c = '?'
			}
		}
		b = append(b, c)
		if len(b) > maxInputLen-10 {
			break
		}
	}
	return string(b)
}

func (e *editor) notImplemented(s string) {
	e.statusLineBold("'%s' is not implemented", printLiteral(s))
}

func (e *editor) hitReturn() {
	e.write(escBold + "[Hit return to continue]" + escNorm)
	for {
		c := e.getOneChar()
		if c == '\n' || c == '\r' || c == keyEOF {
			break
		}
	}
	e.redraw(true)
}
