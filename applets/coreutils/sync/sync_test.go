package sync

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gobox/internal/applettest"
)

func TestSync(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "f"), []byte("x"), 0644)
	tests := []struct {
		args   []string
		stderr string
		code   int
	}{
		{nil, "", 0},
		{[]string{"f"}, "", 0},
		{[]string{"-d", "f", "."}, "", 0},
		{[]string{"-f", "f"}, "", 0},
		{[]string{"nx", "f"}, "sync: can't open 'nx': No such file or directory\n", 1},
		{[]string{"-df", "f"}, "-", 1},
		{[]string{"-x"}, "-", 1},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			r := applettest.RunIn(t, dir, &Applet, tt.args...)
			r.Expect(t, "", tt.code)
			if tt.stderr != "-" && r.Stderr != tt.stderr {
				t.Errorf("stderr %q, want %q", r.Stderr, tt.stderr)
			}
		})
	}
}
