package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestGeneratedFilesAreCurrent fails when an applet was added, removed or
// renamed without running "go run ./scripts/gen".
func TestGeneratedFilesAreCurrent(t *testing.T) {
	dir := testRoot(t)
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
}

func testRoot(t *testing.T) string {
	t.Helper()
	dir, err := root()
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestRootUnderTrimpath runs the generator as a user with
// GOFLAGS=-trimpath would, from a subdirectory: it must still find the
// module and its applets.
func TestRootUnderTrimpath(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go")
	}
	out := t.TempDir()
	cmd := exec.Command("go", "run", "./scripts/gen", "-select", "true", "-o", out)
	cmd.Dir = testRoot(t)
	cmd.Env = append(os.Environ(), "GOFLAGS=-trimpath")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("gen under -trimpath: %v\n%s", err, b)
	}
	if _, err := os.Stat(filepath.Join(out, "main.go")); err != nil {
		t.Error(err)
	}
}

// TestNoApplets: a tree without applets is an error, not an empty table.
func TestNoApplets(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "applets", "coreutils"), 0o755)
	if _, err := Files(dir); err == nil || !strings.Contains(err.Error(), "no applets") {
		t.Errorf("Files of a tree without applets: %v", err)
	}
}

func TestSelection(t *testing.T) {
	src, err := selection(testRoot(t), []string{"true", "[", "echo"})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`coreutils_test "gobox/applets/coreutils/test"`, "&coreutils_test.Bracket,", "&coreutils_true.Applet,", "applet.Main(List, os.Args)"} {
		if !contains(string(src), want) {
			t.Errorf("selection lacks %q:\n%s", want, src)
		}
	}
	if _, err := selection(testRoot(t), []string{"nosuch"}); err == nil || err.Error() != "no applet named nosuch" {
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
	cmd.Dir = testRoot(t)
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
