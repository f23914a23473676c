package more

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/applettest"
)

// TestNotATerminal: with stdout not a terminal more is cat (BusyBox's
// bb_cat); expectations from Alpine's BusyBox.
func TestNotATerminal(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a"), []byte("1\n2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "d"), 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		args     []string
		stdin    string
		out, err string
		code     int
	}{
		{"file", []string{"a"}, "", "1\n2\n", "", 0},
		{"stdin", nil, "in\n", "in\n", "", 0},
		{"dash", []string{"a", "-"}, "in", "1\n2\nin", "", 0},
		{"ignored options", []string{"-dflsu", "a"}, "", "1\n2\n", "", 0},
		{"missing", []string{"nope", "a"}, "", "1\n2\n", "more: can't open 'nope': No such file or directory\n", 1},
		{"directory", []string{"d"}, "", "", "more: read error: Is a directory\n", 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := applettest.Cmd{Args: tc.args, Dir: dir, Stdin: tc.stdin}.Run(t, &Applet)
			if r.Stdout != tc.out || r.Stderr != tc.err || r.Code != tc.code {
				t.Errorf("got %q, %q, %d; want %q, %q, %d", r.Stdout, r.Stderr, r.Code, tc.out, tc.err, tc.code)
			}
		})
	}
	r := applettest.Run(t, &Applet, "-x")
	if r.Code != 1 || !strings.HasPrefix(r.Stderr, "more: unrecognized option: x\n") {
		t.Errorf("-x: status %d, stderr %q", r.Code, r.Stderr)
	}
}

// childEnv marks the test binary run as more on a terminal of its own:
// more reads its keys from /dev/tty, the controlling terminal, which
// only a process in a session of its own can have.
const childEnv = "GOBOX_MORE_TEST_ARGS"

// TestChild is more itself when the test binary runs as the child.
func TestChild(t *testing.T) {
	args, ok := os.LookupEnv(childEnv)
	if !ok {
		t.Skip("only as the child of the pty tests")
	}
	dir, _ := os.Getwd()
	ctx := &applet.Ctx{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Dir: dir}
	var list []string
	if args != "" {
		list = strings.Split(args, "\x1f")
	}
	os.Exit(applet.Run(ctx, &Applet, list))
}

// term is more running in a child process on the slave side of a
// pseudo-terminal, its controlling terminal, driven from the master.
// Steps wait for output, never for time; the watchdog only turns a
// hang into a failure.
type term struct {
	t      *testing.T
	master *os.File
	slave  *os.File
	cmd    *exec.Cmd

	mu   sync.Mutex
	cond *sync.Cond
	buf  []byte
	off  int
	done bool
}

const watchdog = 10 * time.Second

// start runs more with args on a rows x cols terminal, its stdin the
// terminal unless stdin is given.
func start(t *testing.T, rows, cols int, stdin *os.File, dir string, args ...string) *term {
	t.Helper()
	m, s, err := pty.Open()
	if err != nil {
		t.Fatal(err)
	}
	if err := pty.Setsize(m, &pty.Winsize{Rows: uint16(rows), Cols: uint16(cols)}); err != nil {
		t.Fatal(err)
	}
	tt := &term{t: t, master: m, slave: s}
	tt.cond = sync.NewCond(&tt.mu)
	cmd := exec.Command(os.Args[0], "-test.run=^TestChild$")
	cmd.Env = append(os.Environ(), childEnv+"="+strings.Join(args, "\x1f"))
	cmd.Dir = dir
	cmd.Stdin, cmd.Stdout, cmd.Stderr = s, s, s
	if stdin != nil {
		cmd.Stdin = stdin
	}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 1}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	tt.cmd = cmd
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
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
		s.Close()
		m.Close()
	})
	return tt
}

// expect reads as many bytes as want has and compares them.
func (tt *term) expect(keys, want string) {
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
	for len(tt.buf)-tt.off < len(want) {
		if expired || tt.done {
			tt.t.Fatalf("after %q: waiting for %q; have %q", keys, want, tt.buf[tt.off:])
		}
		tt.cond.Wait()
	}
	got := string(tt.buf[tt.off : tt.off+len(want)])
	tt.off += len(want)
	if got != want {
		tt.t.Fatalf("after %q:\n got %q\nwant %q", keys, got, want)
	}
}

func (tt *term) step(keys, want string) {
	tt.t.Helper()
	if _, err := tt.master.Write([]byte(keys)); err != nil {
		tt.t.Fatal(err)
	}
	tt.expect(keys, want)
}

// exit waits for more to end with status want, then checks that the
// terminal is back in its own mode and that nothing more was drawn.
func (tt *term) exit(want int) {
	tt.t.Helper()
	done := make(chan error, 1)
	go func() { done <- tt.cmd.Wait() }()
	select {
	case err := <-done:
		code := 0
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			code = ee.ExitCode()
		} else if err != nil {
			tt.t.Fatal(err)
		}
		if code != want {
			tt.t.Errorf("status %d, want %d", code, want)
		}
	case <-time.After(watchdog):
		tt.t.Fatalf("more did not exit; output %q", tt.buf[tt.off:])
	}
	ti, err := unix.IoctlGetTermios(int(tt.slave.Fd()), unix.TCGETS)
	if err != nil {
		tt.t.Fatal(err)
	}
	if ti.Lflag&(unix.ICANON|unix.ECHO) != unix.ICANON|unix.ECHO {
		tt.t.Errorf("terminal left without ICANON|ECHO: lflag %#x", ti.Lflag)
	}
	if _, err := tt.slave.Write([]byte("<END>")); err != nil {
		tt.t.Fatal(err)
	}
	tt.expect("the end", "<END>")
}

func lines(from, to int) string {
	var b strings.Builder
	for i := from; i <= to; i++ {
		b.WriteString(strconv.Itoa(i) + "\r\n")
	}
	return b.String()
}

func seqFile(t *testing.T, dir, name string, n int) {
	t.Helper()
	var b bytes.Buffer
	for i := 1; i <= n; i++ {
		b.WriteString(strconv.Itoa(i) + "\n")
	}
	if err := os.WriteFile(filepath.Join(dir, name), b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestStdin: with no file more pages its stdin (here a pipe: no size,
// no percentage) and reads keys from the terminal.
func TestStdin(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	go func() {
		for i := 1; i <= 20; i++ {
			w.WriteString(strconv.Itoa(i) + "\n")
		}
		w.Close()
	}()
	tt := start(t, 10, 40, r, t.TempDir())
	tt.expect("", lines(1, 9)+"--More-- ")
	tt.step(" ", erase(9)+lines(10, 18)+"--More-- ")
	tt.step(" ", erase(9)+lines(19, 20))
	tt.exit(0)
}

const help = "(Enter:next line Space:next page Q:quit R:show the rest)"

func erase(n int) string { return "\r" + strings.Repeat(" ", n) + "\r" }

// The expected bytes below were captured from Alpine 3.20's BusyBox
// more on a 10x40 pty with the same keys.

func TestPaging(t *testing.T) {
	dir := t.TempDir()
	seqFile(t, dir, "f30", 30)
	tt := start(t, 10, 40, nil, dir, "f30")
	tt.expect("", lines(1, 9)+"--More-- (19% of 81 bytes)")
	tt.step(" ", erase(26)+lines(10, 18)+"--More-- (46% of 81 bytes)")
	tt.step("\n", erase(26)+lines(19, 19)+"--More-- (49% of 81 bytes)")
	tt.step("x", erase(26)+help)
	tt.step("z", erase(len(help))+help)
	tt.step("r", erase(len(help))+lines(20, 30))
	tt.exit(0)
}

func TestQuit(t *testing.T) {
	dir := t.TempDir()
	seqFile(t, dir, "f30", 30)
	tt := start(t, 10, 40, nil, dir, "f30", "f30")
	tt.expect("", lines(1, 9)+"--More-- (19% of 81 bytes)")
	tt.step("Q", erase(26))
	tt.exit(0)
}

// TestInterrupt: Ctrl-C ends more with a newline and status 1, the
// terminal restored.
func TestInterrupt(t *testing.T) {
	dir := t.TempDir()
	seqFile(t, dir, "f30", 30)
	tt := start(t, 10, 40, nil, dir, "f30")
	tt.expect("", lines(1, 9)+"--More-- (19% of 81 bytes)")
	tt.step("\x03", "\r\n")
	tt.exit(1)
}

// TestFiles: a missing file reported in passing ("-" too: BusyBox's more
// opens it by name), tabs as spaces, long lines left to the terminal to
// wrap but counted.
func TestFiles(t *testing.T) {
	dir := t.TempDir()
	seqFile(t, dir, "f30", 30)
	long := strings.Repeat("x", 50)
	if err := os.WriteFile(filepath.Join(dir, "m"), []byte("a\tb\tc\n"+long+"\nend\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tt := start(t, 10, 40, nil, dir, "m", "nope", "-", "f30")
	tt.expect("", "a       b       c\r\n"+long+"\r\nend\r\nmore: nope: No such file or directory\r\n"+
		"more: -: No such file or directory\r\n"+lines(1, 9)+"--More-- (19% of 81 bytes)")
	tt.step(" ", erase(26)+lines(10, 18)+"--More-- (46% of 81 bytes)")
	tt.step("q", erase(26))
	tt.exit(0)
}
