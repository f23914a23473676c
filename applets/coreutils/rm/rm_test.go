package rm

import (
	"os"
	"path/filepath"
	"testing"

	"gobox/internal/applettest"
)

func TestRm(t *testing.T) {
	tests := []struct {
		name   string
		setup  []string // "d:path" makes a dir, "f:path" a file
		args   []string
		stdin  string
		out    string
		errOut string
		code   int
		gone   []string
		kept   []string
	}{
		{name: "file", setup: []string{"f:a"}, args: []string{"a"}, gone: []string{"a"}},
		{name: "missing", args: []string{"x"}, errOut: "rm: can't remove 'x': No such file or directory\n", code: 1},
		{name: "missing -f", args: []string{"-f", "x"}},
		{name: "no args -f", args: []string{"-f"}},
		{name: "dir", setup: []string{"d:d"}, args: []string{"d"}, errOut: "rm: 'd' is a directory\n", code: 1, kept: []string{"d"}},
		{name: "dot", args: []string{"-rf", "."}, errOut: "rm: can't remove '.' or '..'\n", code: 1},
		{name: "dotdot slash", args: []string{"-rf", "x/../"}, errOut: "rm: can't remove '.' or '..'\n", code: 1},
		{name: "recursive verbose", setup: []string{"d:d/e", "f:d/e/f"}, args: []string{"-rv", "d/"},
			out: "removed 'd/e/f'\nremoved directory: 'd/e'\nremoved directory: 'd'\n", gone: []string{"d"}},
		{name: "interactive no", setup: []string{"f:a"}, args: []string{"-i", "a"}, stdin: "n\n",
			errOut: "rm: remove 'a'? ", kept: []string{"a"}},
		{name: "interactive yes", setup: []string{"f:a", "f:b"}, args: []string{"-i", "a", "b"}, stdin: " y\nyes\n",
			errOut: "rm: remove 'a'? rm: remove 'b'? ", gone: []string{"a", "b"}},
		{name: "interactive dir", setup: []string{"d:d", "f:d/f"}, args: []string{"-ri", "d"}, stdin: "y\ny\nn\n",
			errOut: "rm: descend into directory 'd'? rm: remove 'd/f'? rm: remove directory 'd'? ",
			gone:   []string{"d/f"}, kept: []string{"d"}},
		{name: "f overrides i", setup: []string{"f:a"}, args: []string{"-if", "a"}, gone: []string{"a"}},
		{name: "usage", args: nil, code: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for _, s := range tt.setup {
				p := filepath.Join(dir, s[2:])
				if s[0] == 'd' {
					os.MkdirAll(p, 0o755)
				} else {
					os.WriteFile(p, []byte("x"), 0o644)
				}
			}
			r := applettest.Cmd{Args: tt.args, Dir: dir, Stdin: tt.stdin}.Run(t, &Applet)
			r.Expect(t, tt.out, tt.code)
			if tt.errOut != "" && r.Stderr != tt.errOut {
				t.Errorf("stderr %q, want %q", r.Stderr, tt.errOut)
			}
			for _, g := range tt.gone {
				if _, err := os.Lstat(filepath.Join(dir, g)); err == nil {
					t.Errorf("%s still exists", g)
				}
			}
			for _, k := range tt.kept {
				if _, err := os.Lstat(filepath.Join(dir, k)); err != nil {
					t.Errorf("%s removed", k)
				}
			}
		})
	}
}
