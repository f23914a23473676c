package mv

import (
	"os"
	"path/filepath"
	"testing"

	"gobox/internal/applettest"
)

func TestMv(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		stdin  string
		out    string
		errOut string
		code   int
		exist  []string
		gone   []string
	}{
		{name: "rename", args: []string{"f", "g"}, exist: []string{"g"}, gone: []string{"f"}},
		{name: "into dir verbose", args: []string{"-v", "f", "lf", "d"}, out: "'f' -> 'd/f'\n'lf' -> 'd/lf'\n",
			exist: []string{"d/f", "d/lf"}, gone: []string{"f", "lf"}},
		{name: "-t", args: []string{"-t", "d", "f"}, exist: []string{"d/f"}},
		{name: "missing", args: []string{"nope", "g"}, errOut: "mv: can't rename 'nope': No such file or directory\n", code: 1},
		{name: "dir into itself", args: []string{"d", "d/sub"}, errOut: "mv: can't rename 'd': Invalid argument\n", code: 1},
		{name: "-T file onto dir", args: []string{"-T", "f", "d"}, errOut: "mv: 'd' is a directory\n", code: 1},
		{name: "-n", args: []string{"-n", "f", "d/x"}, exist: []string{"f", "d/x"}},
		{name: "-i no", args: []string{"-i", "f", "d/x"}, stdin: "n\n", errOut: "mv: overwrite 'd/x'? ", exist: []string{"f"}},
		{name: "-i yes", args: []string{"-i", "f", "d/x"}, stdin: "y\n", errOut: "mv: overwrite 'd/x'? ", gone: []string{"f"}},
		{name: "-t -T", args: []string{"-t", "d", "-T", "f"}, code: 1},
		{name: "usage", args: []string{"f"}, code: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			p := func(s string) string { return filepath.Join(dir, s) }
			os.WriteFile(p("f"), []byte("hi"), 0o644)
			os.Mkdir(p("d"), 0o755)
			os.WriteFile(p("d/x"), nil, 0o644)
			os.Symlink("f", p("lf"))
			r := applettest.Cmd{Args: tt.args, Dir: dir, Stdin: tt.stdin}.Run(t, &Applet)
			r.Expect(t, tt.out, tt.code)
			if tt.errOut != "" && r.Stderr != tt.errOut {
				t.Errorf("stderr %q, want %q", r.Stderr, tt.errOut)
			}
			for _, e := range tt.exist {
				if _, err := os.Lstat(p(e)); err != nil {
					t.Errorf("%s missing", e)
				}
			}
			for _, g := range tt.gone {
				if _, err := os.Lstat(p(g)); err == nil {
					t.Errorf("%s still exists", g)
				}
			}
		})
	}
}

// TestMvAcrossFilesystems moves a tree to /dev/shm (tmpfs) when that is
// another filesystem, checking the copy-and-remove path.
func TestMvAcrossFilesystems(t *testing.T) {
	shm, err := os.MkdirTemp("/dev/shm", "mvtest")
	if err != nil {
		t.Skip("no /dev/shm")
	}
	defer os.RemoveAll(shm)
	dir := t.TempDir()
	p := func(s string) string { return filepath.Join(dir, s) }
	os.MkdirAll(p("src/sub"), 0o750)
	os.WriteFile(p("src/sub/a"), []byte("data"), 0o600)
	os.Link(p("src/sub/a"), p("src/b"))
	os.Symlink("sub/a", p("src/l"))
	r := applettest.RunIn(t, dir, &Applet, "src", filepath.Join(shm, "dst"))
	r.Expect(t, "", 0)
	if _, err := os.Lstat(p("src")); err == nil {
		t.Error("source still exists")
	}
	b, err := os.ReadFile(filepath.Join(shm, "dst/sub/a"))
	if string(b) != "data" || err != nil {
		t.Errorf("dst/sub/a: %q %v", b, err)
	}
	fa, _ := os.Stat(filepath.Join(shm, "dst/sub/a"))
	fb, _ := os.Stat(filepath.Join(shm, "dst/b"))
	if fa == nil || fb == nil || !os.SameFile(fa, fb) || fa.Mode().Perm() != 0o600 {
		t.Errorf("hard link or mode lost: %v %v", fa, fb)
	}
	if l, _ := os.Readlink(filepath.Join(shm, "dst/l")); l != "sub/a" {
		t.Errorf("l -> %q", l)
	}
}
