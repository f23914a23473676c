package cksum

import (
	"testing"

	"gobox/internal/applettest"
)

// alpineFiles and alpineDirs are what each run of cksum against Alpine's
// BusyBox 1.36.1 found in its fresh working directory: files f and g and
// an empty directory d.
var (
	alpineFiles = map[string]string{"f": "b\na\n", "g": "a\nc\n"}
	alpineDirs  = []string{"d"}
)

func TestCksumAlpine(t *testing.T) {
	applettest.RunAlpineCases(t, &Applet, []string{"LC_ALL=C"}, alpineFiles, alpineDirs, []applettest.AlpineCase{
		{Args: []string{"f", "g"}, Stdout: "1491219681 4 f\n2151990648 4 g\n"},
		{Args: []string{"--", "f"}, Stdout: "1491219681 4 f\n"},
		{Args: []string{"-", "f"}, Stdin: "abc", Stdout: "1219131554 3 -\n1491219681 4 f\n"},
		{Args: []string{"-x", "f"}, Stderr: "cksum: unrecognized option: x\n", Code: 1, Usage: true},
		{Args: []string{"nope", "f"}, Stdout: "1491219681 4 f\n", Stderr: "cksum: can't open 'nope': No such file or directory\n", Code: 1},
		{Args: []string{"d", "f"}, Stderr: "cksum: d: Is a directory\n", Code: 1},
		{Args: []string{"f", "nope"}, Stdout: "1491219681 4 f\n", Stderr: "cksum: can't open 'nope': No such file or directory\n", Code: 1},
		{Args: []string{}, Stdout: "4294967295 0\n"},
		{Args: []string{}, Stdin: "hello world\n", Stdout: "3733384285 12\n"},
	})
}
