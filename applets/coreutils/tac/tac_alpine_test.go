package tac

import (
	"testing"

	"gobox/internal/applettest"
)

// alpineFiles and alpineDirs are what each run of tac against Alpine's
// BusyBox 1.36.1 found in its fresh working directory: files f and g and
// an empty directory d.
var (
	alpineFiles = map[string]string{"f": "b\na\n", "g": "a\nc\n"}
	alpineDirs  = []string{"d"}
)

func TestTacAlpine(t *testing.T) {
	applettest.RunAlpineCases(t, &Applet, []string{"LC_ALL=C"}, alpineFiles, alpineDirs, []applettest.AlpineCase{
		{Args: []string{"f", "g"}, Stdout: "a\nb\nc\na\n"},
		{Args: []string{"nope1", "f", "nope2"}, Stdout: "a\nb\n", Stderr: "tac: nope2: No such file or directory\ntac: nope1: No such file or directory\n", Code: 1},
		{Args: []string{"d", "f"}, Stdout: "a\nb\n", Stderr: "tac: d: Is a directory\n", Code: 1},
		{Args: []string{"-x"}, Stderr: "tac: unrecognized option: x\n", Code: 1, Usage: true},
		{Args: []string{"--foo"}, Stderr: "tac: unrecognized option: foo\n", Code: 1, Usage: true},
		{Args: []string{"--", "f"}, Stdout: "a\nb\n"},
		{Args: []string{"-", "f", "-"}, Stdin: "x\ny\n", Stdout: "a\nb\ny\nx\n"},
		{Args: []string{}, Stdin: "b\x00a\nc\x00\x00d", Stdout: "c\x00\x00db\x00a\n"},
		{Args: []string{}, Stdin: "\n\n\n", Stdout: "\n\n\n"},
		{Args: []string{}, Stdin: "noeol", Stdout: "noeol"},
		{Args: []string{}, Stdin: "a1\na2\n\nb1", Stdout: "b1\na2\na1\n"},
		{Args: []string{}},
	})
}
