package mknod

import (
	"os"
	"path/filepath"
	"testing"

	"gobox/internal/applettest"
)

// TestCtxUmask checks that nodes get the Ctx's umask, not the process's
// (0 here, as a shell's may be): 0666 less it, or -m MODE exactly with the
// umask masking who-less clauses.
func TestCtxUmask(t *testing.T) {
	applettest.ProcessUmask(t, 0)
	tests := []struct {
		umask uint32
		args  []string
		want  os.FileMode
	}{
		{0o027, nil, 0o640},
		{0o077, nil, 0o600},
		{0, nil, 0o666},
		{0o027, []string{"-m", "+x"}, 0o776},
		{0o077, []string{"-m", "644"}, 0o644},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		u := tt.umask
		r := applettest.Cmd{Args: append(tt.args, "p", "p"), Dir: dir, Umask: &u}.Run(t, &Applet)
		r.Expect(t, "", 0)
		fi, err := os.Lstat(filepath.Join(dir, "p"))
		if err != nil || fi.Mode()&os.ModeNamedPipe == 0 || fi.Mode().Perm() != tt.want {
			t.Errorf("umask %03o, %q: %v %v, want fifo %v", tt.umask, tt.args, fi, err, tt.want)
		}
	}
}
