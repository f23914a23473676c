package strings

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gobox/internal/applet"
	"gobox/internal/applettest"
)

// alpineCase is one run and what Alpine's BusyBox 1.36.1 gave for it, in
// its chroot, in a directory that setup prepared: standard output,
// standard error (up to the usage text when usage is set) and the exit
// status.
type alpineCase struct {
	args           []string
	stdin          string
	stdout, stderr string
	code           int
	usage          bool
}

// setup makes the files the cases read: s (strings among control and high bytes) and a directory d.
func setup(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"s": "ab\x00abcd\tef\x01ghij\x00\x80klmnop\xffqrs"})
	if err := os.Mkdir(filepath.Join(dir, "d"), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func runAlpine(t *testing.T, a *applet.Applet, cases []alpineCase) {
	t.Helper()
	for _, tc := range cases {
		r := applettest.Cmd{Args: tc.args, Dir: setup(t), Stdin: tc.stdin}.Run(t, a)
		stderr := r.Stderr
		if tc.usage {
			if i := strings.Index(stderr, "gobox "); i >= 0 {
				stderr = stderr[:i]
			} else {
				t.Errorf("%s %q: no usage in stderr %q", a.Name, tc.args, stderr)
			}
		}
		if r.Stdout != tc.stdout || stderr != tc.stderr || r.Code != tc.code {
			t.Errorf("%s %q <%q:\ngot  %q, %q, %d\nwant %q, %q, %d", a.Name, tc.args, tc.stdin,
				r.Stdout, stderr, r.Code, tc.stdout, tc.stderr, tc.code)
		}
	}
}

func TestAlpine(t *testing.T) { runAlpine(t, &Applet, alpineCases) }

// alpineCases were taken from Alpine's BusyBox 1.36.1.
var alpineCases = []alpineCase{
	{args: []string{"s"}, stdin: "", stdout: "abcd\tef\nghij\nklmnop\n", stderr: "", code: 0},
	{args: []string{"-n", "2", "s"}, stdin: "", stdout: "ab\nabcd\tef\nghij\nklmnop\nqrs\n", stderr: "", code: 0},
	{args: []string{"-n", "1", "s"}, stdin: "", stdout: "ab\nabcd\tef\nghij\nklmnop\nqrs\n", stderr: "", code: 0},
	{args: []string{"-n", "0", "s"}, stdin: "", stdout: "", stderr: "strings: number 0 is not in 1..2147483647 range\n", code: 1},
	{args: []string{"-n", "x", "s"}, stdin: "", stdout: "", stderr: "strings: invalid number 'x'\n", code: 1},
	{args: []string{"-f", "s", "s"}, stdin: "", stdout: "s: abcd\tef\ns: ghij\ns: klmnop\ns: abcd\tef\ns: ghij\ns: klmnop\n", stderr: "", code: 0},
	{args: []string{"-o", "s"}, stdin: "", stdout: "      3 abcd\tef\n     13 ghij\n     21 klmnop\n", stderr: "", code: 0},
	{args: []string{"-t", "d", "s"}, stdin: "", stdout: "      3 abcd\tef\n     11 ghij\n     17 klmnop\n", stderr: "", code: 0},
	{args: []string{"-t", "x", "-n", "3", "s"}, stdin: "", stdout: "      3 abcd\tef\n      b ghij\n     11 klmnop\n     18 qrs\n", stderr: "", code: 0},
	{args: []string{"-t", "q", "s"}, stdin: "", stdout: "", stderr: "", code: 1, usage: true},
	{args: []string{"-t", "dd", "s"}, stdin: "", stdout: "", stderr: "", code: 1, usage: true},
	{args: []string{"-f"}, stdin: "abcd\x01efghij", stdout: "{standard input}: abcd\n{standard input}: efghij\n", stderr: "", code: 0},
	{args: []string{"-f", "-"}, stdin: "abcd\x01efghij", stdout: "-: abcd\n-: efghij\n", stderr: "", code: 0},
	{args: []string{"-fo", "nofile", "s", "d"}, stdin: "", stdout: "s:       3 abcd\tef\ns:      13 ghij\ns:      21 klmnop\n", stderr: "strings: nofile: No such file or directory\n", code: 1},
	{args: []string{"-n", "2147483648", "s"}, stdin: "", stdout: "", stderr: "strings: number 2147483648 is not in 1..2147483647 range\n", code: 1},
	{args: []string{}, stdin: "abcd", stdout: "abcd\n", stderr: "", code: 0},
	{args: []string{}, stdin: "abc", stdout: "", stderr: "", code: 0},
	{args: []string{"-q"}, stdin: "", stdout: "", stderr: "strings: unrecognized option: q\n", code: 1, usage: true},
}

// TestWriteError: a failed write ends strings at once, after a named
// file too (a regression: that file's error was dropped, and strings
// went on to read the next).
func TestWriteError(t *testing.T) {
	dir := setup(t)
	read := false
	stdin := readerFunc(func(p []byte) (int, error) {
		read = true
		return 0, io.EOF
	})
	ctx := &applet.Ctx{Stdin: stdin, Stdout: applettest.Full(), Stderr: io.Discard, Dir: dir}
	if code := applet.Run(ctx, &Applet, []string{"s", "-"}); code != 1 || read {
		t.Errorf("strings s - to a full disk: status %d, read standard input: %v", code, read)
	}
	r := applettest.Cmd{Stdin: "abcdefgh\n", Stdout: applettest.Full()}.Run(t, &Applet)
	if r.Code != 1 || r.Stderr != "strings: standard output: No space left on device\n" {
		t.Errorf("strings to a full disk: status %d, stderr %q", r.Code, r.Stderr)
	}
}

type readerFunc func([]byte) (int, error)

func (f readerFunc) Read(p []byte) (int, error) { return f(p) }
