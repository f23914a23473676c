package sed

import (
	"bytes"
	"context"
	"io"
	"strings"
	"syscall"
	"testing"

	"gobox/internal/applet"
	"gobox/internal/applettest"
)

// TestWriteErrors: a failed write is "write error" with status 4, as in
// BusyBox (and GNU); a closed pipe is SIGPIPE's silent 141.
func TestWriteErrors(t *testing.T) {
	big := strings.Repeat("some text\n", 50000)
	for _, tc := range []struct {
		name  string
		args  []string
		stdin string
		out   io.Writer
		err   string
		code  int
	}{
		{"full small", []string{"p"}, "abc\n", applettest.Full(), "sed: write error\n", 4},
		{"full big", []string{"p"}, big, applettest.Full(), "sed: write error\n", 4},
		{"full w file", []string{"w /dev/full"}, big, io.Discard, "sed: write error\n", 4},
		{"pipe", []string{"p"}, big, applettest.WriterFunc(func([]byte) (int, error) { return 0, syscall.EPIPE }), "", applet.StatusPipe},
	} {
		var errb bytes.Buffer
		ctx := &applet.Ctx{Stdin: strings.NewReader(tc.stdin), Stdout: tc.out, Stderr: &errb, Dir: t.TempDir()}
		if code := applet.Run(ctx, &Applet, tc.args); code != tc.code || errb.String() != tc.err {
			t.Errorf("%s: status %d, stderr %q; want %d %q", tc.name, code, errb.String(), tc.code, tc.err)
		}
	}
}

// TestLongLines: lines longer than the read buffer, and line ends that
// fall on its edges, are read whole.
func TestLongLines(t *testing.T) {
	long := strings.Repeat("x", 200000)
	in := long + "\n" + long + "\x00" + long
	want := long + "y\n" + long + "y\x00" + long + "y"
	applettest.Cmd{Args: []string{"s/x$/xy/"}, Stdin: in}.Run(t, &Applet).Expect(t, want, 0)
	// Every line end at a different offset of the 64 KiB buffer.
	var b, w strings.Builder
	for i := 0; b.Len() < 300000; i++ {
		line := strings.Repeat("a", i%97)
		b.WriteString(line + "\n")
		w.WriteString(line + "!\n")
	}
	applettest.Cmd{Args: []string{"s/$/!/"}, Stdin: b.String()}.Run(t, &Applet).Expect(t, w.String(), 0)
}

// TestOutputBeforeBlocking: what sed has printed goes out before it
// waits for more input, so that it works in an interactive pipeline.
func TestOutputBeforeBlocking(t *testing.T) {
	var out bytes.Buffer
	calls := 0
	seen := ""
	in := readerFunc(func(p []byte) (int, error) {
		calls++
		if calls == 1 {
			return copy(p, "first\n"), nil
		}
		seen = out.String()
		return 0, io.EOF
	})
	ctx := &applet.Ctx{Stdin: in, Stdout: &out}
	if code := applet.Run(ctx, &Applet, []string{"s/^/> /"}); code != 0 {
		t.Fatalf("status %d", code)
	}
	if seen != "> first\n" {
		t.Errorf("output when sed read again: %q", seen)
	}
}

type readerFunc func([]byte) (int, error)

func (f readerFunc) Read(p []byte) (int, error) { return f(p) }

// TestCancelled: a cancelled sed (Ctrl-C in the shell) stops with 130,
// also in a script that loops for ever on one line.
func TestCancelled(t *testing.T) {
	for _, script := range []string{"p", ":a;ba", ":a;s/^/x/;ta", "G;D"} {
		ctx := &applet.Ctx{Context: &cancelLater{Context: context.Background()}, Stdin: applettest.Repeat("y\n", 1<<30), Stdout: io.Discard}
		if code := applet.Run(ctx, &Applet, []string{script}); code != 130 {
			t.Errorf("%s: status %d, want 130", script, code)
		}
	}
}

// cancelLater is a context that is cancelled from the second time it
// is asked: sed has started by then.
type cancelLater struct {
	context.Context
	asked int
}

func (c *cancelLater) Err() error {
	if c.asked++; c.asked > 1 {
		return context.Canceled
	}
	return nil
}
