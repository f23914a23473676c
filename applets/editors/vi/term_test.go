package vi

import (
	"bytes"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"
)

// screen is a small VT100 model: it applies what vi sends (printable
// bytes, CR, LF, BS, and the CSI sequences H K J A B C D; attributes and
// modes are ignored) to a grid of cells, so that tests compare what a
// terminal would show rather than the byte stream.
type screen struct {
	rows, cols int
	cell       [][]byte
	r, c       int
	wrap       bool // the cursor is past the last column
	state      int  // 0 text, 1 after ESC, 2 in CSI
	params     []byte
}

func newScreenModel(rows, cols int) *screen {
	s := &screen{rows: rows, cols: cols}
	s.cell = make([][]byte, rows)
	for i := range s.cell {
		s.cell[i] = bytes.Repeat([]byte{' '}, cols)
	}
	return s
}

func (s *screen) Write(p []byte) (int, error) {
	for _, b := range p {
		s.put(b)
	}
	return len(p), nil
}

func (s *screen) scroll() {
	copy(s.cell, s.cell[1:])
	s.cell[s.rows-1] = bytes.Repeat([]byte{' '}, s.cols)
}

func (s *screen) put(b byte) {
	switch s.state {
	case 1:
		if b == '[' {
			s.state, s.params = 2, s.params[:0]
		} else {
			s.state = 0
		}
		return
	case 2:
		if b >= 0x40 && b <= 0x7e {
			s.state = 0
			s.csi(b)
		} else {
			s.params = append(s.params, b)
		}
		return
	}
	switch b {
	case 0x1b:
		s.state = 1
	case '\r':
		s.c, s.wrap = 0, false
	case '\n':
		s.wrap = false
		if s.r == s.rows-1 {
			s.scroll()
		} else {
			s.r++
		}
	case '\b':
		if s.c > 0 {
			s.c--
		}
		s.wrap = false
	case '\a':
	default:
		if b < ' ' {
			return
		}
		if s.wrap {
			s.c, s.wrap = 0, false
			if s.r == s.rows-1 {
				s.scroll()
			} else {
				s.r++
			}
		}
		s.cell[s.r][s.c] = b
		if s.c == s.cols-1 {
			s.wrap = true
		} else {
			s.c++
		}
	}
}

func (s *screen) csi(final byte) {
	if len(s.params) > 0 && (s.params[0] == '?' || s.params[0] == '>') {
		return // modes: the alternate screen is the same screen here
	}
	var n []int
	for _, f := range strings.Split(string(s.params), ";") {
		v, _ := strconv.Atoi(f)
		n = append(n, v)
	}
	arg := func(i, def int) int {
		if i < len(n) && n[i] != 0 {
			return n[i]
		}
		return def
	}
	clear := func(r, from, to int) {
		for c := from; c < to; c++ {
			s.cell[r][c] = ' '
		}
	}
	s.wrap = false
	switch final {
	case 'H', 'f':
		s.r = min(arg(0, 1), s.rows) - 1
		s.c = min(arg(1, 1), s.cols) - 1
	case 'A':
		s.r = max(s.r-arg(0, 1), 0)
	case 'B':
		s.r = min(s.r+arg(0, 1), s.rows-1)
	case 'C':
		s.c = min(s.c+arg(0, 1), s.cols-1)
	case 'D':
		s.c = max(s.c-arg(0, 1), 0)
	case 'K':
		switch arg(0, 0) {
		case 0:
			clear(s.r, s.c, s.cols)
		case 1:
			clear(s.r, 0, s.c+1)
		case 2:
			clear(s.r, 0, s.cols)
		}
	case 'J':
		switch arg(0, 0) {
		case 0:
			clear(s.r, s.c, s.cols)
			for r := s.r + 1; r < s.rows; r++ {
				clear(r, 0, s.cols)
			}
		case 1:
			for r := 0; r < s.r; r++ {
				clear(r, 0, s.cols)
			}
			clear(s.r, 0, s.c+1)
		case 2:
			for r := 0; r < s.rows; r++ {
				clear(r, 0, s.cols)
			}
		}
	}
}

// text returns the screen's lines, trailing blanks removed.
func (s *screen) text() []string {
	out := make([]string, s.rows)
	for i, l := range s.cell {
		out[i] = strings.TrimRight(string(l), " ")
	}
	return out
}

// ptyTerm is a pseudo-terminal whose output feeds a screen model.
type ptyTerm struct {
	t             *testing.T
	master, slave *os.File
	mu            sync.Mutex
	cond          *sync.Cond
	scr           *screen
	raw           []byte
	closed        bool
}

const (
	termRows = 24
	termCols = 80
	// A hang detector, not a timed assertion: generous for a loaded machine.
	watchdog = 60 * time.Second
)

func newPtyTerm(t *testing.T) *ptyTerm {
	t.Helper()
	m, s, err := pty.Open()
	if err != nil {
		t.Skip("no pseudo-terminals:", err)
	}
	if err := pty.Setsize(m, &pty.Winsize{Rows: termRows, Cols: termCols}); err != nil {
		t.Fatal(err)
	}
	pt := &ptyTerm{t: t, master: m, slave: s, scr: newScreenModel(termRows, termCols)}
	pt.cond = sync.NewCond(&pt.mu)
	go func() {
		b := make([]byte, 4096)
		for {
			n, err := m.Read(b)
			pt.mu.Lock()
			pt.scr.Write(b[:n])
			pt.raw = append(pt.raw, b[:n]...)
			if err != nil {
				pt.closed = true
			}
			pt.cond.Broadcast()
			pt.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	t.Cleanup(func() {
		s.Close()
		m.Close()
	})
	return pt
}

// sendKeys types keys. BusyBox vi drops what follows an ESC within
// 50 ms (libbb's read_key takes it for an unknown escape sequence), so
// after each ESC this waits for the editor to read it and then paces the
// next keys past that window: pacing of input, not a timed assertion.
func (pt *ptyTerm) sendKeys(keys string) {
	pt.t.Helper()
	for keys != "" {
		i := strings.IndexByte(keys, 0x1b)
		if i < 0 {
			pt.send(keys)
			return
		}
		pt.send(keys[:i+1])
		keys = keys[i+1:]
		if keys == "" {
			return
		}
		pt.idle()
	}
}

// idle waits for the editor to read all keys sent, then for it to draw
// what they did: the pacing of sendKeys.
func (pt *ptyTerm) idle() {
	deadline := time.Now().Add(watchdog)
	for {
		n, err := unix.IoctlGetInt(int(pt.slave.Fd()), unix.TIOCINQ)
		if err != nil || n == 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(time.Millisecond)
	}
	time.Sleep(150 * time.Millisecond)
}

// settle returns the screen once the editor has handled every key.
func (pt *ptyTerm) settle() []string {
	pt.idle()
	pt.mu.Lock()
	defer pt.mu.Unlock()
	return pt.scr.text()
}

func (pt *ptyTerm) send(keys string) {
	pt.t.Helper()
	if _, err := pt.master.Write([]byte(keys)); err != nil {
		pt.t.Fatal(err)
	}
}

// waitFor waits until the screen satisfies ok; it fails the test when
// the watchdog expires first.
func (pt *ptyTerm) waitFor(what string, ok func(lines []string) bool) []string {
	pt.t.Helper()
	expired := false
	timer := time.AfterFunc(watchdog, func() {
		pt.mu.Lock()
		expired = true
		pt.cond.Broadcast()
		pt.mu.Unlock()
	})
	defer timer.Stop()
	pt.mu.Lock()
	defer pt.mu.Unlock()
	for {
		lines := pt.scr.text()
		if ok(lines) {
			return lines
		}
		if expired {
			pt.t.Fatalf("waiting for %s; screen:\n%s", what, strings.Join(lines, "\n"))
		}
		pt.cond.Wait()
	}
}

// snapshot returns the screen once all that the program wrote is
// applied (call it when the program has exited): a marker written on
// the terminal after it comes back after all of its output.
func (pt *ptyTerm) snapshot() []string {
	pt.t.Helper()
	const marker = "\033[?4242h"
	if _, err := pt.slave.Write([]byte(marker)); err != nil {
		pt.t.Fatal(err)
	}
	return pt.waitFor("the end of the output", func([]string) bool {
		return bytes.Contains(pt.raw, []byte(marker))
	})
}

// waitReady waits for vi's first status line: the terminal is in raw
// mode by then, so keys sent after it arrive unchanged.
func (pt *ptyTerm) waitReady() {
	pt.t.Helper()
	pt.waitFor("the status line", func(lines []string) bool { return lines[len(lines)-1] != "" })
}
