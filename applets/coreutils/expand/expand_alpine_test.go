package expand

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gobox/internal/applet"
	"gobox/internal/applettest"
)

// alpineCase is one run of expand and what Alpine's BusyBox 1.36.1 gave
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

func TestExpandAlpine(t *testing.T) {
	runAlpineCases(t, &Applet, []string{"LC_ALL=C"}, []alpineCase{
		{[]string{"-t", "4"}, "a\tb\n\tc\td\n", "a   b\n    c   d\n", "", 0, false},
		{[]string{"-i", "-t4"}, "  \ta b\tc\n", "    a b\tc\n", "", 0, false},
		{[]string{"-t", "0", "f"}, "", "", "expand: number 0 is not in 1..4294967295 range\n", 1, false},
		{[]string{"--tabs=3"}, "a\tb\n", "a  b\n", "", 0, false},
		{[]string{"--initial"}, "\ta\tb\n", "        a\tb\n", "", 0, false},
		{[]string{"-t", "1,2", "f"}, "", "", "expand: invalid number '1,2'\n", 1, false},
		{[]string{"-t", "4294967295"}, "a\tb\n", "a  b\n", "", 0, false},
		{[]string{"-t", "2147483649"}, "a\tb\n", "ab\n", "", 0, false},
		{[]string{}, "ab\x00c\td\n\te", "abc       d\n        e", "", 0, false},
		{[]string{"nope", "f", "d"}, "", "b\na\n", "expand: nope: No such file or directory\nexpand: d: I/O error\n", 1, false},
		{[]string{"-", "f", "-"}, "x\ty\n", "x       y\nb\na\n", "", 0, false},
		{[]string{"-t3"}, "a\tb\tc\n", "a  b  c\n", "", 0, false},
		{[]string{"-x"}, "", "", "expand: unrecognized option: x\n", 1, true},
	})
}

// TestExpandAlpineUTF8 runs cases in musl's default locale, C.UTF-8 (no
// LC_ALL, LC_CTYPE or LANG set).
func TestExpandAlpineUTF8(t *testing.T) {
	runAlpineCases(t, &Applet, []string{}, []alpineCase{
		{[]string{}, "h\xc3\xa9\tb\n\xe4\xb8\xad\tx\n\xff\tz\n\x01\ty\ne\xcc\x81\tw\n", "h\xc3\xa9      b\n\xe4\xb8\xad      x\n\xff       z\n\x01       y\ne\xcc\x81       w\n", "", 0, false},
	})
}
