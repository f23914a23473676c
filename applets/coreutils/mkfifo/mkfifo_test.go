package mkfifo

import (
	"os"
	"path/filepath"
	"testing"

	"gobox/internal/applettest"
)

func TestMkfifo(t *testing.T) {
	applettest.ProcessUmask(t, 0o22)
	dir := t.TempDir()
	tests := []struct {
		args   []string
		errOut string
		code   int
		name   string
		mode   os.FileMode
	}{
		{[]string{"p"}, "", 0, "p", 0o644},
		{[]string{"-m", "666", "q"}, "", 0, "q", 0o666},
		{[]string{"-m", "u=rw", "r"}, "", 0, "r", 0o666},
		{[]string{"p"}, "mkfifo: p: File exists\n", 1, "", 0},
		{[]string{"-m", "bad", "s"}, "mkfifo: s: Invalid argument\n", 1, "", 0},
		{nil, "", 1, "", 0},
	}
	for _, tt := range tests {
		r := applettest.RunIn(t, dir, &Applet, tt.args...)
		r.Expect(t, "", tt.code)
		if tt.errOut != "" && r.Stderr != tt.errOut {
			t.Errorf("%v: stderr %q, want %q", tt.args, r.Stderr, tt.errOut)
		}
		if tt.name != "" {
			fi, err := os.Lstat(filepath.Join(dir, tt.name))
			if err != nil || fi.Mode()&os.ModeNamedPipe == 0 || fi.Mode().Perm() != tt.mode {
				t.Errorf("%v: %v %v, want fifo %v", tt.args, fi, err, tt.mode)
			}
		}
	}
}
