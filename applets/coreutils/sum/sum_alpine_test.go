package sum

import (
	"testing"

	"gobox/internal/applettest"
)

// alpineFiles and alpineDirs are what each run of sum against Alpine's
// BusyBox 1.36.1 found in its fresh working directory: files f and g and
// an empty directory d.
var (
	alpineFiles = map[string]string{"f": "b\na\n", "g": "a\nc\n"}
	alpineDirs  = []string{"d"}
)

func TestSumAlpine(t *testing.T) {
	applettest.RunAlpineCases(t, &Applet, []string{"LC_ALL=C"}, alpineFiles, alpineDirs, []applettest.AlpineCase{
		{Args: []string{"f"}, Stdout: "16457     1 \n"},
		{Args: []string{"f", "g"}, Stdout: "16457     1 f\n08266     1 g\n"},
		{Args: []string{"-s", "f"}, Stdout: "215 1 f\n"},
		{Args: []string{"-r", "-s", "f"}, Stdout: "16457     1 \n"},
		{Args: []string{"-s", "-r", "f"}, Stdout: "16457     1 \n"},
		{Args: []string{}, Stdin: "abc\n", Stdout: "08288     1 \n"},
		{Args: []string{"-s"}, Stdin: "abc\n", Stdout: "304 1 -\n"},
		{Args: []string{"-"}, Stdout: "00000     0 \n"},
		{Args: []string{"nope", "f"}, Stdout: "16457     1 f\n", Stderr: "sum: can't open 'nope': No such file or directory\n", Code: 1},
		{Args: []string{"d", "f"}, Stdout: "16457     1 f\n", Stderr: "sum: d: Is a directory\n", Code: 1},
		{Args: []string{"-s", "d", "f"}, Stdout: "215 1 f\n", Stderr: "sum: d: Is a directory\n", Code: 1},
		{Args: []string{"-x"}, Stderr: "sum: unrecognized option: x\n", Code: 1, Usage: true},
		{Args: []string{"-s", "f", "g", "nope"}, Stdout: "215 1 f\n216 1 g\n", Stderr: "sum: can't open 'nope': No such file or directory\n", Code: 1},
	})
}
