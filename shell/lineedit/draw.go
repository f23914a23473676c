package lineedit

import (
	"strconv"
	"unicode/utf8"

	"gobox/internal/wcwidth"
)

// The screen model is lineedit.c's: x and y are where the terminal's
// cursor is, relative to the start of the last prompt line (y counts the
// lines the input has wrapped onto); cursor is the index in buf of the
// character the cursor is on. Every drawing function keeps them in step
// with what it writes.

// glyph is how the character r is shown and how many columns it takes:
// a character that cannot be shown (a control, a byte that is not UTF-8)
// is shown as '?', one column, as BusyBox's adjust_width_and_validate_wc.
func (s *session) glyph(r rune) (rune, int) {
	if s.e.Bytes {
		return r, 1
	}
	if r > utf8.MaxRune {
		return '?', 1
	}
	w := wcwidth.Width(r)
	if w < 0 {
		return '?', 1
	}
	return r, w
}

func (s *session) putRune(r rune) {
	if s.e.Bytes && r < 0x100 {
		s.w.WriteByte(byte(r))
		return
	}
	s.w.WriteRune(r)
}

func (s *session) printf(pre string, n int, post byte) {
	s.w.WriteString(pre)
	s.w.WriteString(strconv.Itoa(n))
	s.w.WriteByte(post)
}

// putCurGlyph writes the character under the cursor and moves past it
// (at the end of the line, writes a space to erase what was there),
// going to the next line when the right margin is reached: CR LF forces
// the move whether or not the terminal wraps by itself, and a wide
// character that does not fit is written again at the start of the next
// line.
func (s *session) putCurGlyph() {
	c := ' '
	width := 0
	if s.cursor < len(s.buf) {
		var w int
		c, w = s.glyph(s.buf[s.cursor])
		s.cursor++
		s.x += w
		width = w
	}
	ofs := s.x - s.termw
	if ofs <= 0 {
		s.putRune(c)
	}
	if ofs >= 0 {
		s.w.WriteString("\r\n")
		s.y++
		if ofs == 0 {
			width = 0
		} else {
			s.putRune(c)
		}
		s.x = width
	}
}

func (s *session) putTillEnd() {
	for s.cursor < len(s.buf) {
		s.putCurGlyph()
	}
}

// gotoNewLine moves below the input, as Enter does.
func (s *session) gotoNewLine() {
	s.putTillEnd()
	if s.cursor == 0 || s.x != 0 {
		s.w.WriteByte('\n')
	}
}

func (s *session) beep() { s.w.WriteByte('\a') }

// putPrompt writes the whole prompt or its last line and puts the cursor
// at the start of the input.
func (s *session) putPrompt(full bool) {
	if full {
		s.w.WriteString(s.prompt)
	} else {
		s.w.WriteString(s.last)
	}
	s.cursor = 0
	s.y = s.prmtLen / s.termw
	s.x = s.prmtLen % s.termw
}

// inputBackward moves the cursor num characters left. Within the line it
// backspaces (or ESC[nD); across lines it goes up to the prompt and
// writes the input again up to the new cursor, the only way to find the
// column when wide characters have left gaps at line ends.
func (s *session) inputBackward(num int) {
	if num > s.cursor {
		num = s.cursor
	}
	if num <= 0 {
		return
	}
	s.cursor -= num
	cols := 0
	for i := 0; i < num; i++ {
		_, w := s.glyph(s.buf[s.cursor+i])
		cols += w
	}
	if cols == 0 {
		return
	}
	if s.x >= cols {
		s.x -= cols
		if cols <= 4 {
			for ; cols > 0; cols-- {
				s.w.WriteByte('\b')
			}
			return
		}
		s.printf("\x1b[", cols, 'D')
		return
	}
	s.printf("\r\x1b[", s.y, 'A')
	s.y = 0
	target := s.cursor
	s.putPrompt(false)
	for s.cursor < target {
		s.putCurGlyph()
	}
}

// draw goes up y lines, writes the prompt (all of it when full) and the
// input, clears what is left of the screen and moves the cursor back
// back characters from the end.
func (s *session) draw(y, back int, full bool) {
	if y > 0 {
		s.printf("\x1b[", y, 'A')
	}
	s.w.WriteByte('\r')
	s.putPrompt(full)
	s.putTillEnd()
	s.w.WriteString("\x1b[J")
	s.inputBackward(back)
}

// redraw draws the last prompt line and the input in place.
func (s *session) redraw(y, back int) { s.draw(y, back, false) }

// drawFull draws the whole prompt and the input from where the cursor is.
func (s *session) drawFull(back int) { s.draw(0, back, true) }

// inputDelete deletes the character under the cursor; save keeps it for
// a later put (vi's p, Ctrl-Y).
func (s *session) inputDelete(save bool) {
	j := s.cursor
	if j >= len(s.buf) {
		return
	}
	if save {
		s.saveDeleted(s.buf[j])
	}
	s.buf = append(s.buf[:j], s.buf[j+1:]...)
	s.putTillEnd()
	s.w.WriteString("\x1b[J")
	s.inputBackward(s.cursor - j)
}

// saveDeleted adds r to the text deleted by the current key: the first
// deletion of a key starts the buffer afresh (BusyBox's delbuf, 128
// characters).
func (s *session) saveDeleted(r rune) {
	if s.newDel {
		s.e.yank = s.e.yank[:0]
		s.newDel = false
	}
	if len(s.e.yank) < 128 {
		s.e.yank = append(s.e.yank, r)
	}
}

func (s *session) inputBackspace() {
	if s.cursor > 0 {
		s.inputBackward(1)
		s.inputDelete(false)
	}
}

func (s *session) inputForward() {
	if s.cursor < len(s.buf) {
		s.putCurGlyph()
	}
}

// insert puts text at the cursor and leaves the cursor after it.
func (s *session) insert(text []rune) {
	if len(text) == 0 {
		return
	}
	if room := MaxLineLen - 2 - len(s.buf); len(text) > room {
		if room <= 0 {
			return
		}
		text = text[:room]
	}
	sc := s.cursor
	tail := append([]rune(nil), s.buf[sc:]...)
	s.buf = append(append(s.buf[:sc], text...), tail...)
	s.putTillEnd()
	s.inputBackward(s.cursor - (sc + len(text)))
}

// insertChar is the default action of a printable key.
func (s *session) insertChar(r rune) {
	if len(s.buf) >= MaxLineLen-2 {
		return
	}
	if s.cursor == len(s.buf) {
		s.buf = append(s.buf, r)
		s.putCurGlyph()
		return
	}
	s.insert([]rune{r})
}

// strWidth is the number of columns s takes as the editor shows it.
func (s *session) strWidth(str string) int {
	n := 0
	for _, r := range s.e.decode(str) {
		_, w := s.glyph(r)
		n += w
	}
	return n
}
