package link

import (
	"os"
	"path/filepath"
	"testing"

	"gobox/internal/applettest"
)

func TestLink(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "f"), []byte("x"), 0o644)
	tests := []struct {
		args   []string
		errOut string
		code   int
	}{
		{[]string{"f", "g"}, "", 0},
		{[]string{"f", "g"}, "link: can't create hardlink 'g' to 'f': File exists\n", 1},
		{[]string{"nope", "h"}, "link: can't create hardlink 'h' to 'nope': No such file or directory\n", 1},
		{[]string{"f"}, "", 1},
		{[]string{"a", "b", "c"}, "", 1},
	}
	for _, tt := range tests {
		r := applettest.RunIn(t, dir, &Applet, tt.args...)
		r.Expect(t, "", tt.code)
		if tt.errOut != "" && r.Stderr != tt.errOut {
			t.Errorf("%v: stderr %q, want %q", tt.args, r.Stderr, tt.errOut)
		}
	}
	a, _ := os.Stat(filepath.Join(dir, "f"))
	b, _ := os.Stat(filepath.Join(dir, "g"))
	if !os.SameFile(a, b) {
		t.Error("g is not a hard link of f")
	}
}
