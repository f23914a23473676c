package rev

import (
	"testing"

	"gobox/internal/applettest"
)

// alpineFiles and alpineDirs are what each run of rev against Alpine's
// BusyBox 1.36.1 found in its fresh working directory: files f and g and
// an empty directory d.
var (
	alpineFiles = map[string]string{"f": "b\na\n", "g": "a\nc\n"}
	alpineDirs  = []string{"d"}
)

func TestRevAlpine(t *testing.T) {
	applettest.RunAlpineCases(t, &Applet, []string{"LC_ALL=C"}, alpineFiles, alpineDirs, []applettest.AlpineCase{
		{Args: []string{"f", "g"}, Stdout: "b\na\na\nc\n"},
		{Args: []string{"nope", "f", "d"}, Stdout: "b\na\n", Stderr: "rev: nope: No such file or directory\n", Code: 1},
		{Args: []string{}, Stdin: "abc\ndef", Stdout: "cba\nfed"},
		{Args: []string{}, Stdin: "b\x00a\nc\x00\x00d", Stdout: "bc"},
		{Args: []string{}, Stdin: "\xff\xfeab\nh\xc3\xa9\n", Stdout: "ba\xfe\xff\n\xa9\xc3h\n"},
		{Args: []string{}, Stdin: "\n\nx\n", Stdout: "\n\nx\n"},
		{Args: []string{"--x"}, Stderr: "rev: unrecognized option: x\n", Code: 1, Usage: true},
		{Args: []string{"--", "f"}, Stdout: "b\na\n"},
	})
}

// TestRevAlpineUTF8 runs cases in musl's default locale, C.UTF-8 (no
// LC_ALL, LC_CTYPE or LANG set).
func TestRevAlpineUTF8(t *testing.T) {
	applettest.RunAlpineCases(t, &Applet, []string{}, alpineFiles, alpineDirs, []applettest.AlpineCase{
		{Args: []string{}, Stdin: "\xff\xfeab\nh\xc3\xa9\n", Stdout: "\xff\xfeab\n\xc3\xa9h\n"},
		{Args: []string{}, Stdin: "e\xcc\x81x\nab\xe4\xb8\xadc\n", Stdout: "x\xcc\x81e\nc\xe4\xb8\xadba\n"},
	})
}
