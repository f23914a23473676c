package pathname

import "testing"

func TestJoin(t *testing.T) {
	for _, tt := range []struct{ dir, name, want string }{
		{"a", "b", "a/b"},
		{"a/", "b", "a/b"},
		{"a/", "/b", "a/b"},
		{"a", "//b", "a/b"},
		{"/", "b", "/b"},
		{"", "b", "/b"},
		{"a//", "b", "a//b"},
		{"a", "", "a/"},
		{".", "..", "./.."},
	} {
		if got := Join(tt.dir, tt.name); got != tt.want {
			t.Errorf("Join(%q, %q) = %q, want %q", tt.dir, tt.name, got, tt.want)
		}
	}
}

func TestBaseDir(t *testing.T) {
	for _, tt := range []struct{ in, strip, base, dir string }{
		{"a/b", "a/b", "b", "a"},
		{"a/b/", "a/b", "b", "a"},
		{"a", "a", "a", "."},
		{"/", "/", "/", "/"},
		{"/a", "/a", "a", "/"},
		{"a//b", "a//b", "b", "a"},
		{"///", "/", "/", "/"},
		{"//a//", "//a", "a", "/"},
		{"", "", "", "."},
		{"a/..", "a/..", "..", "a"},
	} {
		if got := StripSlashes(tt.in); got != tt.strip {
			t.Errorf("StripSlashes(%q) = %q, want %q", tt.in, got, tt.strip)
		}
		if got := Base(tt.in); got != tt.base {
			t.Errorf("Base(%q) = %q, want %q", tt.in, got, tt.base)
		}
		if got := Dir(tt.in); got != tt.dir {
			t.Errorf("Dir(%q) = %q, want %q", tt.in, got, tt.dir)
		}
	}
}
