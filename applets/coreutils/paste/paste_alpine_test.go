package paste

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gobox/internal/applet"
	"gobox/internal/applettest"
)

// alpineCase is one run of paste and what Alpine's BusyBox 1.36.1 gave
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

func TestPasteAlpine(t *testing.T) {
	runAlpineCases(t, &Applet, []string{"LC_ALL=C"}, []alpineCase{
		{[]string{"f", "g"}, "", "b\ta\na\tc\n", "", 0, false},
		{[]string{"-s", "f", "g"}, "", "b\ta\na\tc\n", "", 0, false},
		{[]string{"-d:", "f", "g"}, "", "b:a\na:c\n", "", 0, false},
		{[]string{"-d", "\\t\\n", "-", "-", "-"}, "1\n2\n3\n4\n5\n", "1\t2\n3\n4\t5\n", "", 0, false},
		{[]string{"-d", "", "f"}, "", "", "paste: -d '' is not supported\n", 1, false},
		{[]string{"nope", "f"}, "", "", "paste: nope: No such file or directory\n", 1, false},
		{[]string{"f", "nope"}, "", "", "paste: nope: No such file or directory\n", 1, false},
		{[]string{"f", "d"}, "", "b\ta\t", "", 0, false},
		{[]string{"d", "f"}, "", "b\na\n", "", 0, false},
		{[]string{"-", "-"}, "a\nb\nc\n", "a\tb\nc\t", "", 0, false},
		{[]string{"-s", "-d", ",;", "-"}, "a\nb\nc\n", "a,b;c\n", "", 0, false},
		{[]string{"-d", "a\\0b", "f", "g", "f"}, "", "baab\naaca\n", "", 0, false},
		{[]string{"-d", "\\", "f", "g"}, "", "b\\a\na\\c\n", "", 0, false},
		{[]string{"-d", "x\\", "f", "g", "f"}, "", "bxa\\b\naxc\\a\n", "", 0, false},
		{[]string{"-d", "\\q", "f", "g", "f"}, "", "b\\aqb\na\\cqa\n", "", 0, false},
		{[]string{"-d", "\\x41\\101\\x", "f", "g", "f", "g", "f"}, "", "bAaAb\\axb\naAcAa\\cxa\n", "", 0, false},
		{[]string{"-s"}, "", "", "", 0, false},
		{[]string{"-", "f"}, "x", "x\tb\na\n", "", 0, false},
		{[]string{"-", "-"}, "b\x00a\nc\x00\x00d", "b\ta\nc\t\nd\t", "", 0, false},
		{[]string{"-s", "d", "f"}, "", "b\ta\n", "", 0, false},
		{[]string{"-x"}, "", "", "paste: unrecognized option: x\n", 1, true},
	})
}
