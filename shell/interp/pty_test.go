package interp_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
)

// term is an interactive shell (this binary as "sh -i") on the slave
// side of a pseudo-terminal, its controlling terminal, driven from the
// master: keys written, output read back. Steps wait for output, never
// for time; the watchdog only turns a hang into a failure.
type term struct {
	t    *testing.T
	m    *os.File
	cmd  *exec.Cmd
	mu   sync.Mutex
	cond *sync.Cond
	buf  []byte
	off  int
	done bool
}

const ptyWatchdog = 10 * time.Second

func startTerm(t *testing.T) *term {
	t.Helper()
	dir := t.TempDir()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "bin")
	os.Mkdir(bin, 0o755)
	for _, n := range []string{"sh", "sleep"} {
		if err := os.Symlink(self, filepath.Join(bin, n)); err != nil {
			t.Fatal(err)
		}
	}
	cmd := &exec.Cmd{Path: self, Args: []string{"sh", "-i"}, Dir: dir,
		Env: []string{"PATH=" + bin, "HOME=" + dir, "PS1=PS> ", "TERM=dumb", "HISTFILE=" + filepath.Join(dir, "hist")}}
	m, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 24, Cols: 80})
	if err != nil {
		t.Fatal(err)
	}
	tt := &term{t: t, m: m, cmd: cmd}
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
		cmd.Process.Kill()
		cmd.Wait()
		m.Close()
	})
	tt.until("PS> ")
	return tt
}

// until consumes the output up to and including s.
func (tt *term) until(s string) string {
	tt.t.Helper()
	expired := false
	timer := time.AfterFunc(ptyWatchdog, func() {
		tt.mu.Lock()
		expired = true
		tt.cond.Broadcast()
		tt.mu.Unlock()
	})
	defer timer.Stop()
	tt.mu.Lock()
	defer tt.mu.Unlock()
	for {
		if i := bytes.Index(tt.buf[tt.off:], []byte(s)); i >= 0 {
			got := string(tt.buf[tt.off : tt.off+i+len(s)])
			tt.off += i + len(s)
			return got
		}
		if expired || tt.done {
			tt.t.Fatalf("waiting for %q; have %q", s, tt.buf[tt.off:])
		}
		tt.cond.Wait()
	}
}

func (tt *term) send(keys string) {
	tt.t.Helper()
	if _, err := tt.m.Write([]byte(keys)); err != nil {
		tt.t.Fatal(err)
	}
}

// run sends a command line and returns its output up to the next prompt.
func (tt *term) run(line string) string {
	tt.t.Helper()
	tt.send(line + "\r")
	tt.until(line + "\r\n")
	out := tt.until("PS> ")
	return strings.TrimSuffix(out, "PS> ")
}

// A command that says when it runs in the foreground: the child puts its
// group in the foreground before it runs, so a key sent after "ready"
// reaches it; and when it is continued (fg and bg send SIGCONT after
// handing over the terminal), so a key sent after "cont" reaches it.
const fgSleep = `sh -c 'trap "echo cont" CONT; echo ready; while :; do sleep 1; done'`

// TestInteractive: the interactive shell through a terminal: editing
// keys and history reach it, Ctrl-C at the prompt and during a command,
// Ctrl-Z then jobs, bg, fg, and exit with stopped jobs, as Alpine's ash
// does them (the expected bytes are its, read through a pty).
func TestInteractive(t *testing.T) {
	tt := startTerm(t)

	// Editing: backspace, then Ctrl-A and Ctrl-E around an insertion.
	tt.send("echo abd\x7fc\r")
	tt.until("abc\r\n")
	tt.until("PS> ")
	tt.send("cho x\x01e\x05y\r")
	tt.until("xy\r\n")
	tt.until("PS> ")
	// History: up arrow brings back the last line.
	tt.send("\x1b[A\r")
	tt.until("xy\r\n")
	tt.until("PS> ")

	// Ctrl-C at the prompt drops the line; $? is 130.
	tt.send("xyz\x03")
	tt.until("^C\r\n")
	tt.until("PS> ")
	if got := tt.run("echo $?"); !strings.Contains(got, "130\r\n") {
		t.Fatalf("after ^C at the prompt: %q", got)
	}

	// Ctrl-C during a command ends it, not the shell.
	tt.send(fgSleep + "\r")
	tt.until("ready\r\n")
	tt.send("\x03")
	tt.until("^C\r\n")
	tt.until("PS> ")
	if got := tt.run("echo $?"); !strings.Contains(got, "130\r\n") {
		t.Fatalf("after ^C in sleep: %q", got)
	}

	// Ctrl-Z stops it: a stopped job, then bg, jobs, fg, Ctrl-Z again.
	tt.send(fgSleep + "\r")
	tt.until("ready\r\n")
	tt.send("\x1a")
	if got := tt.until("PS> "); !strings.Contains(got, "[1]+  Stopped                    "+fgSleep+"\r\n") {
		t.Fatalf("after ^Z: %q", got)
	}
	if got := tt.run("jobs"); got != "[1]+  Stopped                    "+fgSleep+"\r\n" {
		t.Fatalf("jobs: %q", got)
	}
	// The job's "cont" after bg may come anywhere around the prompt.
	got := tt.run("bg")
	if !strings.Contains(got, "cont\r\n") {
		tt.until("cont\r\n")
	}
	if got = strings.Replace(got, "cont\r\n", "", 1); got != "[1] "+fgSleep+"\r\n" {
		t.Fatalf("bg: %q", got)
	}
	if got := tt.run("jobs"); got != "[1]+  Running                    "+fgSleep+"\r\n" {
		t.Fatalf("jobs after bg: %q", got)
	}
	tt.send("fg\r")
	tt.until("fg\r\n" + fgSleep + "\r\n")
	tt.until("cont\r\n")
	tt.send("\x1a")
	if got := tt.until("PS> "); !strings.Contains(got, "[1]+  Stopped") {
		t.Fatalf("after fg and ^Z: %q", got)
	}

	// exit with a stopped job warns once, then exits.
	if got := tt.run("exit"); got != "You have stopped jobs.\r\n" {
		t.Fatalf("exit with stopped jobs: %q", got)
	}
	tt.send("exit\r")
	if err := tt.cmd.Wait(); err != nil {
		t.Fatalf("second exit: %v", err)
	}
}

// TestTerminalGone: when the terminal goes away (its master closed, a
// read gives EIO) the shell ends, as at the end of input, rather than
// spinning on the error.
func TestTerminalGone(t *testing.T) {
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	// The terminal is not the shell's controlling one, so that closing
	// it sends no SIGHUP: the shell only sees its reads fail.
	m, sl, err := pty.Open()
	if err != nil {
		t.Fatal(err)
	}
	cmd := &exec.Cmd{Path: self, Args: []string{"sh", "-i"}, Dir: t.TempDir(), Env: []string{"PS1=PS> ", "TERM=dumb", "HOME=/nonexistent"},
		Stdin: sl, Stdout: sl, Stderr: sl}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sl.Close()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	// Read up to the prompt here (no reader left behind to keep the
	// master open), then close it.
	var got []byte
	b := make([]byte, 256)
	for !bytes.Contains(got, []byte("PS> ")) {
		n, err := m.Read(b)
		if err != nil {
			t.Fatalf("reading the prompt: %v (%q)", err, got)
		}
		got = append(got, b[:n]...)
	}
	m.Close()
	select {
	case <-done:
	case <-time.After(ptyWatchdog):
		cmd.Process.Kill()
		t.Fatal("the shell did not end when its terminal went away")
	}
}

// TestJobSpecs: %string, %+, %-, %N name jobs as in ash, jobs lists
// named ones in the order named, and the end of background jobs is told
// before a prompt, newest first.
func TestJobSpecs(t *testing.T) {
	tt := startTerm(t)
	if got := tt.run("sleep 5 &"); got != "" {
		t.Fatalf("sleep 5 &: %q", got)
	}
	tt.run("sleep 6 &")
	if got := tt.run("jobs %sleep"); got != "sh: jobs: %sleep: ambiguous\r\n" {
		t.Fatalf("jobs %%sleep: %q", got)
	}
	if got := tt.run("jobs %-"); got != "[1]-  Running                    sleep 5\r\n" {
		t.Fatalf("jobs %%-: %q", got)
	}
	if got := tt.run("jobs %+ %1"); got != "[2]+  Running                    sleep 6\r\n[1]-  Running                    sleep 5\r\n" {
		t.Fatalf("jobs %%+ %%1: %q", got)
	}
	// Each is told before the first prompt after it ended; when both
	// ended by then, the newer first.
	seen := tt.run("kill %1 %2")
	for i := 0; i < 200 && !(strings.Contains(seen, "sleep 5\r\n") && strings.Contains(seen, "sleep 6\r\n")); i++ {
		seen += tt.run("")
	}
	i5 := strings.Index(seen, "Terminated                 sleep 5\r\n")
	i6 := strings.Index(seen, "Terminated                 sleep 6\r\n")
	if i5 < 0 || i6 < 0 || seen == "[1]+  Terminated                 sleep 5\r\n[2]+  Terminated                 sleep 6\r\n" {
		t.Fatalf("notices: %q", seen)
	}
}
