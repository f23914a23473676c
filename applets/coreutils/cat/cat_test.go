package cat

import (
	"os"
	"path/filepath"
	"testing"

	"gobox/internal/applettest"
)

func TestCat(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a"), []byte("line 1\n\nline 3\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "b"), []byte("\tx\x01\xff\x7f\nend"), 0o644)
	os.Mkdir(filepath.Join(dir, "d"), 0o755)
	for _, tc := range []struct {
		args           []string
		stdin          string
		stdout, stderr string
		code           int
	}{
		{nil, "foo\n", "foo\n", "", 0},
		{[]string{"a", "-", "a"}, "IN\n", "line 1\n\nline 3\nIN\nline 1\n\nline 3\n", "", 0},
		{[]string{"-n", "a"}, "", "     1\tline 1\n     2\t\n     3\tline 3\n", "", 0},
		{[]string{"-b", "a"}, "", "     1\tline 1\n\n     2\tline 3\n", "", 0},
		{[]string{"-n", "a", "a"}, "", "     1\tline 1\n     2\t\n     3\tline 3\n     4\tline 1\n     5\t\n     6\tline 3\n", "", 0},
		{[]string{"-n"}, "x", "     1\tx\n", "", 0},
		{[]string{"-e"}, "foo\n", "foo$\n", "", 0},
		{[]string{"-v", "b"}, "", "\tx^AM-^?^?\nend", "", 0},
		{[]string{"-A", "b"}, "", "^Ix^AM-^?^?$\nend", "", 0},
		{[]string{"-t", "b"}, "", "^Ix^AM-^?^?\nend", "", 0},
		{[]string{"-vn", "a"}, "", "     1  line 1\n     2  \n     3  line 3\n", "", 0},
		{[]string{"-vb", "a"}, "", "     1  line 1\n\n     2  line 3\n", "", 0},
		{[]string{"nope", "a"}, "", "line 1\n\nline 3\n", "cat: can't open 'nope': No such file or directory\n", 1},
		{[]string{"-n", "nope"}, "", "", "cat: nope: No such file or directory\n", 1},
		{[]string{"d"}, "", "", "cat: read error: Is a directory\n", 1},
		{[]string{"-u", "a"}, "", "line 1\n\nline 3\n", "", 0},
	} {
		r := applettest.Cmd{Args: tc.args, Dir: dir, Stdin: tc.stdin}.Run(t, "cat")
		if r.Stdout != tc.stdout || r.Stderr != tc.stderr || r.Code != tc.code {
			t.Errorf("cat %q: got %q %q %d, want %q %q %d", tc.args, r.Stdout, r.Stderr, r.Code, tc.stdout, tc.stderr, tc.code)
		}
	}
}
