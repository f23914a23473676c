package cat

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"gobox/internal/applet"
	"gobox/internal/applettest"
)

func TestCat(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a"), []byte("line 1\n\nline 3\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "b"), []byte("\tx\x01\xff\x7f\nend"), 0o644)
	os.Mkdir(filepath.Join(dir, "d"), 0o755)
	for _, tc := range []struct {
		args           []string
		stdin          string
		stdout, stderr string
		code           int
	}{
		{nil, "foo\n", "foo\n", "", 0},
		{[]string{"a", "-", "a"}, "IN\n", "line 1\n\nline 3\nIN\nline 1\n\nline 3\n", "", 0},
		{[]string{"-n", "a"}, "", "     1\tline 1\n     2\t\n     3\tline 3\n", "", 0},
		{[]string{"-b", "a"}, "", "     1\tline 1\n\n     2\tline 3\n", "", 0},
		{[]string{"-n", "a", "a"}, "", "     1\tline 1\n     2\t\n     3\tline 3\n     4\tline 1\n     5\t\n     6\tline 3\n", "", 0},
		{[]string{"-n"}, "x", "     1\tx\n", "", 0},
		{[]string{"-e"}, "foo\n", "foo$\n", "", 0},
		{[]string{"-v", "b"}, "", "\tx^AM-^?^?\nend", "", 0},
		{[]string{"-A", "b"}, "", "^Ix^AM-^?^?$\nend", "", 0},
		{[]string{"-t", "b"}, "", "^Ix^AM-^?^?\nend", "", 0},
		{[]string{"-vn", "a"}, "", "     1  line 1\n     2  \n     3  line 3\n", "", 0},
		{[]string{"-vb", "a"}, "", "     1  line 1\n\n     2  line 3\n", "", 0},
		{[]string{"nope", "a"}, "", "line 1\n\nline 3\n", "cat: can't open 'nope': No such file or directory\n", 1},
		{[]string{"-n", "nope"}, "", "", "cat: nope: No such file or directory\n", 1},
		{[]string{"d"}, "", "", "cat: read error: Is a directory\n", 1},
		{[]string{"-u", "a"}, "", "line 1\n\nline 3\n", "", 0},
	} {
		r := applettest.Cmd{Args: tc.args, Dir: dir, Stdin: tc.stdin}.Run(t, &Applet)
		if r.Stdout != tc.stdout || r.Stderr != tc.stderr || r.Code != tc.code {
			t.Errorf("cat %q: got %q %q %d, want %q %q %d", tc.args, r.Stdout, r.Stderr, r.Code, tc.stdout, tc.stderr, tc.code)
		}
	}
}

// runFiles runs cat with real files as stdin and stdout, so that the
// sendfile and copy_file_range paths are taken.
func runFiles(t testing.TB, dir string, stdin, stdout *os.File, args ...string) (string, int) {
	t.Helper()
	var errb bytes.Buffer
	ctx := &applet.Ctx{Context: context.Background(), Name: "cat", Stdin: stdin, Stdout: stdout, Stderr: &errb, Dir: dir}
	code := applet.Run(ctx, &Applet, args)
	return errb.String(), code
}

func TestCatToFiles(t *testing.T) {
	dir := t.TempDir()
	big := bytes.Repeat([]byte("0123456789abcdef"), 1<<16)
	os.WriteFile(filepath.Join(dir, "a"), []byte("line 1\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "big"), big, 0o644)
	os.Mkdir(filepath.Join(dir, "d"), 0o755)
	stdin, _ := os.Open(filepath.Join(dir, "a"))
	defer stdin.Close()
	want := append(append(append([]byte("line 1\n"), big...), "line 1\n"...), big...)

	// A pipe: sendfile(2), also from stdin.
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan []byte)
	go func() { b, _ := io.ReadAll(pr); got <- b }()
	stderr, code := runFiles(t, dir, stdin, pw, "a", "big", "-", "nope", "d", "big")
	pw.Close()
	if b := <-got; !bytes.Equal(b, want) || code != 1 ||
		stderr != "cat: can't open 'nope': No such file or directory\ncat: read error: Is a directory\n" {
		t.Errorf("cat to a pipe: %d bytes (want %d), status %d, stderr %q", len(b), len(want), code, stderr)
	}

	// A regular file: io.Copy (copy_file_range).
	stdin.Seek(0, 0)
	out, _ := os.Create(filepath.Join(dir, "out"))
	stderr, code = runFiles(t, dir, stdin, out, "a", "big", "-", "d", "big")
	out.Close()
	if b, _ := os.ReadFile(filepath.Join(dir, "out")); !bytes.Equal(b, want) || code != 1 || stderr != "cat: read error: Is a directory\n" {
		t.Errorf("cat to a file: %d bytes (want %d), status %d, stderr %q", len(b), len(want), code, stderr)
	}

	// A full device: a write error ends cat.
	if full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0); err == nil {
		stderr, code = runFiles(t, dir, stdin, full, "big", "a")
		full.Close()
		if code != 1 || stderr != "cat: write error: No space left on device\n" {
			t.Errorf("cat to /dev/full: status %d, stderr %q", code, stderr)
		}
	}
}

// BenchmarkCat copies a 64 MiB file to /dev/null, the sendfile path.
func BenchmarkCat(b *testing.B) {
	dir := b.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "big"), make([]byte, 64<<20), 0o644); err != nil {
		b.Fatal(err)
	}
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		b.Fatal(err)
	}
	defer null.Close()
	b.SetBytes(64 << 20)
	for b.Loop() {
		if _, code := runFiles(b, dir, nil, null, "big"); code != 0 {
			b.Fatalf("status %d", code)
		}
	}
}

func TestCatCancelled(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a"), []byte("x\n"), 0o644)
	c, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errb bytes.Buffer
	ctx := &applet.Ctx{Context: c, Name: "cat", Stdout: &out, Stderr: &errb, Dir: dir}
	if code := applet.Run(ctx, &Applet, []string{"a"}); code != 130 || out.Len() != 0 {
		t.Errorf("cancelled cat: status %d, output %q", code, out.String())
	}
}

// TestCatOutputErrors checks what a failed write does, with real files
// as stdin and stdout so that the kernel's copy calls are used: a closed
// pipe ends cat silently with status 141 (BusyBox dies of SIGPIPE; the
// sendfile path used to print "cat: write error: Broken pipe" and exit
// 1), a full device prints BusyBox's message: "write error" for plain
// cat, "standard output" for -n and -v (fflush_stdout_and_exit).
func TestCatOutputErrors(t *testing.T) {
	dir := t.TempDir()
	big := bytes.Repeat([]byte("line\n"), 100000)
	os.WriteFile(filepath.Join(dir, "big"), big, 0o644)
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full")
	}
	defer full.Close()
	for _, tt := range []struct {
		name   string
		args   []string
		stdin  string // "file", "pipe" or none
		full   bool   // stdout on /dev/full, else a pipe nobody reads
		stderr string
		code   int
	}{
		{"file", []string{"big"}, "", false, "", 141},
		{"stdin file", nil, "file", false, "", 141},
		{"stdin pipe", nil, "pipe", false, "", 141},
		{"-n", []string{"-n", "big"}, "", false, "", 141},
		{"-v", []string{"-v", "big"}, "", false, "", 141},
		{"full", []string{"big"}, "", true, "cat: write error: No space left on device\n", 1},
		{"full stdin pipe", nil, "pipe", true, "cat: write error: No space left on device\n", 1},
		{"full -n", []string{"-n", "big"}, "", true, "cat: standard output: No space left on device\n", 1},
		{"full -v", []string{"-v", "big"}, "", true, "cat: standard output: No space left on device\n", 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var stdin *os.File
			switch tt.stdin {
			case "file":
				stdin, _ = os.Open(filepath.Join(dir, "big"))
			case "pipe":
				r, w, _ := os.Pipe()
				go func() { w.Write(big); w.Close() }()
				stdin = r
			}
			if stdin != nil {
				defer stdin.Close()
			}
			stdout := full
			if !tt.full {
				r, w, _ := os.Pipe()
				r.Close()
				defer w.Close()
				stdout = w
			}
			stderr, code := runFiles(t, dir, stdin, stdout, tt.args...)
			if stderr != tt.stderr || code != tt.code {
				t.Errorf("status %d, stderr %q; want %d, %q", code, stderr, tt.code, tt.stderr)
			}
		})
	}
}

// TestCatReadErrors checks that a failed read is called a read error
// whatever stdout is ("cat <DIR >FILE" used to say "write error", from
// os.File.ReadFrom's copy_file_range), and that cat goes on.
func TestCatReadErrors(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a"), []byte("a\n"), 0o644)
	os.Mkdir(filepath.Join(dir, "d"), 0o755)
	for _, out := range []string{"file", "pipe", "buffer"} {
		for _, tt := range []struct {
			name  string
			args  []string
			stdin bool // the directory as stdin
		}{
			{"operand", []string{"d", "a"}, false},
			{"stdin", []string{"-", "a"}, true},
		} {
			t.Run(out+" "+tt.name, func(t *testing.T) {
				var stdin *os.File
				if tt.stdin {
					stdin, _ = os.Open(filepath.Join(dir, "d"))
					defer stdin.Close()
				}
				var errb, outb bytes.Buffer
				ctx := &applet.Ctx{Context: context.Background(), Name: "cat", Stderr: &errb, Dir: dir}
				if stdin != nil {
					ctx.Stdin = stdin
				}
				var got func() string
				switch out {
				case "file":
					f, _ := os.Create(filepath.Join(t.TempDir(), "out"))
					defer f.Close()
					ctx.Stdout = f
					got = func() string { b, _ := os.ReadFile(f.Name()); return string(b) }
				case "pipe":
					r, w, _ := os.Pipe()
					ch := make(chan string)
					go func() { b, _ := io.ReadAll(r); ch <- string(b) }()
					ctx.Stdout = w
					got = func() string { w.Close(); return <-ch }
				default:
					ctx.Stdout = &outb
					got = outb.String
				}
				code := applet.Run(ctx, &Applet, tt.args)
				if s := got(); s != "a\n" || code != 1 || errb.String() != "cat: read error: Is a directory\n" {
					t.Errorf("output %q, status %d, stderr %q", s, code, errb.String())
				}
			})
		}
	}
}

// TestCatNumberedLines: -n and -b read lines as BusyBox's
// bb_get_chunk_from_file does, a NUL ending a line as a newline does
// (before, the rest of the line after a NUL was dropped), and lines
// longer than any buffer are numbered once, whole. Checked against
// Alpine's BusyBox 1.36.1.
func TestCatNumberedLines(t *testing.T) {
	long := strings.Repeat("x", 40000) // longer than cat's buffer
	for _, tc := range []struct {
		args  []string
		stdin string
		want  string
	}{
		{[]string{"-n"}, "one\n\ntwo\x00hidden\nthree", "     1\tone\n     2\t\n     3\ttwo\n     4\thidden\n     5\tthree\n"},
		{[]string{"-b"}, "one\n\ntwo\x00hidden\nthree", "     1\tone\n\n     2\ttwo\n     3\thidden\n     4\tthree\n"},
		{[]string{"-n"}, "\x00\x00\na", "     1\t\n     2\t\n     3\t\n     4\ta\n"},
		{[]string{"-b"}, "\x00\x00\na", "\n\n\n     1\ta\n"},
		{[]string{"-n"}, long + "\n" + long, "     1\t" + long + "\n     2\t" + long + "\n"},
		{[]string{"-b"}, long + "\x00\n", "     1\t" + long + "\n\n"},
		{[]string{"-n"}, "", ""},
		{[]string{"-n"}, "\n", "     1\t\n"},
	} {
		r := applettest.Cmd{Args: tc.args, Stdin: tc.stdin}.Run(t, &Applet)
		if r.Stdout != tc.want || r.Stderr != "" || r.Code != 0 {
			t.Errorf("cat %q <%.20q: got %.60q %q %d, want %.60q", tc.args, tc.stdin, r.Stdout, r.Stderr, r.Code, tc.want)
		}
	}
}

// TestCatNumberedMemory: -n and -b number lines as they pass, without a
// copy of each line (before, every line was a new allocation: cat -n of
// 200 MB peaked at 8.9 MB). What cat -n allocates for 32 MB must not grow
// with the lines.
func TestCatNumberedMemory(t *testing.T) {
	const line = "the quick brown fox jumps over it\n" // 34 bytes
	const size = 34 * (32 << 20 / 34)
	for _, args := range [][]string{{"-n"}, {"-b"}} {
		var out bytes.Buffer
		ctx := &applet.Ctx{Context: context.Background(), Stdin: applettest.Repeat(line, size), Stdout: applettest.WriterFunc(func(p []byte) (int, error) {
			if out.Len() < 64 {
				out.Write(p[:min(len(p), 64)])
			}
			return len(p), nil
		}), Stderr: io.Discard}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		code := applet.Run(ctx, &Applet, args)
		runtime.ReadMemStats(&after)
		if want := "     1\t" + line; code != 0 || !strings.HasPrefix(out.String(), want) {
			t.Errorf("cat %q: status %d, output starting %q, want %q", args, code, out.String(), want)
		}
		if got, max := after.TotalAlloc-before.TotalAlloc, uint64(256<<10); got > max {
			t.Errorf("cat %q of %d MB allocated %d bytes, want at most %d", args, size>>20, got, max)
		}
	}
}

// TestCatBufferReusedAcrossFiles: cat copies every file through one
// buffer where the kernel cannot copy (before, each file allocated its
// own). What cat of 300 files allocates must not grow with a buffer per
// file.
func TestCatBufferReusedAcrossFiles(t *testing.T) {
	dir := t.TempDir()
	files := applettest.Files(t, dir, 300)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	r := applettest.Cmd{Args: files, Dir: dir}.Run(t, &Applet)
	runtime.ReadMemStats(&after)
	if r.Code != 0 || r.Stdout != strings.Repeat("x\n", 300) {
		t.Fatalf("cat of 300 files: status %d, stderr %q", r.Code, r.Stderr)
	}
	// One buffer, and per file its name and its open file.
	if got, max := after.TotalAlloc-before.TotalAlloc, uint64(64<<10+300*512); got > max {
		t.Errorf("cat of 300 files allocated %d bytes, want at most %d", got, max)
	}
}
