package awk

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"

	"gobox/internal/applet"
	"gobox/internal/applettest"
)

// TestWriteErrors: a full disk is reported (BusyBox's awk exits 0 and
// loses the output: a deliberate difference, docs/compat/awk.md), a
// closed pipe ends awk with 141 at once, as SIGPIPE ends BusyBox's.
func TestWriteErrors(t *testing.T) {
	r := applettest.Cmd{Args: []string{"BEGIN { print 1; print 2 }"}, Stdout: applettest.Full()}.Run(t, &Applet)
	if r.Stderr != "awk: write error: No space left on device\n" || r.Code != 1 {
		t.Errorf("full: %q %d", r.Stderr, r.Code)
	}
	writes := 0
	pipe := applettest.WriterFunc(func(p []byte) (int, error) {
		writes++
		return 0, syscall.EPIPE
	})
	// The loop would run for ever: the failed write must end it.
	r = applettest.Cmd{Args: []string{"BEGIN { for (;;) print \"y\" } END { print \"end\" > \"/dev/stderr\" }"}, Stdout: pipe}.Run(t, &Applet)
	if r.Stderr != "" || r.Code != applet.StatusPipe || writes != 1 {
		t.Errorf("pipe: %q %d after %d writes", r.Stderr, r.Code, writes)
	}
}

// TestOutputFileUmask: files print > creates get 0666 less the Ctx's
// umask, not the process's.
func TestOutputFileUmask(t *testing.T) {
	applettest.ProcessUmask(t, 0)
	dir := t.TempDir()
	mask := uint32(0o027)
	r := applettest.Cmd{Args: []string{`BEGIN { print "x" > "out"; printf "y" >> "app" }`}, Dir: dir, Umask: &mask}.Run(t, &Applet)
	r.Expect(t, "", 0)
	for _, name := range []string{"out", "app"} {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o640 {
			t.Errorf("%s: mode %v, want 0640", name, fi.Mode().Perm())
		}
	}
}

// TestCommandsSeeCtx: system(), print | cmd and cmd | getline run in
// the Ctx's directory with its environment.
func TestCommandsSeeCtx(t *testing.T) {
	dir := t.TempDir()
	r := applettest.Cmd{
		Args: []string{`BEGIN { system("pwd; echo $X"); "echo $X" | getline v; print v; print "p" | "cat"; close("cat"); print ENVIRON["X"] }`},
		Dir:  dir,
		Env:  []string{"PATH=/usr/bin:/bin", "X=ctx"},
	}.Run(t, &Applet)
	r.Expect(t, dir+"\nctx\nctx\np\nctx\n", 0)
}

// TestCancel: a program that loops for ever, or waits for input, ends
// with 130 when the Ctx is cancelled (Ctrl-C in the shell).
func TestCancel(t *testing.T) {
	for _, prog := range []string{"BEGIN { while (1) x++ }", "{ print }", "BEGIN { while (1) { n++; if (n % 100000 == 0) system(\"\") } }"} {
		ctx, cancel := context.WithCancel(context.Background())
		pr, pw, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		var out strings.Builder
		c := &applet.Ctx{Context: ctx, Stdin: pr, Stdout: &out, Stderr: &out, Dir: t.TempDir(), Env: []string{"PATH=/usr/bin:/bin"}}
		done := make(chan int)
		go func() { done <- applet.Run(c, &Applet, []string{prog}) }()
		pw.Write([]byte("line\n"))
		cancel()
		// A reader blocked on a pipe is released by closing it, as
		// the shell does.
		pw.Close()
		if code := <-done; code != 130 {
			t.Errorf("%s: status %d, want 130 (%q)", prog, code, out.String())
		}
		pr.Close()
	}
}

// TestConcurrent runs awks at once in one process, as pipeline stages
// in the shell are: they share nothing (run with -race).
func TestConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			in := strings.Repeat("a b c\n", 1000+i)
			r := applettest.Cmd{Args: []string{"-v", "k=2", "{ s += length($k) ; w[$1]++ } END { srand(1); print s, w[\"a\"], int(rand() * 100) }"}, Stdin: in}.Run(t, &Applet)
			want := strings.Repeat("", 0) + itoa(1000+i) + " " + itoa(1000+i) + " 75\n"
			r.Expect(t, want, 0)
		}()
	}
	wg.Wait()
}

func itoa(n int) string {
	s := ""
	for n > 0 {
		s = string(rune('0'+n%10)) + s
		n /= 10
	}
	return s
}

// TestCommandStdin: a command does not take awk's input when it is no
// file (a copy would read it away from awk); it reads /dev/null.
func TestCommandStdin(t *testing.T) {
	var out strings.Builder
	c := &applet.Ctx{
		Stdin:  &lineReader{lines: []string{"a\n", "b\n", "c\n"}},
		Stdout: &out,
		Stderr: &out,
		Dir:    t.TempDir(),
		Env:    []string{"PATH=/usr/bin:/bin"},
	}
	if code := applet.Run(c, &Applet, []string{`NR == 1 { system("cat") } { print }`}); code != 0 || out.String() != "a\nb\nc\n" {
		t.Errorf("got %q, status %d", out.String(), code)
	}
}

// lineReader gives one line per Read, as a pipe from a slow writer does.
type lineReader struct{ lines []string }

func (r *lineReader) Read(p []byte) (int, error) {
	if len(r.lines) == 0 {
		return 0, io.EOF
	}
	n := copy(p, r.lines[0])
	r.lines = r.lines[1:]
	return n, nil
}
