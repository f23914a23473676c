package rev

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gobox/internal/applet"
	"gobox/internal/applettest"
)

// alpineCase is one run of rev and what Alpine's BusyBox 1.36.1 gave
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

func TestRevAlpine(t *testing.T) {
	runAlpineCases(t, &Applet, []string{"LC_ALL=C"}, []alpineCase{
		{[]string{"f", "g"}, "", "b\na\na\nc\n", "", 0, false},
		{[]string{"nope", "f", "d"}, "", "b\na\n", "rev: nope: No such file or directory\n", 1, false},
		{[]string{}, "abc\ndef", "cba\nfed", "", 0, false},
		{[]string{}, "b\x00a\nc\x00\x00d", "bc", "", 0, false},
		{[]string{}, "\xff\xfeab\nh\xc3\xa9\n", "ba\xfe\xff\n\xa9\xc3h\n", "", 0, false},
		{[]string{}, "\n\nx\n", "\n\nx\n", "", 0, false},
		{[]string{"--x"}, "", "", "rev: unrecognized option: x\n", 1, true},
		{[]string{"--", "f"}, "", "b\na\n", "", 0, false},
	})
}

// TestRevAlpineUTF8 runs cases in musl's default locale, C.UTF-8 (no
// LC_ALL, LC_CTYPE or LANG set).
func TestRevAlpineUTF8(t *testing.T) {
	runAlpineCases(t, &Applet, []string{}, []alpineCase{
		{[]string{}, "\xff\xfeab\nh\xc3\xa9\n", "\xff\xfeab\n\xc3\xa9h\n", "", 0, false},
		{[]string{}, "e\xcc\x81x\nab\xe4\xb8\xadc\n", "x\xcc\x81e\nc\xe4\xb8\xadba\n", "", 0, false},
	})
}
