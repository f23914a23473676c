package main

import (
	"os"
	"os/exec"
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

// TestSelectedBuild builds a binary with two applets, as
// 'make APPLETS="ls echo"' does, and checks it holds exactly those.
func TestSelectedBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a binary")
	}
	bin := filepath.Join(t.TempDir(), "gobox")
	cmd := exec.Command("scripts/build.sh", bin)
	cmd.Dir = root()
	cmd.Env = append(os.Environ(), "APPLETS=ls echo", "APPLETS_FILE=")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build.sh: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "--list").Output()
	if err != nil || string(out) != "echo\nls\n" {
		t.Errorf("--list of the selected build: %q, %v", out, err)
	}
	out, err = exec.Command(bin, "echo", "hi").Output()
	if err != nil || string(out) != "hi\n" {
		t.Errorf("echo in the selected build: %q, %v", out, err)
	}
}
