package fold

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gobox/internal/applet"
	"gobox/internal/applettest"
)

// alpineCase is one run of fold and what Alpine's BusyBox 1.36.1 gave
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

func TestFoldAlpine(t *testing.T) {
	runAlpineCases(t, &Applet, []string{"LC_ALL=C"}, []alpineCase{
		{[]string{"-w", "0", "f"}, "", "", "fold: number 0 is not in 1..10000 range\n", 1, false},
		{[]string{"-w", "10001", "f"}, "", "", "fold: number 10001 is not in 1..10000 range\n", 1, false},
		{[]string{"-w", "4294967296", "f"}, "", "", "fold: invalid number '4294967296'\n", 1, false},
		{[]string{"-5", "f"}, "", "", "fold: unrecognized option: 5\n", 1, true},
		{[]string{"-w", "4"}, "a\tbcdefghij\n", "a\n\t\nbcde\nfghi\nj\n", "", 0, false},
		{[]string{"-s", "-w", "5"}, "ab cd ef gh\n", "ab \ncd \nef gh\n", "", 0, false},
		{[]string{"-w", "4"}, "abc\x08\x08\x08defghij\n", "abc\x08\x08\x08defg\nhij\n", "", 0, false},
		{[]string{"-b", "-w", "3"}, "abcdefgh\x0dij\n", "abc\ndef\ngh\x0d\nij\n", "", 0, false},
		{[]string{"nope", "f", "d"}, "", "b\na\n", "fold: nope: No such file or directory\nfold: d: I/O error\n", 1, false},
		{[]string{"-w3"}, "b\x00a\nc\x00\x00d", "b\x00a\nc\x00\x00\nd", "", 0, false},
		{[]string{"-s", "-w", "7"}, "aaaa bbbb cccc dddddddddddd e f g\n", "aaaa \nbbbb \ncccc \nddddddd\nddddd \ne f g\n", "", 0, false},
		{[]string{"-s", "-w", "10"}, "a\tb\tc d\te\n", "a\t\nb\tc \nd\te\n", "", 0, false},
		{[]string{"-sw1"}, "a b c d e f g h i j k l m\n", "a\n \nb\n \nc\n \nd\n \ne\n \nf\n \ng\n \nh\n \ni\n \nj\n \nk\n \nl\n \nm\n", "", 0, false},
		{[]string{"-s", "-w", "3"}, "      x\n", "   \n   \nx\n", "", 0, false},
		{[]string{"-s", "-w", "4"}, "word1 word2\nword3\n\nx", "word\n1 \nword\n2\nword\n3\n\nx", "", 0, false},
		{[]string{"-w", "5"}, "h\xc3\xa9llo w\xc3\xb6rld\n", "h\xc3\xa9ll\no w\xc3\xb6\nrld\n", "", 0, false},
		{[]string{"-w3", "f", "g"}, "", "b\na\na\nc\n", "", 0, false},
		{[]string{"-s", "-w", "4"}, "ab\x0d  cd ef\x08\x08gh ij\n", "ab\x0d  \ncd \nef\x08\x08gh \nij\n", "", 0, false},
		{[]string{"-w", "2", "-", "f", "-"}, "xyz\n", "xy\nz\nb\na\n", "", 0, false},
	})
}

// TestFoldAlpineUTF8 runs cases in musl's default locale, C.UTF-8 (no
// LC_ALL, LC_CTYPE or LANG set).
func TestFoldAlpineUTF8(t *testing.T) {
	runAlpineCases(t, &Applet, []string{}, []alpineCase{
		{[]string{"-w", "5"}, "h\xc3\xa9llo w\xc3\xb6rld\n", "h\xc3\xa9llo\n w\xc3\xb6rl\nd\n", "", 0, false},
		{[]string{"-s", "-w", "5"}, "h\xc3\xa9llo w\xc3\xb6rld\n", "h\xc3\xa9llo\n \nw\xc3\xb6rld\n", "", 0, false},
		{[]string{"-b", "-w", "5"}, "h\xc3\xa9llo w\xc3\xb6rld\n", "h\xc3\xa9ll\no w\xc3\xb6\nrld\n", "", 0, false},
	})
}
