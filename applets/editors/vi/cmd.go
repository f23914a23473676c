package vi

import (
	"strconv"
	"strings"
)

// Commands in command, insert and replace mode (BusyBox's do_cmd and
// the helpers it shares with the colon commands).

const (
	forward = 1
	back    = -1
)

// skip_thing's tests.
const (
	sBeforeWS = iota + 1
	sToWS
	sOverWS
	sEndPunct
	sEndAlnum
)

func (e *editor) dotLeft() {
	e.undoQueueCommit()
	if e.dot > 0 && e.text[e.dot-1] != '\n' {
		e.dot--
	}
}

func (e *editor) dotRight() {
	e.undoQueueCommit()
	if e.dot < len(e.text)-1 && e.text[e.dot] != '\n' {
		e.dot++
	}
}

func (e *editor) dotBegin() { e.undoQueueCommit(); e.dot = e.beginLine(e.dot) }
func (e *editor) dotEnd()   { e.undoQueueCommit(); e.dot = e.endLine(e.dot) }
func (e *editor) dotNext()  { e.undoQueueCommit(); e.dot = e.nextLine(e.dot) }
func (e *editor) dotPrev()  { e.undoQueueCommit(); e.dot = e.prevLine(e.dot) }

func (e *editor) dotSkipOverWS() {
	for isSpace(e.at(e.dot)) && e.at(e.dot) != '\n' && e.dot < len(e.text)-1 {
		e.dot++
	}
}

func (e *editor) dotToChar(cmd int) {
	q := e.dot
	dir := forward
	if !isLower(byte(cmd)) {
		dir = back
	}
	if e.lastSearchChar == 0 {
		return
	}
	for {
		for {
			q += dir
			if (dir == forward && q > len(e.text)-1) || (dir == back && q < 0) || e.at(q) == '\n' {
				e.indicateError()
				return
			}
			if int(e.at(q)) == e.lastSearchChar {
				break
			}
		}
		e.cmdcnt--
		if e.cmdcnt <= 0 {
			break
		}
	}
	e.dot = q
	if cmd == 't' {
		e.dotLeft()
	} else if cmd == 'T' {
		e.dotRight()
	}
}

func (e *editor) dotScroll(cnt, dir int) {
	e.undoQueueCommit()
	for ; cnt > 0; cnt-- {
		if dir < 0 {
			e.screenbegin = e.prevLine(e.screenbegin)
		} else {
			e.screenbegin = e.nextLine(e.screenbegin)
		}
	}
	if e.dot < e.screenbegin {
		e.dot = e.screenbegin
	}
	if q := e.endScreen(); e.dot > q {
		e.dot = e.beginLine(q)
	}
	e.dotSkipOverWS()
}

func (e *editor) startNewCmdQ(c byte) {
	e.dotcnt = max(e.cmdcnt, 1)
	e.lmc = append(e.lmc[:0], c)
	e.adding2q = true
}

func (e *editor) endCmdQ() {
	e.ydreg = 26
	e.adding2q = false
}

// textYank copies p..q into register dest.
func (e *editor) textYank(p, q, dest, buftype int) int {
	cnt := q - p
	if cnt < 0 {
		p, cnt = q, -cnt
	}
	stop := min(p+cnt+1, len(e.text))
	b := e.text[max(p, 0):max(stop, max(p, 0))]
	// strndup: a NUL ends the copy.
	if i := strings.IndexByte(string(b), 0); i >= 0 {
		b = b[:i]
	}
	e.reg[dest] = append([]byte(nil), b...)
	e.regSet[dest] = true
	e.regtype[dest] = buftype
	return p
}

func (e *editor) whatReg() byte {
	switch {
	case e.ydreg <= 25:
		return 'a' + byte(e.ydreg)
	case e.ydreg == 27:
		return 'U'
	}
	return 'D'
}

func (e *editor) checkContext(cmd int) {
	if cmd > 0 && cmd < 256 && strings.IndexByte(":%{}'GHLMz/?Nn", byte(cmd)) >= 0 {
		e.mark[27] = e.mark[26]
		e.mark[26] = e.dot
	}
}

func (e *editor) swapContext(p int) int {
	if 0 <= e.mark[27] && e.mark[27] <= len(e.text)-1 {
		tmp := e.mark[27]
		e.mark[27] = p
		e.mark[26] = tmp
		p = tmp
	}
	return p
}

func (e *editor) yankDelete(start, stop, buftype int, del bool, undo int) int {
	if start > stop {
		start, stop = stop, start
	}
	if buftype == partial && e.at(start) == '\n' {
		return start
	}
	p := start
	e.textYank(start, stop, e.ydreg, buftype)
	if del {
		p = e.holeDelete(start, stop, undo)
	}
	return p
}

// findPair finds the bracket matching the one at p.
func (e *editor) findPair(p int, c byte) int {
	const braces = "()[]{}"
	dir := strings.IndexByte(braces, c) ^ 1
	match := braces[dir]
	step := ((dir & 1) << 1) - 1
	level := 1
	for {
		p += step
		if p < 0 || p >= len(e.text) {
			return -1
		}
		if e.text[p] == c {
			level++
		}
		if e.text[p] == match {
			level--
			if level == 0 {
				return p
			}
		}
	}
}

func (e *editor) showMatching(p int) {
	q := e.findPair(p, e.at(p))
	if q < 0 {
		e.indicateError()
		return
	}
	save := e.dot
	e.dot = q
	e.refresh(false)
	e.out.Flush()
	e.keys.sleep(400)
	e.dot = save
	e.refresh(false)
}

func (e *editor) stupidInsert(p int, c byte) {
	e.holeMake(p, 1)
	e.text[p] = c
}

// charInsert handles one key typed in insert or replace mode at p and
// returns where the cursor goes.
func (e *editor) charInsert(p int, c int, undo int) int {
	bol := e.beginLine(p)
	switch {
	case c == 22: // Ctrl-V: the next key literally
		e.stupidInsert(p, '^')
		e.refresh(false)
		c = e.getOneChar()
		e.text[p] = byte(c)
		e.undoPushInsert(p, 1, undo)
		p++
	case c == 27:
		e.cmdMode = 0
		e.undoQueueCommit()
		e.cmdcnt = 0
		e.endCmdQ()
		e.lastCksum = 0
		if e.dot > 0 && e.at(p-1) != '\n' {
			p--
		}
		if e.setops&optAutoindent != 0 {
			n := e.indentLen(bol)
			col := e.getColumn(bol + n)
			if n > 0 && col == e.indentcol && e.at(bol+n) == '\n' {
				e.holeDelete(bol, bol+n-1, undo)
				p = bol
			}
		}
	case c == 4: // Ctrl-D: one shiftwidth less indent
		r := bol + e.indentLen(bol)
		prev := e.prevTabstop(e.getColumn(r))
		for r > bol && e.getColumn(r) > prev {
			if p > bol {
				p--
			}
			r--
			r = e.holeDelete(r, r, allowUndoQueued)
		}
		if e.setops&optAutoindent != 0 && e.indentcol != 0 && r == e.endLine(p) {
			e.indentcol = e.getColumn(p)
			return p
		}
	case c == '\t' && e.setops&optExpandtab != 0:
		col := e.getColumn(p)
		col = e.nextTabstop(col) - col + 1
		for ; col > 0; col-- {
			e.undoPushInsert(p, 1, undo)
			e.stupidInsert(p, ' ')
			p++
		}
	case e.isBackspace(c):
		if e.cmdMode == 2 {
			if p > e.rstart {
				p--
				e.undoPop()
			}
		} else if p > 0 {
			p--
			p = e.holeDelete(p, p, allowUndoQueued)
		}
	default:
		if c == 13 {
			c = '\n'
		}
		if c == '\n' {
			e.undoQueueCommit()
		}
		e.undoPushInsert(p, 1, undo)
		e.stupidInsert(p, byte(c))
		p++
		if e.setops&optShowmatch != 0 && (c == ')' || c == ']' || c == '}') {
			e.showMatching(p - 1)
		}
		if e.setops&optAutoindent != 0 && c == '\n' {
			var col int
			if e.newindent < 0 {
				bol = e.prevLine(p)
				n := e.indentLen(bol)
				col = e.getColumn(bol + n)
				if n > 0 && col == e.indentcol {
					// The previous line held only its autoindent:
					// move the indent to the new line.
					copy(e.text[bol+1:bol+1+n], e.text[bol:bol+n])
					e.text[bol] = '\n'
					return p
				}
			} else {
				if p != len(e.text)-1 {
					p--
				}
				col = e.newindent
			}
			if col != 0 {
				e.indentcol = 0
				if e.cmdMode != 0 {
					e.indentcol = col
				}
				ntab, nspc := col/e.tabstop, col%e.tabstop
				if e.setops&optExpandtab != 0 {
					ntab, nspc = 0, col
				}
				e.holeMake(p, ntab+nspc)
				e.undoPushInsert(p, ntab+nspc, undo)
				for i := 0; i < ntab; i++ {
					e.text[p+i] = '\t'
				}
				for i := 0; i < nspc; i++ {
					e.text[p+ntab+i] = ' '
				}
				return p + ntab + nspc
			}
		}
	}
	e.indentcol = 0
	return p
}

func (e *editor) stTest(p, typ, dir int) (bool, byte) {
	c0, ci := e.at(p), e.at(p+dir)
	switch typ {
	case sBeforeWS:
		return !isSpace(ci) || ci == '\n', ci
	case sToWS:
		return !isSpace(c0) || c0 == '\n', c0
	case sOverWS:
		return isSpace(c0), c0
	case sEndPunct:
		return isPunct(ci), ci
	case sEndAlnum:
		return isWord(ci), ci
	}
	return false, c0
}

func (e *editor) skipThing(p, linecnt, dir, typ int) int {
	for {
		ok, c := e.stTest(p, typ, dir)
		if !ok {
			break
		}
		if c == '\n' {
			linecnt--
			if linecnt < 1 {
				break
			}
		}
		if dir >= 0 && p >= len(e.text)-1 {
			break
		}
		if dir < 0 && p <= 0 {
			break
		}
		p += dir
	}
	return p
}

func (e *editor) atEOF(s int) bool {
	end := len(e.text)
	return (s == end-2 && e.at(s+1) == '\n') || s == end-1
}

func inSet(set string, c int) bool {
	return c >= 0 && c < 256 && strings.IndexByte(set, byte(c)) >= 0
}

// findRange reads the motion of operator cmd and returns the range it
// covers and its buffer type, or -1.
func (e *editor) findRange(cmd int) (int, int, int) {
	p := e.dot
	buftype := -1
	var c int
	if cmd == 'Y' {
		c = 'y'
	} else {
		c = e.getMotionChar()
	}
	switch {
	case (cmd == 'Y' || cmd == c) && inSet("cdy><", c):
		buftype = whole
		e.cmdcnt--
		if e.cmdcnt > 0 {
			e.doCmd('j')
			if e.cmdError {
				buftype = -1
			}
		}
	case inSet("^%$0bBeEfFtThnN/?|{}\b\177", c):
		buftype = partial
		if inSet("nN/?", c) {
			buftype = multi
		}
		e.doCmd(c)
		if p == e.dot {
			buftype = -1
		}
	case c == 'w' || c == 'W':
		buftype = multi
		e.doCmd(c)
		if e.dot > p && (!e.atEOF(e.dot) || (c == 'w' && isPunct(e.at(e.dot)))) {
			e.dot--
		}
		t := e.dot
		for e.dot > p && isSpace(e.at(e.dot)) {
			d := e.dot
			e.dot--
			if e.at(d) == '\n' {
				t = e.dot
			}
		}
		if cmd != 'c' && e.dot != t && e.at(e.dot) != '\n' {
			e.dot = t
		}
	case inSet("GHL+-gjk'\r\n", c):
		buftype = whole
		e.doCmd(c)
		if e.cmdError {
			buftype = -1
		}
	case c == ' ' || c == 'l':
		tmpcnt := max(e.cmdcnt, 1)
		buftype = partial
		e.doCmd(c)
		if tmpcnt == e.dot-p {
			e.dot--
		}
	}
	if buftype == -1 {
		if c != 27 {
			e.indicateError()
		}
		return 0, 0, -1
	}
	q := e.dot
	if q < p {
		p, q = q, p
	}
	if q > p {
		if inSet("^0bBFThnN/?|\b\177", c) {
			q--
		} else if c == '{' || c == '}' {
			buftype = multi
			if p == e.beginLine(p) && (e.at(q) == '\n' || e.atEOF(q)) {
				buftype = whole
			}
			if !e.atEOF(q) {
				q--
				if q > p && p != e.beginLine(p) {
					q--
				}
			}
		}
	}
	return p, q, buftype
}

// doCmd executes one key.
func (e *editor) doCmd(c int) {
	origDot := e.dot
	e.keepIndex = false
	e.cmdError = false
	e.showStatusLine()
	e.command(c, &origDot)
	// An emptied text gets its line back.
	if len(e.text) == 0 {
		e.charInsert(0, '\n', noUndo)
		e.dot = 0
	}
	if e.dot != len(e.text) {
		e.dot = e.boundDot(e.dot)
	}
	if e.dot != origDot {
		e.checkContext(c)
	}
	if c < 0 || !isDigit(byte(c)) {
		e.cmdcnt = 0
	}
	// Stay off the newline.
	if e.at(e.dot) == '\n' && e.dot-e.beginLine(e.dot) > 0 && e.cmdMode == 0 {
		e.dot--
	}
}

func (e *editor) command(c int, origDot *int) {
	allow := allowUndo
	switch c {
	case keyUp, keyDown, keyLeft, keyRight, keyHome, keyEnd, keyPageUp, keyPageDown, keyDelete:
	default:
		if e.cmdMode == 2 {
			if c == keyInsert {
				e.startInsert()
				return
			}
			if e.at(e.dot) == '\n' {
				e.cmdMode = 1
				e.undoQueueCommit()
			} else {
				if c >= 1 {
					if c != 27 && !e.isBackspace(c) {
						e.dot = e.yankDelete(e.dot, e.dot, partial, true, allowUndo)
					}
					e.dot = e.charInsert(e.dot, c, allowUndoChain)
				}
				return
			}
		}
		if e.cmdMode == 1 {
			if c == keyInsert {
				e.startReplace()
				return
			}
			if c >= 1 {
				e.dot = e.charInsert(e.dot, c, allowUndoQueued)
			}
			return
		}
	}
	switch c {
	default:
		if c < 0 {
			return
		}
		e.notImplemented(string(rune(byte(c))))
		e.endCmdQ()
	case 0, keyOther:
	case 2, keyPageUp: // Ctrl-B
		e.dotScroll(e.rows-2, -1)
	case 4: // Ctrl-D
		e.dotScroll((e.rows-2)/2, 1)
	case 5: // Ctrl-E
		e.dotScroll(1, 1)
	case 6, keyPageDown: // Ctrl-F
		e.dotScroll(e.rows-2, 1)
	case 7: // Ctrl-G
		e.lastCksum = 0
	case 'h', keyLeft, 8, 0x7f:
		for {
			e.dotLeft()
			e.cmdcnt--
			if e.cmdcnt <= 0 {
				break
			}
		}
	case 10, 'j', keyDown, 13, '+':
		q := e.dot
		for {
			p := e.nextLine(q)
			if p == e.endLine(q) {
				e.indicateError()
				return
			}
			q = p
			e.cmdcnt--
			if e.cmdcnt <= 0 {
				break
			}
		}
		e.dot = q
		if c == 13 || c == '+' {
			e.dotSkipOverWS()
		} else {
			e.stayInColumn()
		}
	case 12, 18: // Ctrl-L, Ctrl-R
		e.redraw(true)
	case 21: // Ctrl-U
		e.dotScroll((e.rows-2)/2, -1)
	case 25: // Ctrl-Y
		e.dotScroll(1, -1)
	case 27:
		if e.cmdMode == 0 {
			e.indicateError()
		}
		e.cmdMode = 0
		e.undoQueueCommit()
		e.endCmdQ()
		e.lastCksum = 0
	case ' ', 'l', keyRight:
		for {
			e.dotRight()
			e.cmdcnt--
			if e.cmdcnt <= 0 {
				break
			}
		}
	case '"':
		c1 := (e.getOneChar() | 0x20) - 'a'
		if c1 >= 0 && c1 <= 25 {
			e.ydreg = c1
		} else {
			e.indicateError()
		}
	case '\'':
		c1 := e.getOneChar() | 0x20
		if c1-'a' >= 0 && c1-'a' <= 25 {
			q := e.mark[c1-'a']
			if 0 <= q && q < len(e.text) {
				e.dot = q
				e.dotBegin()
				e.dotSkipOverWS()
			} else {
				e.indicateError()
			}
		} else if c1 == '\'' {
			e.dot = e.swapContext(e.dot)
			e.dotBegin()
			e.dotSkipOverWS()
			*origDot = e.dot
		} else {
			e.indicateError()
		}
	case 'm':
		c1 := (e.getOneChar() | 0x20) - 'a'
		if c1 >= 0 && c1 <= 25 {
			e.mark[c1] = e.dot
		} else {
			e.indicateError()
		}
	case 'P', 'p':
		e.put(c)
	case 'U':
		if e.regSet[ureg] {
			p := e.beginLine(e.dot)
			q := e.endLine(e.dot)
			p = e.holeDelete(p, q, allowUndo)
			e.stringInsert(p, e.reg[ureg], allowUndoChain)
			e.dot = p
			e.dotSkipOverWS()
		}
	case 'u':
		e.undoPop()
	case '$', keyEnd:
		for {
			e.dot = e.endLine(e.dot)
			e.cmdcnt--
			if e.cmdcnt <= 0 {
				break
			}
			e.dotNext()
		}
		e.cindex = cEnd
		e.keepIndex = true
	case '%':
		q := e.dot
		for ; q < len(e.text) && e.text[q] != '\n'; q++ {
			if strings.IndexByte("()[]{}", e.text[q]) >= 0 {
				if p := e.findPair(q, e.text[q]); p < 0 {
					e.indicateError()
				} else {
					e.dot = p
				}
				break
			}
		}
		if e.at(q) == '\n' {
			e.indicateError()
		}
	case 'f', 'F', 't', 'T', ';', ',':
		if c != ';' && c != ',' {
			e.lastSearchChar = e.getOneChar()
			e.lastSearchCmd = c
		}
		if c != ',' {
			e.dotToChar(e.lastSearchCmd)
		} else {
			e.dotToChar(e.lastSearchCmd ^ 0x20)
		}
	case '.':
		if len(e.lmc) != 0 {
			if e.cmdcnt != 0 {
				e.dotcnt = e.cmdcnt
			}
			e.ioq = []byte(strconv.Itoa(e.dotcnt) + string(e.lmc))
			e.replay = true
		}
	case 'N', '?', '/', 'n':
		e.search(c)
	case '{', '}':
		dir := forward
		if c == '{' {
			dir = back
		}
		for {
			skip := true
			found := false
			for (dir == forward && e.dot < len(e.text)-1) || (dir == back && e.dot > 0) {
				if e.at(e.dot) == '\n' && e.at(e.dot+dir) == '\n' {
					if !skip {
						if dir == forward {
							e.dot++
						}
						found = true
						break
					}
				} else {
					skip = false
				}
				e.dot += dir
			}
			if !found {
				e.endCmdQ()
				return
			}
			e.cmdcnt--
			if e.cmdcnt <= 0 {
				break
			}
		}
	case '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		if c == '0' && e.cmdcnt < 1 {
			e.dotBegin()
		} else {
			e.cmdcnt = e.cmdcnt*10 + (c - '0')
		}
	case ':':
		p := e.getInputLine(":")
		e.colon(p)
	case '<', '>':
		cnt := e.countLines(0, e.dot)
		p, q, bt := e.findRange(c)
		if bt == -1 {
			e.endCmdQ()
			return
		}
		i := e.countLines(p, q)
		for p = e.beginLine(p); i > 0; i, p = i-1, e.nextLine(p) {
			if c == '<' {
				if e.at(p) == '\t' {
					e.holeDelete(p, p, allow)
				} else if e.at(p) == ' ' {
					for j := 0; e.at(p) == ' ' && j < e.tabstop; j++ {
						e.holeDelete(p, p, allow)
						allow = allowUndoChain
					}
				}
			} else if p != e.endLine(p) {
				e.charInsert(p, '\t', allow)
			}
			allow = allowUndoChain
		}
		e.dot = e.findLine(cnt)
		e.dotSkipOverWS()
		e.endCmdQ()
	case 'A', 'a':
		if c == 'A' {
			e.dotEnd()
		}
		if e.at(e.dot) != '\n' {
			e.dot++
		}
		e.startInsert()
	case 'B', 'E', 'W':
		dir := forward
		if c == 'B' {
			dir = back
		}
		for {
			if c == 'W' || isSpace(e.at(e.dot+dir)) {
				e.dot = e.skipThing(e.dot, 1, dir, sToWS)
				e.dot = e.skipThing(e.dot, 2, dir, sOverWS)
			}
			if c != 'W' {
				e.dot = e.skipThing(e.dot, 1, dir, sBeforeWS)
			}
			e.cmdcnt--
			if e.cmdcnt <= 0 {
				break
			}
		}
	case 'C', 'D':
		save := e.dot
		e.dot = e.dollarLine(e.dot)
		e.dot = e.yankDelete(save, e.dot, partial, true, allowUndo)
		if c == 'C' {
			e.startInsert()
			return
		}
		e.endCmdQ()
	case 'g':
		c1 := e.getOneChar()
		if c1 != 'g' {
			b := byte('*')
			if c1 >= 0 {
				b = byte(c1)
			}
			e.notImplemented("g" + string(rune(b)))
			e.cmdError = true
			return
		}
		if e.cmdcnt == 0 {
			e.cmdcnt = 1
		}
		e.gotoLine()
	case 'G':
		e.gotoLine()
	case 'H':
		e.dot = e.screenbegin
		if e.cmdcnt > e.rows-1 {
			e.cmdcnt = e.rows - 1
		}
		for e.cmdcnt--; e.cmdcnt > 0; e.cmdcnt-- {
			e.dotNext()
		}
		e.dotBegin()
		e.dotSkipOverWS()
	case 'I', 'i', keyInsert:
		if c == 'I' {
			e.dotBegin()
			e.dotSkipOverWS()
		}
		e.startInsert()
	case 'J':
		for {
			e.dotEnd()
			if e.dot < len(e.text)-1 {
				e.undoPush(e.dot, 1, undoDel)
				e.text[e.dot] = ' '
				e.dot++
				e.undoPush(e.dot-1, 1, undoInsChain)
				for isBlank(e.at(e.dot)) {
					e.holeDelete(e.dot, e.dot, allowUndoChain)
				}
			}
			e.cmdcnt--
			if e.cmdcnt <= 0 {
				break
			}
		}
		e.endCmdQ()
	case 'L':
		e.dot = e.endScreen()
		if e.cmdcnt > e.rows-1 {
			e.cmdcnt = e.rows - 1
		}
		for e.cmdcnt--; e.cmdcnt > 0; e.cmdcnt-- {
			e.dotPrev()
		}
		e.dotBegin()
		e.dotSkipOverWS()
	case 'M':
		e.dot = e.screenbegin
		for cnt := 0; cnt < (e.rows-1)/2; cnt++ {
			e.dot = e.nextLine(e.dot)
		}
		e.dotSkipOverWS()
	case 'O', 'o':
		if c == 'O' {
			e.dotBegin()
			e.newindent = e.getColumn(e.dot + e.indentLen(e.dot))
		} else {
			e.dotEnd()
		}
		e.cmdMode = 1
		e.dot = e.charInsert(e.dot, '\n', allowUndo)
		if c == 'O' && e.setops&optAutoindent == 0 {
			e.dotPrev()
		}
		e.startInsert()
	case 'R':
		e.startReplace()
	case keyDelete:
		if e.dot < len(e.text)-1 {
			e.dot = e.yankDelete(e.dot, e.dot, partial, true, allowUndo)
		}
	case 'X', 'x', 's':
		dir := 0
		if c == 'X' {
			dir = -1
		}
		for {
			if e.dot+dir >= 0 && e.at(e.dot+dir) != '\n' {
				if c == 'X' {
					e.dot--
				}
				e.dot = e.yankDelete(e.dot, e.dot, partial, true, allow)
				allow = allowUndoChain
			}
			e.cmdcnt--
			if e.cmdcnt <= 0 {
				break
			}
		}
		e.endCmdQ()
		if c == 's' {
			e.startInsert()
		}
	case 'Z':
		e.zz()
	case '^':
		e.dotBegin()
		e.dotSkipOverWS()
	case 'b', 'e':
		dir := forward
		if c == 'b' {
			dir = back
		}
		for {
			if e.dot+dir < 0 || e.dot+dir > len(e.text)-1 {
				break
			}
			e.dot += dir
			if isSpace(e.at(e.dot)) {
				n := 1
				if c == 'e' {
					n = 2
				}
				e.dot = e.skipThing(e.dot, n, dir, sOverWS)
			}
			if isWord(e.at(e.dot)) {
				e.dot = e.skipThing(e.dot, 1, dir, sEndAlnum)
			} else if isPunct(e.at(e.dot)) {
				e.dot = e.skipThing(e.dot, 1, dir, sEndPunct)
			}
			e.cmdcnt--
			if e.cmdcnt <= 0 {
				break
			}
		}
	case 'c', 'd', 'y', 'Y':
		e.operator(c)
	case 'k', keyUp, '-':
		q := e.dot
		for {
			p := e.prevLine(q)
			if p == e.beginLine(q) {
				e.indicateError()
				return
			}
			q = p
			e.cmdcnt--
			if e.cmdcnt <= 0 {
				break
			}
		}
		e.dot = q
		if c == '-' {
			e.dotSkipOverWS()
		} else {
			e.stayInColumn()
		}
	case 'r':
		c1 := e.getOneChar()
		if c1 != 27 {
			if e.endLine(e.dot)-e.dot < max(e.cmdcnt, 1) {
				e.indicateError()
				e.endCmdQ()
				return
			}
			for {
				e.dot = e.holeDelete(e.dot, e.dot, allow)
				allow = allowUndoChain
				e.dot = e.charInsert(e.dot, c1, allow)
				e.cmdcnt--
				if e.cmdcnt <= 0 {
					break
				}
			}
			e.dotLeft()
		}
		e.endCmdQ()
	case 'w':
		for {
			if isWord(e.at(e.dot)) {
				e.dot = e.skipThing(e.dot, 1, forward, sEndAlnum)
			} else if isPunct(e.at(e.dot)) {
				e.dot = e.skipThing(e.dot, 1, forward, sEndPunct)
			}
			if e.dot < len(e.text)-1 {
				e.dot++
			}
			if isSpace(e.at(e.dot)) {
				e.dot = e.skipThing(e.dot, 2, forward, sOverWS)
			}
			e.cmdcnt--
			if e.cmdcnt <= 0 {
				break
			}
		}
	case 'z':
		c1 := e.getOneChar()
		cnt := 0
		if c1 == '.' {
			cnt = (e.rows - 2) / 2
		}
		if c1 == '-' {
			cnt = e.rows - 2
		}
		e.screenbegin = e.beginLine(e.dot)
		e.dotScroll(cnt, -1)
	case '|':
		e.dot = e.moveToCol(e.dot, e.cmdcnt-1)
	case '~':
		udel := undoDel
		for {
			if isAlpha(e.at(e.dot)) {
				e.undoPush(e.dot, 1, udel)
				e.text[e.dot] ^= 0x20
				e.undoPush(e.dot, 1, undoInsChain)
				udel = undoDelChain
			}
			e.dotRight()
			e.cmdcnt--
			if e.cmdcnt <= 0 {
				break
			}
		}
		e.endCmdQ()
	case keyHome:
		e.dotBegin()
	}
}

func (e *editor) startInsert() {
	e.newindent = -1
	e.cmdMode = 1
	e.undoQueueCommit()
}

func (e *editor) startReplace() {
	e.cmdMode = 2
	e.undoQueueCommit()
	e.rstart = e.dot
}

func (e *editor) stayInColumn() {
	if e.cindex == cEnd {
		e.dot = e.endLine(e.dot)
	} else {
		e.dot = e.moveToCol(e.dot, e.cindex)
	}
	e.keepIndex = true
}

func (e *editor) gotoLine() {
	e.dot = len(e.text) - 1
	if e.cmdcnt > 0 {
		e.dot = e.findLine(e.cmdcnt)
	}
	e.dotBegin()
	e.dotSkipOverWS()
}

func (e *editor) put(c int) {
	if !e.regSet[e.ydreg] {
		e.statusLineBold("Nothing in register %c", e.whatReg())
		return
	}
	p := e.reg[e.ydreg]
	cnt := 0
	i := max(e.cmdcnt, 1)
	if e.regtype[e.ydreg] == whole {
		if c == 'P' {
			e.dotBegin()
		} else if e.endLine(e.dot) == len(e.text)-1 {
			e.dot = len(e.text)
		} else {
			e.dotNext()
		}
	} else {
		if c == 'p' {
			e.dotRight()
		}
		if strings.IndexByte(string(p), '\n') < 0 {
			cnt = i*len(p) - 1
		}
	}
	allow := allowUndo
	for {
		e.stringInsert(e.dot, p, allow)
		allow = allowUndoChain
		e.cmdcnt--
		if e.cmdcnt <= 0 {
			break
		}
	}
	e.dot += cnt
	e.dotSkipOverWS()
	e.endCmdQ()
}

func (e *editor) zz() {
	c1 := e.getOneChar()
	if c1 == 'Q' {
		e.editing = 0
		e.optind = len(e.files)
		return
	}
	if c1 != 'Z' {
		e.indicateError()
		return
	}
	if e.modified != 0 {
		if e.readonly != 0 && e.hasName {
			e.statusLineBold("'%s' is read only", e.filename)
			return
		}
		cnt := e.fileWrite(e.filename, e.hasName, 0, len(e.text)-1)
		if cnt < 0 {
			if cnt == -1 {
				e.statusLineBold("Write error: %s", errText(e.writeErr))
			}
		} else if cnt == len(e.text) {
			e.editing = 0
		}
	} else {
		e.editing = 0
	}
	if j := len(e.files) - e.optind - 1; e.editing == 0 && j > 0 {
		e.editing = 1
		e.modified = 0
		e.lastModified = -1
		e.statusLineBold("%d more file(s) to edit", j)
	}
}

func (e *editor) operator(c int) {
	del := c == 'c' || c == 'd'
	p, q, buftype := e.findRange(c)
	if buftype == -1 {
		e.endCmdQ()
		return
	}
	save := 0
	if buftype == whole {
		save = p
		p = e.beginLine(p)
		if c == 'c' {
			e.newindent = e.getColumn(p + e.indentLen(p))
		}
		q = e.endLine(q)
	}
	e.dot = e.yankDelete(p, q, buftype, del, allowUndo)
	if buftype == whole {
		switch c {
		case 'c':
			e.cmdMode = 1
			e.dot = e.charInsert(e.dot, '\n', allowUndoChain)
			if e.dot != len(e.text)-1 && e.setops&optAutoindent == 0 {
				e.dotPrev()
			}
		case 'd':
			e.dotBegin()
			e.dotSkipOverWS()
		default:
			e.dot = save
		}
	}
	if c == 'c' {
		e.startInsert()
		return
	}
	e.endCmdQ()
}

// search is / ? n N.
func (e *editor) search(c int) {
	dir := forward
	switch c {
	case 'N':
		if strings.HasPrefix(e.lastSearch, "/") {
			dir = back
		}
	case '/', '?':
		q := e.getInputLine(string(rune(c)))
		if q == "" {
			return
		}
		if len(q) == 1 {
			if e.lastSearch != "" {
				e.lastSearch = q[:1] + e.lastSearch[1:]
			}
		} else {
			e.lastSearch = q
		}
		fallthrough
	case 'n':
		if !strings.HasPrefix(e.lastSearch, "/") {
			dir = back
		}
	}
	if len(e.lastSearch) <= 1 {
		e.statusLineBold("No previous search")
		return
	}
	pat := e.lastSearch[1:]
	for {
		q := e.charSearch(e.dot+dir, pat, dir, true)
		if q >= 0 {
			e.dot = q
		} else {
			start := 0
			if dir == back {
				start = len(e.text) - 1
			}
			q = e.charSearch(start, pat, dir, true)
			switch {
			case q < 0:
				e.cmdcnt = 0
				e.statusLineBold("Pattern not found")
			case dir == forward:
				e.dot = q
				e.statusLineBold("search hit BOTTOM, continuing at TOP")
			default:
				e.dot = q
				e.statusLineBold("search hit TOP, continuing at BOTTOM")
			}
		}
		e.cmdcnt--
		if e.cmdcnt <= 0 {
			break
		}
	}
}

// charSearch finds pat (plain text; ignoring case with :set ic) from p
// in direction dir, to the end of the text (full) or the next or
// previous line.
func (e *editor) charSearch(p int, pat string, dir int, full bool) int {
	n := len(pat)
	cmp := func(at int) bool {
		if at < 0 || at+n > len(e.text) {
			// BusyBox compares with the NUL after the text: a
			// pattern cannot match across the end.
			return false
		}
		s := string(e.text[at : at+n])
		if e.setops&optIgnorecase != 0 {
			return asciiFold(s, pat)
		}
		return s == pat
	}
	if dir > 0 {
		stop := len(e.text) - 1
		if !full {
			stop = e.nextLine(p)
		}
		for start := p; start < stop; start++ {
			if cmp(start) {
				return start
			}
		}
		return -1
	}
	stop := 0
	if !full {
		stop = e.prevLine(p)
	}
	for start := p - n; start >= stop; start-- {
		if cmp(start) {
			return start
		}
	}
	return -1
}

// asciiFold is strncasecmp's equality in the C locale.
func asciiFold(a, b string) bool {
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if isUpper(x) {
			x |= 0x20
		}
		if isUpper(y) {
			y |= 0x20
		}
		if x != y {
			return false
		}
	}
	return true
}
