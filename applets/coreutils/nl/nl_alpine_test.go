package nl

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gobox/internal/applet"
	"gobox/internal/applettest"
)

// alpineCase is one run of nl and what Alpine's BusyBox 1.36.1 gave
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

func TestNlAlpine(t *testing.T) {
	runAlpineCases(t, &Applet, []string{"LC_ALL=C"}, []alpineCase{
		{[]string{"f", "g"}, "", "     1\tb\n     2\ta\n     3\ta\n     4\tc\n", "", 0, false},
		{[]string{"-w", "0", "f"}, "", "1\tb\n2\ta\n", "", 0, false},
		{[]string{"-w", "x", "f"}, "", "", "nl: invalid number 'x'\n", 1, false},
		{[]string{"-v", "-1", "f"}, "", "", "nl: invalid number '-1'\n", 1, false},
		{[]string{"-i", "0", "f"}, "", "     1\tb\n     1\ta\n", "", 0, false},
		{[]string{"-b", "n", "f"}, "", "       b\n       a\n", "", 0, false},
		{[]string{"-b", "x", "f"}, "", "       b\n       a\n", "", 0, false},
		{[]string{"-s", "", "f"}, "", "     1b\n     2a\n", "", 0, false},
		{[]string{"--number-width=3", "f"}, "", "  1\tb\n  2\ta\n", "", 0, false},
		{[]string{"-p", "f"}, "", "     1\tb\n     2\ta\n", "", 0, false},
		{[]string{"--no-renumber", "f"}, "", "     1\tb\n     2\ta\n", "", 0, false},
		{[]string{}, "a\n\nb\n", "     1\ta\n       \n     2\tb\n", "", 0, false},
		{[]string{"-ba", "-v", "2147483647", "-i", "2147483647"}, "a\n\nb\n", "2147483647\ta\n4294967294\t\n2147483645\tb\n", "", 0, false},
		{[]string{"-w", "99999999999", "f"}, "", "", "nl: invalid number '99999999999'\n", 1, false},
		{[]string{"-v", "4294967296", "f"}, "", "", "nl: invalid number '4294967296'\n", 1, false},
		{[]string{"-v", "4294967295", "f"}, "", "", "nl: number 4294967295 is not in 0..2147483647 range\n", 1, false},
		{[]string{"-w", "3", "-w", "x", "f"}, "", "", "nl: invalid number 'x'\n", 1, false},
		{[]string{"-v", "x", "-w", "y", "f"}, "", "", "nl: invalid number 'x'\n", 1, false},
		{[]string{"nope", "f", "d"}, "", "     1\tb\n     2\ta\n", "nl: nope: No such file or directory\n", 1, false},
		{[]string{}, "b\x00a\nc", "     1\tb\n     2\ta\n     3\tc\n", "", 0, false},
		{[]string{"-b", "a", "-s", "::", "-w", "2", "-v", "5", "-i", "3", "f", "g"}, "", " 5::b\n 8::a\n11::a\n14::c\n", "", 0, false},
		{[]string{"--body-numbering=a", "--line-increment=2", "--number-separator=:", "--starting-line-number=3", "f"}, "", "     3:b\n     5:a\n", "", 0, false},
		{[]string{"-bt"}, "", "", "", 0, false},
		{[]string{"--", "f"}, "", "     1\tb\n     2\ta\n", "", 0, false},
		{[]string{"-bpx", "f"}, "", "       b\n       a\n", "", 0, false},
		{[]string{"-x"}, "", "", "nl: unrecognized option: x\n", 1, true},
	})
}
