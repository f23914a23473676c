package rmdir

import (
	"os"
	"path/filepath"
	"testing"

	"gobox/internal/applettest"
)

func TestRmdir(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		out    string
		errOut string
		code   int
		gone   []string
		kept   []string
	}{
		{name: "one", args: []string{"e"}, gone: []string{"e"}},
		{name: "parents", args: []string{"-p", "a/b/c"}, gone: []string{"a"}},
		{name: "parents stop", args: []string{"-p", "d/s"}, errOut: "rmdir: 'd': Directory not empty\n", code: 1,
			gone: []string{"d/s"}, kept: []string{"d"}},
		{name: "not empty", args: []string{"d"}, errOut: "rmdir: 'd': Directory not empty\n", code: 1},
		{name: "ignore", args: []string{"--ignore-fail-on-non-empty", "d", "e"}, gone: []string{"e"}, kept: []string{"d"}},
		{name: "missing", args: []string{"x"}, errOut: "rmdir: 'x': No such file or directory\n", code: 1},
		{name: "verbose", args: []string{"-v", "e"}, out: "rmdir: removing directory, 'e'\n"},
		{name: "usage", code: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			p := func(s string) string { return filepath.Join(dir, s) }
			os.MkdirAll(p("a/b/c"), 0o755)
			os.MkdirAll(p("d/s"), 0o755)
			os.WriteFile(p("d/f"), nil, 0o644)
			os.Mkdir(p("e"), 0o755)
			r := applettest.RunIn(t, dir, &Applet, tt.args...)
			r.Expect(t, tt.out, tt.code)
			if tt.errOut != "" && r.Stderr != tt.errOut {
				t.Errorf("stderr %q, want %q", r.Stderr, tt.errOut)
			}
			for _, g := range tt.gone {
				if _, err := os.Lstat(p(g)); err == nil {
					t.Errorf("%s still exists", g)
				}
			}
			for _, k := range tt.kept {
				if _, err := os.Lstat(p(k)); err != nil {
					t.Errorf("%s removed", k)
				}
			}
		})
	}
}
