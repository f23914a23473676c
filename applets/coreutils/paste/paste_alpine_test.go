package paste

import (
	"testing"

	"gobox/internal/applettest"
)

// alpineFiles and alpineDirs are what each run of paste against Alpine's
// BusyBox 1.36.1 found in its fresh working directory: files f and g and
// an empty directory d.
var (
	alpineFiles = map[string]string{"f": "b\na\n", "g": "a\nc\n"}
	alpineDirs  = []string{"d"}
)

func TestPasteAlpine(t *testing.T) {
	applettest.RunAlpineCases(t, &Applet, []string{"LC_ALL=C"}, alpineFiles, alpineDirs, []applettest.AlpineCase{
		{Args: []string{"f", "g"}, Stdout: "b\ta\na\tc\n"},
		{Args: []string{"-s", "f", "g"}, Stdout: "b\ta\na\tc\n"},
		{Args: []string{"-d:", "f", "g"}, Stdout: "b:a\na:c\n"},
		{Args: []string{"-d", "\\t\\n", "-", "-", "-"}, Stdin: "1\n2\n3\n4\n5\n", Stdout: "1\t2\n3\n4\t5\n"},
		{Args: []string{"-d", "", "f"}, Stderr: "paste: -d '' is not supported\n", Code: 1},
		{Args: []string{"nope", "f"}, Stderr: "paste: nope: No such file or directory\n", Code: 1},
		{Args: []string{"f", "nope"}, Stderr: "paste: nope: No such file or directory\n", Code: 1},
		{Args: []string{"f", "d"}, Stdout: "b\ta\t"},
		{Args: []string{"d", "f"}, Stdout: "b\na\n"},
		{Args: []string{"-", "-"}, Stdin: "a\nb\nc\n", Stdout: "a\tb\nc\t"},
		{Args: []string{"-s", "-d", ",;", "-"}, Stdin: "a\nb\nc\n", Stdout: "a,b;c\n"},
		{Args: []string{"-d", "a\\0b", "f", "g", "f"}, Stdout: "baab\naaca\n"},
		{Args: []string{"-d", "\\", "f", "g"}, Stdout: "b\\a\na\\c\n"},
		{Args: []string{"-d", "x\\", "f", "g", "f"}, Stdout: "bxa\\b\naxc\\a\n"},
		{Args: []string{"-d", "\\q", "f", "g", "f"}, Stdout: "b\\aqb\na\\cqa\n"},
		{Args: []string{"-d", "\\x41\\101\\x", "f", "g", "f", "g", "f"}, Stdout: "bAaAb\\axb\naAcAa\\cxa\n"},
		{Args: []string{"-s"}},
		{Args: []string{"-", "f"}, Stdin: "x", Stdout: "x\tb\na\n"},
		{Args: []string{"-", "-"}, Stdin: "b\x00a\nc\x00\x00d", Stdout: "b\ta\nc\t\nd\t"},
		{Args: []string{"-s", "d", "f"}, Stdout: "b\ta\n"},
		{Args: []string{"-x"}, Stderr: "paste: unrecognized option: x\n", Code: 1, Usage: true},
	})
}
