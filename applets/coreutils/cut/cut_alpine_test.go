package cut

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gobox/internal/applet"
	"gobox/internal/applettest"
)

// alpineCase is one run of cut and what Alpine's BusyBox 1.36.1 gave
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

func TestCutAlpine(t *testing.T) {
	runAlpineCases(t, &Applet, []string{"LC_ALL=C"}, []alpineCase{
		{[]string{"-b1", "-b2", "f"}, "", "", "", 1, true},
		{[]string{"-b1", "-c2", "f"}, "", "", "", 1, true},
		{[]string{"-d", "ab", "-f1,2"}, "xaybz\n", "xabybz\n", "", 0, false},
		{[]string{"-d:", "-f0"}, "a:b:c\n", "a\n", "", 0, false},
		{[]string{"-d:", "-f3-1"}, "a:b:c\n", "", "cut: 1<2\n", 1, false},
		{[]string{"-d:", "-f,"}, "a:b:c\n", "", "cut: missing list of positions\n", 1, false},
		{[]string{"f"}, "", "", "cut: expected a list of bytes, characters, or fields\n", 1, false},
		{[]string{"-b1", "-s", "f"}, "", "", "cut: suppressing non-delimited lines makes sense only when operating on fields\n", 1, false},
		{[]string{"-c1", "-d:", "f"}, "", "", "cut: a delimiter may be specified only when operating on fields\n", 1, false},
		{[]string{"-f1", "-s"}, "\n", "\n", "", 0, false},
		{[]string{"-f1", "-s"}, "abc\n", "", "", 0, false},
		{[]string{"-f1"}, "abc\n", "abc\n", "", 0, false},
		{[]string{"-d:", "-f3,1"}, "a:b:c\n", "a:c\n", "", 0, false},
		{[]string{"-d:", "-D", "-f3,1"}, "a:b:c\n", "c:a\n", "", 0, false},
		{[]string{"-c", "5-,1-2"}, "abcdef\n", "abef\n", "", 0, false},
		{[]string{"-D", "-c", "5-,1-2"}, "abcdef\n", "efab\n", "", 0, false},
		{[]string{"-d:", "-O_", "-f1,3"}, "a:b:c\n", "a_c\n", "", 0, false},
		{[]string{"-d", "\\n", "-f2,4-"}, "l1\nl2\nl3\nl4\nl5\n", "l1\nl2\nl3\nl4\nl5\n", "", 0, false},
		{[]string{"-d:", "-f", "-2"}, "a:b:c\n", "a:b\n", "", 0, false},
		{[]string{"-d:", "-f", "x"}, "a:b:c\n", "", "cut: invalid number 'x'\n", 1, false},
		{[]string{"-d:", "-f", "2-x"}, "a:b:c\n", "", "cut: invalid number 'x'\n", 1, false},
		{[]string{"-d", "", "-f2"}, "a\tb\n", "b\n", "", 0, false},
		{[]string{"-d:", "-f2-3"}, "a:b:c:d:e\n::\nabc\n:x\nx:\n", "b:c\n:\nabc\nx\n\n", "", 0, false},
		{[]string{"-d:", "-f1,4-"}, "a:b:c:d:e\n::\nabc\n:x\nx:\n", "a:d:e\n:\nabc\n:\nx:\n", "", 0, false},
		{[]string{"-s", "-d:", "-f2"}, "a:b:c:d:e\n::\nabc\n:x\nx:\n", "b\n\nx\n\n", "", 0, false},
		{[]string{"-d:", "-D", "-f4-,2,1-2"}, "a:b:c:d:e\n", "d:e:b:a:b\n", "", 0, false},
		{[]string{"-d:", "-f5-9"}, "a:b:c:d:e\n", "e\n", "", 0, false},
		{[]string{"-d:", "-f", "9"}, "a:b:c:d:e\n", "\n", "", 0, false},
		{[]string{"-b", "-0"}, "abcdefgh\n", "a\n", "", 0, false},
		{[]string{"-b", "3-3,2-4,7-"}, "abcdefgh\n", "bcdgh\n", "", 0, false},
		{[]string{"-c1"}, "b\x00a\nc", "b\na\nc\n", "", 0, false},
		{[]string{"-f1", "nope", "f", "d"}, "", "b\na\n", "cut: nope: No such file or directory\n", 1, false},
		{[]string{"-d:", "-O", "", "-f1,2"}, "a:b\n", "ab\n", "", 0, false},
		{[]string{"-n", "-c1"}, "a b\n", "a\n", "", 0, false},
		{[]string{"-f1", "-d:", "-f2"}, "a:b\n", "", "", 1, true},
		{[]string{"-f", "1-2147483648"}, "a\n", "", "cut: number 2147483648 is not in 0..2147483647 range\n", 1, false},
		{[]string{"-f", "4294967295"}, "a\n", "", "cut: number 4294967295 is not in 0..2147483647 range\n", 1, false},
		{[]string{"-c", "1-3"}, "h\xc3\xa9llo\n", "h\xc3\xa9\n", "", 0, false},
		{[]string{"-f", "2"}, "a\tb\tc\n", "b\n", "", 0, false},
		{[]string{"-f", "2-", "-s"}, "a\tb\tc\nno tab\n", "b\tc\n", "", 0, false},
		{[]string{"-x"}, "", "", "cut: unrecognized option: x\n", 1, true},
	})
}
