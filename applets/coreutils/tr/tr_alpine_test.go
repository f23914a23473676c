package tr

import (
	"testing"

	"gobox/internal/applettest"
)

// alpineFiles and alpineDirs are what each run of tr against Alpine's
// BusyBox 1.36.1 found in its fresh working directory: files f and g and
// an empty directory d.
var (
	alpineFiles = map[string]string{"f": "b\na\n", "g": "a\nc\n"}
	alpineDirs  = []string{"d"}
)

func TestTrAlpine(t *testing.T) {
	applettest.RunAlpineCases(t, &Applet, []string{"LC_ALL=C"}, alpineFiles, alpineDirs, []applettest.AlpineCase{
		{Args: []string{"[:lower:]", "[:upper:]"}, Stdin: "hello\n", Stdout: "HELLO\n"},
		{Args: []string{"-d", "[:graph:]"}, Stdin: "a1!\n", Stdout: "1!\n"},
		{Args: []string{"z-a", "AB"}, Stdin: "zyx\n", Stdout: "zyx\n"},
		{Args: []string{"a", ""}, Stdin: "abc\n", Stderr: "tr: STRING2 cannot be empty\n", Code: 1},
		{Args: []string{"abc", "[x*]"}, Stdin: "abc\n", Stdout: "[x*\n"},
		{Args: []string{"-s", "a"}, Stdin: "aab\n", Stdout: "ab\n"},
		{Args: []string{"-s", "ab", "xy"}, Stdin: "aabbcc\n", Stdout: "xycc\n"},
		{Args: []string{"\\\\", "X"}, Stdin: "a\\b\n", Stdout: "aXb\n"},
		{Args: []string{"-c", "a", "X"}, Stdin: "abc\n", Stdout: "aXXX"},
		{Args: []string{"-C", "a", "X"}, Stdin: "abc\n", Stdout: "aXXX"},
		{Args: []string{"[=a=]", "X"}, Stdin: "abc\n", Stdout: "Xbc\n"},
		{Args: []string{"[=ab=]", "X"}, Stdin: "abc\n", Code: 1, Usage: true},
		{Args: []string{"[=", "X"}, Stdin: "abc\n", Code: 1, Usage: true},
		{Args: []string{"\\141", "X"}, Stdin: "abc\n", Stdout: "Xbc\n"},
		{Args: []string{"a-", "XY"}, Stdin: "a-c\n", Stdout: "XYc\n"},
		{Args: []string{"-d", "a", "X"}, Stdin: "abc\n", Stdout: "bc\n"},
		{Args: []string{}, Stdin: "abc\n", Code: 1, Usage: true},
		{Args: []string{"-ds", "a", "b"}, Stdin: "abc\n", Stdout: "bc\n"},
		{Args: []string{"[:space:]", "_"}, Stdin: "a b\n", Stdout: "a_b_"},
		{Args: []string{"[:upper:]", "a-"}, Stdin: "ABC\n", Stdout: "a--\n"},
		{Args: []string{"ab", "--"}, Stdin: "abc\n", Stdout: "--c\n"},
		{Args: []string{"a\\-c", "xyz"}, Stdin: "abc\n", Stdout: "zzz\n"},
		{Args: []string{"\\000", "X"}, Stdin: "a\x00b\n", Stdout: "aXb\n"},
		{Args: []string{"a-c", "\\0-\\2"}, Stdin: "abc", Stdout: "\x00\x01\x02"},
		{Args: []string{"ab", "\\x41\\x42"}, Stdin: "ab\n", Stdout: "AB\n"},
		{Args: []string{"\\q", "x"}, Stdin: "a\\q\n", Stdout: "axx\n"},
		{Args: []string{"-s", "ab", "ba"}, Stdin: "abab\n", Stdout: "baba\n"},
		{Args: []string{"a", "b", "c"}, Stdin: "abc\n", Stdout: "bbc\n"},
		{Args: []string{"-x", "a"}, Stdin: "abc\n", Stderr: "tr: unrecognized option: x\n", Code: 1, Usage: true},
		{Args: []string{"--", "-a", "x"}, Stdin: "a-b\n", Stdout: "xxb\n"},
		{Args: []string{"a\\", "x"}, Stdin: "a\\b\n", Stdout: "xxb\n"},
		{Args: []string{"[a", "AB"}, Stdin: "x[y]z\n", Stdout: "xAy]z\n"},
		{Args: []string{"[:", "AB"}, Stdin: "x:y\n", Stdout: "xBy\n"},
		{Args: []string{"[:alpha", "X"}, Stdin: "abc:\n", Stdout: "XbcX\n"},
		{Args: []string{"a-\\x63", "X"}, Stdin: "abcd\n", Stdout: "XXXd\n"},
		{Args: []string{"\\x", "X"}, Stdin: "a\\x\n", Stdout: "aXX\n"},
		{Args: []string{"[:digit:][:punct:]", "D"}, Stdin: "a1!b2?\n", Stdout: "aDDbDD\n"},
		{Args: []string{"-cd", "[:alnum:]\\n"}, Stdin: "a-b_c 1.2\n", Stdout: "abc12\n"},
		{Args: []string{"-s", "[:blank:]"}, Stdin: "a  \t b\n", Stdout: "a \t b\n"},
		{Args: []string{"[:xdigit:]", "x"}, Stdin: "0fAg\n", Stdout: "xxxg\n"},
		{Args: []string{"[:cntrl:]", "?"}, Stdin: "a\x01\x7fb\n", Stdout: "a??b?"},
		{Args: []string{"\\200-\\377", "?"}, Stdin: "a\xc3\xa9\n", Stdout: "a??\n"},
		{Args: []string{"-d", "\\t\\n\\r\\v\\f\\a\\b\\e"}, Stdin: "a\tb\nc\x0dd\x0b\x0c\x07\x08\x1b!\n", Stdout: "abcd!"},
	})
}
