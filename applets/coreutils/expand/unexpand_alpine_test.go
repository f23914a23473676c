package expand

import (
	"testing"

	"gobox/internal/applettest"
)

func TestUnexpandAlpine(t *testing.T) {
	applettest.RunAlpineCases(t, &Unexpand, []string{"LC_ALL=C"}, alpineFiles, alpineDirs, []applettest.AlpineCase{
		{Args: []string{}, Stdin: "        a       b\n", Stdout: "\ta       b\n"},
		{Args: []string{"-a"}, Stdin: "        a       b\n", Stdout: "\ta\tb\n"},
		{Args: []string{"-t", "4"}, Stdin: "        a       b\n", Stdout: "\t\ta\t\tb\n"},
		{Args: []string{"-f", "-t", "4"}, Stdin: "        a       b\n", Stdout: "\t\ta       b\n"},
		{Args: []string{"-a"}, Stdin: "  \t  a  \t b   c        \n", Stdout: "\t  a\t b   c\t      \n"},
		{Args: []string{}, Stdin: "  \t  a  \t b   c        \n", Stdout: "\t  a  \t b   c        \n"},
		{Args: []string{}, Stdin: "         \n", Stdout: "\t \n"},
		{Args: []string{"--all"}, Stdin: "abc     def     g\n", Stdout: "abc\tdef\tg\n"},
		{Args: []string{"--first-only", "--tabs", "3"}, Stdin: "abc     def     g\n", Stdout: "abc\t  def     g\n"},
		{Args: []string{"-a"}, Stdin: "ab\x00    c\n", Stdout: "ab    c\n"},
		{Args: []string{"nope", "f", "d"}, Stdout: "b\na\n", Stderr: "unexpand: nope: No such file or directory\nunexpand: d: I/O error\n", Code: 1},
		{Args: []string{"-t", "0"}, Stderr: "unexpand: number 0 is not in 1..4294967295 range\n", Code: 1},
		{Args: []string{"-t", "2"}, Stdin: "    x", Stdout: "\t\tx"},
		{Args: []string{"-x"}, Stderr: "unexpand: unrecognized option: x\n", Code: 1, Usage: true},
	})
}

// TestUnexpandAlpineUTF8 runs cases in musl's default locale, C.UTF-8 (no
// LC_ALL, LC_CTYPE or LANG set).
func TestUnexpandAlpineUTF8(t *testing.T) {
	applettest.RunAlpineCases(t, &Unexpand, []string{}, alpineFiles, alpineDirs, []applettest.AlpineCase{
		{Args: []string{"-a"}, Stdin: "h\xc3\xa9      b  x\n\xe4\xb8\xad      x\n", Stdout: "h\xc3\xa9\tb  x\n\xe4\xb8\xad\tx\n"},
	})
}
