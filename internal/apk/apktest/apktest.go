// Package apktest finds the apk fixtures (../shared/fixtures/apk relative
// to the repository root) for tests, skipping when they are absent.
package apktest

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Fixtures returns the fixture directory, or skips t when it is absent.
func Fixtures(t testing.TB) string {
	t.Helper()
	// The repository root is found from this file's own path, not the
	// working directory (process state the contract keeps out of code).
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Skip("cannot locate the repository")
	}
	dir := filepath.Dir(file)
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("no go.mod above the test's directory")
		}
		dir = parent
	}
	fx := filepath.Join(dir, "..", "shared", "fixtures", "apk")
	if _, err := os.Stat(filepath.Join(fx, "README.md")); err != nil {
		t.Skipf("apk fixtures absent (%s): skipping; they live in ../shared/fixtures/apk beside the repository", fx)
	}
	return fx
}

// Read returns the content of a fixture file.
func Read(t testing.TB, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(Fixtures(t), rel))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
