package main

import (
	"os"
	"path/filepath"
	"strings"
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
	want := Generate(dir)
	if !strings.Contains(want, "\n| ls | bin/ls | `-1` ") {
		t.Errorf("generated table lacks ls and its options:\n%s", want)
	}
	if string(have) != want {
		t.Errorf("COMPATIBILITY.md is stale: run 'make compat'")
	}
}

// TestFailingCasesExplained requires a note for every failing BusyBox case.
func TestFailingCasesExplained(t *testing.T) {
	for _, u := range Unexplained(root()) {
		t.Errorf("failing conformance case has no explanation in docs/compat/<applet>.md: %s", u)
	}
}
