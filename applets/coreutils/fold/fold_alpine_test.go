package fold

import (
	"testing"

	"gobox/internal/applettest"
)

// alpineFiles and alpineDirs are what each run of fold against Alpine's
// BusyBox 1.36.1 found in its fresh working directory: files f and g and
// an empty directory d.
var (
	alpineFiles = map[string]string{"f": "b\na\n", "g": "a\nc\n"}
	alpineDirs  = []string{"d"}
)

func TestFoldAlpine(t *testing.T) {
	applettest.RunAlpineCases(t, &Applet, []string{"LC_ALL=C"}, alpineFiles, alpineDirs, []applettest.AlpineCase{
		{Args: []string{"-w", "0", "f"}, Stderr: "fold: number 0 is not in 1..10000 range\n", Code: 1},
		{Args: []string{"-w", "10001", "f"}, Stderr: "fold: number 10001 is not in 1..10000 range\n", Code: 1},
		{Args: []string{"-w", "4294967296", "f"}, Stderr: "fold: invalid number '4294967296'\n", Code: 1},
		{Args: []string{"-5", "f"}, Stderr: "fold: unrecognized option: 5\n", Code: 1, Usage: true},
		{Args: []string{"-w", "4"}, Stdin: "a\tbcdefghij\n", Stdout: "a\n\t\nbcde\nfghi\nj\n"},
		{Args: []string{"-s", "-w", "5"}, Stdin: "ab cd ef gh\n", Stdout: "ab \ncd \nef gh\n"},
		{Args: []string{"-w", "4"}, Stdin: "abc\x08\x08\x08defghij\n", Stdout: "abc\x08\x08\x08defg\nhij\n"},
		{Args: []string{"-b", "-w", "3"}, Stdin: "abcdefgh\x0dij\n", Stdout: "abc\ndef\ngh\x0d\nij\n"},
		{Args: []string{"nope", "f", "d"}, Stdout: "b\na\n", Stderr: "fold: nope: No such file or directory\nfold: d: I/O error\n", Code: 1},
		{Args: []string{"-w3"}, Stdin: "b\x00a\nc\x00\x00d", Stdout: "b\x00a\nc\x00\x00\nd"},
		{Args: []string{"-s", "-w", "7"}, Stdin: "aaaa bbbb cccc dddddddddddd e f g\n", Stdout: "aaaa \nbbbb \ncccc \nddddddd\nddddd \ne f g\n"},
		{Args: []string{"-s", "-w", "10"}, Stdin: "a\tb\tc d\te\n", Stdout: "a\t\nb\tc \nd\te\n"},
		{Args: []string{"-sw1"}, Stdin: "a b c d e f g h i j k l m\n", Stdout: "a\n \nb\n \nc\n \nd\n \ne\n \nf\n \ng\n \nh\n \ni\n \nj\n \nk\n \nl\n \nm\n"},
		{Args: []string{"-s", "-w", "3"}, Stdin: "      x\n", Stdout: "   \n   \nx\n"},
		{Args: []string{"-s", "-w", "4"}, Stdin: "word1 word2\nword3\n\nx", Stdout: "word\n1 \nword\n2\nword\n3\n\nx"},
		{Args: []string{"-w", "5"}, Stdin: "h\xc3\xa9llo w\xc3\xb6rld\n", Stdout: "h\xc3\xa9ll\no w\xc3\xb6\nrld\n"},
		{Args: []string{"-w3", "f", "g"}, Stdout: "b\na\na\nc\n"},
		{Args: []string{"-s", "-w", "4"}, Stdin: "ab\x0d  cd ef\x08\x08gh ij\n", Stdout: "ab\x0d  \ncd \nef\x08\x08gh \nij\n"},
		{Args: []string{"-w", "2", "-", "f", "-"}, Stdin: "xyz\n", Stdout: "xy\nz\nb\na\n"},
	})
}

// TestFoldAlpineUTF8 runs cases in musl's default locale, C.UTF-8 (no
// LC_ALL, LC_CTYPE or LANG set).
func TestFoldAlpineUTF8(t *testing.T) {
	applettest.RunAlpineCases(t, &Applet, []string{}, alpineFiles, alpineDirs, []applettest.AlpineCase{
		{Args: []string{"-w", "5"}, Stdin: "h\xc3\xa9llo w\xc3\xb6rld\n", Stdout: "h\xc3\xa9llo\n w\xc3\xb6rl\nd\n"},
		{Args: []string{"-s", "-w", "5"}, Stdin: "h\xc3\xa9llo w\xc3\xb6rld\n", Stdout: "h\xc3\xa9llo\n \nw\xc3\xb6rld\n"},
		{Args: []string{"-b", "-w", "5"}, Stdin: "h\xc3\xa9llo w\xc3\xb6rld\n", Stdout: "h\xc3\xa9ll\no w\xc3\xb6\nrld\n"},
	})
}
