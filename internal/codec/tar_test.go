package codec_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"gobox/applets/archival/tar"
	"gobox/internal/applettest"
	"gobox/internal/codec"
)

// tarRun runs gobox's tar in dir.
func tarRun(t *testing.T, dir string, args ...string) applettest.Result {
	t.Helper()
	return applettest.Cmd{Args: args, Dir: dir}.Run(t, &tar.Applet)
}

// list is tar -t's output in name order (the archive's order is the
// directory's).
func list(t *testing.T, dir string, args ...string) string {
	t.Helper()
	r := tarRun(t, dir, args...)
	if r.Code != 0 || r.Stderr != "" {
		t.Errorf("tar %q: %+v", args, r)
	}
	names := strings.Fields(r.Stdout)
	sort.Strings(names)
	return strings.Join(names, " ")
}

const listing = "d/ d/e/ d/e/g d/f"

func tree(t *testing.T, dir string) {
	t.Helper()
	os.MkdirAll(filepath.Join(dir, "d", "e"), 0o755)
	os.WriteFile(filepath.Join(dir, "d", "f"), bytes.Repeat([]byte("tar and bzip2\n"), 50000), 0o644)
	os.WriteFile(filepath.Join(dir, "d", "e", "g"), []byte("g\n"), 0o600)
}

func same(t *testing.T, a, b string) {
	t.Helper()
	for _, f := range []string{"d/f", "d/e/g"} {
		x, err1 := os.ReadFile(filepath.Join(a, f))
		y, err2 := os.ReadFile(filepath.Join(b, f))
		if err1 != nil || err2 != nil || !bytes.Equal(x, y) {
			t.Errorf("%s: %v %v, %d and %d bytes", f, err1, err2, len(x), len(y))
		}
	}
}

// TestTarBzip2: tar -cjf writes what tar -xjf and Debian's bzip2 read,
// and tar -tjf and detection list it.
func TestTarBzip2(t *testing.T) {
	src, dst := t.TempDir(), t.TempDir()
	tree(t, src)
	tarRun(t, src, "-cjf", "a.tar.bz2", "d").Expect(t, "", 0)
	if got := list(t, src, "-tjf", "a.tar.bz2"); got != listing {
		t.Errorf("tar -tjf a.tar.bz2: %s", got)
	}
	if got := list(t, src, "-tf", "a.tar.bz2"); got != listing {
		t.Errorf("tar -tf a.tar.bz2: %s", got)
	}
	tarRun(t, dst, "-xjf", filepath.Join(src, "a.tar.bz2")).Expect(t, "", 0)
	same(t, src, dst)
	if _, err := exec.LookPath("bzip2"); err == nil {
		out, err := exec.Command("bzip2", "-t", filepath.Join(src, "a.tar.bz2")).CombinedOutput()
		if err != nil {
			t.Errorf("bzip2 -t: %v %s", err, out)
		}
	}
}

// TestTarCompress: tar -Z and detection read a .Z archive.
func TestTarCompress(t *testing.T) {
	src, dst := t.TempDir(), t.TempDir()
	tree(t, src)
	tarRun(t, src, "-cf", "a.tar", "d").Expect(t, "", 0)
	plain, _ := os.ReadFile(filepath.Join(src, "a.tar"))
	os.WriteFile(filepath.Join(src, "a.tar.Z"), codec.CompressZ(plain), 0o644)
	if got := list(t, src, "-tZf", "a.tar.Z"); got != listing {
		t.Errorf("tar -tZf a.tar.Z: %s", got)
	}
	if got := list(t, src, "-tf", "a.tar.Z"); got != listing {
		t.Errorf("tar -tf a.tar.Z: %s", got)
	}
	tarRun(t, dst, "-xZf", filepath.Join(src, "a.tar.Z")).Expect(t, "", 0)
	same(t, src, dst)
	// -Z cannot write .Z: compress is read only, in BusyBox too.
	r := tarRun(t, src, "-cZf", "b.tar.Z", "d")
	if r.Code != 1 || r.Stderr != "tar: compress (de)compression is not supported yet\n" {
		t.Errorf("-cZf: %+v", r)
	}
}
