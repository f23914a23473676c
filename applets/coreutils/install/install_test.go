package install

import (
	"os"
	"path/filepath"
	"testing"

	"gobox/internal/applettest"
)

func TestInstall(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		out    string
		errOut string
		code   int
		modes  map[string]os.FileMode // files (or dirs) that must exist with this mode
	}{
		{name: "copy", args: []string{"f", "g"}, modes: map[string]os.FileMode{"g": 0o755}},
		{name: "mode", args: []string{"-m", "600", "f", "g"}, modes: map[string]os.FileMode{"g": 0o600}},
		{name: "symbolic mode", args: []string{"-m", "go-rx", "f", "g"}, modes: map[string]os.FileMode{"g": 0o700}},
		{name: "into dir", args: []string{"f", "d"}, modes: map[string]os.FileMode{"d/f": 0o755}},
		{name: "-t", args: []string{"-t", "d", "f", "d2/h"}, code: 1, errOut: "install: can't stat 'd2/h': No such file or directory\n",
			modes: map[string]os.FileMode{"d/f": 0o755}},
		{name: "-d", args: []string{"-d", "a/b", "c"}, modes: map[string]os.FileMode{"a": 0o755, "a/b": 0o755, "c": 0o755}},
		{name: "-d mode", args: []string{"-d", "-m", "700", "a/b"}, modes: map[string]os.FileMode{"a": 0o755, "a/b": 0o700}},
		{name: "-D", args: []string{"-D", "f", "x/y/z"}, modes: map[string]os.FileMode{"x/y": 0o755, "x/y/z": 0o755}},
		{name: "-D -t", args: []string{"-D", "-t", "x/y", "f"}, modes: map[string]os.FileMode{"x/y/f": 0o755}},
		{name: "verbose", args: []string{"-v", "f", "g"}, out: "'f' -> 'g'\n"},
		{name: "missing", args: []string{"nope", "g"}, errOut: "install: can't stat 'nope': No such file or directory\n", code: 1},
		{name: "owner", args: []string{"-o", "0", "-g", "0", "f", "g"}, modes: map[string]os.FileMode{"g": 0o755}},
		{name: "unknown user", args: []string{"-o", "no-such-user-xyz", "f", "g"}, errOut: "install: unknown user no-such-user-xyz\n", code: 1},
		{name: "-d -t", args: []string{"-d", "-t", "x", "f"}, code: 1},
		{name: "usage", args: []string{"f"}, code: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			p := func(s string) string { return filepath.Join(dir, s) }
			os.WriteFile(p("f"), []byte("data"), 0o644)
			os.Mkdir(p("d"), 0o755)
			r := applettest.RunIn(t, dir, &Applet, tt.args...)
			r.Expect(t, tt.out, tt.code)
			if tt.errOut != "" && r.Stderr != tt.errOut {
				t.Errorf("stderr %q, want %q", r.Stderr, tt.errOut)
			}
			for f, m := range tt.modes {
				fi, err := os.Stat(p(f))
				if err != nil || fi.Mode().Perm() != m {
					t.Errorf("%s: %v %v, want %v", f, fi, err, m)
				}
			}
		})
	}
}
