// Package ratchet tests scripts/conformance.sh, the BusyBox conformance
// ratchet, against stand-in suites: it skips only when the harness's
// directory is absent, and fails whenever the harness is there but does not
// run through, so a broken harness can never pass for a green run.
package ratchet

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The listed cases: two pass, one is known to fail.
const known = "ash\tash-misc\tPASS\tone\n" +
	"testsuite\tcat\tFAIL\tcat-two\n" +
	"testsuite\tcat\tPASS\tcat-one\n"

// tree lays out DIR/repo (the script and results.tsv) and returns the path
// of the copied script and of DIR/shared/conformance, which it does not
// create.
func tree(t *testing.T) (script, shared string) {
	t.Helper()
	dir := t.TempDir()
	src, err := os.ReadFile("../conformance.sh")
	if err != nil {
		t.Fatal(err)
	}
	script = filepath.Join(dir, "repo", "scripts", "conformance.sh")
	for _, f := range []struct {
		path string
		data string
		mode os.FileMode
	}{
		{script, string(src), 0o755},
		{filepath.Join(dir, "repo", "conformance", "results.tsv"), known, 0o644},
		{filepath.Join(dir, "repo", "gobox"), "#!/bin/sh\n", 0o755},
	} {
		if err := os.MkdirAll(filepath.Dir(f.path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f.path, []byte(f.data), f.mode); err != nil {
			t.Fatal(err)
		}
	}
	return script, filepath.Join(dir, "shared", "conformance")
}

// suite writes a stand-in busybox-suite that prints log, writes results to
// the --results file and exits with status, and Alpine's BusyBox config
// beside it, which the suite must be given (a usage error otherwise).
func suite(t *testing.T, shared, log, results string, status int) {
	t.Helper()
	docs := filepath.Join(filepath.Dir(shared), "docs")
	for _, d := range []string{shared, docs} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(docs, "alpine-3.20-busybox-1.36.1.config"), []byte("CONFIG_CAT=y\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	body := "#!/bin/sh\n" +
		"[ \"$1\" = --config ] && grep -q CONFIG_CAT=y \"$2\" || exit 2\n" +
		"shift 2\n" +
		"[ \"$1\" = --results ] || exit 2\n" +
		"printf '%s' '" + results + "' > \"$2\"\n" +
		"printf '%s' '" + log + "'\n" +
		"exit " + strconv.Itoa(status) + "\n"
	if err := os.WriteFile(filepath.Join(shared, "busybox-suite"), []byte(body), 0o755); err != nil {
		t.Fatal(err)
	}
}

func check(t *testing.T, script string) (out string, code int) {
	t.Helper()
	cmd := exec.Command(script, "--check", filepath.Join(filepath.Dir(script), "..", "gobox"))
	cmd.Env = append(os.Environ(), "BUSYBOX_SUITE=")
	b, err := cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return string(b), code
}

func TestSkipsWithoutHarness(t *testing.T) {
	script, _ := tree(t)
	out, code := check(t, script)
	if code != 0 || !strings.Contains(out, "skipping") {
		t.Errorf("no ../shared/conformance: status %d, want 0 and a skip message:\n%s", code, out)
	}
}

func TestFailsWhenHarnessCannotRun(t *testing.T) {
	allPass := "ash\tash-misc\tPASS\tone\ntestsuite\tcat\tPASS\tcat-one\ntestsuite\tcat\tFAIL\tcat-two\n"
	for _, tc := range []struct {
		name     string
		missing  bool // shared/conformance exists, busybox-suite does not
		noConfig bool // Alpine's BusyBox config is not beside the suite
		log      string
		results  string
		status   int
	}{
		{name: "suite missing", missing: true},
		{name: "setup error", log: "busybox-suite: apt-get is needed\n", status: 2},
		{name: "killed midway", log: "PASS: one\n", results: allPass, status: 143},
		{name: "no results", log: "0 passed, 0 failed, 0 skipped\n", status: 0},
		{name: "no summary line", log: "PASS: one\n", results: allPass, status: 1},
		{name: "no Alpine config", log: "1 passed, 0 failed, 0 skipped\n", results: allPass, status: 1, noConfig: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			script, shared := tree(t)
			if tc.missing {
				if err := os.MkdirAll(shared, 0o755); err != nil {
					t.Fatal(err)
				}
			} else {
				suite(t, shared, tc.log, tc.results, tc.status)
			}
			if tc.noConfig {
				if err := os.RemoveAll(filepath.Join(filepath.Dir(shared), "docs")); err != nil {
					t.Fatal(err)
				}
			}
			out, code := check(t, script)
			if code != 1 || !strings.Contains(out, "conformance: FAIL:") || strings.Contains(out, "skipping") {
				t.Errorf("status %d, want 1 and a FAIL message:\n%s", code, out)
			}
		})
	}
}

func TestRatchet(t *testing.T) {
	summary := "3 passed, 1 failed, 0 skipped\n"
	for _, tc := range []struct {
		name    string
		results string
		code    int
		want    string
	}{
		// The suite exits 1 because a case fails; the listed ones still pass.
		{"listed cases pass", known + "testsuite\tcat\tPASS\tcat-three\n", 0, "case(s) pass that conformance/results.tsv does not list"},
		{"a listed case regresses", "ash\tash-misc\tPASS\tone\ntestsuite\tcat\tFAIL\tcat-one\n", 1, "  - testsuite\tcat\tcat-one"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			script, shared := tree(t)
			suite(t, shared, summary, tc.results, 1)
			out, code := check(t, script)
			if code != tc.code || !strings.Contains(out, tc.want) {
				t.Errorf("status %d, want %d and %q:\n%s", code, tc.code, tc.want, out)
			}
		})
	}
}
