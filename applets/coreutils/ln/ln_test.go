package ln

import (
	"os"
	"path/filepath"
	"testing"

	"gobox/internal/applettest"
)

func TestLn(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		out    string
		errOut string
		code   int
		links  map[string]string // symlink -> target
		hard   []string          // names that must be f's inode
	}{
		{name: "hard", args: []string{"f", "h"}, hard: []string{"h"}},
		{name: "soft", args: []string{"-s", "f", "s"}, links: map[string]string{"s": "f"}},
		{name: "exists", args: []string{"f", "g"}, errOut: "ln: g: File exists\n", code: 1},
		{name: "force", args: []string{"-f", "f", "g"}, hard: []string{"g"}},
		{name: "force soft", args: []string{"-sf", "f", "g"}, links: map[string]string{"g": "f"}},
		{name: "missing hard", args: []string{"nope", "h"}, errOut: "ln: nope: No such file or directory\n", code: 1},
		{name: "into dir verbose", args: []string{"-sv", "../f", "d"}, out: "'d/f' -> '../f'\n", links: map[string]string{"d/f": "../f"}},
		{name: "one arg", args: []string{"-s", "d/"}, links: map[string]string{"d/d": "d/"}},
		{name: "backup", args: []string{"-sb", "f", "g"}, links: map[string]string{"g": "f"}, hard: []string{}},
		{name: "-n replaces dir link", args: []string{"-snf", "f", "ld"}, links: map[string]string{"ld": "f"}},
		{name: "without -n follows dir link", args: []string{"-s", "f", "ld"}, links: map[string]string{"d/f": "f"}},
		{name: "-T dir", args: []string{"-T", "f", "d"}, errOut: "ln: 'd' is a directory\n", code: 1},
		{name: "-T args", args: []string{"-T", "f", "g", "h"}, errOut: "ln: -T accepts 2 args max\n", code: 1},
		{name: "usage", code: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			p := func(s string) string { return filepath.Join(dir, s) }
			os.WriteFile(p("f"), []byte("f"), 0o644)
			os.WriteFile(p("g"), []byte("g"), 0o644)
			os.Mkdir(p("d"), 0o755)
			os.Symlink("d", p("ld"))
			r := applettest.RunIn(t, dir, &Applet, tt.args...)
			r.Expect(t, tt.out, tt.code)
			if tt.errOut != "" && r.Stderr != tt.errOut {
				t.Errorf("stderr %q, want %q", r.Stderr, tt.errOut)
			}
			for l, want := range tt.links {
				if got, err := os.Readlink(p(l)); got != want {
					t.Errorf("%s -> %q (%v), want %q", l, got, err, want)
				}
			}
			ff, _ := os.Stat(p("f"))
			for _, h := range tt.hard {
				fh, err := os.Lstat(p(h))
				if err != nil || !os.SameFile(ff, fh) {
					t.Errorf("%s is not a hard link of f", h)
				}
			}
			if tt.name == "backup" {
				if b, _ := os.ReadFile(p("g~")); string(b) != "g" {
					t.Errorf("backup g~ = %q", b)
				}
			}
		})
	}
}
