package cat

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
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
