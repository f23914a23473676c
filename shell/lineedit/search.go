package lineedit

import (
	"strings"
	"unicode/utf8"
)

// reverseSearch is Ctrl-R, BusyBox's reverse_i_search: the prompt becomes
// "(reverse-i-search)'TEXT': " and each character typed searches older
// lines for TEXT, the cursor on the match; Ctrl-R looks for the next
// older match, Backspace takes back a character, and any other control
// key ends the search on the line found and is then handled as usual
// (so Enter runs it). It returns that key.
func (s *session) reverseSearch() (int32, error) {
	var match []byte
	savedLast, savedLen := s.last, s.prmtLen
	found := false
	var foundLine string
	setPrompt := func() {
		s.last = "(reverse-i-search)'" + string(match) + "': "
		s.prmtLen = s.strWidth(s.last)
	}
	setPrompt()
	s.redraw(s.y, len(s.buf)-s.cursor)

	timeout := -1
	if s.e.Timeout > 0 {
		timeout = max(int(s.e.Timeout.Milliseconds()), 1)
	}
	var ic int32
	for {
		var err error
		ic, err = s.keys.readKey(timeout)
		if err != nil {
			return 0, err
		}
		if ic == keyCursorPos {
			continue
		}
		n := len(match)
		switch {
		case ic == ctrl('R'):
		case ic == '\b' || ic == 0x7f:
			if s.e.Bytes {
				if n > 0 {
					n--
				}
			} else {
				for n > 0 {
					n--
					if utf8.RuneStart(match[n]) {
						break
					}
				}
			}
			match = match[:n]
		case ic < ' ' || ic >= viBit:
			goto ret
		default:
			enc := s.e.encode([]rune{ic})
			if n+len(enc) < 128 {
				match = append(match, enc...)
			}
		}
		h := s.histCur
		if ic == ctrl('R') {
			h--
		}
		for ; h >= 0; h-- {
			line := s.scratch
			if h < len(s.e.hist) {
				line = s.e.hist[h]
			}
			i := strings.Index(line, string(match))
			if i < 0 || line == "" {
				continue
			}
			s.histCur = h
			found, foundLine = true, line
			s.buf = s.e.decode(line)
			s.cursor = len(s.e.decode(line[:i]))
			setPrompt()
			s.redraw(s.y, len(s.buf)-s.cursor)
			break
		}
		if h < 0 {
			match = match[:n]
			s.beep()
		}
	}
ret:
	if found {
		s.buf = s.e.decode(foundLine)
	}
	s.last, s.prmtLen = savedLast, savedLen
	s.redraw(s.y, len(s.buf)-s.cursor)
	return ic, nil
}
