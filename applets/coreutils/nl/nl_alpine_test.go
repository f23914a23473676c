package nl

import (
	"testing"

	"gobox/internal/applettest"
)

// alpineFiles and alpineDirs are what each run of nl against Alpine's
// BusyBox 1.36.1 found in its fresh working directory: files f and g and
// an empty directory d.
var (
	alpineFiles = map[string]string{"f": "b\na\n", "g": "a\nc\n"}
	alpineDirs  = []string{"d"}
)

func TestNlAlpine(t *testing.T) {
	applettest.RunAlpineCases(t, &Applet, []string{"LC_ALL=C"}, alpineFiles, alpineDirs, []applettest.AlpineCase{
		{Args: []string{"f", "g"}, Stdout: "     1\tb\n     2\ta\n     3\ta\n     4\tc\n"},
		{Args: []string{"-w", "0", "f"}, Stdout: "1\tb\n2\ta\n"},
		{Args: []string{"-w", "x", "f"}, Stderr: "nl: invalid number 'x'\n", Code: 1},
		{Args: []string{"-v", "-1", "f"}, Stderr: "nl: invalid number '-1'\n", Code: 1},
		{Args: []string{"-i", "0", "f"}, Stdout: "     1\tb\n     1\ta\n"},
		{Args: []string{"-b", "n", "f"}, Stdout: "       b\n       a\n"},
		{Args: []string{"-b", "x", "f"}, Stdout: "       b\n       a\n"},
		{Args: []string{"-s", "", "f"}, Stdout: "     1b\n     2a\n"},
		{Args: []string{"--number-width=3", "f"}, Stdout: "  1\tb\n  2\ta\n"},
		{Args: []string{"-p", "f"}, Stdout: "     1\tb\n     2\ta\n"},
		{Args: []string{"--no-renumber", "f"}, Stdout: "     1\tb\n     2\ta\n"},
		{Args: []string{}, Stdin: "a\n\nb\n", Stdout: "     1\ta\n       \n     2\tb\n"},
		{Args: []string{"-ba", "-v", "2147483647", "-i", "2147483647"}, Stdin: "a\n\nb\n", Stdout: "2147483647\ta\n4294967294\t\n2147483645\tb\n"},
		{Args: []string{"-w", "99999999999", "f"}, Stderr: "nl: invalid number '99999999999'\n", Code: 1},
		{Args: []string{"-v", "4294967296", "f"}, Stderr: "nl: invalid number '4294967296'\n", Code: 1},
		{Args: []string{"-v", "4294967295", "f"}, Stderr: "nl: number 4294967295 is not in 0..2147483647 range\n", Code: 1},
		{Args: []string{"-w", "3", "-w", "x", "f"}, Stderr: "nl: invalid number 'x'\n", Code: 1},
		{Args: []string{"-v", "x", "-w", "y", "f"}, Stderr: "nl: invalid number 'x'\n", Code: 1},
		{Args: []string{"nope", "f", "d"}, Stdout: "     1\tb\n     2\ta\n", Stderr: "nl: nope: No such file or directory\n", Code: 1},
		{Args: []string{}, Stdin: "b\x00a\nc", Stdout: "     1\tb\n     2\ta\n     3\tc\n"},
		{Args: []string{"-b", "a", "-s", "::", "-w", "2", "-v", "5", "-i", "3", "f", "g"}, Stdout: " 5::b\n 8::a\n11::a\n14::c\n"},
		{Args: []string{"--body-numbering=a", "--line-increment=2", "--number-separator=:", "--starting-line-number=3", "f"}, Stdout: "     3:b\n     5:a\n"},
		{Args: []string{"-bt"}},
		{Args: []string{"--", "f"}, Stdout: "     1\tb\n     2\ta\n"},
		{Args: []string{"-bpx", "f"}, Stdout: "       b\n       a\n"},
		{Args: []string{"-x"}, Stderr: "nl: unrecognized option: x\n", Code: 1, Usage: true},
	})
}
