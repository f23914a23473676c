package lineedit

import "io"

// viCommand handles a key typed in vi's command mode (set -o vi, after
// ESC), as lineedit.c's vi cases: i I a A to insert, x X to delete, w W
// e E b B to move by words, C D c d with a motion (cc and dd take the
// whole line), p P to put back what was deleted, r to replace. Motions
// shared with emacs mode (h l 0 $ j k, space, backspace) are handled
// with it. handled is false for a key with no vi meaning.
func (s *session) viCommand(c int32) (line string, done, handled bool, err error) {
	switch c {
	case 'i':
		s.vicmd = false
	case 'I':
		s.inputBackward(s.cursor)
		s.vicmd = false
	case 'a':
		s.inputForward()
		s.vicmd = false
	case 'A':
		s.putTillEnd()
		s.vicmd = false
	case 'x':
		s.inputDelete(true)
	case 'X':
		if s.cursor > 0 {
			s.inputBackward(1)
			s.inputDelete(true)
		}
	case 'W':
		s.viBigWordMotion(true)
	case 'w':
		s.viWordMotion(true)
	case 'E':
		s.viBigEndMotion()
	case 'e':
		s.viEndMotion()
	case 'B':
		s.viBigBackMotion()
	case 'b':
		s.viBackMotion()
	case 'C', 'D':
		if c == 'C' {
			s.vicmd = false
		}
		s.clearToEOL()
	case 'c', 'd':
		if c == 'c' {
			s.vicmd = false
		}
		k, err := s.keys.readKey(s.timeout())
		if err != nil {
			return "", true, true, err
		}
		if k == keyTimeout {
			return "", true, true, io.EOF
		}
		s.viDelete(c, k)
	case 'p', 'P':
		if c == 'p' {
			s.inputForward()
		}
		s.put()
	case 'r':
		k, err := s.keys.readKey(s.timeout())
		if err != nil {
			return "", true, true, err
		}
		if k == keyTimeout {
			return "", true, true, io.EOF
		}
		s.replaceChar(k)
	default:
		return "", false, false, nil
	}
	return "", false, true, nil
}

// viDelete is d or c (op) followed by the motion key k.
func (s *session) viDelete(op, k int32) {
	if k == op {
		// cc, dd: the whole line.
		s.inputBackward(s.cursor)
		s.clearToEOL()
		return
	}
	sc := s.cursor
	switch k {
	case 'w', 'W', 'e', 'E':
		switch k {
		case 'w':
			s.viWordMotion(s.vicmd)
		case 'W':
			s.viBigWordMotion(s.vicmd)
		case 'e':
			s.viEndMotion()
			s.inputForward()
		case 'E':
			s.viBigEndMotion()
			s.inputForward()
		}
		nc := s.cursor
		s.inputBackward(s.cursor - sc)
		for ; nc > s.cursor; nc-- {
			s.inputDelete(true)
		}
	case 'b', 'B':
		if k == 'b' {
			s.viBackMotion()
		} else {
			s.viBigBackMotion()
		}
		for ; sc > s.cursor; sc-- {
			s.inputDelete(true)
		}
	case ' ':
		s.inputDelete(true)
	case '$':
		s.clearToEOL()
	}
}

func (s *session) clearToEOL() {
	for s.cursor < len(s.buf) {
		s.inputDelete(true)
	}
}

// put inserts what was last deleted before the cursor and leaves the
// cursor on its last character.
func (s *session) put() {
	j := len(s.e.yank)
	if j == 0 {
		return
	}
	oc := s.cursor
	text := append([]rune(nil), s.e.yank...)
	tail := append([]rune(nil), s.buf[oc:]...)
	s.buf = append(append(s.buf[:oc], text...), tail...)
	if len(s.buf) > MaxLineLen-2 {
		s.buf = s.buf[:MaxLineLen-2]
	}
	s.putTillEnd()
	s.inputBackward(s.cursor - oc - j + 1)
}

// replaceChar is r: the character under the cursor becomes k.
func (s *session) replaceChar(k int32) {
	if k < ' ' || k >= viBit || k == 0x7f {
		s.beep()
		return
	}
	if s.cursor >= len(s.buf) {
		return
	}
	_, oldW := s.glyph(s.buf[s.cursor])
	s.buf[s.cursor] = k
	if g, w := s.glyph(k); w == 1 && oldW == 1 {
		s.putRune(g)
		s.w.WriteByte('\b')
		return
	}
	c := s.cursor
	s.putTillEnd()
	s.w.WriteString("\x1b[J")
	s.inputBackward(s.cursor - c)
}

func (s *session) timeout() int {
	if s.e.Timeout > 0 {
		return max(int(s.e.Timeout.Milliseconds()), 1)
	}
	return -1
}

// at is the character at i, or 0 past the end (C's NUL).
func (s *session) at(i int) rune {
	if i < 0 || i >= len(s.buf) {
		return 0
	}
	return s.buf[i]
}

func isWordChar(r rune) bool { return isAlnum(r) || r == '_' }

func (s *session) viBigWordMotion(eat bool) {
	for s.cursor < len(s.buf) && !isSpace(s.at(s.cursor)) {
		s.inputForward()
	}
	if eat {
		for s.cursor < len(s.buf) && isSpace(s.at(s.cursor)) {
			s.inputForward()
		}
	}
}

func (s *session) viWordMotion(eat bool) {
	if isWordChar(s.at(s.cursor)) {
		for s.cursor < len(s.buf) && isWordChar(s.at(s.cursor+1)) {
			s.inputForward()
		}
	} else if isPunct(s.at(s.cursor)) {
		for s.cursor < len(s.buf) && isPunct(s.at(s.cursor+1)) {
			s.inputForward()
		}
	}
	if s.cursor < len(s.buf) {
		s.inputForward()
	}
	if eat {
		for s.cursor < len(s.buf) && isSpace(s.at(s.cursor)) {
			s.inputForward()
		}
	}
}

func (s *session) viBigEndMotion() {
	s.inputForward()
	for s.cursor < len(s.buf) && isSpace(s.at(s.cursor)) {
		s.inputForward()
	}
	for s.cursor < len(s.buf)-1 && !isSpace(s.at(s.cursor+1)) {
		s.inputForward()
	}
}

func (s *session) viEndMotion() {
	if s.cursor >= len(s.buf)-1 {
		return
	}
	s.inputForward()
	for s.cursor < len(s.buf)-1 && isSpace(s.at(s.cursor)) {
		s.inputForward()
	}
	if s.cursor >= len(s.buf)-1 {
		return
	}
	if isWordChar(s.at(s.cursor)) {
		for s.cursor < len(s.buf)-1 && isWordChar(s.at(s.cursor+1)) {
			s.inputForward()
		}
	} else if isPunct(s.at(s.cursor)) {
		for s.cursor < len(s.buf)-1 && isPunct(s.at(s.cursor+1)) {
			s.inputForward()
		}
	}
}

func (s *session) viBigBackMotion() {
	for s.cursor > 0 && isSpace(s.at(s.cursor-1)) {
		s.inputBackward(1)
	}
	for s.cursor > 0 && !isSpace(s.at(s.cursor-1)) {
		s.inputBackward(1)
	}
}

func (s *session) viBackMotion() {
	if s.cursor <= 0 {
		return
	}
	s.inputBackward(1)
	for s.cursor > 0 && isSpace(s.at(s.cursor)) {
		s.inputBackward(1)
	}
	if s.cursor <= 0 {
		return
	}
	if isWordChar(s.at(s.cursor)) {
		for s.cursor > 0 && isWordChar(s.at(s.cursor-1)) {
			s.inputBackward(1)
		}
	} else if isPunct(s.at(s.cursor)) {
		for s.cursor > 0 && isPunct(s.at(s.cursor-1)) {
			s.inputBackward(1)
		}
	}
}
