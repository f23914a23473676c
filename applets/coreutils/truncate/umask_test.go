package truncate

import (
	"os"
	"path/filepath"
	"testing"

	"gobox/internal/applettest"
)

// TestCtxUmask checks that files truncate creates get 0666 less the Ctx's
// umask, not the process's (0 here, as a shell's may be), and that an
// existing file keeps its mode.
func TestCtxUmask(t *testing.T) {
	applettest.ProcessUmask(t, 0)
	tests := []struct {
		umask    uint32
		existing os.FileMode // 0: no file before
		want     os.FileMode
	}{
		{0o027, 0, 0o640},
		{0o077, 0, 0o600},
		{0, 0, 0o666},
		{0o077, 0o604, 0o604},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		f := filepath.Join(dir, "f")
		if tt.existing != 0 {
			os.WriteFile(f, nil, tt.existing)
		}
		u := tt.umask
		r := applettest.Cmd{Args: []string{"-s", "1", "f"}, Dir: dir, Umask: &u}.Run(t, &Applet)
		r.Expect(t, "", 0)
		fi, err := os.Stat(f)
		if err != nil || fi.Mode().Perm() != tt.want {
			t.Errorf("umask %03o: %v %v, want %v", tt.umask, fi, err, tt.want)
		}
	}
}
