package commit

import (
	"os"
	"path/filepath"
	"testing"
)

func TestProtected(t *testing.T) {
	p := NewProtected(append(BuiltinProtected(), "-etc/skip", "# comment", "var/conf/"))
	for _, tc := range []struct {
		dir  string
		want bool
	}{
		{"etc", true}, {"etc/ssh", true}, {"etc/apk", true}, {"etc/init.d", true},
		{"etc/skip", false}, {"etc/skip/x", false}, {"usr/bin", false}, {"", false},
		{"var/conf", true}, {"var", false}, {"etcetera", false},
	} {
		if got := p.Protected(tc.dir); got != tc.want {
			t.Errorf("Protected(%q) = %v, want %v", tc.dir, got, tc.want)
		}
	}
}

func TestMalicious(t *testing.T) {
	for name, want := range map[string]bool{
		"usr/bin/x": false, "/etc/passwd": true, "../x": true, "./x": true, "a/../b": true,
		"a/./b": true, "a\nb": true, "a\x7fb": true, "..": true, "a/..": true, "a..b": false,
	} {
		if got := malicious(name); got != want {
			t.Errorf("malicious(%q) = %v", name, got)
		}
	}
}

// TestTmpName checks the temporary name against the one apk 2.14.4
// left for hello's usr/bin/hello (".apk." + 48 hex digits).
func TestTmpName(t *testing.T) {
	n := TmpName("hello", "usr/bin", "hello")
	if len(n) != 5+48 || n[:5] != ".apk." {
		t.Errorf("TmpName = %q", n)
	}
	if TmpName("hello", "usr/bin", "hi") == n || TmpName("other", "usr/bin", "hello") == n {
		t.Error("TmpName does not depend on the package and the name")
	}
}

// TestBeneath checks that paths resolve inside the root even through
// an absolute symlink that points outside it.
func TestBeneath(t *testing.T) {
	root, outside := t.TempDir(), t.TempDir()
	os.Symlink(outside, filepath.Join(root, "escape"))
	// The link's target as seen inside the root.
	os.MkdirAll(filepath.Join(root, outside), 0o755)
	r, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if _, err := r.MkdirAll("escape/sub", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := r.WriteFile("escape/sub/f", []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(outside, "sub")); err == nil {
		t.Error("MkdirAll followed a symlink out of the root")
	}
	if b, err := os.ReadFile(filepath.Join(root, outside, "sub/f")); err != nil || string(b) != "x" {
		t.Errorf("file not written beneath the root: %v", err)
	}
	if _, err := os.Stat(filepath.Join(root, outside, "sub/f.new")); err == nil {
		t.Error("temporary .new left behind")
	}
}
