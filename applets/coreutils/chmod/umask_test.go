package chmod

import (
	"os"
	"path/filepath"
	"testing"

	"gobox/internal/applettest"
)

// TestCtxUmask checks that who-less clauses ("+x") are masked by the
// Ctx's umask, not the process's (0 here, as a shell's may be).
func TestCtxUmask(t *testing.T) {
	applettest.ProcessUmask(t, 0)
	tests := []struct {
		umask uint32
		spec  string
		want  os.FileMode
	}{
		{0o027, "+x", 0o710},
		{0o027, "+rw", 0o640},
		{0o077, "=rx", 0o500},
		{0, "+x", 0o711},
		{0o027, "a+x", 0o711},
		{0o777, "go+r", 0o644},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		f := filepath.Join(dir, "f")
		os.WriteFile(f, nil, 0o600)
		os.Chmod(f, 0o600)
		u := tt.umask
		r := applettest.Cmd{Args: []string{tt.spec, "f"}, Dir: dir, Umask: &u}.Run(t, &Applet)
		r.Expect(t, "", 0)
		fi, err := os.Stat(f)
		if err != nil || fi.Mode().Perm() != tt.want {
			t.Errorf("umask %03o, chmod %s: %v %v, want %v", tt.umask, tt.spec, fi, err, tt.want)
		}
	}
}
