package lineedit

import (
	"bytes"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
)

// tty is an Editor on the slave side of a pseudo-terminal, driven from
// the master side: keys are written to the master and what the editor
// draws is read back from it. Steps wait for output, never for time;
// the watchdog only turns a hang into a failure.
type tty struct {
	t      *testing.T
	master *os.File
	slave  *os.File
	ed     *Editor

	mu   sync.Mutex
	cond *sync.Cond
	buf  []byte
	off  int
	done bool

	res chan result
}

type result struct {
	line string
	err  error
}

const watchdog = 10 * time.Second

func newTTY(t *testing.T, cols int) *tty {
	t.Helper()
	m, s, err := pty.Open()
	if err != nil {
		t.Fatal(err)
	}
	if err := pty.Setsize(m, &pty.Winsize{Rows: 24, Cols: uint16(cols)}); err != nil {
		t.Fatal(err)
	}
	tt := &tty{t: t, master: m, slave: s, ed: New(s, s), res: make(chan result, 1)}
	tt.cond = sync.NewCond(&tt.mu)
	go func() {
		b := make([]byte, 4096)
		for {
			n, err := m.Read(b)
			tt.mu.Lock()
			tt.buf = append(tt.buf, b[:n]...)
			if err != nil {
				tt.done = true
			}
			tt.cond.Broadcast()
			tt.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	t.Cleanup(func() {
		s.Close()
		m.Close()
	})
	return tt
}

// wait blocks until ok holds for the output not yet consumed.
func (tt *tty) wait(what string, ok func([]byte) int) string {
	tt.t.Helper()
	expired := false
	timer := time.AfterFunc(watchdog, func() {
		tt.mu.Lock()
		expired = true
		tt.cond.Broadcast()
		tt.mu.Unlock()
	})
	defer timer.Stop()
	tt.mu.Lock()
	defer tt.mu.Unlock()
	for {
		if n := ok(tt.buf[tt.off:]); n >= 0 {
			got := string(tt.buf[tt.off : tt.off+n])
			tt.off += n
			return got
		}
		if expired || tt.done {
			tt.t.Fatalf("waiting for %s; have %q", what, tt.buf[tt.off:])
		}
		tt.cond.Wait()
	}
}

// read returns the next n bytes of output.
func (tt *tty) read(n int) string {
	tt.t.Helper()
	return tt.wait("output", func(b []byte) int {
		if len(b) >= n {
			return n
		}
		return -1
	})
}

// until returns the output up to and including s.
func (tt *tty) until(s string) string {
	tt.t.Helper()
	return tt.wait(strings.TrimSpace(s), func(b []byte) int {
		if i := bytes.Index(b, []byte(s)); i >= 0 {
			return i + len(s)
		}
		return -1
	})
}

// expect reads as many bytes as want has and compares them.
func (tt *tty) expect(keys, want string) {
	tt.t.Helper()
	if got := tt.read(len(want)); got != want {
		tt.t.Fatalf("after %q: got %q, want %q", keys, got, want)
	}
}

func (tt *tty) send(keys string) {
	tt.t.Helper()
	if _, err := tt.master.Write([]byte(keys)); err != nil {
		tt.t.Fatal(err)
	}
}

// step sends keys and checks the exact bytes drawn in answer.
func (tt *tty) step(keys, want string) {
	tt.t.Helper()
	tt.send(keys)
	tt.expect(keys, want)
}

// start runs ReadLine(prompt) in the background.
func (tt *tty) start(prompt string) {
	go func() {
		line, err := tt.ed.ReadLine(prompt)
		tt.res <- result{line, err}
	}()
}

// result waits for ReadLine to return, then checks that it drew nothing
// more than the steps read: a marker written to the terminal after it
// must come next.
func (tt *tty) result() (string, error) {
	tt.t.Helper()
	var r result
	select {
	case r = <-tt.res:
	case <-time.After(watchdog):
		tt.t.Fatalf("ReadLine did not return; output %q", tt.buf[tt.off:])
	}
	if _, err := tt.slave.Write([]byte("<END>")); err != nil {
		tt.t.Fatal(err)
	}
	if extra := tt.until("<END>"); extra != "<END>" {
		tt.t.Errorf("unexpected output after the steps: %q", strings.TrimSuffix(extra, "<END>"))
	}
	return r.line, r.err
}
