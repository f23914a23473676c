package uniq

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gobox/internal/applet"
	"gobox/internal/applettest"
)

// alpineCase is one run of uniq and what Alpine's BusyBox 1.36.1 gave
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

func TestUniqAlpine(t *testing.T) {
	runAlpineCases(t, &Applet, []string{"LC_ALL=C"}, []alpineCase{
		{[]string{"-D", "f"}, "", "", "uniq: unrecognized option: D\n", 1, true},
		{[]string{"f", "g", "h"}, "", "", "", 1, true},
		{[]string{"-c"}, "a\na\nb\n", "      2 a\n      1 b\n", "", 0, false},
		{[]string{"-d"}, "a\na\nb\n", "a\n", "", 0, false},
		{[]string{"-u"}, "a\na\nb\n", "b\n", "", 0, false},
		{[]string{"-du"}, "a\na\nb\n", "", "", 0, false},
		{[]string{"-f1", "-c"}, "x a\ny a\nz b\n", "      2 x a\n      1 z b\n", "", 0, false},
		{[]string{"-s1"}, "xa\nya\nzb\n", "xa\nzb\n", "", 0, false},
		{[]string{"-w1", "-i", "-c"}, "ab\nac\nAd\n", "      3 ab\n", "", 0, false},
		{[]string{"nope", "out2"}, "", "", "uniq: can't open 'nope': No such file or directory\n", 1, false},
		{[]string{"-", "d"}, "a\n", "", "uniq: can't open 'd': Is a directory\n", 1, false},
		{[]string{"-f", "x", "f"}, "", "", "uniq: invalid number 'x'\n", 1, false},
		{[]string{"-c"}, "b\x00b\nb\nc\x00c", "      3 b\n      2 c\n", "", 0, false},
		{[]string{"-z"}, "a\na\nb\n", "a\x00b\x00", "", 0, false},
		{[]string{"-f", "1", "-c"}, "  a  b\n a b\n\ta\tb\n", "      1   a  b\n      1  a b\n      1 \ta\tb\n", "", 0, false},
		{[]string{"-s", "1", "-w", "1", "-c"}, "abc\nabd\nxbc\n", "      3 abc\n", "", 0, false},
		{[]string{"-i"}, "A\na\nB\n", "A\nB\n", "", 0, false},
		{[]string{"d"}, "", "", "uniq: d: I/O error\n", 1, false},
		{[]string{"-c", "nope"}, "", "", "uniq: can't open 'nope': No such file or directory\n", 1, false},
		{[]string{"-c", "-w", "0"}, "a\na\n", "      2 a\n", "", 0, false},
		{[]string{"-s", "99999999999"}, "a\nb\n", "", "uniq: invalid number '99999999999'\n", 1, false},
		{[]string{"-s", "4294967295"}, "a\nb\n", "", "uniq: number 4294967295 is not in 0..2147483647 range\n", 1, false},
		{[]string{"--", "f"}, "", "b\na\n", "", 0, false},
		{[]string{"-", "-"}, "x\nx\ny\n", "x\ny\n", "", 0, false},
		{[]string{}, "\n\n\nx\n\n", "\nx\n\n", "", 0, false},
		{[]string{"-i", "-c"}, "\xc3\xa9\n\xc3\x89\na\nA\n", "      1 \xc3\xa9\n      1 \xc3\x89\n      2 a\n", "", 0, false},
	})
}
