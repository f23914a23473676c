package comm

import (
	"testing"

	"gobox/internal/applettest"
)

// alpineFiles and alpineDirs are what each run of comm against Alpine's
// BusyBox 1.36.1 found in its fresh working directory: files f and g and
// an empty directory d.
var (
	alpineFiles = map[string]string{"f": "b\na\n", "g": "a\nc\n"}
	alpineDirs  = []string{"d"}
)

func TestCommAlpine(t *testing.T) {
	applettest.RunAlpineCases(t, &Applet, []string{"LC_ALL=C"}, alpineFiles, alpineDirs, []applettest.AlpineCase{
		{Args: []string{"nope", "f"}, Stderr: "comm: nope: No such file or directory\n", Code: 1},
		{Args: []string{"f", "nope"}, Stderr: "comm: nope: No such file or directory\n", Code: 1},
		{Args: []string{"f"}, Code: 1, Usage: true},
		{Args: []string{"f", "g", "h"}, Code: 1, Usage: true},
		{Args: []string{"-12", "f", "g"}},
		{Args: []string{"-3", "f", "g"}, Stdout: "\ta\nb\na\n\tc\n"},
		{Args: []string{"f", "g"}, Stdout: "\ta\nb\na\n\tc\n"},
		{Args: []string{"-", "-"}, Stdin: "a\nb\nc\n", Stdout: "a\n\tb\nc\n"},
		{Args: []string{"d", "f"}, Stdout: "\tb\n\ta\n"},
		{Args: []string{"--", "f", "g"}, Stdout: "\ta\nb\na\n\tc\n"},
		{Args: []string{"-4", "f", "g"}, Stderr: "comm: unrecognized option: 4\n", Code: 1, Usage: true},
		{Args: []string{"-123", "f", "g"}},
		{Args: []string{"-", "g"}, Stdin: "a\x00b\nc\n", Stdout: "\t\ta\nb\n\t\tc\n"},
		{Args: []string{"-1", "-", "g"}, Stdin: "a\nb\nd\ne\n", Stdout: "\ta\nc\n"},
		{Args: []string{"-2", "-", "g"}, Stdin: "a\nb\nd\ne\n", Stdout: "\ta\nb\nd\ne\n"},
		{Args: []string{"-13", "-", "g"}, Stdin: "a\nb\nd\ne\n", Stdout: "c\n"},
		{Args: []string{"g", "-"}, Stdin: "a\nb\nd\ne\nf\n", Stdout: "\t\ta\n\tb\nc\n\td\n\te\n\tf\n"},
	})
}
