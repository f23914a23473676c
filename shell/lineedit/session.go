package lineedit

import (
	"bytes"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"

	"gobox/internal/termwidth"
	"gobox/internal/wcwidth"
)

// session is the state of one ReadLine on a terminal.
type session struct {
	e    *Editor
	orig *unix.Termios
	w    bytes.Buffer // output not yet written
	keys keyReader

	buf    []rune // the line
	cursor int
	x, y   int
	termw  int

	prompt  string // the whole prompt as written (markers removed)
	last    string // its last line
	prmtLen int    // columns the last line takes

	sentCPR    bool // asked the terminal where the cursor is
	lastWasTab bool
	cands      []string // the completions of the last Tab
	newDel     bool     // the next saved deletion starts the buffer afresh
	vicmd      bool     // in vi's command mode

	histCur int    // index in e.hist of the line shown; len(e.hist) for the new one
	scratch string // the new line, kept while browsing history
}

// viBit marks a key typed in vi's command mode, so that it is not inserted.
const viBit = 0x40000000

func ctrl(c byte) int32 { return int32(c & 0x1f) }

func newSession(e *Editor, orig *unix.Termios) *session {
	s := &session{e: e, orig: orig, termw: 80}
	s.keys = keyReader{
		fd:    int(e.in.Fd()),
		wake:  -1,
		bytes: e.Bytes,
		buf:   &e.pending,
		flush: s.flush,
	}
	s.histCur = len(e.hist)
	return s
}

func (s *session) flush() {
	if s.w.Len() > 0 {
		_, _ = s.e.out.Write(s.w.Bytes())
		s.w.Reset()
	}
}

func (s *session) width() int {
	w, _ := termwidth.Size(s.e.Getenv, s.e.in)
	return w
}

// setPrompt splits the expanded prompt into what is written and the
// width of its last line (counting only what is outside \001...\002).
func (s *session) setPrompt(p string) {
	s.prompt = stripMarkers(p)
	s.last = s.prompt
	if i := strings.LastIndexByte(s.prompt, '\n'); i >= 0 {
		s.last = s.prompt[i+1:]
	}
	s.prmtLen = promptWidth(p, s.e.Bytes)
}

// promptWidth is the number of columns the last line of an expanded
// prompt takes. BusyBox counts a UTF-8 character in a prompt as one
// column whatever its width; here wide and combining characters count
// what they take, so that the cursor lands where the terminal puts it.
// Controls outside \001...\002 count one column, as in BusyBox.
func promptWidth(p string, bytesMode bool) int {
	n, hidden := 0, false
	for i := 0; i < len(p); {
		c := p[i]
		switch {
		case c == promptIgnoreStart:
			hidden = true
			i++
			continue
		case c == promptIgnoreEnd:
			hidden = false
			i++
			continue
		case c == '\n':
			n = 0
			i++
			continue
		}
		if bytesMode || c < 0x80 {
			if !hidden {
				n++
			}
			i++
			continue
		}
		r, size := utf8DecodeString(p[i:])
		i += size
		if hidden {
			continue
		}
		if size == 1 && r == utf8RuneError {
			n++
			continue
		}
		w := wcwidth.Width(r)
		if w < 0 {
			w = 1
		}
		n += w
	}
	return n
}

func (s *session) run(prompt string) (string, error) {
	e := s.e
	s.termw = s.width()
	s.setPrompt(prompt)
	s.putPrompt(true)
	s.askTerminal()

	// SIGWINCH wakes the key reader through a pipe, so that the line is
	// redrawn at the new width while waiting for a key.
	winch := make(chan os.Signal, 1)
	var p [2]int
	if err := unix.Pipe2(p[:], unix.O_CLOEXEC|unix.O_NONBLOCK); err == nil {
		signal.Notify(winch, syscall.SIGWINCH)
		done := make(chan struct{})
		go func() {
			for {
				select {
				case <-winch:
					_, _ = unix.Write(p[1], []byte{0})
				case <-done:
					return
				}
			}
		}()
		defer func() {
			signal.Stop(winch)
			close(done)
			unix.Close(p[0])
			unix.Close(p[1])
		}()
		s.keys.wake = p[0]
		s.keys.onWake = s.setWidth
	}

	timeout := -1
	if e.Timeout > 0 {
		timeout = int(e.Timeout.Milliseconds())
		if timeout <= 0 {
			timeout = 1
		}
	}
	defer s.flush()
	for {
		ic, err := s.keys.readKey(timeout)
		if err != nil {
			return "", err
		}
		if ic == keyTimeout {
			return "", ErrTimeout
		}
		if ic == keyCursorPos {
			s.cursorReport()
			continue
		}
		line, done, err := s.handle(ic)
		if done {
			return line, err
		}
		if ic != '\t' {
			s.lastWasTab = false
		}
	}
}

// askTerminal asks where the cursor is (ESC[6n), unless keys are already
// waiting, whose answer corrects the column when the prompt did not start
// at the left margin (output without a final newline before it).
func (s *session) askTerminal() {
	if len(s.e.pending) > 0 || inputPending(s.keys.fd) {
		return
	}
	s.sentCPR = true
	s.w.WriteString("\x1b[6n")
	s.flush()
}

func (s *session) cursorReport() {
	if !s.sentCPR {
		return
	}
	s.sentCPR = false
	if s.cursor != 0 {
		return
	}
	col := s.keys.col - 1
	if d := col - s.prmtLen; d > 0 {
		s.x += d
		for s.x >= s.termw {
			s.x -= s.termw
			s.y++
		}
	}
}

// setWidth takes the terminal's new width and draws the line again.
func (s *session) setWidth() {
	s.termw = s.width()
	newY := (s.cursor + s.prmtLen) / s.termw
	if newY < s.y {
		newY = s.y
	}
	s.redraw(newY, len(s.buf)-s.cursor)
}

func (s *session) line() string { return s.e.encode(s.buf) }

// handle acts on one key. done reports that ReadLine returns line and err.
func (s *session) handle(ic int32) (line string, done bool, err error) {
	e := s.e
	icRaw := ic
again:
	s.newDel = true
	if s.vicmd {
		ic |= viBit
	}
	switch ic {
	case '\n', '\r', '\n' | viBit, '\r' | viBit:
		s.gotoNewLine()
		l := s.line()
		e.AddHistory(l)
		return l, true, nil
	case ctrl('A'), '0' | viBit, keyHome:
		s.inputBackward(s.cursor)
	case ctrl('B'), 'h' | viBit, '\b' | viBit, 0x7f | viBit, keyLeft:
		s.inputBackward(1)
	case ctrl('E'), '$' | viBit, keyEnd:
		s.putTillEnd()
	case ctrl('F'), 'l' | viBit, ' ' | viBit, keyRight:
		s.inputForward()
	case '\b', 0x7f:
		s.inputBackspace()
	case keyDelete:
		s.inputDelete(false)
	case '\t':
		s.tab()
	case ctrl('K'):
		s.kill(s.cursor, len(s.buf))
		s.buf = s.buf[:s.cursor]
		s.w.WriteString("\x1b[J")
	case ctrl('L'), ctrl('L') | viBit:
		s.w.WriteString("\x1b[H\x1b[J")
		s.drawFull(len(s.buf) - s.cursor)
	case ctrl('N'), ctrl('N') | viBit, 'j' | viBit:
		if s.nextHistory() {
			s.rewriteLine()
		}
	case ctrl('P'), ctrl('P') | viBit, 'k' | viBit:
		if s.previousHistory() {
			s.rewriteLine()
		}
	case keyUp:
		if s.previousHistory() {
			s.rewriteLine()
		} else {
			s.beep()
		}
	case keyDown:
		if s.nextHistory() {
			s.rewriteLine()
		}
	case ctrl('U'), ctrl('U') | viBit:
		if s.cursor > 0 {
			s.kill(0, s.cursor)
			s.buf = append(s.buf[:0], s.buf[s.cursor:]...)
			s.redraw(s.y, len(s.buf))
		}
	case ctrl('W'), ctrl('W') | viBit:
		start := s.cursor
		for start > 0 && isSpace(s.buf[start-1]) {
			start--
		}
		for start > 0 && !isSpace(s.buf[start-1]) {
			start--
		}
		s.kill(start, s.cursor)
		for s.cursor > start {
			s.inputBackspace()
		}
	case keyAltD:
		sc := s.cursor
		s.ctrlRight()
		nc := s.cursor - sc
		s.inputBackward(nc)
		for ; nc > 0; nc-- {
			s.inputDelete(true)
		}
	case keyAltBackspace:
		sc := s.cursor
		s.ctrlLeft()
		for ; sc > s.cursor; sc-- {
			s.inputDelete(true)
		}
	case ctrl('R'):
		ic, err = s.reverseSearch()
		if err != nil {
			return "", true, err
		}
		if ic == keyTimeout {
			return "", true, ErrTimeout
		}
		icRaw = ic
		goto again
	case ctrl('T'):
		s.transpose()
	case ctrl('Y'):
		s.yank()
	case keyCtrlLeft, keyAltLeft:
		s.ctrlLeft()
	case keyCtrlRight, keyAltRight:
		s.ctrlRight()
	case 0x1b:
		if e.ViMode {
			s.vicmd = true
			s.inputBackward(1)
		}
	default:
		if ic&viBit != 0 && ic > 0 {
			if line, done, ok, err := s.viCommand(ic &^ viBit); ok {
				return line, done, err
			}
		}
		if s.orig.Cc[unix.VINTR] != 0 && icRaw == int32(s.orig.Cc[unix.VINTR]) {
			// Alpine's ash writes "^C" and a newline where the cursor is,
			// then another newline on stderr as it handles the SIGINT.
			s.w.WriteString("^C\n")
			return "", true, ErrInterrupted
		}
		if s.orig.Cc[unix.VEOF] != 0 && icRaw == int32(s.orig.Cc[unix.VEOF]) {
			if len(s.buf) == 0 {
				return "", true, io.EOF
			}
			s.inputDelete(false)
			break
		}
		if ic < ' ' || ic >= viBit {
			// A control key or an escape sequence with no binding.
			break
		}
		s.insertChar(ic)
	}
	return "", false, nil
}

// kill keeps buf[from:to] for Ctrl-Y (BusyBox keeps nothing on Ctrl-K,
// Ctrl-U and Ctrl-W, and has no Ctrl-Y).
func (s *session) kill(from, to int) {
	if from < to {
		s.e.yank = append(s.e.yank[:0], s.buf[from:to]...)
	}
}

// yank inserts the text last deleted (Ctrl-Y, as readline's yank).
func (s *session) yank() {
	if len(s.e.yank) == 0 {
		return
	}
	s.insert(append([]rune(nil), s.e.yank...))
}

// transpose swaps the character before the cursor with the one under it,
// or the two before it at the end of the line, and moves past them
// (Ctrl-T, as readline's transpose-chars).
func (s *session) transpose() {
	if s.cursor == 0 || len(s.buf) < 2 {
		s.beep()
		return
	}
	if s.cursor == len(s.buf) {
		s.inputBackward(1)
	}
	c := s.cursor
	s.buf[c-1], s.buf[c] = s.buf[c], s.buf[c-1]
	s.inputBackward(1)
	s.putTillEnd()
	s.w.WriteString("\x1b[J")
	s.inputBackward(len(s.buf) - (c + 1))
}

// ctrlLeft and ctrlRight move by words delimited by spaces and
// punctuation, as bash's Ctrl-<arrow> (and Alt-B, Alt-F).
func (s *session) ctrlLeft() {
	for {
		s.inputBackward(1)
		if s.cursor == 0 {
			return
		}
		c := s.buf[s.cursor]
		if c != ' ' && !isPunct(c) {
			for {
				c = s.buf[s.cursor-1]
				if c == ' ' || isPunct(c) {
					return
				}
				s.inputBackward(1)
				if s.cursor == 0 {
					return
				}
			}
		}
	}
}

func (s *session) ctrlRight() {
	for s.cursor < len(s.buf) {
		c := s.buf[s.cursor]
		if c != ' ' && !isPunct(c) {
			for {
				s.inputForward()
				if s.cursor >= len(s.buf) {
					return
				}
				c = s.buf[s.cursor]
				if c == ' ' || isPunct(c) {
					return
				}
			}
		}
		s.inputForward()
	}
}

// isSpace, isPunct and isAlnum are the C locale's classes, which BusyBox
// applies to characters below 256 only.
func isSpace(r rune) bool {
	return r == ' ' || r >= '\t' && r <= '\r'
}

func isPunct(r rune) bool {
	return r > ' ' && r < 0x7f && !isAlnum(r)
}

func isAlnum(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
}
