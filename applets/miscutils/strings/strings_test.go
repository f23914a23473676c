package strings

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"gobox/internal/applet"
	"gobox/internal/applettest"
)

// alpineFiles are what each run of strings against Alpine's BusyBox
// 1.36.1 found in its fresh working directory, besides an empty
// directory d: s (strings among control and high bytes).
var alpineFiles = map[string]string{"s": "ab\x00abcd\tef\x01ghij\x00\x80klmnop\xffqrs"}

func TestAlpine(t *testing.T) {
	applettest.RunAlpineCases(t, &Applet, nil, alpineFiles, []string{"d"}, alpineCases)
}

// alpineCases were taken from Alpine's BusyBox 1.36.1.
var alpineCases = []applettest.AlpineCase{
	{Args: []string{"s"}, Stdout: "abcd\tef\nghij\nklmnop\n"},
	{Args: []string{"-n", "2", "s"}, Stdout: "ab\nabcd\tef\nghij\nklmnop\nqrs\n"},
	{Args: []string{"-n", "1", "s"}, Stdout: "ab\nabcd\tef\nghij\nklmnop\nqrs\n"},
	{Args: []string{"-n", "0", "s"}, Stderr: "strings: number 0 is not in 1..2147483647 range\n", Code: 1},
	{Args: []string{"-n", "x", "s"}, Stderr: "strings: invalid number 'x'\n", Code: 1},
	{Args: []string{"-f", "s", "s"}, Stdout: "s: abcd\tef\ns: ghij\ns: klmnop\ns: abcd\tef\ns: ghij\ns: klmnop\n"},
	{Args: []string{"-o", "s"}, Stdout: "      3 abcd\tef\n     13 ghij\n     21 klmnop\n"},
	{Args: []string{"-t", "d", "s"}, Stdout: "      3 abcd\tef\n     11 ghij\n     17 klmnop\n"},
	{Args: []string{"-t", "x", "-n", "3", "s"}, Stdout: "      3 abcd\tef\n      b ghij\n     11 klmnop\n     18 qrs\n"},
	{Args: []string{"-t", "q", "s"}, Code: 1, Usage: true},
	{Args: []string{"-t", "dd", "s"}, Code: 1, Usage: true},
	{Args: []string{"-f"}, Stdin: "abcd\x01efghij", Stdout: "{standard input}: abcd\n{standard input}: efghij\n"},
	{Args: []string{"-f", "-"}, Stdin: "abcd\x01efghij", Stdout: "-: abcd\n-: efghij\n"},
	{Args: []string{"-fo", "nofile", "s", "d"}, Stdout: "s:       3 abcd\tef\ns:      13 ghij\ns:      21 klmnop\n", Stderr: "strings: nofile: No such file or directory\n", Code: 1},
	{Args: []string{"-n", "2147483648", "s"}, Stderr: "strings: number 2147483648 is not in 1..2147483647 range\n", Code: 1},
	{Args: []string{}, Stdin: "abcd", Stdout: "abcd\n"},
	{Args: []string{}, Stdin: "abc"},
	{Args: []string{"-q"}, Stderr: "strings: unrecognized option: q\n", Code: 1, Usage: true},
}

// TestWriteError: a failed write ends strings at once, after a named
// file too (a regression: that file's error was dropped, and strings
// went on to read the next).
func TestWriteError(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "s"), []byte(alpineFiles["s"]), 0o644); err != nil {
		t.Fatal(err)
	}
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
