package expr

import (
	"strings"
	"testing"

	"gobox/internal/applettest"
)

func TestAlpine(t *testing.T) {
	applettest.RunAlpineCases(t, &Applet, nil, nil, nil, alpineCases)
}

// alpineCases were taken from Alpine's BusyBox 1.36.1.
var alpineCases = []applettest.AlpineCase{
	{Args: []string{"1", "+", "2", "*", "3"}, Stdout: "7\n"},
	{Args: []string{"(", "1", "+", "2", ")", "*", "3"}, Stdout: "9\n"},
	{Args: []string{"7", "/", "2"}, Stdout: "3\n"},
	{Args: []string{"-7", "/", "2"}, Stdout: "-3\n"},
	{Args: []string{"-7", "%", "2"}, Stdout: "-1\n"},
	{Args: []string{"7", "%", "-2"}, Stdout: "1\n"},
	{Args: []string{"9223372036854775807", "+", "1"}, Stdout: "-9223372036854775808\n"},
	{Args: []string{"99999999999999999999", "+", "0"}, Stdout: "9223372036854775807\n"},
	{Args: []string{"-99999999999999999999", "+", "0"}, Stdout: "-9223372036854775808\n"},
	{Args: []string{"-9223372036854775808", "*", "-1"}, Stdout: "-9223372036854775808\n"},
	{Args: []string{"1", "/", "0"}, Stderr: "expr: division by zero\n", Code: 2},
	{Args: []string{"1", "%", "0"}, Stderr: "expr: division by zero\n", Code: 2},
	{Args: []string{"a", "+", "1"}, Stderr: "expr: non-numeric argument\n", Code: 2},
	{Args: []string{"10", "<", "9"}, Stdout: "0\n", Code: 1},
	{Args: []string{"10", "<", "9a"}, Stdout: "1\n"},
	{Args: []string{"a", "<", "b"}, Stdout: "1\n"},
	{Args: []string{"\\ 12", "=", "12"}, Stdout: "0\n", Code: 1},
	{Args: []string{"\\ 12", "<", "a"}, Stdout: "1\n"},
	{Args: []string{"2", "<=", "2"}, Stdout: "1\n"},
	{Args: []string{"2", "==", "2"}, Stdout: "1\n"},
	{Args: []string{"a", "!=", "b"}, Stdout: "1\n"},
	{Args: []string{"3", ">=", "4"}, Stdout: "0\n", Code: 1},
	{Args: []string{"3", ">", "2"}, Stdout: "1\n"},
	{Args: []string{"0", "|", "5"}, Stdout: "5\n"},
	{Args: []string{"", "|", "0"}, Stdout: "0\n", Code: 1},
	{Args: []string{"a", "|", "b"}, Stdout: "a\n"},
	{Args: []string{"0", "&", "5"}, Stdout: "0\n", Code: 1},
	{Args: []string{"3", "&", "5"}, Stdout: "3\n"},
	{Args: []string{"3", "&", ""}, Stdout: "0\n", Code: 1},
	{Args: []string{"hello", ":", "hel"}, Stdout: "3\n"},
	{Args: []string{"hello", ":", "\\(h.*\\)o"}, Stdout: "hell\n"},
	{Args: []string{"hello", ":", "x"}, Stdout: "0\n", Code: 1},
	{Args: []string{"hello", ":", "\\(x\\)"}, Stdout: "\n", Code: 1},
	{Args: []string{"5", ":", "\\(x\\)*5"}, Stdout: "1\n"},
	{Args: []string{"abc", ":", "^a"}, Stdout: "1\n", Stderr: "expr: warning: '^a': using '^' as the first character\nof a basic regular expression is not portable; it is ignored\n"},
	{Args: []string{"abc", ":", "a\\("}, Stderr: "expr: bad regex 'a\\(': Missing ')'\n", Code: 2},
	{Args: []string{"match", "hello", "h\\(e\\)"}, Stdout: "e\n"},
	{Args: []string{"substr", "hello", "2", "3"}, Stdout: "ell\n"},
	{Args: []string{"substr", "hello", "0", "3"}, Stdout: "\n", Code: 1},
	{Args: []string{"substr", "hello", "5", "9"}, Stdout: "o\n"},
	{Args: []string{"substr", "hello", "6", "1"}, Stdout: "\n", Code: 1},
	{Args: []string{"substr", "hello", "a", "1"}, Stdout: "\n", Code: 1},
	{Args: []string{"substr", "hello", "2", "-1"}, Stdout: "\n", Code: 1},
	{Args: []string{"index", "hello", "lo"}, Stdout: "3\n"},
	{Args: []string{"index", "hello", "z"}, Stdout: "0\n", Code: 1},
	{Args: []string{"index", "hello", ""}, Stdout: "0\n", Code: 1},
	{Args: []string{"length", "hello"}, Stdout: "5\n"},
	{Args: []string{"length", ""}, Stdout: "0\n", Code: 1},
	{Args: []string{"length", "(", "1", "+", "1", ")"}, Stdout: "1\n"},
	{Args: []string{"quote", "length"}, Stdout: "length\n"},
	{Args: []string{"quote", "+"}, Stdout: "+\n"},
	{Args: []string{"quote"}, Stderr: "expr: syntax error\n", Code: 2},
	{Args: []string{"length"}, Stderr: "expr: syntax error\n", Code: 2},
	{Args: []string{"+", "1"}, Stderr: "expr: syntax error\n", Code: 2},
	{Args: []string{"1", "+"}, Stderr: "expr: syntax error\n", Code: 2},
	{Args: []string{"index", "=", "index"}, Stderr: "expr: syntax error\n", Code: 2},
	{Args: []string{"length", "length"}, Stderr: "expr: syntax error\n", Code: 2},
	{Args: []string{"", ":", ""}, Stdout: "0\n", Code: 1},
	{Args: []string{"abc", ":", ".*"}, Stdout: "3\n"},
	{Args: []string{"abc", ":", "b"}, Stdout: "0\n", Code: 1},
	{Args: []string{"abcabc", ":", "\\(abc\\)*"}, Stdout: "abc\n"},
	{Args: []string{"aaa", ":", "a\\{2\\}"}, Stdout: "2\n"},
	{Args: []string{"abc", ":", "[b-c]*"}, Stdout: "0\n", Code: 1},
	{Args: []string{"00"}, Stdout: "00\n"},
	{Args: []string{"-0"}, Stdout: "-0\n"},
	{Args: []string{"-1"}, Stdout: "-1\n"},
	{Args: []string{"\\ "}, Stdout: "\\ \n"},
	{Args: []string{"00", "|", "7"}, Stdout: "00\n"},
	{Args: []string{"1", ":", "2", ":", "3"}, Stdout: "0\n", Code: 1},
	{Args: []string{"5", "+", "+5"}, Stdout: "10\n"},
	{Args: []string{"5", "+", "\\ 5"}, Stderr: "expr: non-numeric argument\n", Code: 2},
	{Args: []string{"5", "+", "5\\ "}, Stderr: "expr: non-numeric argument\n", Code: 2},
	{Args: []string{"0x10", "+", "1"}, Stderr: "expr: non-numeric argument\n", Code: 2},
	{Args: []string{"1", "-", "-1"}, Stdout: "2\n"},
	{Args: []string{"(", "1"}, Stderr: "expr: syntax error\n", Code: 2},
	{Args: []string{"1", ")"}, Stderr: "expr: syntax error\n", Code: 2},
	{Args: []string{"(", ")"}, Stderr: "expr: syntax error\n", Code: 2},
	{Args: []string{"1", "2"}, Stderr: "expr: syntax error\n", Code: 2},
	{Args: []string{"--"}, Stdout: "--\n"},
	{Args: []string{"\xc3\xa9", ":", "."}, Stdout: "2\n"},
	{Args: []string{"length", "\xc3\xa9"}, Stdout: "2\n"},
	{Args: []string{}, Stderr: "expr: too few arguments\n", Code: 2},
}

// FuzzExpr: any argument vector (NUL-separated) gives a value or an
// error, never a panic, and the status is 0, 1 or 2 (or 136 for the
// division BusyBox dies of).
func FuzzExpr(f *testing.F) {
	for _, seed := range []string{
		"1\x00+\x002", "(\x001\x00)", "a\x00:\x00\\(a\\)", "substr\x00abc\x002\x001",
		"index\x00abc\x00c", "length\x00quote\x00(", "1\x00|\x000\x00&\x00a\x00<\x00b",
		"(\x00(\x00(", "match\x00x\x00[", "-9223372036854775808\x00/\x00-1",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in string) {
		args := strings.Split(in, "\x00")
		r := applettest.Cmd{Args: args}.Run(t, &Applet)
		switch r.Code {
		case 0, 1, 2, 136:
		default:
			t.Fatalf("expr %q: status %d, stderr %q", args, r.Code, r.Stderr)
		}
	})
}
