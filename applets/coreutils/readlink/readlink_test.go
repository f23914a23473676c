package readlink

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gobox/internal/applettest"
)

func TestReadlink(t *testing.T) {
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(dir, "d/sub"), 0755)
	os.WriteFile(filepath.Join(dir, "d/f"), nil, 0644)
	os.Symlink("./d/f", filepath.Join(dir, "lf"))
	os.Symlink("d/sub", filepath.Join(dir, "ls"))
	os.Symlink("missing", filepath.Join(dir, "dangling"))
	tests := []struct {
		args   []string
		out    string
		stderr string
		code   int
	}{
		{[]string{"d/f"}, "", "", 1},
		{[]string{"lf"}, "./d/f\n", "", 0},
		{[]string{"-n", "lf"}, "./d/f", "", 0},
		{[]string{"-f", "d/f"}, dir + "/d/f\n", "", 0},
		{[]string{"-f", "lf"}, dir + "/d/f\n", "", 0},
		{[]string{"-f", "ls/../f"}, dir + "/d/f\n", "", 0},
		{[]string{"-f", "d/../d/f"}, dir + "/d/f\n", "", 0},
		{[]string{"-f", "d/nothere"}, dir + "/d/nothere\n", "", 0},
		{[]string{"-f", "dangling"}, dir + "/missing\n", "", 0},
		{[]string{"-f", "d/d/lf"}, "", "", 1},
		{[]string{"-fn", "ls"}, dir + "/d/sub", "", 0},
		{[]string{"-v", "d/f"}, "", "readlink: d/f: cannot read link: not a symlink\n", 1},
		{[]string{"-v", "nx"}, "", "readlink: nx: cannot read link: No such file or directory\n", 1},
		{[]string{"-s", "-q", "lf"}, "./d/f\n", "", 0},
		{nil, "", "-", 1}, // usage
		{[]string{"a", "b"}, "", "-", 1},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			r := applettest.RunIn(t, dir, &Applet, tt.args...)
			r.Expect(t, tt.out, tt.code)
			if tt.stderr != "-" && r.Stderr != tt.stderr {
				t.Errorf("stderr %q, want %q", r.Stderr, tt.stderr)
			}
		})
	}
}
