package wc

import (
	"os"
	"path/filepath"
	"testing"

	"gobox/internal/applettest"
)

func TestWc(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a"), []byte("i'm a little teapot\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "b"), []byte("x\ty\n\xce\x94z  w"), 0o644)
	os.Mkdir(filepath.Join(dir, "d"), 0o755)
	for _, tc := range []struct {
		args           []string
		stdin          string
		env            []string
		stdout, stderr string
		code           int
	}{
		{nil, "i'm a little teapot\n", nil, "        1         4        20\n", "", 0},
		{[]string{"-c"}, "i'm a little teapot\n", nil, "20\n", "", 0},
		{[]string{"-l", "a"}, "", nil, "1 a\n", "", 0},
		{[]string{"-L", "a"}, "", nil, "19 a\n", "", 0},
		{[]string{"-w", "a", "b"}, "", nil, "        4 a\n        4 b\n        8 total\n", "", 0},
		{[]string{"a", "b"}, "", nil, "        1         4        20 a\n        1         4        10 b\n        2         8        30 total\n", "", 0},
		{[]string{"-L", "b"}, "", nil, "9 b\n", "", 0},
		// Alpine's musl: every locale but C and POSIX is UTF-8, the
		// default one too.
		{[]string{"-m", "b"}, "", nil, "9 b\n", "", 0},
		{[]string{"-m", "b"}, "", []string{"LANG=C"}, "10 b\n", "", 0},
		{[]string{"-m", "b"}, "", []string{"LC_ALL=POSIX", "LANG=C.UTF-8"}, "10 b\n", "", 0},
		{[]string{"-m", "b"}, "", []string{"LANG=C.UTF-8"}, "9 b\n", "", 0},
		{[]string{"-lc", "a"}, "", nil, "        1        20 a\n", "", 0},
		{[]string{"nope", "a"}, "", nil, "        1         4        20 a\n        1         4        20 total\n", "wc: nope: No such file or directory\n", 1},
		{[]string{"d"}, "", nil, "        0         0         0 d\n", "wc: d: Is a directory\n", 1},
	} {
		r := applettest.Cmd{Args: tc.args, Dir: dir, Stdin: tc.stdin, Env: tc.env}.Run(t, &Applet)
		if r.Stdout != tc.stdout || r.Stderr != tc.stderr || r.Code != tc.code {
			t.Errorf("wc %q: got %q %q %d, want %q %q %d", tc.args, r.Stdout, r.Stderr, r.Code, tc.stdout, tc.stderr, tc.code)
		}
	}
}
