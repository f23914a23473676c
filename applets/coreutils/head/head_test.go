package head

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"gobox/internal/applet"
	"gobox/internal/applettest"
)

func TestHead(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	for i := 1; i <= 12; i++ {
		b.WriteString("line " + string(rune('a'+i-1)) + "\n")
	}
	twelve := b.String()
	os.WriteFile(filepath.Join(dir, "in"), []byte(twelve), 0o644)
	os.WriteFile(filepath.Join(dir, "s"), []byte("1\n2\n3"), 0o644)
	os.Mkdir(filepath.Join(dir, "d"), 0o755)
	lines := strings.SplitAfter(twelve, "\n")
	for _, tc := range []struct {
		args           []string
		stdin          string
		stdout, stderr string
		code           int
	}{
		{[]string{"in"}, "", strings.Join(lines[:10], ""), "", 0},
		{[]string{"-n", "2", "in"}, "", lines[0] + lines[1], "", 0},
		{[]string{"-n", "-9", "in"}, "", strings.Join(lines[:3], ""), "", 0},
		{[]string{"-3", "in"}, "", strings.Join(lines[:3], ""), "", 0},
		{[]string{"-c", "3", "s"}, "", "1\n2", "", 0},
		{[]string{"-c", "-2", "s"}, "", "1\n2", "", 0},
		{[]string{"-n", "-1", "s"}, "", "1\n2\n", "", 0},
		{[]string{"-n", "0", "s"}, "", "", "", 0},
		{[]string{"-n", "1", "s", "-"}, "x\ny\n", "==> s <==\n1\n\n==> standard input <==\nx\n", "", 0},
		{[]string{"-q", "-n", "1", "s", "s"}, "", "1\n1\n", "", 0},
		{[]string{"-v", "-n", "1", "s"}, "", "==> s <==\n1\n", "", 0},
		{[]string{"-n", "1", "nope", "s"}, "", "\n==> s <==\n1\n", "head: nope: No such file or directory\n", 1},
		{[]string{"-n", "x"}, "", "", "head: invalid number 'x'\n", 1},
		{[]string{"-n", "1K"}, "", "", "head: invalid number '1K'\n", 1},
		{[]string{"-c", "1k"}, "abc", "abc", "", 0},
		{nil, "a\nb\n", "a\nb\n", "", 0},
		// A read error (here a directory) is reported as BusyBox
		// reports it, from ferror: "NAME: I/O error", status 1, and
		// the next file is still read.
		{[]string{"d"}, "", "", "head: d: I/O error\n", 1},
		{[]string{"-n", "2", "d"}, "", "", "head: d: I/O error\n", 1},
		{[]string{"-n", "-1", "d"}, "", "", "head: d: I/O error\n", 1},
		{[]string{"-c", "5", "d"}, "", "", "head: d: I/O error\n", 1},
		{[]string{"-c", "-5", "d"}, "", "", "head: d: I/O error\n", 1},
		{[]string{"d", "s"}, "", "==> d <==\n\n==> s <==\n1\n2\n3", "head: d: I/O error\n", 1},
		{[]string{"s", "d"}, "", "==> s <==\n1\n2\n3\n==> d <==\n", "head: d: I/O error\n", 1},
		{[]string{"-q", "d", "s"}, "", "1\n2\n3", "head: d: I/O error\n", 1},
		{[]string{"-c", "-1", "d", "s"}, "", "==> d <==\n\n==> s <==\n1\n2\n", "head: d: I/O error\n", 1},
	} {
		r := applettest.Cmd{Args: tc.args, Dir: dir, Stdin: tc.stdin}.Run(t, &Applet)
		if r.Stdout != tc.stdout || r.Stderr != tc.stderr || r.Code != tc.code {
			t.Errorf("head %q: got %q %q %d, want %q %q %d", tc.args, r.Stdout, r.Stderr, r.Code, tc.stdout, tc.stderr, tc.code)
		}
	}
}

// failingReader gives data, then fails with err.
type failingReader struct {
	data string
	err  error
}

func (r *failingReader) Read(p []byte) (int, error) {
	if r.data == "" {
		return 0, r.err
	}
	n := copy(p, r.data)
	r.data = r.data[n:]
	return n, nil
}

// fullWriter takes room bytes, then fails with ENOSPC; it counts the
// writes it is asked for after that.
type fullWriter struct {
	room   int
	buf    bytes.Buffer
	failed int
}

func (w *fullWriter) Write(p []byte) (int, error) {
	if w.room >= len(p) {
		w.room -= len(p)
		return w.buf.Write(p)
	}
	w.failed++
	n := w.room
	w.room = 0
	w.buf.Write(p[:n])
	return n, syscall.ENOSPC
}

// TestHeadStdinErrors covers errors on standard input, which BusyBox
// names "standard input": a directory on stdin ("head <DIR") and a read
// that fails after some data (the data before it is still printed).
func TestHeadStdinErrors(t *testing.T) {
	dir, err := os.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer dir.Close()
	for _, tc := range []struct {
		args   []string
		stdin  io.Reader
		stdout string
	}{
		{nil, dir, ""},
		{[]string{"-c", "5"}, dir, ""},
		{[]string{"-n", "-1"}, dir, ""},
		{nil, &failingReader{"a\nb", syscall.EIO}, "a\nb"},
		{[]string{"-c", "2"}, &failingReader{"a", syscall.EISDIR}, "a"},
		{[]string{"-c", "-1"}, &failingReader{"abc", syscall.EIO}, "ab"},
		{[]string{"-n", "-1"}, &failingReader{"a\nb\n", syscall.EIO}, "a\n"},
	} {
		var out, errb bytes.Buffer
		ctx := &applet.Ctx{Context: context.Background(), Stdin: tc.stdin, Stdout: &out, Stderr: &errb}
		code := applet.Run(ctx, &Applet, tc.args)
		if out.String() != tc.stdout || errb.String() != "head: standard input: I/O error\n" || code != 1 {
			t.Errorf("head %q: got %q %q %d, want %q and an I/O error", tc.args, out.String(), errb.String(), code, tc.stdout)
		}
	}
}

// TestHeadWriteError: a failed write is a write error, not a read
// error, worded as Alpine's BusyBox words it, and head stops at it
// rather than reading on.
func TestHeadWriteError(t *testing.T) {
	long := strings.Repeat("x\n", 100000)
	for _, tc := range []struct {
		args   []string
		in     string
		stderr string
	}{
		// musl's stdout wrote the first line at once; BusyBox's
		// die_if_ferror_stdout then finds only ferror.
		{[]string{"-n", "100000"}, long, "head: standard output: I/O error\n"},
		{[]string{"-c", "200000"}, long, "head: standard output: I/O error\n"},
		{[]string{"-n", "-1"}, long, "head: standard output: I/O error\n"},
		{[]string{"-c", "-1"}, long, "head: standard output: I/O error\n"},
		{[]string{"-c", "-1"}, strings.Repeat("x", 100000), "head: standard output: I/O error\n"},
		// No newline, under musl's 1 KiB buffer: the final fflush
		// fails, with its errno.
		{[]string{"-c", "3"}, "abcdef", "head: standard output: No space left on device\n"},
	} {
		in := strings.NewReader(tc.in)
		w := &fullWriter{}
		var errb bytes.Buffer
		ctx := &applet.Ctx{Context: context.Background(), Stdin: in, Stdout: w, Stderr: &errb}
		code := applet.Run(ctx, &Applet, tc.args)
		if errb.String() != tc.stderr || code != 1 {
			t.Errorf("head %q >full: stderr %q status %d, want %q", tc.args, errb.String(), code, tc.stderr)
		}
		if w.failed != 1 || len(tc.in) > 100 && in.Len() == 0 {
			t.Errorf("head %q >full: %d failed writes, %d bytes left unread; want 1 write and a stop", tc.args, w.failed, in.Len())
		}
	}
	// A closed pipe is a silent death by SIGPIPE, as in BusyBox.
	var errb bytes.Buffer
	ctx := &applet.Ctx{Context: context.Background(), Stdin: strings.NewReader(long),
		Stdout: applettest.WriterFunc(func([]byte) (int, error) { return 0, syscall.EPIPE }), Stderr: &errb}
	if code := applet.Run(ctx, &Applet, nil); code != applet.StatusPipe || errb.Len() != 0 {
		t.Errorf("head into a closed pipe: status %d stderr %q", code, errb.String())
	}
}

// TestHeadExceptLastMemory: head -n -N and -c -N hold back only the
// last N lines or bytes (before, -n -10 of a 1 GB pipe peaked at 10 MB
// and -c -1m at 8 MB, from a line per allocation and a growing slice).
// What head allocates while it reads 64 MB must be about what it holds
// back, not what it read.
func TestHeadExceptLastMemory(t *testing.T) {
	const line = "the quick brown fox jumps over it\n" // 34 bytes
	const size = 34 * (64 << 20 / 34)
	for _, tt := range []struct {
		args []string
		keep int64 // bytes held back
	}{
		{[]string{"-n", "-10"}, 10 * 34},
		{[]string{"-n", "-100000"}, 100000 * 34},
		{[]string{"-c", "-1m"}, 1 << 20},
		{[]string{"-c", "-1"}, 1},
	} {
		out := &applettest.Counter{}
		ctx := &applet.Ctx{Context: context.Background(), Stdin: applettest.Repeat(line, size), Stdout: out, Stderr: io.Discard}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		code := applet.Run(ctx, &Applet, tt.args)
		runtime.ReadMemStats(&after)
		if want := size - tt.keep; code != 0 || out.N != want {
			t.Errorf("head %q: status %d, %d bytes; want 0, %d", tt.args, code, out.N, want)
		}
		if got, max := int64(after.TotalAlloc-before.TotalAlloc), tt.keep+512<<10; got > max {
			t.Errorf("head %q: allocated %d bytes reading %d MB; want at most %d", tt.args, got, size>>20, max)
		}
	}
}

// TestHeadBuffersReusedAcrossFiles: head reads every file through one
// reader and -c copies through one buffer (before, each file allocated
// both: 36 KiB a file). What head -c of 300 files allocates must not
// grow with buffers per file.
func TestHeadBuffersReusedAcrossFiles(t *testing.T) {
	dir := t.TempDir()
	files := applettest.Files(t, dir, 300)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	r := applettest.Cmd{Args: append([]string{"-q", "-c", "1"}, files...), Dir: dir}.Run(t, &Applet)
	runtime.ReadMemStats(&after)
	if r.Code != 0 || r.Stdout != strings.Repeat("x", 300) {
		t.Fatalf("head -q -c 1 of 300 files: status %d, stdout %.20q, stderr %q", r.Code, r.Stdout, r.Stderr)
	}
	if got, max := after.TotalAlloc-before.TotalAlloc, uint64(64<<10+300*512); got > max {
		t.Errorf("head -c of 300 files allocated %d bytes, want at most %d", got, max)
	}
}

// TestHeadExceptLastLinesNUL: for -n -N BusyBox reads lines with
// bb_get_chunk_from_file, which ends a line at a NUL as at a newline, and
// prints them with fputs, which drops the NUL (before, gobox counted
// newlines only and kept the NULs). Checked against Alpine's BusyBox.
func TestHeadExceptLastLinesNUL(t *testing.T) {
	for _, tc := range []struct {
		args  []string
		stdin string
		want  string
	}{
		{[]string{"-n", "-1"}, "ab\x00cd\nef\x00\ngh\n", "abcd\nef\n"},
		{[]string{"-n", "-0"}, "ab\x00cd\nef\x00\ngh", "abcd\nef\ngh"},
		{[]string{"-n", "-2"}, "a\x00b\x00c\x00", "a"},
		{[]string{"-n", "-1"}, "\x00\x00\x00", ""},
		{[]string{"-c", "-1"}, "a\x00b\n", "a\x00b"}, // bytes are bytes
	} {
		r := applettest.Cmd{Args: tc.args, Stdin: tc.stdin}.Run(t, &Applet)
		if r.Stdout != tc.want || r.Code != 0 {
			t.Errorf("head %q <%q: got %q, status %d; want %q", tc.args, tc.stdin, r.Stdout, r.Code, tc.want)
		}
	}
}
