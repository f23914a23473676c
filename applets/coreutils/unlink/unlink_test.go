package unlink

import (
	"os"
	"path/filepath"
	"testing"

	"gobox/internal/applettest"
)

func TestUnlink(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "f"), []byte("x"), 0o644)
	os.Mkdir(filepath.Join(dir, "d"), 0o755)
	tests := []struct {
		args   []string
		errOut string
		code   int
	}{
		{[]string{"f"}, "", 0},
		{[]string{"f"}, "unlink: can't remove file 'f': No such file or directory\n", 1},
		{[]string{"d"}, "unlink: can't remove file 'd': Is a directory\n", 1},
		{nil, "", 1},
		{[]string{"a", "b"}, "", 1},
	}
	for _, tt := range tests {
		r := applettest.RunIn(t, dir, &Applet, tt.args...)
		r.Expect(t, "", tt.code)
		if tt.errOut != "" && r.Stderr != tt.errOut {
			t.Errorf("%v: stderr %q, want %q", tt.args, r.Stderr, tt.errOut)
		}
	}
}
