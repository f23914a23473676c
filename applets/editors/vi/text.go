package vi

// The text buffer: one byte slice, as BusyBox's text[] .. end, with
// positions as indices. Marks and the undo stack hold indices that are
// not adjusted when text moves, as BusyBox's pointers are not.

func isSpace(c byte) bool { return c == ' ' || c >= '\t' && c <= '\r' }
func isBlank(c byte) bool { return c == ' ' || c == '\t' }
func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isAlpha(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func isAlnum(c byte) bool { return isAlpha(c) || isDigit(c) }
func isLower(c byte) bool { return c >= 'a' && c <= 'z' }
func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }
func isPunct(c byte) bool { return c > ' ' && c < 0x7f && !isAlnum(c) }
func isWord(c byte) bool  { return isAlnum(c) || c == '_' }

// isPrint is musl's isprint: ASCII only, so bytes above 0x7e show as '.'.
func isPrint(c int) bool { return c >= ' ' && c < 0x7f }

// at returns the byte at i, or 0 outside the text (BusyBox reads the
// terminating NUL of its buffer there).
func (e *editor) at(i int) byte {
	if i < 0 || i >= len(e.text) {
		return 0
	}
	return e.text[i]
}

func (e *editor) beginLine(p int) int {
	for p > 0 && e.text[p-1] != '\n' {
		p--
	}
	return p
}

// endLine returns the position of the newline ending p's line, or the
// last byte of the text.
func (e *editor) endLine(p int) int {
	end := len(e.text)
	if p < end-1 {
		for p < end-1 && e.text[p] != '\n' {
			p++
		}
	}
	return p
}

func (e *editor) dollarLine(p int) int {
	p = e.endLine(p)
	if e.at(p) == '\n' && p-e.beginLine(p) > 0 {
		p--
	}
	return p
}

func (e *editor) prevLine(p int) int {
	p = e.beginLine(p)
	if p > 0 && e.text[p-1] == '\n' {
		p--
	}
	return e.beginLine(p)
}

func (e *editor) nextLine(p int) int {
	p = e.endLine(p)
	if p < len(e.text)-1 && e.text[p] == '\n' {
		p++
	}
	return p
}

func (e *editor) endScreen() int {
	q := e.screenbegin
	for cnt := 0; cnt < e.rows-2; cnt++ {
		q = e.nextLine(q)
	}
	return e.endLine(q)
}

// countLines counts the lines from start to stop, both included.
func (e *editor) countLines(start, stop int) int {
	if stop < start {
		start, stop = stop, start
	}
	cnt := 0
	start = max(start, 0)
	stop = e.endLine(stop)
	for start <= stop && start <= len(e.text)-1 {
		start = e.endLine(start)
		if e.at(start) == '\n' {
			cnt++
		}
		start++
	}
	return cnt
}

func (e *editor) findLine(li int) int {
	q := 0
	for ; li > 1; li-- {
		q = e.nextLine(q)
	}
	return q
}

func (e *editor) nextTabstop(col int) int {
	return col + ((e.tabstop - 1) - (col % e.tabstop))
}

func (e *editor) prevTabstop(col int) int {
	if m := col % e.tabstop; m != 0 {
		return col - m
	}
	return col - e.tabstop
}

func (e *editor) nextColumn(c byte, co int) int {
	if c == '\t' {
		co = e.nextTabstop(co)
	} else if c < ' ' || c == 0x7f {
		co++ // shown as ^X
	}
	return co + 1
}

func (e *editor) getColumn(p int) int {
	co := 0
	for r := e.beginLine(p); r < p; r++ {
		co = e.nextColumn(e.text[r], co)
	}
	return co
}

func (e *editor) moveToCol(p, l int) int {
	p = e.beginLine(p)
	co := 0
	for {
		if e.at(p) == '\n' {
			break
		}
		co = e.nextColumn(e.at(p), co)
		if !(co <= l) {
			break
		}
		ok := p < len(e.text)
		p++
		if !ok {
			break
		}
	}
	return p
}

func (e *editor) indentLen(p int) int {
	r := p
	for r < len(e.text)-1 && isBlank(e.text[r]) {
		r++
	}
	return r - p
}

// holeMake opens size blanks at p.
func (e *editor) holeMake(p, size int) {
	if size <= 0 {
		return
	}
	e.text = append(e.text, make([]byte, size)...)
	copy(e.text[p+size:], e.text[p:len(e.text)-size])
	for i := p; i < p+size; i++ {
		e.text[i] = ' '
	}
}

// holeDelete deletes p through q inclusive and returns where the text
// after it now starts (BusyBox's text_hole_delete).
func (e *editor) holeDelete(p, q int, undo int) int {
	src, dest := q+1, p
	if q < p {
		src, dest = p+1, q
	}
	holeSize := q - p + 1
	end := len(e.text)
	switch undo {
	case allowUndo:
		e.undoPush(p, holeSize, undoDel)
	case allowUndoChain:
		e.undoPush(p, holeSize, undoDelChain)
	case allowUndoQueued:
		e.undoPush(p, holeSize, undoDelQueued)
	}
	e.modified--
	if src < 0 || src > end || dest < 0 || dest >= end {
		return dest
	}
	e.modified++
	if src < end {
		copy(e.text[dest:], e.text[src:])
	}
	nend := end - holeSize
	if nend < 0 {
		nend = 0
	}
	e.text = e.text[:nend]
	if dest >= nend {
		dest = nend - 1
	}
	if nend <= 0 {
		dest = 0
		e.text = e.text[:0]
	}
	return dest
}

// stringInsert inserts s at p and returns how far p moved (always 0
// here: the slice grows in place as far as positions are concerned).
func (e *editor) stringInsert(p int, s []byte, undo int) {
	e.undoPushInsert(p, len(s), undo)
	e.holeMake(p, len(s))
	copy(e.text[p:], s)
}

func (e *editor) boundDot(p int) int {
	end := len(e.text)
	if p >= end && end > 0 {
		p = end - 1
		e.indicateError()
	}
	if p < 0 {
		p = 0
		e.indicateError()
	}
	return p
}

// Undo, as BusyBox's undo_push/undo_pop with the queue that groups typed
// and backspaced characters.
const (
	undoIns = iota
	undoDel
	undoInsChain
	undoDelChain
	undoInsQueued
	undoDelQueued
	undoUseSpos = 32
	undoEmpty   = 64
)

const (
	noUndo = iota
	allowUndo
	allowUndoChain
	allowUndoQueued
)

const undoQueueMax = 256 // CONFIG_FEATURE_VI_UNDO_QUEUE_MAX

type undoObj struct {
	start, length int
	typ           int
	text          []byte
}

func (e *editor) undoQueueCommit() {
	if e.undoQ > 0 {
		e.undoPush(-1, e.undoQ, e.undoQState|undoUseSpos)
		e.undoQState = undoEmpty
		e.undoQ = 0
	}
}

func (e *editor) undoPush(src, length, typ int) {
	useSpos := typ&undoUseSpos != 0
	var data []byte
	if useSpos {
		data = e.undoQueue[undoQueueMax-e.undoQ:]
	}
	switch typ {
	case undoEmpty:
		return
	case undoDelQueued:
		if length != 1 {
			return
		}
		switch e.undoQState {
		case undoEmpty, undoDel:
			e.undoQState = undoDel
			e.undoSpos = src
			e.undoQ++
			e.undoQueue[undoQueueMax-e.undoQ] = e.at(src)
			if e.undoQ == undoQueueMax {
				e.undoQueueCommit()
			}
			return
		case undoIns:
			e.undoQueueCommit()
			e.undoPush(src, length, undoDelQueued)
			return
		}
	case undoInsQueued:
		if length < 1 {
			return
		}
		switch e.undoQState {
		case undoEmpty, undoIns:
			if e.undoQState == undoEmpty {
				e.undoQState = undoIns
				e.undoSpos = src
			}
			for ; length > 0; length-- {
				e.undoQ++
				if e.undoQ == undoQueueMax {
					e.undoQueueCommit()
				}
			}
			return
		case undoDel:
			e.undoQueueCommit()
			e.undoPush(src, length, undoInsQueued)
			return
		}
	}
	typ &^= undoUseSpos
	u := undoObj{typ: typ}
	if typ == undoDel || typ == undoDelChain {
		// Deleting the whole text keeps its last newline: an empty
		// text gets one back.
		if length == len(e.text) {
			length--
		}
		if !useSpos {
			data = nil
			if src >= 0 && src+length <= len(e.text) && length > 0 {
				data = e.text[src : src+length]
			}
		}
		u.text = append([]byte(nil), data[:max(min(length, len(data)), 0)]...)
	}
	u.length = length
	if useSpos {
		u.start = e.undoSpos
	} else {
		u.start = src
	}
	e.undo = append(e.undo, u)
	e.modified++
}

func (e *editor) undoPushInsert(p, n, undo int) {
	switch undo {
	case allowUndo:
		e.undoPush(p, n, undoIns)
	case allowUndoChain:
		e.undoPush(p, n, undoInsChain)
	case allowUndoQueued:
		e.undoPush(p, n, undoInsQueued)
	}
}

func (e *editor) undoPop() {
	for {
		e.undoQueueCommit()
		if len(e.undo) == 0 {
			e.statusLine("Already at oldest change")
			return
		}
		u := e.undo[len(e.undo)-1]
		switch u.typ {
		case undoDel, undoDelChain:
			start := min(max(u.start, 0), len(e.text))
			e.holeMake(start, len(u.text))
			copy(e.text[start:], u.text)
		case undoIns, undoInsChain:
			e.holeDelete(u.start, u.start-1+u.length, noUndo)
		}
		repeat := false
		switch u.typ {
		case undoDel, undoIns:
			e.dot = u.start
			e.refresh(false)
		default:
			repeat = true
		}
		e.undo = e.undo[:len(e.undo)-1]
		e.modified--
		if !repeat {
			return
		}
	}
}
