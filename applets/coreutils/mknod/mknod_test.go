package mknod

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"gobox/internal/applettest"
)

func TestMknod(t *testing.T) {
	applettest.ProcessUmask(t, 0o22)
	dir := t.TempDir()
	tests := []struct {
		args   []string
		errOut string
		code   int
	}{
		{[]string{"p1", "p"}, "", 0},
		{[]string{"-m", "600", "p2", "p"}, "", 0},
		{[]string{"p1", "p"}, "mknod: p1: File exists\n", 1},
		{[]string{"x", "q"}, "", 1},
		{[]string{"x", "c", "1"}, "", 1},
		{[]string{"x", "p", "1", "2"}, "", 1},
		{[]string{"x", "c", "a", "1"}, "mknod: invalid number 'a'\n", 1},
		{[]string{"x", "c", "5000", "1"}, "mknod: number 5000 is not in 0..4095 range\n", 1},
		{[]string{"-m", "bad", "x", "p"}, "mknod: x: Invalid argument\n", 1},
		{[]string{"x"}, "", 1},
	}
	for _, tt := range tests {
		r := applettest.RunIn(t, dir, &Applet, tt.args...)
		r.Expect(t, "", tt.code)
		if tt.errOut != "" && r.Stderr != tt.errOut {
			t.Errorf("%v: stderr %q, want %q", tt.args, r.Stderr, tt.errOut)
		}
	}
	for name, m := range map[string]os.FileMode{"p1": 0o644, "p2": 0o600} {
		fi, err := os.Lstat(filepath.Join(dir, name))
		if err != nil || fi.Mode()&os.ModeNamedPipe == 0 || fi.Mode().Perm() != m {
			t.Errorf("%s: %v %v", name, fi, err)
		}
	}
	if os.Getuid() == 0 {
		r := applettest.RunIn(t, dir, &Applet, "-m", "640", "c1", "c", "1", "3")
		r.Expect(t, "", 0)
		var st syscall.Stat_t
		if err := syscall.Lstat(filepath.Join(dir, "c1"), &st); err != nil || st.Mode&syscall.S_IFMT != syscall.S_IFCHR || st.Mode&0o777 != 0o640 || st.Rdev != 1<<8|3 {
			t.Errorf("c1: %+v %v", st, err)
		}
	}
}
