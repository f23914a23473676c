package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestGeneratedFilesAreCurrent fails when an applet was added, removed or
// renamed without running "go run ./scripts/gen".
func TestGeneratedFilesAreCurrent(t *testing.T) {
	dir := root()
	files, err := Files(dir)
	if err != nil {
		t.Fatal(err)
	}
	for rel, want := range files {
		have, err := os.ReadFile(filepath.Join(dir, rel))
		if err != nil || string(have) != string(want) {
			t.Errorf("%s is stale: run 'go run ./scripts/gen'", rel)
		}
	}
	old, _ := filepath.Glob(filepath.Join(dir, "applets", "*", "*", "register_test.go"))
	if len(old) != len(files)-1 {
		t.Errorf("%d register_test.go files, want %d: run 'go run ./scripts/gen'", len(old), len(files)-1)
	}
}

func TestSelection(t *testing.T) {
	src, err := selection(root(), []string{"true", "[", "echo"})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`coreutils_test "gobox/applets/coreutils/test"`, "&coreutils_test.Bracket,", "&coreutils_true.Applet,", "applet.Use(List)"} {
		if !contains(string(src), want) {
			t.Errorf("selection lacks %q:\n%s", want, src)
		}
	}
	if _, err := selection(root(), []string{"nosuch"}); err == nil || err.Error() != "no applet named nosuch" {
		t.Errorf("selection of an unknown applet: %v", err)
	}
}

func contains(s, sub string) bool {
	return len(sub) == 0 || len(s) >= len(sub) && (s[:len(sub)] == sub || contains(s[1:], sub))
}
