package expand

import (
	"testing"

	"gobox/internal/applettest"
)

// alpineFiles and alpineDirs are what each run of expand against Alpine's
// BusyBox 1.36.1 found in its fresh working directory: files f and g and
// an empty directory d.
var (
	alpineFiles = map[string]string{"f": "b\na\n", "g": "a\nc\n"}
	alpineDirs  = []string{"d"}
)

func TestExpandAlpine(t *testing.T) {
	applettest.RunAlpineCases(t, &Applet, []string{"LC_ALL=C"}, alpineFiles, alpineDirs, []applettest.AlpineCase{
		{Args: []string{"-t", "4"}, Stdin: "a\tb\n\tc\td\n", Stdout: "a   b\n    c   d\n"},
		{Args: []string{"-i", "-t4"}, Stdin: "  \ta b\tc\n", Stdout: "    a b\tc\n"},
		{Args: []string{"-t", "0", "f"}, Stderr: "expand: number 0 is not in 1..4294967295 range\n", Code: 1},
		{Args: []string{"--tabs=3"}, Stdin: "a\tb\n", Stdout: "a  b\n"},
		{Args: []string{"--initial"}, Stdin: "\ta\tb\n", Stdout: "        a\tb\n"},
		{Args: []string{"-t", "1,2", "f"}, Stderr: "expand: invalid number '1,2'\n", Code: 1},
		{Args: []string{"-t", "4294967295"}, Stdin: "a\tb\n", Stdout: "a  b\n"},
		{Args: []string{"-t", "2147483649"}, Stdin: "a\tb\n", Stdout: "ab\n"},
		{Args: []string{}, Stdin: "ab\x00c\td\n\te", Stdout: "abc       d\n        e"},
		{Args: []string{"nope", "f", "d"}, Stdout: "b\na\n", Stderr: "expand: nope: No such file or directory\nexpand: d: I/O error\n", Code: 1},
		{Args: []string{"-", "f", "-"}, Stdin: "x\ty\n", Stdout: "x       y\nb\na\n"},
		{Args: []string{"-t3"}, Stdin: "a\tb\tc\n", Stdout: "a  b  c\n"},
		{Args: []string{"-x"}, Stderr: "expand: unrecognized option: x\n", Code: 1, Usage: true},
	})
}

// TestExpandAlpineUTF8 runs cases in musl's default locale, C.UTF-8 (no
// LC_ALL, LC_CTYPE or LANG set).
func TestExpandAlpineUTF8(t *testing.T) {
	applettest.RunAlpineCases(t, &Applet, []string{}, alpineFiles, alpineDirs, []applettest.AlpineCase{
		{Args: []string{}, Stdin: "h\xc3\xa9\tb\n\xe4\xb8\xad\tx\n\xff\tz\n\x01\ty\ne\xcc\x81\tw\n", Stdout: "h\xc3\xa9      b\n\xe4\xb8\xad      x\n\xff       z\n\x01       y\ne\xcc\x81       w\n"},
	})
}
