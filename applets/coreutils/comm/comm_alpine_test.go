package comm

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gobox/internal/applet"
	"gobox/internal/applettest"
)

// alpineCase is one run of comm and what Alpine's BusyBox 1.36.1 gave
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

func TestCommAlpine(t *testing.T) {
	runAlpineCases(t, &Applet, []string{"LC_ALL=C"}, []alpineCase{
		{[]string{"nope", "f"}, "", "", "comm: nope: No such file or directory\n", 1, false},
		{[]string{"f", "nope"}, "", "", "comm: nope: No such file or directory\n", 1, false},
		{[]string{"f"}, "", "", "", 1, true},
		{[]string{"f", "g", "h"}, "", "", "", 1, true},
		{[]string{"-12", "f", "g"}, "", "", "", 0, false},
		{[]string{"-3", "f", "g"}, "", "\ta\nb\na\n\tc\n", "", 0, false},
		{[]string{"f", "g"}, "", "\ta\nb\na\n\tc\n", "", 0, false},
		{[]string{"-", "-"}, "a\nb\nc\n", "a\n\tb\nc\n", "", 0, false},
		{[]string{"d", "f"}, "", "\tb\n\ta\n", "", 0, false},
		{[]string{"--", "f", "g"}, "", "\ta\nb\na\n\tc\n", "", 0, false},
		{[]string{"-4", "f", "g"}, "", "", "comm: unrecognized option: 4\n", 1, true},
		{[]string{"-123", "f", "g"}, "", "", "", 0, false},
		{[]string{"-", "g"}, "a\x00b\nc\n", "\t\ta\nb\n\t\tc\n", "", 0, false},
		{[]string{"-1", "-", "g"}, "a\nb\nd\ne\n", "\ta\nc\n", "", 0, false},
		{[]string{"-2", "-", "g"}, "a\nb\nd\ne\n", "\ta\nb\nd\ne\n", "", 0, false},
		{[]string{"-13", "-", "g"}, "a\nb\nd\ne\n", "c\n", "", 0, false},
		{[]string{"g", "-"}, "a\nb\nd\ne\nf\n", "\t\ta\n\tb\nc\n\td\n\te\n\tf\n", "", 0, false},
	})
}
