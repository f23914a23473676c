package canonpath

import (
	"os"
	"path/filepath"
	"testing"
)

func TestResolve(t *testing.T) {
	dir := PhysicalDir(t.TempDir())
	os.MkdirAll(filepath.Join(dir, "a/b"), 0o755)
	os.WriteFile(filepath.Join(dir, "a/f"), nil, 0o644)
	os.Symlink("a/b", filepath.Join(dir, "lb"))
	os.Symlink(dir+"/a", filepath.Join(dir, "abs"))
	os.Symlink("missing", filepath.Join(dir, "dangling"))
	os.Symlink("loop", filepath.Join(dir, "loop"))
	tests := []struct {
		name, want string // want "" means an error
		coreutils  string // Coreutils' answer, "" for an error
	}{
		{"a", dir + "/a", dir + "/a"},
		{"./a/../a/b/", dir + "/a/b", dir + "/a/b"},
		{"lb", dir + "/a/b", dir + "/a/b"},
		{"lb/..", dir + "/a", dir + "/a"},
		{"abs/f", dir + "/a/f", dir + "/a/f"},
		{dir + "//a///f", dir + "/a/f", dir + "/a/f"},
		{"a/f/", "", ""},
		{"a/f/x", "", ""},
		{"new", "", ""}, // BusyBox needs a slash to allow a missing name
		{"a/new", "", dir + "/a/new"},
		{"dangling", "", dir + "/missing"},
		{"x/y", "", ""},
		{"loop", "", ""},
		{"", "", ""},
		{"/", "/", "/"},
	}
	for _, tt := range tests {
		got, err := Resolve(dir, tt.name)
		if (err != nil) != (tt.want == "") || got != tt.want {
			t.Errorf("Resolve(%q) = %q, %v; want %q", tt.name, got, err, tt.want)
		}
		got, err = Coreutils(dir, tt.name)
		if (err != nil) != (tt.coreutils == "") || got != tt.coreutils {
			t.Errorf("Coreutils(%q) = %q, %v; want %q", tt.name, got, err, tt.coreutils)
		}
	}
}
