package sum

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gobox/internal/applet"
	"gobox/internal/applettest"
)

// alpineCase is one run of sum and what Alpine's BusyBox 1.36.1 gave
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

func TestSumAlpine(t *testing.T) {
	runAlpineCases(t, &Applet, []string{"LC_ALL=C"}, []alpineCase{
		{[]string{"f"}, "", "16457     1 \n", "", 0, false},
		{[]string{"f", "g"}, "", "16457     1 f\n08266     1 g\n", "", 0, false},
		{[]string{"-s", "f"}, "", "215 1 f\n", "", 0, false},
		{[]string{"-r", "-s", "f"}, "", "16457     1 \n", "", 0, false},
		{[]string{"-s", "-r", "f"}, "", "16457     1 \n", "", 0, false},
		{[]string{}, "abc\n", "08288     1 \n", "", 0, false},
		{[]string{"-s"}, "abc\n", "304 1 -\n", "", 0, false},
		{[]string{"-"}, "", "00000     0 \n", "", 0, false},
		{[]string{"nope", "f"}, "", "16457     1 f\n", "sum: can't open 'nope': No such file or directory\n", 1, false},
		{[]string{"d", "f"}, "", "16457     1 f\n", "sum: d: Is a directory\n", 1, false},
		{[]string{"-s", "d", "f"}, "", "215 1 f\n", "sum: d: Is a directory\n", 1, false},
		{[]string{"-x"}, "", "", "sum: unrecognized option: x\n", 1, true},
		{[]string{"-s", "f", "g", "nope"}, "", "215 1 f\n216 1 g\n", "sum: can't open 'nope': No such file or directory\n", 1, false},
	})
}
