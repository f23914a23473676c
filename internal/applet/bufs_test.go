package applet

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"runtime"
	"strings"
	"testing"
)

func TestClass(t *testing.T) {
	tests := []struct {
		n, class int
		ok       bool
	}{
		{0, 0, false}, {16, 0, false}, {2048, 0, false},
		{2049, 0, true}, {4096, 0, true}, {4097, 1, true},
		{32 << 10, 3, true}, {64 << 10, 4, true}, {256 << 10, 6, true},
		{256<<10 + 1, 0, false},
	}
	for _, tt := range tests {
		k, ok := class(tt.n)
		if k != tt.class || ok != tt.ok {
			t.Errorf("class(%d) = %d, %v; want %d, %v", tt.n, k, ok, tt.class, tt.ok)
		}
	}
}

// copying is an applet that copies stdin to stdout through a pooled
// reader, buffer and writer, as wc or cat would.
var copying = &Applet{Name: "zz-copy", Main: func(c *Ctx, args []string) error {
	r := c.BufReader(c.Stdin, 0)
	w := c.BufWriter(c.Stdout, 32<<10)
	buf := c.Buf(64 << 10)
	for {
		n, err := r.Read(buf)
		w.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return w.Flush()
}}

// TestRunBufsReused: run after run, an applet's buffers come back from
// the pools instead of being made again (about 100 KB a run here), and
// a pooled reader or writer serves only the run that holds it.
func TestRunBufsReused(t *testing.T) {
	run := func(in string) string {
		var out bytes.Buffer
		if code := Run(&Ctx{Stdin: strings.NewReader(in), Stdout: &out}, copying, nil); code != 0 {
			t.Fatalf("status %d", code)
		}
		return out.String()
	}
	for i, in := range []string{"first\n", "second, longer\n", "", "third\n"} {
		if got := run(in); got != in {
			t.Fatalf("run %d: got %q, want %q", i, got, in)
		}
	}
	const runs = 200
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range runs {
		run("x\n")
	}
	runtime.ReadMemStats(&after)
	// A collection may empty the pools once or twice: allow for it.
	if per := (after.TotalAlloc - before.TotalAlloc) / runs; per > 4096 {
		t.Errorf("%d bytes allocated per run; the buffers are made anew", per)
	}
}

// TestRunBufsNested: an applet that runs another in-process keeps its
// buffers while the inner one returns its own.
func TestRunBufsNested(t *testing.T) {
	inner := &Applet{Name: "zz-inner", Main: func(c *Ctx, args []string) error {
		c.Buf(64 << 10)
		return nil
	}}
	outer := &Applet{Name: "zz-outer", Main: func(c *Ctx, args []string) error {
		a := c.Buf(64 << 10)
		Run(c, inner, nil)
		b, d := c.Buf(64<<10), c.Buf(64<<10)
		if &a[0] == &b[0] || &a[0] == &d[0] {
			t.Error("the outer applet's buffer was handed out again while it held it")
		}
		return nil
	}}
	Run(&Ctx{}, outer, nil)
}

// TestBufWriterNotTheStream: a writer over a large bufio.Writer is a
// writer of its own (bufio.NewWriterSize would return the stream
// itself, which the pool must not take).
func TestBufWriterNotTheStream(t *testing.T) {
	var out bytes.Buffer
	stream := bufio.NewWriterSize(&out, 1<<20)
	sr := bufio.NewReaderSize(strings.NewReader("in"), 1<<20)
	a := &Applet{Name: "zz-s", Main: func(c *Ctx, args []string) error {
		if w := c.BufWriter(stream, 4096); w == stream {
			t.Error("BufWriter returned the stream itself")
		}
		if r := c.BufReader(sr, 4096); r == sr {
			t.Error("BufReader returned the stream itself")
		}
		return nil
	}}
	Run(&Ctx{}, a, nil)
}

// TestBufsWithoutRun: a Ctx that Run did not make (a test calling Main)
// gets buffers of its own, which are never pooled.
func TestBufsWithoutRun(t *testing.T) {
	c := &Ctx{Context: context.Background()}
	b := c.Buf(64 << 10)
	w := c.BufWriter(io.Discard, 0)
	r := c.BufReader(strings.NewReader(""), 0)
	if len(b) != 64<<10 || w.Size() != 4096 || r.Size() != 4096 || c.bufs != nil {
		t.Errorf("len %d, writer %d, reader %d, held %v", len(b), w.Size(), r.Size(), c.bufs)
	}
}

// TestBufsCapped: in-process, reads get at most 16 KiB and output 8 KiB,
// whatever the applet asks for; a run that owns its process gets what it
// asks for.
func TestBufsCapped(t *testing.T) {
	a := &Applet{Name: "zz-cap", Main: func(c *Ctx, args []string) error {
		b, w, r := c.Buf(128<<10), c.BufWriter(io.Discard, 64<<10), c.BufReader(strings.NewReader(""), 64<<10)
		want := [3]int{capRead, capWrite, capRead}
		if c.OwnsProcess() {
			want = [3]int{128 << 10, 64 << 10, 64 << 10}
		}
		if got := [3]int{len(b), w.Size(), r.Size()}; got != want {
			t.Errorf("owns %v: got %v, want %v", c.OwnsProcess(), got, want)
		}
		return nil
	}}
	Run(&Ctx{}, a, nil)
	Run(&Ctx{proc: &procFiles{}}, a, nil)
}
