package head

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gobox/internal/applettest"
)

func TestHead(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	for i := 1; i <= 12; i++ {
		b.WriteString("line " + string(rune('a'+i-1)) + "\n")
	}
	twelve := b.String()
	os.WriteFile(filepath.Join(dir, "in"), []byte(twelve), 0o644)
	os.WriteFile(filepath.Join(dir, "s"), []byte("1\n2\n3"), 0o644)
	lines := strings.SplitAfter(twelve, "\n")
	for _, tc := range []struct {
		args           []string
		stdin          string
		stdout, stderr string
		code           int
	}{
		{[]string{"in"}, "", strings.Join(lines[:10], ""), "", 0},
		{[]string{"-n", "2", "in"}, "", lines[0] + lines[1], "", 0},
		{[]string{"-n", "-9", "in"}, "", strings.Join(lines[:3], ""), "", 0},
		{[]string{"-3", "in"}, "", strings.Join(lines[:3], ""), "", 0},
		{[]string{"-c", "3", "s"}, "", "1\n2", "", 0},
		{[]string{"-c", "-2", "s"}, "", "1\n2", "", 0},
		{[]string{"-n", "-1", "s"}, "", "1\n2\n", "", 0},
		{[]string{"-n", "0", "s"}, "", "", "", 0},
		{[]string{"-n", "1", "s", "-"}, "x\ny\n", "==> s <==\n1\n\n==> standard input <==\nx\n", "", 0},
		{[]string{"-q", "-n", "1", "s", "s"}, "", "1\n1\n", "", 0},
		{[]string{"-v", "-n", "1", "s"}, "", "==> s <==\n1\n", "", 0},
		{[]string{"-n", "1", "nope", "s"}, "", "\n==> s <==\n1\n", "head: nope: No such file or directory\n", 1},
		{[]string{"-n", "x"}, "", "", "head: invalid number 'x'\n", 1},
		{[]string{"-n", "1K"}, "", "", "head: invalid number '1K'\n", 1},
		{[]string{"-c", "1k"}, "abc", "abc", "", 0},
		{nil, "a\nb\n", "a\nb\n", "", 0},
	} {
		r := applettest.Cmd{Args: tc.args, Dir: dir, Stdin: tc.stdin}.Run(t, &Applet)
		if r.Stdout != tc.stdout || r.Stderr != tc.stderr || r.Code != tc.code {
			t.Errorf("head %q: got %q %q %d, want %q %q %d", tc.args, r.Stdout, r.Stderr, r.Code, tc.stdout, tc.stderr, tc.code)
		}
	}
}
