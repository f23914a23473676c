package uniq

import (
	"testing"

	"gobox/internal/applettest"
)

// alpineFiles and alpineDirs are what each run of uniq against Alpine's
// BusyBox 1.36.1 found in its fresh working directory: files f and g and
// an empty directory d.
var (
	alpineFiles = map[string]string{"f": "b\na\n", "g": "a\nc\n"}
	alpineDirs  = []string{"d"}
)

func TestUniqAlpine(t *testing.T) {
	applettest.RunAlpineCases(t, &Applet, []string{"LC_ALL=C"}, alpineFiles, alpineDirs, []applettest.AlpineCase{
		{Args: []string{"-D", "f"}, Stderr: "uniq: unrecognized option: D\n", Code: 1, Usage: true},
		{Args: []string{"f", "g", "h"}, Code: 1, Usage: true},
		{Args: []string{"-c"}, Stdin: "a\na\nb\n", Stdout: "      2 a\n      1 b\n"},
		{Args: []string{"-d"}, Stdin: "a\na\nb\n", Stdout: "a\n"},
		{Args: []string{"-u"}, Stdin: "a\na\nb\n", Stdout: "b\n"},
		{Args: []string{"-du"}, Stdin: "a\na\nb\n"},
		{Args: []string{"-f1", "-c"}, Stdin: "x a\ny a\nz b\n", Stdout: "      2 x a\n      1 z b\n"},
		{Args: []string{"-s1"}, Stdin: "xa\nya\nzb\n", Stdout: "xa\nzb\n"},
		{Args: []string{"-w1", "-i", "-c"}, Stdin: "ab\nac\nAd\n", Stdout: "      3 ab\n"},
		{Args: []string{"nope", "out2"}, Stderr: "uniq: can't open 'nope': No such file or directory\n", Code: 1},
		{Args: []string{"-", "d"}, Stdin: "a\n", Stderr: "uniq: can't open 'd': Is a directory\n", Code: 1},
		{Args: []string{"-f", "x", "f"}, Stderr: "uniq: invalid number 'x'\n", Code: 1},
		{Args: []string{"-c"}, Stdin: "b\x00b\nb\nc\x00c", Stdout: "      3 b\n      2 c\n"},
		{Args: []string{"-z"}, Stdin: "a\na\nb\n", Stdout: "a\x00b\x00"},
		{Args: []string{"-f", "1", "-c"}, Stdin: "  a  b\n a b\n\ta\tb\n", Stdout: "      1   a  b\n      1  a b\n      1 \ta\tb\n"},
		{Args: []string{"-s", "1", "-w", "1", "-c"}, Stdin: "abc\nabd\nxbc\n", Stdout: "      3 abc\n"},
		{Args: []string{"-i"}, Stdin: "A\na\nB\n", Stdout: "A\nB\n"},
		{Args: []string{"d"}, Stderr: "uniq: d: I/O error\n", Code: 1},
		{Args: []string{"-c", "nope"}, Stderr: "uniq: can't open 'nope': No such file or directory\n", Code: 1},
		{Args: []string{"-c", "-w", "0"}, Stdin: "a\na\n", Stdout: "      2 a\n"},
		{Args: []string{"-s", "99999999999"}, Stdin: "a\nb\n", Stderr: "uniq: invalid number '99999999999'\n", Code: 1},
		{Args: []string{"-s", "4294967295"}, Stdin: "a\nb\n", Stderr: "uniq: number 4294967295 is not in 0..2147483647 range\n", Code: 1},
		{Args: []string{"--", "f"}, Stdout: "b\na\n"},
		{Args: []string{"-", "-"}, Stdin: "x\nx\ny\n", Stdout: "x\ny\n"},
		{Args: []string{}, Stdin: "\n\n\nx\n\n", Stdout: "\nx\n\n"},
		{Args: []string{"-i", "-c"}, Stdin: "\xc3\xa9\n\xc3\x89\na\nA\n", Stdout: "      1 \xc3\xa9\n      1 \xc3\x89\n      2 a\n"},
	})
}
