package less

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"

	"gobox/internal/applet"
)

// term is less running on the slave side of a pseudo-terminal, driven
// from the master side. Steps wait for output, never for time; the
// watchdog only turns a hang into a failure.
type term struct {
	t      *testing.T
	master *os.File
	slave  *os.File
	stderr bytes.Buffer
	cancel context.CancelFunc

	mu   sync.Mutex
	cond *sync.Cond
	buf  []byte
	off  int
	done bool

	status chan int
}

const watchdog = 10 * time.Second

func newTerm(t *testing.T, rows, cols int) *term {
	t.Helper()
	m, s, err := pty.Open()
	if err != nil {
		t.Fatal(err)
	}
	if err := pty.Setsize(m, &pty.Winsize{Rows: uint16(rows), Cols: uint16(cols)}); err != nil {
		t.Fatal(err)
	}
	tt := &term{t: t, master: m, slave: s, status: make(chan int, 1)}
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
		if tt.cancel != nil {
			tt.cancel()
		}
		s.Close()
		m.Close()
	})
	return tt
}

// start runs less with args on the terminal; stdin is the terminal
// unless in is given.
func (tt *term) start(in io.Reader, env []string, args ...string) {
	if in == nil {
		in = tt.slave
	}
	ctx, cancel := context.WithCancel(context.Background())
	tt.cancel = cancel
	c := &applet.Ctx{Context: ctx, Stdin: in, Stdout: tt.slave, Stderr: &tt.stderr, Dir: tt.t.TempDir(), Env: env}
	go func() { tt.status <- applet.Run(c, &Applet, args) }()
}

// wait blocks until ok holds for the output not yet consumed.
func (tt *term) wait(what string, ok func([]byte) int) string {
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

// expect reads as many bytes as want has and compares them.
func (tt *term) expect(keys, want string) {
	tt.t.Helper()
	got := tt.wait("output", func(b []byte) int {
		if len(b) >= len(want) {
			return len(want)
		}
		return -1
	})
	if got != want {
		tt.t.Fatalf("after %q:\n got %q\nwant %q", keys, got, want)
	}
}

// until returns the output up to and including s.
func (tt *term) until(s string) string {
	tt.t.Helper()
	return tt.wait(strconv.Quote(s), func(b []byte) int {
		if i := bytes.Index(b, []byte(s)); i >= 0 {
			return i + len(s)
		}
		return -1
	})
}

func (tt *term) send(keys string) {
	tt.t.Helper()
	if _, err := tt.master.Write([]byte(keys)); err != nil {
		tt.t.Fatal(err)
	}
}

// step sends keys and checks the exact bytes drawn in answer.
func (tt *term) step(keys, want string) {
	tt.t.Helper()
	tt.send(keys)
	tt.expect(keys, want)
}

// exit waits for less to return and checks its status and that it
// drew nothing more: a marker written after it must come next.
func (tt *term) exit(want int) {
	tt.t.Helper()
	if extra := tt.finish(want); extra != "" {
		tt.t.Errorf("unexpected output after the steps: %q", extra)
	}
}

// finish waits for less to return, checks its status, and returns what
// it drew that no step read.
func (tt *term) finish(want int) string {
	tt.t.Helper()
	select {
	case st := <-tt.status:
		if st != want {
			tt.t.Errorf("status %d, want %d (stderr %q)", st, want, tt.stderr.String())
		}
	case <-time.After(watchdog):
		tt.t.Fatalf("less did not exit; output %q", tt.buf[tt.off:])
	}
	if _, err := tt.slave.Write([]byte("<END>")); err != nil {
		tt.t.Fatal(err)
	}
	return strings.TrimSuffix(tt.until("<END>"), "<END>")
}

// screen is what less draws for lines (each already in its final form)
// and a status line, on a terminal of rows rows.
func screen(rows int, status string, lines ...string) string {
	var b strings.Builder
	b.WriteString("\033[0;0H")
	for _, l := range lines {
		b.WriteString("\033[K" + l + "\r\n")
	}
	b.WriteString("\033[" + strconv.Itoa(rows) + ";0H\033[K" + status)
	return b.String()
}

func hl(s string) string { return "\033[7m" + s + "\033[m" }

func seqLines(from, to int) []string {
	var l []string
	for i := from; i <= to; i++ {
		l = append(l, strconv.Itoa(i))
	}
	return l
}

func writeFile(t *testing.T, dir, name, data string) string {
	t.Helper()
	p := dir + "/" + name
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func seqText(n int) string {
	return strings.Join(seqLines(1, n), "\n") + "\n"
}

// The expected bytes below were captured from Alpine 3.20's BusyBox
// less on a 10x40 pty with the same keys.

func TestPageScrollQuit(t *testing.T) {
	tt := newTerm(t, 10, 40)
	f := writeFile(t, t.TempDir(), "f30", seqText(30))
	tt.start(nil, nil, f)
	tt.expect("", screen(10, hl(f), seqLines(1, 9)...))
	tt.step(" ", screen(10, ":", seqLines(10, 18)...))
	tt.step("j", screen(10, ":", seqLines(11, 19)...))
	tt.step("k", screen(10, ":", seqLines(10, 18)...))
	tt.step("\033[B", screen(10, ":", seqLines(11, 19)...))
	tt.step("\033[A", screen(10, ":", seqLines(10, 18)...))
	tt.step("d", screen(10, ":", seqLines(14, 22)...))
	tt.step("u", screen(10, ":", seqLines(10, 18)...))
	tt.step("b", screen(10, hl(f), seqLines(1, 9)...))
	tt.step("\033[6~", screen(10, ":", seqLines(10, 18)...))
	tt.step("\033[5~", screen(10, hl(f), seqLines(1, 9)...))
	tt.step("G", screen(10, hl("(END)"), append(seqLines(24, 30), "", "~")...))
	tt.step("g", screen(10, hl(f), seqLines(1, 9)...))
	tt.step("15g", "\033[10;0H\033[K:1\033[10;3H5\033[10;4H"+screen(10, ":", seqLines(15, 23)...))
	tt.step("q", "\033[10;0H\033[K")
	tt.exit(0)
	if tt.stderr.Len() != 0 {
		t.Errorf("stderr %q", tt.stderr.String())
	}
}

func TestSearch(t *testing.T) {
	tt := newTerm(t, 10, 40)
	f := writeFile(t, t.TempDir(), "f30", seqText(30))
	tt.start(nil, nil, f)
	tt.expect("", screen(10, hl(f), seqLines(1, 9)...))
	tt.step("/2", "\033[10;0H\033[K/\033[10;2H2\033[10;3H")
	tt.step("\r", screen(10, ":", hl("2"), "3", "4", "5", "6", "7", "8", "9", "10"))
	tt.step("n", screen(10, ":", "1"+hl("2"), "13", "14", "15", "16", "17", "18", "19", hl("2")+"0"))
	tt.step("n", screen(10, ":", hl("2")+"0", hl("2")+"1", hl("2")+hl("2"), hl("2")+"3", hl("2")+"4",
		hl("2")+"5", hl("2")+"6", hl("2")+"7", hl("2")+"8"))
	tt.step("N", screen(10, ":", "1"+hl("2"), "13", "14", "15", "16", "17", "18", "19", hl("2")+"0"))
	tt.step("?1\r", "\033[10;0H\033[K?\033[10;2H1\033[10;3H"+screen(10, ":", hl("1")+"2", hl("1")+"3",
		hl("1")+"4", hl("1")+"5", hl("1")+"6", hl("1")+"7", hl("1")+"8", hl("1")+"9", "20"))
	tt.step("/a[\r", "\033[10;0H\033[K/\033[10;2Ha\033[10;3H[\033[10;4H\033[10;0H\033[K"+hl("Missing ']'"))
	tt.step("/x\r", "\033[10;0H\033[K/\033[10;2Hx\033[10;3H\033[10;0H\033[K"+hl("No matches found"))
	tt.step("q", "\033[10;0H\033[K")
	tt.exit(0)
}

func TestOptions(t *testing.T) {
	dir := t.TempDir()
	long := strings.Repeat("abcdefghij", 5) // 50 columns
	f := writeFile(t, dir, "f", "a\tb\n"+long+"\nc\x01d\x7f\n")
	tests := []struct {
		name string
		args []string
		env  []string
		want string
	}{
		{"wrap", nil, nil, screen(10, hl(f), "a\tb", long[:40], long[40:], "c"+hl("A")+"d"+hl("?"), "", "~", "~", "~", "~")},
		{"-S", []string{"-S"}, nil, screen(10, hl(f), "a\tb", long[:40], "c"+hl("A")+"d"+hl("?"), "", "~", "~", "~", "~", "~")},
		{"LESS=S", nil, []string{"LESS=S"}, screen(10, hl(f), "a\tb", long[:40], "c"+hl("A")+"d"+hl("?"), "", "~", "~", "~", "~", "~")},
		{"-N", []string{"-N"}, nil, screen(10, hl(f), "      1 a\tb", "      2 "+long[:32], "      2 "+long[32:],
			"      3 c"+hl("A")+"d"+hl("?"), "      4 ", "        ~", "        ~", "        ~", "        ~")},
		{"-~", []string{"-~"}, nil, screen(10, hl(f), "a\tb", long[:40], long[40:], "c"+hl("A")+"d"+hl("?"), "", "", "", "", "")},
		{"-M", []string{"-M"}, nil, screen(10, hl(f+" lines 1-3/3 (END)"), "a\tb", long[:40], long[40:], "c"+hl("A")+"d"+hl("?"), "", "~", "~", "~", "~")},
		{"-m", []string{"-m"}, nil, screen(10, hl(f+" lines 1-3/3 (END)"), "a\tb", long[:40], long[40:], "c"+hl("A")+"d"+hl("?"), "", "~", "~", "~", "~")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tt := newTerm(t, 10, 40)
			tt.start(nil, tc.env, append(tc.args, f)...)
			tt.expect("", tc.want)
			tt.step("q", "\033[10;0H\033[K")
			tt.exit(0)
		})
	}
}

func TestQuitAtEnd(t *testing.T) {
	dir := t.TempDir()
	f5 := writeFile(t, dir, "f5", seqText(5))
	f30 := writeFile(t, dir, "f30", seqText(30))
	// -F: the file fits: drawn once, then less leaves at once.
	tt := newTerm(t, 10, 40)
	tt.start(nil, nil, "-F", f5)
	tt.expect("", "\033[0;0H\033[K1\r\n\033[K2\r\n\033[K3\r\n\033[K4\r\n\033[K5\r\n\033[K\r\n\033[K~\r\n\033[K~\r\n\033[K~\r\n\033[10;0H\033[K")
	tt.exit(0)
	// -E: less leaves when a page reaches the end.
	tt = newTerm(t, 10, 40)
	tt.start(nil, nil, "-E", f30)
	tt.expect("", screen(10, hl(f30), seqLines(1, 9)...))
	tt.step(" ", screen(10, ":", seqLines(10, 18)...))
	tt.step(" ", screen(10, ":", seqLines(19, 27)...))
	tt.step(" ", "\033[0;0H\033[K24\r\n\033[K25\r\n\033[K26\r\n\033[K27\r\n\033[K28\r\n\033[K29\r\n\033[K30\r\n\033[K\r\n\033[K~\r\n\033[10;0H\033[K")
	tt.exit(0)
}

func TestFiles(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a", "A\n")
	b := writeFile(t, dir, "b", "B\n")
	tt := newTerm(t, 10, 40)
	tt.start(nil, nil, a, b)
	tail := []string{"", "~", "~", "~", "~", "~", "~", "~"}
	tt.expect("", screen(10, hl(a+" (file 1 of 2)"), append([]string{"A"}, tail...)...))
	tt.step(":p", "\033[10;0H\033[K"+hl(" :")+"\033[10;3H\033[10;0H\033[K"+hl("No previous file"))
	tt.step(":n", "\033[10;0H\033[K"+hl(" :")+"\033[10;3H"+screen(10, hl(b+" (file 2 of 2)"), append([]string{"B"}, tail...)...))
	tt.step(":n", "\033[10;0H\033[K"+hl(" :")+"\033[10;3H\033[10;0H\033[K"+hl("No next file"))
	tt.step(":x", "\033[10;0H\033[K"+hl(" :")+"\033[10;3H"+screen(10, hl(a+" (file 1 of 2)"), append([]string{"A"}, tail...)...))
	tt.step(":q", "\033[10;0H\033[K"+hl(" :")+"\033[10;3H\033[10;0H\033[K")
	tt.exit(0)
}

// TestPipeIsReadLazily: less shows what a pipe has delivered while the
// writer is still writing, and reads the rest as it is asked for.
func TestPipeIsReadLazily(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	if _, err := w.WriteString("1\n2\n3\n"); err != nil {
		t.Fatal(err)
	}
	tt := newTerm(t, 10, 40)
	tt.start(r, nil)
	// Whatever it drew first, it comes to show the three lines; the
	// last line is open (no end of input yet).
	tt.until(screen(10, hl("standard input"), "1", "2", "3", "", "~", "~", "~", "~", "~"))
	if _, err := w.WriteString(seqText(100)[len("1\n2\n3\n"):]); err != nil {
		t.Fatal(err)
	}
	// At the end of what was read less watches the pipe: more lines show.
	tt.until(screen(10, hl("standard input"), seqLines(1, 9)...))
	w.Close()
	// G shows what has been read; the end of input may come after it
	// and draw the same screen again (BusyBox's poll does the same).
	end := screen(10, hl("(END)"), append(seqLines(94, 100), "", "~")...)
	tt.send("G")
	tt.until(end)
	tt.send("q")
	rest := tt.finish(0)
	if strings.ReplaceAll(rest, end, "") != "\033[10;0H\033[K" {
		t.Errorf("after q: %q", rest)
	}
}

func TestResize(t *testing.T) {
	f := writeFile(t, t.TempDir(), "f", strings.Repeat("x", 30)+"\n")
	tt := newTerm(t, 10, 40)
	tt.start(nil, nil, f)
	tt.expect("", screen(10, hl(f), strings.Repeat("x", 30), "", "~", "~", "~", "~", "~", "~", "~"))
	if err := pty.Setsize(tt.master, &pty.Winsize{Rows: 6, Cols: 20}); err != nil {
		t.Fatal(err)
	}
	// The terminal's own SIGWINCH goes to its foreground process group,
	// which the test is not: send it as the kernel would.
	if err := unix.Kill(os.Getpid(), unix.SIGWINCH); err != nil {
		t.Fatal(err)
	}
	// BusyBox's re_wrap puts the top of the screen on the last piece of
	// the old top line.
	tt.until(screen(6, hl("(END)"), strings.Repeat("x", 10), "", "~", "~", "~"))
	tt.step("q", "\033[6;0H\033[K")
	tt.exit(0)
}

// TestTerminalRestored: keys are read in raw mode, and the terminal is
// as it was after q, or after Ctrl-C in the shell (ctx cancelled).
func TestTerminalRestored(t *testing.T) {
	for _, how := range []string{"q", "cancel"} {
		t.Run(how, func(t *testing.T) {
			f := writeFile(t, t.TempDir(), "f", "x\n")
			tt := newTerm(t, 10, 40)
			before, err := unix.IoctlGetTermios(int(tt.slave.Fd()), unix.TCGETS)
			if err != nil {
				t.Fatal(err)
			}
			tt.start(nil, nil, f)
			tt.until(hl(f))
			want := 0
			if how == "q" {
				tt.step("q", "\033[10;0H\033[K")
			} else {
				tt.cancel()
				tt.expect("cancel", "\033[10;0H\033[K")
				want = 130
			}
			tt.exit(want)
			after, err := unix.IoctlGetTermios(int(tt.slave.Fd()), unix.TCGETS)
			if err != nil {
				t.Fatal(err)
			}
			if *after != *before {
				t.Errorf("termios after %+v, before %+v", after, before)
			}
		})
	}
}

func TestNoInput(t *testing.T) {
	// No file and stdin a terminal: the usage, status 1.
	tt := newTerm(t, 10, 40)
	tt.start(nil, nil)
	tt.exit(1)
	if !strings.Contains(tt.stderr.String(), "Usage: less [-EFIMmNSRh~] [FILE]...") {
		t.Errorf("stderr %q", tt.stderr.String())
	}
	// A file that cannot be opened.
	tt = newTerm(t, 10, 40)
	tt.start(nil, nil, "/nonexistent")
	tt.exit(1)
	if got, want := tt.stderr.String(), "less: can't open '/nonexistent': No such file or directory\n"; got != want {
		t.Errorf("stderr %q, want %q", got, want)
	}
}

// TestAskTerminal: a terminal that gives no size (and no LINES or
// COLUMNS) is asked where the cursor lands at 999;999, and its answer
// is the size (FEATURE_LESS_ASK_TERMINAL); until then it is 80x24.
func TestAskTerminal(t *testing.T) {
	f := writeFile(t, t.TempDir(), "f30", seqText(30))
	tt := newTerm(t, 0, 0)
	tt.start(nil, nil, f)
	tt.expect("", "\033[999;999H\033[6n"+screen(24, hl(f), seqLines(1, 23)...))
	tt.step("\033[10;40R", screen(10, hl(f), seqLines(1, 9)...))
	tt.step("q", "\033[10;0H\033[K")
	tt.exit(0)
}

// TestChopReadsOn: toggling -S can leave the screen short of input read
// so far; like BusyBox (whose poll finds a file always readable) less
// then reads on and draws again before it waits for a key.
func TestChopReadsOn(t *testing.T) {
	var b strings.Builder
	row := func(i int) string { return fmt.Sprintf("%02d%s", i, strings.Repeat("x", 38)) }
	for i := 1; i <= 20; i++ {
		fmt.Fprintf(&b, "%02d%s\n", i, strings.Repeat("x", 48))
	}
	f := writeFile(t, t.TempDir(), "w", b.String())
	tt := newTerm(t, 10, 40)
	tt.start(nil, nil, f)
	tt.until(hl(f))
	x10 := strings.Repeat("x", 10)
	tt.step(" ", screen(10, ":", x10, row(6), x10, row(7), x10, row(8), x10, row(9), x10))
	short := screen(10, hl("(END)"), row(5), row(6), row(7), row(8), row(9), row(10), "~", "~", "~")
	tt.step("-S", "\033[10;0H\033[K-\033[10;2H"+short+short+
		screen(10, ":", row(5), row(6), row(7), row(8), row(9), row(10), row(11), row(12), row(13)))
	tt.step("q", "\033[10;0H\033[K")
	tt.exit(0)
}

// TestDirectory: a directory is read at once, as a file is: its read
// error shows before the first screen (not after a key, as for a pipe).
func TestDirectory(t *testing.T) {
	d := t.TempDir()
	tt := newTerm(t, 10, 40)
	tt.start(nil, nil, d)
	tt.expect("", "\033[10;0H\033[K"+hl("read error")+screen(10, hl(d), "", "~", "~", "~", "~", "~", "~", "~", "~"))
	tt.step("q", "\033[10;0H\033[K")
	tt.exit(0)
}
