package tr

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gobox/internal/applet"
	"gobox/internal/applettest"
)

// alpineCase is one run of tr and what Alpine's BusyBox 1.36.1 gave
// for it (the expected values were taken from it, in its chroot): standard
// output, standard error (up to the usage text when usage is set) and
// the exit status.
type alpineCase struct {
	args           []string
	stdin          string
	stdout, stderr string
	code           int
	usage          bool
}

// runAlpineCases runs applet a on each case in a fresh directory holding f ("b\na\n"),
// g ("a\nc\n") and an empty directory d, with the environment env.
func runAlpineCases(t *testing.T, a *applet.Applet, env []string, cases []alpineCase) {
	t.Helper()
	for _, tc := range cases {
		dir := t.TempDir()
		for name, data := range map[string]string{"f": "b\na\n", "g": "a\nc\n"} {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.Mkdir(filepath.Join(dir, "d"), 0o755); err != nil {
			t.Fatal(err)
		}
		r := applettest.Cmd{Args: tc.args, Dir: dir, Stdin: tc.stdin, Env: env}.Run(t, a)
		stderr := r.Stderr
		if tc.usage {
			i := strings.Index(stderr, "Usage: "+a.Name)
			j := strings.LastIndex(stderr[:max(i, 0)], "gobox ")
			if i < 0 || j < 0 {
				t.Errorf("%s %q: no usage in stderr %q", a.Name, tc.args, stderr)
				continue
			}
			stderr = stderr[:j]
		}
		if r.Stdout != tc.stdout || stderr != tc.stderr || r.Code != tc.code {
			t.Errorf("%s %q <<< %q:\ngot  %q %q %d\nwant %q %q %d", a.Name, tc.args, tc.stdin, r.Stdout, stderr, r.Code, tc.stdout, tc.stderr, tc.code)
		}
	}
}

func TestTrAlpine(t *testing.T) {
	runAlpineCases(t, &Applet, []string{"LC_ALL=C"}, []alpineCase{
		{[]string{"[:lower:]", "[:upper:]"}, "hello\n", "HELLO\n", "", 0, false},
		{[]string{"-d", "[:graph:]"}, "a1!\n", "1!\n", "", 0, false},
		{[]string{"z-a", "AB"}, "zyx\n", "zyx\n", "", 0, false},
		{[]string{"a", ""}, "abc\n", "", "tr: STRING2 cannot be empty\n", 1, false},
		{[]string{"abc", "[x*]"}, "abc\n", "[x*\n", "", 0, false},
		{[]string{"-s", "a"}, "aab\n", "ab\n", "", 0, false},
		{[]string{"-s", "ab", "xy"}, "aabbcc\n", "xycc\n", "", 0, false},
		{[]string{"\\\\", "X"}, "a\\b\n", "aXb\n", "", 0, false},
		{[]string{"-c", "a", "X"}, "abc\n", "aXXX", "", 0, false},
		{[]string{"-C", "a", "X"}, "abc\n", "aXXX", "", 0, false},
		{[]string{"[=a=]", "X"}, "abc\n", "Xbc\n", "", 0, false},
		{[]string{"[=ab=]", "X"}, "abc\n", "", "", 1, true},
		{[]string{"[=", "X"}, "abc\n", "", "", 1, true},
		{[]string{"\\141", "X"}, "abc\n", "Xbc\n", "", 0, false},
		{[]string{"a-", "XY"}, "a-c\n", "XYc\n", "", 0, false},
		{[]string{"-d", "a", "X"}, "abc\n", "bc\n", "", 0, false},
		{[]string{}, "abc\n", "", "", 1, true},
		{[]string{"-ds", "a", "b"}, "abc\n", "bc\n", "", 0, false},
		{[]string{"[:space:]", "_"}, "a b\n", "a_b_", "", 0, false},
		{[]string{"[:upper:]", "a-"}, "ABC\n", "a--\n", "", 0, false},
		{[]string{"ab", "--"}, "abc\n", "--c\n", "", 0, false},
		{[]string{"a\\-c", "xyz"}, "abc\n", "zzz\n", "", 0, false},
		{[]string{"\\000", "X"}, "a\x00b\n", "aXb\n", "", 0, false},
		{[]string{"a-c", "\\0-\\2"}, "abc", "\x00\x01\x02", "", 0, false},
		{[]string{"ab", "\\x41\\x42"}, "ab\n", "AB\n", "", 0, false},
		{[]string{"\\q", "x"}, "a\\q\n", "axx\n", "", 0, false},
		{[]string{"-s", "ab", "ba"}, "abab\n", "baba\n", "", 0, false},
		{[]string{"a", "b", "c"}, "abc\n", "bbc\n", "", 0, false},
		{[]string{"-x", "a"}, "abc\n", "", "tr: unrecognized option: x\n", 1, true},
		{[]string{"--", "-a", "x"}, "a-b\n", "xxb\n", "", 0, false},
		{[]string{"a\\", "x"}, "a\\b\n", "xxb\n", "", 0, false},
		{[]string{"[a", "AB"}, "x[y]z\n", "xAy]z\n", "", 0, false},
		{[]string{"[:", "AB"}, "x:y\n", "xBy\n", "", 0, false},
		{[]string{"[:alpha", "X"}, "abc:\n", "XbcX\n", "", 0, false},
		{[]string{"a-\\x63", "X"}, "abcd\n", "XXXd\n", "", 0, false},
		{[]string{"\\x", "X"}, "a\\x\n", "aXX\n", "", 0, false},
		{[]string{"[:digit:][:punct:]", "D"}, "a1!b2?\n", "aDDbDD\n", "", 0, false},
		{[]string{"-cd", "[:alnum:]\\n"}, "a-b_c 1.2\n", "abc12\n", "", 0, false},
		{[]string{"-s", "[:blank:]"}, "a  \t b\n", "a \t b\n", "", 0, false},
		{[]string{"[:xdigit:]", "x"}, "0fAg\n", "xxxg\n", "", 0, false},
		{[]string{"[:cntrl:]", "?"}, "a\x01\x7fb\n", "a??b?", "", 0, false},
		{[]string{"\\200-\\377", "?"}, "a\xc3\xa9\n", "a??\n", "", 0, false},
		{[]string{"-d", "\\t\\n\\r\\v\\f\\a\\b\\e"}, "a\tb\nc\x0dd\x0b\x0c\x07\x08\x1b!\n", "abcd!", "", 0, false},
	})
}
