package chgrp

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"gobox/internal/applettest"
)

func TestChgrp(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root")
	}
	tests := []struct {
		args     []string
		out      string
		stderr   string
		code     int
		uid, gid uint32
	}{
		{[]string{"7", "f"}, "", "", 0, 3, 7},
		{[]string{"-v", "8", "f"}, "changed ownership of 'f' to 3:8\n", "", 0, 3, 8},
		{[]string{"-R", "--", "9", "f"}, "", "", 0, 3, 9},
		{[]string{"no_such_group_x", "f"}, "", "chgrp: unknown group no_such_group_x\n", 1, 3, 0},
		{[]string{"7"}, "", "-", 1, 3, 0},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		f := filepath.Join(dir, "f")
		os.WriteFile(f, nil, 0644)
		os.Chown(f, 3, 0)
		r := applettest.RunIn(t, dir, &Applet, tt.args...)
		r.Expect(t, tt.out, tt.code)
		if tt.stderr != "-" && r.Stderr != tt.stderr {
			t.Errorf("%v: stderr %q, want %q", tt.args, r.Stderr, tt.stderr)
		}
		st, _ := os.Stat(f)
		s := st.Sys().(*syscall.Stat_t)
		if s.Uid != tt.uid || s.Gid != tt.gid {
			t.Errorf("%v: owner %d:%d, want %d:%d", tt.args, s.Uid, s.Gid, tt.uid, tt.gid)
		}
	}
}
