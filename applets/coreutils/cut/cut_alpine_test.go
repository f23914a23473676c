package cut

import (
	"testing"

	"gobox/internal/applettest"
)

// alpineFiles and alpineDirs are what each run of cut against Alpine's
// BusyBox 1.36.1 found in its fresh working directory: files f and g and
// an empty directory d.
var (
	alpineFiles = map[string]string{"f": "b\na\n", "g": "a\nc\n"}
	alpineDirs  = []string{"d"}
)

func TestCutAlpine(t *testing.T) {
	applettest.RunAlpineCases(t, &Applet, []string{"LC_ALL=C"}, alpineFiles, alpineDirs, []applettest.AlpineCase{
		{Args: []string{"-b1", "-b2", "f"}, Code: 1, Usage: true},
		{Args: []string{"-b1", "-c2", "f"}, Code: 1, Usage: true},
		{Args: []string{"-d", "ab", "-f1,2"}, Stdin: "xaybz\n", Stdout: "xabybz\n"},
		{Args: []string{"-d:", "-f0"}, Stdin: "a:b:c\n", Stdout: "a\n"},
		{Args: []string{"-d:", "-f3-1"}, Stdin: "a:b:c\n", Stderr: "cut: 1<2\n", Code: 1},
		{Args: []string{"-d:", "-f,"}, Stdin: "a:b:c\n", Stderr: "cut: missing list of positions\n", Code: 1},
		{Args: []string{"f"}, Stderr: "cut: expected a list of bytes, characters, or fields\n", Code: 1},
		{Args: []string{"-b1", "-s", "f"}, Stderr: "cut: suppressing non-delimited lines makes sense only when operating on fields\n", Code: 1},
		{Args: []string{"-c1", "-d:", "f"}, Stderr: "cut: a delimiter may be specified only when operating on fields\n", Code: 1},
		{Args: []string{"-f1", "-s"}, Stdin: "\n", Stdout: "\n"},
		{Args: []string{"-f1", "-s"}, Stdin: "abc\n"},
		{Args: []string{"-f1"}, Stdin: "abc\n", Stdout: "abc\n"},
		{Args: []string{"-d:", "-f3,1"}, Stdin: "a:b:c\n", Stdout: "a:c\n"},
		{Args: []string{"-d:", "-D", "-f3,1"}, Stdin: "a:b:c\n", Stdout: "c:a\n"},
		{Args: []string{"-c", "5-,1-2"}, Stdin: "abcdef\n", Stdout: "abef\n"},
		{Args: []string{"-D", "-c", "5-,1-2"}, Stdin: "abcdef\n", Stdout: "efab\n"},
		{Args: []string{"-d:", "-O_", "-f1,3"}, Stdin: "a:b:c\n", Stdout: "a_c\n"},
		{Args: []string{"-d", "\\n", "-f2,4-"}, Stdin: "l1\nl2\nl3\nl4\nl5\n", Stdout: "l1\nl2\nl3\nl4\nl5\n"},
		{Args: []string{"-d:", "-f", "-2"}, Stdin: "a:b:c\n", Stdout: "a:b\n"},
		{Args: []string{"-d:", "-f", "x"}, Stdin: "a:b:c\n", Stderr: "cut: invalid number 'x'\n", Code: 1},
		{Args: []string{"-d:", "-f", "2-x"}, Stdin: "a:b:c\n", Stderr: "cut: invalid number 'x'\n", Code: 1},
		{Args: []string{"-d", "", "-f2"}, Stdin: "a\tb\n", Stdout: "b\n"},
		{Args: []string{"-d:", "-f2-3"}, Stdin: "a:b:c:d:e\n::\nabc\n:x\nx:\n", Stdout: "b:c\n:\nabc\nx\n\n"},
		{Args: []string{"-d:", "-f1,4-"}, Stdin: "a:b:c:d:e\n::\nabc\n:x\nx:\n", Stdout: "a:d:e\n:\nabc\n:\nx:\n"},
		{Args: []string{"-s", "-d:", "-f2"}, Stdin: "a:b:c:d:e\n::\nabc\n:x\nx:\n", Stdout: "b\n\nx\n\n"},
		{Args: []string{"-d:", "-D", "-f4-,2,1-2"}, Stdin: "a:b:c:d:e\n", Stdout: "d:e:b:a:b\n"},
		{Args: []string{"-d:", "-f5-9"}, Stdin: "a:b:c:d:e\n", Stdout: "e\n"},
		{Args: []string{"-d:", "-f", "9"}, Stdin: "a:b:c:d:e\n", Stdout: "\n"},
		{Args: []string{"-b", "-0"}, Stdin: "abcdefgh\n", Stdout: "a\n"},
		{Args: []string{"-b", "3-3,2-4,7-"}, Stdin: "abcdefgh\n", Stdout: "bcdgh\n"},
		{Args: []string{"-c1"}, Stdin: "b\x00a\nc", Stdout: "b\na\nc\n"},
		{Args: []string{"-f1", "nope", "f", "d"}, Stdout: "b\na\n", Stderr: "cut: nope: No such file or directory\n", Code: 1},
		{Args: []string{"-d:", "-O", "", "-f1,2"}, Stdin: "a:b\n", Stdout: "ab\n"},
		{Args: []string{"-n", "-c1"}, Stdin: "a b\n", Stdout: "a\n"},
		{Args: []string{"-f1", "-d:", "-f2"}, Stdin: "a:b\n", Code: 1, Usage: true},
		{Args: []string{"-f", "1-2147483648"}, Stdin: "a\n", Stderr: "cut: number 2147483648 is not in 0..2147483647 range\n", Code: 1},
		{Args: []string{"-f", "4294967295"}, Stdin: "a\n", Stderr: "cut: number 4294967295 is not in 0..2147483647 range\n", Code: 1},
		{Args: []string{"-c", "1-3"}, Stdin: "h\xc3\xa9llo\n", Stdout: "h\xc3\xa9\n"},
		{Args: []string{"-f", "2"}, Stdin: "a\tb\tc\n", Stdout: "b\n"},
		{Args: []string{"-f", "2-", "-s"}, Stdin: "a\tb\tc\nno tab\n", Stdout: "b\tc\n"},
		{Args: []string{"-x"}, Stderr: "cut: unrecognized option: x\n", Code: 1, Usage: true},
	})
}
