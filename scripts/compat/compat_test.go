package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestCompatibilityIsCurrent keeps COMPATIBILITY.md from drifting from the
// registry, the conformance results and the notes.
func TestCompatibilityIsCurrent(t *testing.T) {
	dir := root()
	have, err := os.ReadFile(filepath.Join(dir, "COMPATIBILITY.md"))
	if err != nil {
		t.Fatal(err)
	}
	if string(have) != Generate(dir) {
		t.Errorf("COMPATIBILITY.md is stale: run 'make compat'")
	}
}

// TestFailingCasesExplained requires a note for every failing BusyBox case.
func TestFailingCasesExplained(t *testing.T) {
	for _, u := range Unexplained(root()) {
		t.Errorf("failing conformance case has no explanation in docs/compat/<applet>.md: %s", u)
	}
}
