package mkdir

import (
	"os"
	"path/filepath"
	"testing"

	"gobox/internal/applettest"
)

func TestMkdir(t *testing.T) {
	applettest.ProcessUmask(t, 0o22)
	tests := []struct {
		name   string
		setup  func(dir string)
		args   []string
		out    string
		errOut string
		code   int
		modes  map[string]os.FileMode
	}{
		{name: "one", args: []string{"a"}, modes: map[string]os.FileMode{"a": 0o755}},
		{name: "exists", setup: func(d string) { os.Mkdir(filepath.Join(d, "a"), 0o755) }, args: []string{"a"},
			errOut: "mkdir: can't create directory 'a': File exists\n", code: 1},
		{name: "exists -p", setup: func(d string) { os.Mkdir(filepath.Join(d, "a"), 0o700) }, args: []string{"-p", "a"},
			modes: map[string]os.FileMode{"a": 0o700}},
		{name: "missing parent", args: []string{"a/b"}, errOut: "mkdir: can't create directory 'a/b': No such file or directory\n", code: 1},
		{name: "parents verbose", args: []string{"-pv", "a/b/c"},
			out:   "created directory: 'a/'\ncreated directory: 'a/b/'\ncreated directory: 'a/b/c'\n",
			modes: map[string]os.FileMode{"a": 0o755, "a/b/c": 0o755}},
		{name: "mode", args: []string{"-m", "700", "a"}, modes: map[string]os.FileMode{"a": 0o700}},
		{name: "mode symbolic", args: []string{"-m", "u=rwx,g=rx", "a"}, modes: map[string]os.FileMode{"a": 0o757}},
		{name: "mode only last", args: []string{"-p", "-m", "711", "a/b"}, modes: map[string]os.FileMode{"a": 0o755, "a/b": 0o711}},
		{name: "bad mode", args: []string{"-m", "bad", "a"}, errOut: "mkdir: invalid mode 'bad'\n", code: 1},
		{name: "file in way", setup: func(d string) { os.WriteFile(filepath.Join(d, "f"), nil, 0o644) }, args: []string{"-p", "f/g"},
			errOut: "mkdir: can't create directory 'f/': Not a directory\n", code: 1},
		{name: "several, one fails", args: []string{"a", "x/y", "b"},
			errOut: "mkdir: can't create directory 'x/y': No such file or directory\n", code: 1,
			modes: map[string]os.FileMode{"a": 0o755, "b": 0o755}},
		{name: "usage", args: nil, code: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if tt.setup != nil {
				tt.setup(dir)
			}
			r := applettest.RunIn(t, dir, &Applet, tt.args...)
			r.Expect(t, tt.out, tt.code)
			if tt.errOut != "" && r.Stderr != tt.errOut {
				t.Errorf("stderr %q, want %q", r.Stderr, tt.errOut)
			}
			for p, m := range tt.modes {
				fi, err := os.Stat(filepath.Join(dir, p))
				if err != nil || !fi.IsDir() || fi.Mode().Perm() != m {
					t.Errorf("%s: %v %v, want dir %v", p, fi, err, m)
				}
			}
		})
	}
}
