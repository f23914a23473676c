package applet

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// errWriter fails every write with err.
type errWriter struct{ err error }

func (w errWriter) Write([]byte) (int, error) { return 0, w.err }

// writing is an applet that writes its argument to stdout and then returns
// what ret says.
func writing(ret func(writeErr error) error) *Applet {
	return &Applet{Name: "zz-w", Main: func(c *Ctx, args []string) error {
		_, err := io.WriteString(c.Stdout, "data\n")
		return ret(err)
	}}
}

func TestWriteErrors(t *testing.T) {
	enospc := &os.PathError{Op: "write", Path: "/dev/stdout", Err: syscall.ENOSPC}
	epipe := &os.PathError{Op: "write", Path: "|1", Err: syscall.EPIPE}
	tests := []struct {
		name   string
		out    error
		ret    func(error) error
		stderr string
		code   int
	}{
		{"ignored ENOSPC", enospc, func(error) error { return nil }, "zz-w: write error: No space left on device\n", 1},
		{"reported ENOSPC", enospc, func(e error) error { return Perror(e, "write error") }, "zz-w: write error: No space left on device\n", 1},
		{"silent exit after ENOSPC", enospc, func(error) error { return Exit(2) }, "zz-w: write error: No space left on device\n", 2},
		{"own message after ENOSPC", enospc, func(error) error { return Errorf("bad") }, "zz-w: bad\n", 1},
		{"returned raw", enospc, func(e error) error { return e }, "zz-w: /dev/stdout: No space left on device\n", 1},
		{"ignored EPIPE", epipe, func(error) error { return nil }, "", StatusPipe},
		{"reported EPIPE", epipe, func(e error) error { return Perror(e, "write error") }, "", StatusPipe},
		{"EPIPE and another error", epipe, func(error) error { return Errorf("bad") }, "", StatusPipe},
		// A fast path that wrote around Stdout returns its EPIPE.
		{"EPIPE from a fast path", nil, func(error) error { return Perror(syscall.EPIPE, "sendfile") }, "", StatusPipe},
	}
	for _, tt := range tests {
		var errb bytes.Buffer
		var out io.Writer = io.Discard
		if tt.out != nil {
			out = errWriter{tt.out}
		}
		code := Run(&Ctx{Stdout: out, Stderr: &errb}, writing(tt.ret), nil)
		if errb.String() != tt.stderr || code != tt.code {
			t.Errorf("%s: stderr %q status %d, want %q %d", tt.name, errb.String(), code, tt.stderr, tt.code)
		}
	}
}

// TestWriteErrorIsSticky: after the first failed write every write fails
// at once, as a stdio stream's error flag would have it, so a producer
// that ignores errors cannot go on writing into a pipe nobody reads.
func TestWriteErrorIsSticky(t *testing.T) {
	calls := 0
	w := writerFunc(func(p []byte) (int, error) {
		calls++
		if calls == 2 {
			return 0, syscall.ENOSPC
		}
		return len(p), nil
	})
	a := &Applet{Name: "zz-s", Main: func(c *Ctx, args []string) error {
		for i := 0; i < 10; i++ {
			fmt.Fprintln(c.Stdout, i)
		}
		return nil
	}}
	var errb bytes.Buffer
	if code := Run(&Ctx{Stdout: w, Stderr: &errb}, a, nil); code != 1 || calls != 2 {
		t.Errorf("status %d after %d writes reached the writer (want 1, 2); stderr %q", code, calls, errb.String())
	}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

// TestRunCopiesCtx: Run never changes the caller's Ctx, so the shell can
// hand one to many applets.
func TestRunCopiesCtx(t *testing.T) {
	var out bytes.Buffer
	ctx := &Ctx{Stdout: &out, Dir: "/x", Env: []string{"A=1"}, Umask: 0o027}
	before := *ctx
	var seen Ctx
	a := &Applet{Name: "zz-c", Main: func(c *Ctx, _ []string) error {
		seen = *c
		c.Dir = "/changed"
		c.Name = "changed"
		c.Stdout = io.Discard
		return nil
	}}
	Run(ctx, a, nil)
	if ctx.Dir != before.Dir || ctx.Name != before.Name || ctx.Stdout != before.Stdout || ctx.Context != nil || ctx.Stdin != nil {
		t.Errorf("Run changed the caller's Ctx: %+v", ctx)
	}
	if seen.Name != "zz-c" || seen.Context == nil || seen.Stdin == nil || seen.Stderr == nil || seen.Dir != "/x" || seen.Umask != 0o027 || seen.Getenv("A") != "1" {
		t.Errorf("the applet's Ctx: %+v", seen)
	}
}

func TestCtxFile(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "f"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	extra := &os.File{}
	var got [5]*os.File
	a := &Applet{Name: "zz-f", Main: func(c *Ctx, _ []string) error {
		for fd := range got {
			got[fd] = c.File(fd)
		}
		return nil
	}}
	Run(&Ctx{Stdin: f, Stdout: f, Stderr: &bytes.Buffer{}, Files: map[int]*os.File{3: extra}}, a, nil)
	if got != [5]*os.File{f, f, nil, extra, nil} {
		t.Errorf("File(0..4) = %v", got)
	}
	// Without Files, an in-process applet sees no descriptor above 2,
	// whatever the process has open.
	Run(&Ctx{}, a, nil)
	if got != [5]*os.File{} {
		t.Errorf("File(0..4) of an empty Ctx = %v", got)
	}
	// A process's Ctx sees the process's own descriptors, one *os.File
	// each.
	p := &Ctx{Context: context.Background(), proc: &procFiles{}}
	fd := int(f.Fd())
	if a, b := p.File(fd), p.File(fd); a == nil || a != b || a.Fd() != f.Fd() {
		t.Errorf("process File(%d) = %v, %v", fd, a, b)
	}
	if p.File(1000) != nil {
		t.Error("process File(1000) is not nil")
	}
}

func TestErrorCause(t *testing.T) {
	_, openErr := os.Open("/nonexistent/zz")
	err := Perror(openErr, "can't open '%s'", "/nonexistent/zz")
	if err.Error() != "can't open '/nonexistent/zz': No such file or directory" {
		t.Errorf("Perror text %q", err.Error())
	}
	if !errors.Is(err, syscall.ENOENT) || !errors.Is(err, os.ErrNotExist) {
		t.Error("Perror's error does not keep its cause")
	}
	if e := PerrorCode(2, syscall.EIO, "x").(*ExitError); e.Code != 2 || e.Msg != "x: I/O error" {
		t.Errorf("PerrorCode = %+v", e)
	}
	if Perror(syscall.EACCES, "").Error() != "Permission denied" {
		t.Error("Perror with no message")
	}
}

func TestStrerror(t *testing.T) {
	for errno, want := range map[syscall.Errno]string{
		syscall.ENOENT: "No such file or directory",
		syscall.EIO:    "I/O error",
		syscall.ELOOP:  "Symbolic link loop",
		syscall.ENOTTY: "Not a tty",
		syscall.EXDEV:  "Cross-device link",
		syscall.EMFILE: "No file descriptors available",
		0:              "No error information",
		4095:           "No error information",
	} {
		if got := Strerror(errno); got != want {
			t.Errorf("Strerror(%d) = %q, want %q", errno, got, want)
		}
		if got := ErrText(&os.PathError{Op: "open", Path: "x", Err: errno}); errno != 0 && got != want {
			t.Errorf("ErrText(PathError(%d)) = %q, want %q", errno, got, want)
		}
	}
}

// TestStdoutErr: an applet sees the first error its output met, through
// a buffer too, and nothing before it.
func TestStdoutErr(t *testing.T) {
	var before, after error
	a := &Applet{Name: "zz-e", Main: func(c *Ctx, _ []string) error {
		before = c.StdoutErr()
		io.WriteString(c.Stdout, "x")
		after = c.StdoutErr()
		return nil
	}}
	Run(&Ctx{Stdout: errWriter{syscall.ENOSPC}}, a, nil)
	if before != nil || !errors.Is(after, syscall.ENOSPC) {
		t.Errorf("StdoutErr before a write %v, after a failed one %v", before, after)
	}
	if (&Ctx{Stdout: io.Discard}).StdoutErr() != nil {
		t.Error("StdoutErr of a Ctx that Run did not make")
	}
}
