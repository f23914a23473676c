package tail

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gobox/internal/applet"
	"gobox/internal/applettest"
)

func TestTail(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "in"), []byte("abc\ndef\n123\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "p"), []byte("a\nb\nc"), 0o644)
	for _, tc := range []struct {
		args           []string
		stdin          string
		stdout, stderr string
		code           int
	}{
		{[]string{"-n", "2", "in"}, "", "def\n123\n", "", 0},
		{[]string{"-2", "in"}, "", "def\n123\n", "", 0},
		{[]string{"+2", "in"}, "", "def\n123\n", "", 0},
		{[]string{"-n", "+3", "in"}, "", "123\n", "", 0},
		{[]string{"-c", "4", "in"}, "", "123\n", "", 0},
		{[]string{"-c", "+10", "in"}, "", "23\n", "", 0},
		{[]string{"-n", "1", "p"}, "", "c", "", 0},
		{[]string{"-n", "2"}, "a\nb\nc", "b\nc", "", 0},
		{[]string{"-c", "2"}, "abcdef", "ef", "", 0},
		{[]string{"-c", "+55"}, "qw", "", "", 0},
		{[]string{"-n", "0", "in"}, "", "", "", 0},
		{[]string{"-n", "1", "in", "p"}, "", "==> in <==\n123\n\n==> p <==\nc", "", 0},
		{[]string{"-q", "-n", "1", "in", "p"}, "", "123\nc", "", 0},
		{[]string{"-v", "-n", "1", "in"}, "", "==> in <==\n123\n", "", 0},
		{[]string{"-n", "1", "nope", "in"}, "", "123\n", "tail: can't open 'nope': No such file or directory\n", 1},
		{[]string{"nope"}, "", "", "tail: can't open 'nope': No such file or directory\ntail: no files\n", 1},
		{[]string{"-n", "x"}, "", "", "tail: invalid number 'x'\n", 1},
		{[]string{"-n", "5000000000"}, "", "", "tail: invalid number '5000000000'\n", 1},
	} {
		r := applettest.Cmd{Args: tc.args, Dir: dir, Stdin: tc.stdin}.Run(t, &Applet)
		if r.Stdout != tc.stdout || r.Stderr != tc.stderr || r.Code != tc.code {
			t.Errorf("tail %q: got %q %q %d, want %q %q %d", tc.args, r.Stdout, r.Stderr, r.Code, tc.stdout, tc.stderr, tc.code)
		}
	}
}

func TestTailLarge(t *testing.T) {
	data := strings.Repeat("0123456789\n", 20000)
	r := applettest.Cmd{Args: []string{"-n", "2"}, Stdin: data}.Run(t, &Applet)
	r.Expect(t, "0123456789\n0123456789\n", 0)
	r = applettest.Cmd{Args: []string{"-c", "+8200"}, Stdin: strings.Repeat("\x00", 16384)}.Run(t, &Applet)
	if len(r.Stdout) != 8185 {
		t.Errorf("tail -c +8200: got %d bytes", len(r.Stdout))
	}
}

// syncBuf is a goroutine-safe buffer.
type syncBuf struct {
	ch chan string
}

func (b *syncBuf) Write(p []byte) (int, error) {
	b.ch <- string(p)
	return len(p), nil
}

func TestTailFollowCancel(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "log")
	os.WriteFile(name, []byte("one\n"), 0o644)
	ctx, cancel := context.WithCancel(context.Background())
	out := &syncBuf{ch: make(chan string, 100)}
	done := make(chan int)
	go func() {
		c := &applet.Ctx{Context: ctx, Name: "tail", Stdout: out, Stderr: out, Dir: dir}
		done <- applet.Run(c, &Applet, []string{"-f", "-s", "0.05", "log"})
	}()
	if got := <-out.ch; got != "one\n" {
		t.Fatalf("first output %q", got)
	}
	f, _ := os.OpenFile(name, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("two\n")
	f.Close()
	select {
	case got := <-out.ch:
		if got != "two\n" {
			t.Errorf("followed output %q", got)
		}
	case <-time.After(3 * time.Second):
		t.Fatal("tail -f did not print the appended line")
	}
	cancel()
	select {
	case <-done:
	case <-time.After(3 * time.Second):
		t.Fatal("tail -f did not stop when cancelled")
	}
}
