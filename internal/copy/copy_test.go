package copy

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPaths(t *testing.T) {
	for _, tt := range []struct{ in, base, dir string }{
		{"a/b", "b", "a"}, {"a/b/", "b", "a"}, {"a", "a", "."}, {"/", "/", "/"},
		{"/a", "a", "/"}, {"a//b", "b", "a"}, {"///", "/", "/"},
	} {
		if b := Base(tt.in); b != tt.base {
			t.Errorf("Base(%q) = %q, want %q", tt.in, b, tt.base)
		}
		if d := Dir(tt.in); d != tt.dir {
			t.Errorf("Dir(%q) = %q, want %q", tt.in, d, tt.dir)
		}
	}
	if j := JoinPath("a/", "/b"); j != "a/b" {
		t.Errorf("JoinPath = %q", j)
	}
	if !AskYes(strings.NewReader(" yes\n")) || AskYes(strings.NewReader("n\ny\n")) || AskYes(strings.NewReader("")) {
		t.Error("AskYes")
	}
}

func TestCopyTree(t *testing.T) {
	dir := t.TempDir()
	p := func(s string) string { return filepath.Join(dir, s) }
	os.MkdirAll(p("s/d"), 0o700)
	os.WriteFile(p("s/d/f"), []byte(strings.Repeat("x", 100000)), 0o640)
	os.Link(p("s/d/f"), p("s/h"))
	os.Symlink("d/f", p("s/l"))
	var msgs []string
	c := &Copier{Flags: Recursive | Preserve, Warnf: func(f string, a ...any) { msgs = append(msgs, f) }}
	if !c.Copy(p("s"), p("t")) || len(msgs) > 0 {
		t.Fatalf("copy failed: %v", msgs)
	}
	b, _ := os.ReadFile(p("t/d/f"))
	if len(b) != 100000 {
		t.Errorf("t/d/f has %d bytes", len(b))
	}
	a, _ := os.Stat(p("t/d/f"))
	h, _ := os.Stat(p("t/h"))
	if !os.SameFile(a, h) || a.Mode().Perm() != 0o640 {
		t.Errorf("hard link or mode lost")
	}
	if fi, _ := os.Stat(p("t/d")); fi.Mode().Perm() != 0o700 {
		t.Errorf("dir mode %v", fi.Mode())
	}
	r := &Remover{Recursive: true, Force: true}
	if !r.Remove(p("t")) {
		t.Error("remove failed")
	}
	if _, err := os.Lstat(p("t")); err == nil {
		t.Error("t still exists")
	}
	m := &MakeDir{Mode: 0o700, Parents: true}
	if !m.Make(p("x/y/z")) {
		t.Error("MakeDir failed")
	}
	if fi, _ := os.Stat(p("x/y/z")); fi == nil || fi.Mode().Perm() != 0o700 {
		t.Error("MakeDir mode")
	}
}
