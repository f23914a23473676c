package expr

import (
	"strings"
	"testing"

	"gobox/internal/applet"
	"gobox/internal/applettest"
)

// alpineCase is one run and what Alpine's BusyBox 1.36.1 gave for it, in
// its chroot, in a directory that setup prepared: standard output,
// standard error (up to the usage text when usage is set) and the exit
// status.
type alpineCase struct {
	args           []string
	stdin          string
	stdout, stderr string
	code           int
	usage          bool
}

// setup makes the files the cases read: nothing: expr reads no file.
func setup(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	_ = dir // expr reads no file
	return dir
}

func runAlpine(t *testing.T, a *applet.Applet, cases []alpineCase) {
	t.Helper()
	for _, tc := range cases {
		r := applettest.Cmd{Args: tc.args, Dir: setup(t), Stdin: tc.stdin}.Run(t, a)
		stderr := r.Stderr
		if tc.usage {
			if i := strings.Index(stderr, "gobox "); i >= 0 {
				stderr = stderr[:i]
			} else {
				t.Errorf("%s %q: no usage in stderr %q", a.Name, tc.args, stderr)
			}
		}
		if r.Stdout != tc.stdout || stderr != tc.stderr || r.Code != tc.code {
			t.Errorf("%s %q <%q:\ngot  %q, %q, %d\nwant %q, %q, %d", a.Name, tc.args, tc.stdin,
				r.Stdout, stderr, r.Code, tc.stdout, tc.stderr, tc.code)
		}
	}
}

func TestAlpine(t *testing.T) { runAlpine(t, &Applet, alpineCases) }

// alpineCases were taken from Alpine's BusyBox 1.36.1.
var alpineCases = []alpineCase{
	{args: []string{"1", "+", "2", "*", "3"}, stdin: "", stdout: "7\n", stderr: "", code: 0},
	{args: []string{"(", "1", "+", "2", ")", "*", "3"}, stdin: "", stdout: "9\n", stderr: "", code: 0},
	{args: []string{"7", "/", "2"}, stdin: "", stdout: "3\n", stderr: "", code: 0},
	{args: []string{"-7", "/", "2"}, stdin: "", stdout: "-3\n", stderr: "", code: 0},
	{args: []string{"-7", "%", "2"}, stdin: "", stdout: "-1\n", stderr: "", code: 0},
	{args: []string{"7", "%", "-2"}, stdin: "", stdout: "1\n", stderr: "", code: 0},
	{args: []string{"9223372036854775807", "+", "1"}, stdin: "", stdout: "-9223372036854775808\n", stderr: "", code: 0},
	{args: []string{"99999999999999999999", "+", "0"}, stdin: "", stdout: "9223372036854775807\n", stderr: "", code: 0},
	{args: []string{"-99999999999999999999", "+", "0"}, stdin: "", stdout: "-9223372036854775808\n", stderr: "", code: 0},
	{args: []string{"-9223372036854775808", "*", "-1"}, stdin: "", stdout: "-9223372036854775808\n", stderr: "", code: 0},
	{args: []string{"1", "/", "0"}, stdin: "", stdout: "", stderr: "expr: division by zero\n", code: 2},
	{args: []string{"1", "%", "0"}, stdin: "", stdout: "", stderr: "expr: division by zero\n", code: 2},
	{args: []string{"a", "+", "1"}, stdin: "", stdout: "", stderr: "expr: non-numeric argument\n", code: 2},
	{args: []string{"10", "<", "9"}, stdin: "", stdout: "0\n", stderr: "", code: 1},
	{args: []string{"10", "<", "9a"}, stdin: "", stdout: "1\n", stderr: "", code: 0},
	{args: []string{"a", "<", "b"}, stdin: "", stdout: "1\n", stderr: "", code: 0},
	{args: []string{"\\ 12", "=", "12"}, stdin: "", stdout: "0\n", stderr: "", code: 1},
	{args: []string{"\\ 12", "<", "a"}, stdin: "", stdout: "1\n", stderr: "", code: 0},
	{args: []string{"2", "<=", "2"}, stdin: "", stdout: "1\n", stderr: "", code: 0},
	{args: []string{"2", "==", "2"}, stdin: "", stdout: "1\n", stderr: "", code: 0},
	{args: []string{"a", "!=", "b"}, stdin: "", stdout: "1\n", stderr: "", code: 0},
	{args: []string{"3", ">=", "4"}, stdin: "", stdout: "0\n", stderr: "", code: 1},
	{args: []string{"3", ">", "2"}, stdin: "", stdout: "1\n", stderr: "", code: 0},
	{args: []string{"0", "|", "5"}, stdin: "", stdout: "5\n", stderr: "", code: 0},
	{args: []string{"", "|", "0"}, stdin: "", stdout: "0\n", stderr: "", code: 1},
	{args: []string{"a", "|", "b"}, stdin: "", stdout: "a\n", stderr: "", code: 0},
	{args: []string{"0", "&", "5"}, stdin: "", stdout: "0\n", stderr: "", code: 1},
	{args: []string{"3", "&", "5"}, stdin: "", stdout: "3\n", stderr: "", code: 0},
	{args: []string{"3", "&", ""}, stdin: "", stdout: "0\n", stderr: "", code: 1},
	{args: []string{"hello", ":", "hel"}, stdin: "", stdout: "3\n", stderr: "", code: 0},
	{args: []string{"hello", ":", "\\(h.*\\)o"}, stdin: "", stdout: "hell\n", stderr: "", code: 0},
	{args: []string{"hello", ":", "x"}, stdin: "", stdout: "0\n", stderr: "", code: 1},
	{args: []string{"hello", ":", "\\(x\\)"}, stdin: "", stdout: "\n", stderr: "", code: 1},
	{args: []string{"5", ":", "\\(x\\)*5"}, stdin: "", stdout: "1\n", stderr: "", code: 0},
	{args: []string{"abc", ":", "^a"}, stdin: "", stdout: "1\n", stderr: "expr: warning: '^a': using '^' as the first character\nof a basic regular expression is not portable; it is ignored\n", code: 0},
	{args: []string{"abc", ":", "a\\("}, stdin: "", stdout: "", stderr: "expr: bad regex 'a\\(': Missing ')'\n", code: 2},
	{args: []string{"match", "hello", "h\\(e\\)"}, stdin: "", stdout: "e\n", stderr: "", code: 0},
	{args: []string{"substr", "hello", "2", "3"}, stdin: "", stdout: "ell\n", stderr: "", code: 0},
	{args: []string{"substr", "hello", "0", "3"}, stdin: "", stdout: "\n", stderr: "", code: 1},
	{args: []string{"substr", "hello", "5", "9"}, stdin: "", stdout: "o\n", stderr: "", code: 0},
	{args: []string{"substr", "hello", "6", "1"}, stdin: "", stdout: "\n", stderr: "", code: 1},
	{args: []string{"substr", "hello", "a", "1"}, stdin: "", stdout: "\n", stderr: "", code: 1},
	{args: []string{"substr", "hello", "2", "-1"}, stdin: "", stdout: "\n", stderr: "", code: 1},
	{args: []string{"index", "hello", "lo"}, stdin: "", stdout: "3\n", stderr: "", code: 0},
	{args: []string{"index", "hello", "z"}, stdin: "", stdout: "0\n", stderr: "", code: 1},
	{args: []string{"index", "hello", ""}, stdin: "", stdout: "0\n", stderr: "", code: 1},
	{args: []string{"length", "hello"}, stdin: "", stdout: "5\n", stderr: "", code: 0},
	{args: []string{"length", ""}, stdin: "", stdout: "0\n", stderr: "", code: 1},
	{args: []string{"length", "(", "1", "+", "1", ")"}, stdin: "", stdout: "1\n", stderr: "", code: 0},
	{args: []string{"quote", "length"}, stdin: "", stdout: "length\n", stderr: "", code: 0},
	{args: []string{"quote", "+"}, stdin: "", stdout: "+\n", stderr: "", code: 0},
	{args: []string{"quote"}, stdin: "", stdout: "", stderr: "expr: syntax error\n", code: 2},
	{args: []string{"length"}, stdin: "", stdout: "", stderr: "expr: syntax error\n", code: 2},
	{args: []string{"+", "1"}, stdin: "", stdout: "", stderr: "expr: syntax error\n", code: 2},
	{args: []string{"1", "+"}, stdin: "", stdout: "", stderr: "expr: syntax error\n", code: 2},
	{args: []string{"index", "=", "index"}, stdin: "", stdout: "", stderr: "expr: syntax error\n", code: 2},
	{args: []string{"length", "length"}, stdin: "", stdout: "", stderr: "expr: syntax error\n", code: 2},
	{args: []string{"", ":", ""}, stdin: "", stdout: "0\n", stderr: "", code: 1},
	{args: []string{"abc", ":", ".*"}, stdin: "", stdout: "3\n", stderr: "", code: 0},
	{args: []string{"abc", ":", "b"}, stdin: "", stdout: "0\n", stderr: "", code: 1},
	{args: []string{"abcabc", ":", "\\(abc\\)*"}, stdin: "", stdout: "abc\n", stderr: "", code: 0},
	{args: []string{"aaa", ":", "a\\{2\\}"}, stdin: "", stdout: "2\n", stderr: "", code: 0},
	{args: []string{"abc", ":", "[b-c]*"}, stdin: "", stdout: "0\n", stderr: "", code: 1},
	{args: []string{"00"}, stdin: "", stdout: "00\n", stderr: "", code: 0},
	{args: []string{"-0"}, stdin: "", stdout: "-0\n", stderr: "", code: 0},
	{args: []string{"-1"}, stdin: "", stdout: "-1\n", stderr: "", code: 0},
	{args: []string{"\\ "}, stdin: "", stdout: "\\ \n", stderr: "", code: 0},
	{args: []string{"00", "|", "7"}, stdin: "", stdout: "00\n", stderr: "", code: 0},
	{args: []string{"1", ":", "2", ":", "3"}, stdin: "", stdout: "0\n", stderr: "", code: 1},
	{args: []string{"5", "+", "+5"}, stdin: "", stdout: "10\n", stderr: "", code: 0},
	{args: []string{"5", "+", "\\ 5"}, stdin: "", stdout: "", stderr: "expr: non-numeric argument\n", code: 2},
	{args: []string{"5", "+", "5\\ "}, stdin: "", stdout: "", stderr: "expr: non-numeric argument\n", code: 2},
	{args: []string{"0x10", "+", "1"}, stdin: "", stdout: "", stderr: "expr: non-numeric argument\n", code: 2},
	{args: []string{"1", "-", "-1"}, stdin: "", stdout: "2\n", stderr: "", code: 0},
	{args: []string{"(", "1"}, stdin: "", stdout: "", stderr: "expr: syntax error\n", code: 2},
	{args: []string{"1", ")"}, stdin: "", stdout: "", stderr: "expr: syntax error\n", code: 2},
	{args: []string{"(", ")"}, stdin: "", stdout: "", stderr: "expr: syntax error\n", code: 2},
	{args: []string{"1", "2"}, stdin: "", stdout: "", stderr: "expr: syntax error\n", code: 2},
	{args: []string{"--"}, stdin: "", stdout: "--\n", stderr: "", code: 0},
	{args: []string{"\xc3\xa9", ":", "."}, stdin: "", stdout: "2\n", stderr: "", code: 0},
	{args: []string{"length", "\xc3\xa9"}, stdin: "", stdout: "2\n", stderr: "", code: 0},
	{args: []string{}, stdin: "", stdout: "", stderr: "expr: too few arguments\n", code: 2},
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
