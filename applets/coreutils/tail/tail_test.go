package tail

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
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

// TestTailFiles runs tail with real files as stdin and stdout, so that
// the kernel copies (fastcopy): the output must be the same, a closed
// pipe ends tail silently with status 141, and a directory is a read
// error.
func TestTailFiles(t *testing.T) {
	dir := t.TempDir()
	var big strings.Builder
	for i := 1; i <= 50000; i++ {
		fmt.Fprintf(&big, "%d\n", i)
	}
	os.WriteFile(filepath.Join(dir, "big"), []byte(big.String()), 0o644)
	os.Mkdir(filepath.Join(dir, "d"), 0o755)
	for _, tt := range []struct {
		name    string
		args    []string
		stdin   bool   // big as stdin
		closed  bool   // stdout is a pipe nobody reads
		want    string // the output's end, when not closed
		wantLen int
		stderr  string
		code    int
	}{
		{name: "+N", args: []string{"-n", "+49999", "big"}, want: "49999\n50000\n", wantLen: 12},
		{name: "+N stdin", args: []string{"-n", "+49999"}, stdin: true, want: "49999\n50000\n", wantLen: 12},
		{name: "-c +N", args: []string{"-c", "+5", "big"}, want: "\n50000\n", wantLen: big.Len() - 4},
		{name: "-c N", args: []string{"-c", "12", "big"}, want: "49999\n50000\n", wantLen: 12},
		{name: "-c N stdin", args: []string{"-c", "12"}, stdin: true, want: "49999\n50000\n", wantLen: 12},
		{name: "closed +N", args: []string{"-n", "+1", "big"}, closed: true, code: 141},
		{name: "closed -c N", args: []string{"-c", "200000", "big"}, closed: true, code: 141},
		{name: "directory", args: []string{"-c", "+1", "d", "big"}, want: "50000\n", wantLen: len("==> d <==\n\n==> big <==\n") + big.Len(),
			stderr: "tail: read error: Is a directory\n", code: 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var errb bytes.Buffer
			ctx := &applet.Ctx{Context: context.Background(), Name: "tail", Stderr: &errb, Dir: dir}
			if tt.stdin {
				f, _ := os.Open(filepath.Join(dir, "big"))
				defer f.Close()
				ctx.Stdin = f
			}
			r, w, _ := os.Pipe()
			got := make(chan string)
			if tt.closed {
				r.Close()
			} else {
				go func() { b, _ := io.ReadAll(r); got <- string(b) }()
			}
			ctx.Stdout = w
			code := applet.Run(ctx, &Applet, tt.args)
			w.Close()
			if code != tt.code || errb.String() != tt.stderr {
				t.Errorf("status %d, stderr %q; want %d, %q", code, errb.String(), tt.code, tt.stderr)
			}
			if !tt.closed {
				if out := <-got; len(out) != tt.wantLen || !strings.HasSuffix(out, tt.want) {
					t.Errorf("output of %d bytes ending %q; want %d ending %q", len(out), out[max(0, len(out)-20):], tt.wantLen, tt.want)
				}
			}
		})
	}
}

// TestTailFull checks BusyBox's words for a failed write: a header's
// failure is strerror alone (bb_perror_nomsg_and_die), the data's is
// "write error".
func TestTailFull(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full")
	}
	defer full.Close()
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "f"), []byte("hello\n"), 0o644)
	for _, tt := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"f", "f"}, "tail: No space left on device\n"},
		{[]string{"f"}, "tail: write error: No space left on device\n"},
		{[]string{"-c", "+1", "f"}, "tail: write error: No space left on device\n"},
	} {
		var errb bytes.Buffer
		ctx := &applet.Ctx{Context: context.Background(), Stdout: full, Stderr: &errb, Dir: dir}
		if code := applet.Run(ctx, &Applet, tt.args); code != 1 || errb.String() != tt.stderr {
			t.Errorf("tail %q: status %d, stderr %q; want 1, %q", tt.args, code, errb.String(), tt.stderr)
		}
	}
}

// TestTailPipeMemory: tail -n and -c of a stream that cannot seek keep
// only the end in memory, as BusyBox's do (before, -n 1000 of a 1 GB
// pipe peaked at 22 MB and -c 1m at 8 MB). What tail allocates while it
// reads 64 MB must be about what the end takes, not what it read.
func TestTailPipeMemory(t *testing.T) {
	const line = "the quick brown fox jumps over it\n" // 34 bytes
	const size = 34 * (64 << 20 / 34)
	for _, tt := range []struct {
		args []string
		keep int64 // bytes of output
	}{
		{nil, 10 * 34},
		{[]string{"-n", "1000"}, 1000 * 34},
		{[]string{"-n", "100000"}, 100000 * 34},
		{[]string{"-c", "1m"}, 1 << 20},
		{[]string{"-c", "100"}, 100},
	} {
		out := &applettest.Counter{}
		ctx := &applet.Ctx{Context: context.Background(), Stdin: applettest.Repeat(line, size), Stdout: out, Stderr: io.Discard}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		code := applet.Run(ctx, &Applet, tt.args)
		runtime.ReadMemStats(&after)
		if code != 0 || out.N != tt.keep || !strings.HasSuffix(line, string(out.Last[max(0, len(out.Last)-len(line)):])) {
			t.Errorf("tail %q: status %d, %d bytes ending %q; want 0, %d", tt.args, code, out.N, out.Last, tt.keep)
		}
		// The end, its chunks' slack and a few buffers of 64 KiB.
		if got, max := int64(after.TotalAlloc-before.TotalAlloc), tt.keep+512<<10; got > max {
			t.Errorf("tail %q: allocated %d bytes reading %d MB; want at most %d", tt.args, got, size>>20, max)
		}
	}
}

// TestLastLinesSeek: on a regular file tail -n finds where the last
// lines start by reading backwards, in 64 KiB whatever -n is (issue 10:
// tail -n 1000000 kept the million lines, 87 MB); it prints what the
// reading of the whole input prints (a pipe's path, tailbuf), with and
// without a last newline, with empty lines, lines across 64 KiB reads,
// one line longer than a read, and -n beyond the line count.
func TestLastLinesSeek(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	for i := range 3000 {
		n := (i * 7919) % 300
		if i%1000 == 999 {
			n = 150000
		}
		b.WriteString(strings.Repeat(string(rune('a'+i%26)), n))
		b.WriteByte('\n')
	}
	body := b.String()
	for _, content := range []string{body, body + "tail end", "\n\n\n", "one", "\n", strings.Repeat("x", 200000)} {
		name := filepath.Join(dir, "f")
		if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, n := range []string{"1", "2", "3", "10", "999", "1000", "2999", "3000", "3001", "1000000"} {
			file := applettest.Cmd{Args: []string{"-n", n, "f"}, Dir: dir}.Run(t, &Applet)
			pipe := applettest.Cmd{Args: []string{"-n", n}, Stdin: content}.Run(t, &Applet)
			if file.Stdout != pipe.Stdout || file.Code != 0 || pipe.Code != 0 {
				t.Fatalf("tail -n %s of %d bytes: file gave %d bytes (status %d), pipe %d bytes (status %d)",
					n, len(content), len(file.Stdout), file.Code, len(pipe.Stdout), pipe.Code)
			}
		}
	}
}

// TestLastLinesMemory: tail -n of many lines of a file allocates a read
// buffer, not the lines (10 MB of them here; the kept lines took that
// much before).
func TestLastLinesMemory(t *testing.T) {
	dir := t.TempDir()
	line := strings.Repeat("x", 99) + "\n"
	if err := os.WriteFile(filepath.Join(dir, "f"), []byte(strings.Repeat(line, 100000)), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := os.Create(filepath.Join(dir, "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	r := applettest.Cmd{Args: []string{"-n", "100000", "f"}, Dir: dir, Stdout: out}.Run(t, &Applet)
	runtime.ReadMemStats(&after)
	if fi, _ := out.Stat(); r.Code != 0 || fi.Size() != 100*100000 {
		t.Fatalf("tail -n 100000: status %d, %d bytes out", r.Code, fi.Size())
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 1<<20 {
		t.Errorf("tail -n 100000 of a 10 MB file allocated %d bytes, want at most 1 MiB", n)
	}
}
