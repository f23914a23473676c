package realpath

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gobox/internal/applettest"
)

func TestRealpath(t *testing.T) {
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(dir, "d/sub"), 0755)
	os.WriteFile(filepath.Join(dir, "d/f"), nil, 0644)
	os.Symlink("./d/not_file", filepath.Join(dir, "link1"))
	os.Symlink("./d/not_file/not_dir", filepath.Join(dir, "link2"))
	os.Symlink("d/sub", filepath.Join(dir, "ls"))
	tests := []struct {
		args   []string
		out    string
		stderr string
		code   int
	}{
		{[]string{"/not_file"}, "/not_file\n", "", 0},
		{[]string{"/not_file/"}, "/not_file\n", "", 0},
		{[]string{"//not_file"}, "/not_file\n", "", 0},
		{[]string{"/not_dir/not_file"}, "", "realpath: /not_dir/not_file: No such file or directory\n", 1},
		{[]string{"d/not_file"}, dir + "/d/not_file\n", "", 0},
		{[]string{"d/not_dir/not_file"}, "", "realpath: d/not_dir/not_file: No such file or directory\n", 1},
		{[]string{"link1"}, dir + "/d/not_file\n", "", 0},
		{[]string{"./link2"}, "", "realpath: ./link2: No such file or directory\n", 1},
		{[]string{"ls/../f", "."}, dir + "/d/f\n" + dir + "\n", "", 0},
		{[]string{"d/f/"}, "", "realpath: d/f/: Not a directory\n", 1},
		{[]string{"x", "/"}, "/\n", "realpath: x: No such file or directory\n", 1},
		{[]string{"-e"}, "", "realpath: -e: No such file or directory\n", 1},
		{nil, "", "", 1},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			r := applettest.RunIn(t, dir, &Applet, tt.args...)
			r.Expect(t, tt.out, tt.code)
			if tt.args != nil && r.Stderr != tt.stderr {
				t.Errorf("stderr %q, want %q", r.Stderr, tt.stderr)
			}
		})
	}
}
