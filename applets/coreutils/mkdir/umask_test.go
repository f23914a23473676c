package mkdir

import (
	"os"
	"path/filepath"
	"testing"

	"gobox/internal/applettest"
)

// TestCtxUmask checks that directories get the Ctx's umask, not the
// process's (0 here, as a shell's may be): 0777 less it, leading ones
// of -p with u+wx kept, and -m MODE exactly with the umask masking its
// who-less clauses.
func TestCtxUmask(t *testing.T) {
	applettest.ProcessUmask(t, 0)
	tests := []struct {
		umask uint32
		args  []string
		modes map[string]os.FileMode
	}{
		{0o027, []string{"a"}, map[string]os.FileMode{"a": 0o750}},
		{0o077, []string{"a"}, map[string]os.FileMode{"a": 0o700}},
		{0, []string{"a"}, map[string]os.FileMode{"a": 0o777}},
		{0o022, []string{"-p", "a/b"}, map[string]os.FileMode{"a": 0o755, "a/b": 0o755}},
		{0o777, []string{"-p", "a/b"}, map[string]os.FileMode{"a": 0o300, "a/b": 0}},
		{0o027, []string{"-m", "=rwx", "a"}, map[string]os.FileMode{"a": 0o750}},
		{0o077, []string{"-m", "755", "a"}, map[string]os.FileMode{"a": 0o755}},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		u := tt.umask
		r := applettest.Cmd{Args: tt.args, Dir: dir, Umask: &u}.Run(t, &Applet)
		r.Expect(t, "", 0)
		for p, want := range tt.modes {
			fi, err := os.Stat(filepath.Join(dir, p))
			if err != nil || !fi.IsDir() || fi.Mode().Perm() != want {
				t.Errorf("umask %03o, mkdir %q: %s: %v %v, want dir %v", tt.umask, tt.args, p, fi, err, want)
			}
		}
		os.Chmod(filepath.Join(dir, "a"), 0o700)
	}
}
