package tar

import (
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// setXattr sets a user attribute, or skips the test where the file
// system has none.
func setXattr(t *testing.T, path, name, value string) {
	t.Helper()
	if err := unix.Setxattr(path, name, []byte(value), 0); err != nil {
		if errors.Is(err, unix.ENOTSUP) {
			t.Skipf("no extended attributes on this file system: %v", err)
		}
		t.Fatal(err)
	}
}

// xattrs lists path's user attributes as "name=value" lines, sorted.
func xattrs(t *testing.T, path string) string {
	t.Helper()
	buf := make([]byte, 4096)
	n, err := unix.Llistxattr(path, buf)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, k := range strings.Split(strings.TrimSuffix(string(buf[:n]), "\x00"), "\x00") {
		if !strings.HasPrefix(k, "user.") {
			continue
		}
		v := make([]byte, 4096)
		m, err := unix.Lgetxattr(path, k, v)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, k+"="+string(v[:m]))
	}
	sort.Strings(out)
	return strings.Join(out, "\n")
}

// xattrTree makes src with a file and a directory carrying user
// attributes (one value binary, with a NUL), and one file without.
func xattrTree(t *testing.T, work string) string {
	src := filepath.Join(work, "src")
	os.MkdirAll(filepath.Join(src, "d"), 0o755)
	os.WriteFile(filepath.Join(src, "f"), []byte("data\n"), 0o644)
	os.WriteFile(filepath.Join(src, "plain"), []byte("plain\n"), 0o644)
	setXattr(t, filepath.Join(src, "f"), "user.test", "hello")
	setXattr(t, filepath.Join(src, "f"), "user.bin", "a\x00b\n=c")
	setXattr(t, filepath.Join(src, "d"), "user.dir", strings.Repeat("v", 300))
	return src
}

// TestXattrs: --xattrs stores user attributes in pax SCHILY.xattr
// records and restores them; without it (or with --no-xattrs) they
// are neither stored nor restored; --format=gnu with it is refused.
func TestXattrs(t *testing.T) {
	work := t.TempDir()
	src := xattrTree(t, work)
	if r := tarRun(t, work, "", "--xattrs", "-cf", "x.tar", "-C", src, "."); r.Code != 0 {
		t.Fatalf("create: %+v", r)
	}
	raw, _ := os.ReadFile(filepath.Join(work, "x.tar"))
	for _, rec := range []string{"32 SCHILY.xattr.user.test=hello\n", "32 SCHILY.xattr.user.bin=a\x00b\n=c\n"} {
		if !strings.Contains(string(raw), rec) {
			t.Errorf("archive lacks the record %q", rec)
		}
	}
	tests := []struct {
		args []string
		want bool
	}{
		{[]string{"--xattrs"}, true},
		{nil, false},
		{[]string{"--xattrs", "--no-xattrs"}, false},
	}
	for i, tc := range tests {
		dst := filepath.Join(work, "x"+string(rune('0'+i)))
		os.Mkdir(dst, 0o755)
		args := append(append([]string{}, tc.args...), "-xf", "x.tar", "-C", dst)
		if r := tarRun(t, work, "", args...); r.Code != 0 || r.Stderr != "" {
			t.Fatalf("%q: %+v", args, r)
		}
		for _, name := range []string{"f", "d", "plain"} {
			want := ""
			if tc.want {
				want = xattrs(t, filepath.Join(src, name))
			}
			if got := xattrs(t, filepath.Join(dst, name)); got != want {
				t.Errorf("%q: %s has %q, want %q", args, name, got, want)
			}
		}
	}
	// Without --xattrs nothing is stored.
	tarRun(t, work, "", "-cf", "plain.tar", "-C", src, ".")
	if raw, _ := os.ReadFile(filepath.Join(work, "plain.tar")); strings.Contains(string(raw), "SCHILY") {
		t.Error("attributes stored without --xattrs")
	}
	r := tarRun(t, work, "", "--xattrs", "--format=gnu", "-cf", "g.tar", "-C", src, ".")
	if r.Code != 1 || r.Stderr != "tar: --xattrs can be used only on POSIX archives\n" {
		t.Errorf("--format=gnu: %+v", r)
	}
}

// TestXattrsGNU: GNU tar --xattrs reads ours, and ours reads GNU's.
func TestXattrsGNU(t *testing.T) {
	gnu := gnuTar(t)
	work := t.TempDir()
	src := xattrTree(t, work)
	// Ours to GNU.
	if r := tarRun(t, work, "", "--xattrs", "-cf", "ours.tar", "-C", src, "."); r.Code != 0 {
		t.Fatalf("create: %+v", r)
	}
	os.Mkdir(filepath.Join(work, "gnu-x"), 0o755)
	sh(t, work, gnu, "--xattrs", "-xf", "ours.tar", "-C", "gnu-x")
	// GNU to ours.
	sh(t, work, gnu, "--xattrs", "-cf", "gnu.tar", "-C", src, ".")
	os.Mkdir(filepath.Join(work, "ours-x"), 0o755)
	if r := tarRun(t, work, "", "--xattrs", "-xf", "gnu.tar", "-C", "ours-x"); r.Code != 0 || r.Stderr != "" {
		t.Fatalf("extract: %+v", r)
	}
	for _, dst := range []string{"gnu-x", "ours-x"} {
		for _, name := range []string{"f", "d", "plain"} {
			want := xattrs(t, filepath.Join(src, name))
			if got := xattrs(t, filepath.Join(work, dst, name)); got != want {
				t.Errorf("%s: %s has %q, want %q", dst, name, got, want)
			}
		}
	}
}
