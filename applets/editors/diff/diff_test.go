package diff

import (
	"os"
	"path/filepath"
	"testing"

	"gobox/internal/applettest"
)

// writeFiles creates each name (a trailing slash makes a directory)
// with its content in dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if name[len(name)-1] == '/' {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// The expected outputs are Alpine's BusyBox 1.36.1 for the same files.
func TestDiff(t *testing.T) {
	files := map[string]string{
		"x":        "a\nb\nc\nd\n",
		"y":        "a\nB\nc\nd\ne",
		"sp1":      "a b\n\nc\tt\n",
		"sp2":      "a  b\n\n\nC t\n",
		"bin1":     "a\x00b\n",
		"bin2":     "a\x00c\n",
		"wa":       "x\n1\n\n\n\n2\ny\n",
		"wb":       "x\n\n\ny\n",
		"tab":      "\tx\n",
		"tab2":     "\ty\n",
		"d1/f":     "a\n",
		"d2/f":     "b\n",
		"d1/s":     "same\n",
		"d2/s":     "same\n",
		"d1/o1":    "",
		"d1/sub/":  "",
		"d2/sub/":  "",
		"d1/sub/x": "x\n",
		"d2/sub/x": "y\n",
		"d2/sub/n": "n\n",
	}
	tests := []struct {
		name  string
		args  []string
		stdin string
		out   string
		code  int
	}{
		{"unified", []string{"x", "y"}, "",
			"--- x\n+++ y\n@@ -1,4 +1,5 @@\n a\n-b\n+B\n c\n d\n+e\n\\ No newline at end of file\n", 1},
		{"U0", []string{"-U0", "x", "y"}, "",
			"--- x\n+++ y\n@@ -2 +2 @@\n-b\n+B\n@@ -4,0 +5 @@\n+e\n\\ No newline at end of file\n", 1},
		{"labels", []string{"-L", "l1", "--label=l2", "-U", "0", "x", "y"}, "",
			"--- l1\n+++ l2\n@@ -2 +2 @@\n-b\n+B\n@@ -4,0 +5 @@\n+e\n\\ No newline at end of file\n", 1},
		{"same", []string{"x", "x"}, "", "", 0},
		{"same -s", []string{"-s", "x", "sp1"}, "", "--- x\n+++ sp1\n@@ -1,4 +1,3 @@\n-a\n-b\n-c\n-d\n+a b\n+\n+c\tt\n", 1},
		{"brief", []string{"-q", "x", "y"}, "", "Files x and y differ\n", 1},
		{"binary", []string{"bin1", "bin2"}, "", "Files bin1 and bin2 differ\n", 1},
		{"binary -a", []string{"-a", "bin1", "bin2"}, "", "--- bin1\n+++ bin2\n@@ -1 +1 @@\n-a\x00b\n+a\x00c\n", 1},
		{"-b", []string{"-b", "sp1", "sp2"}, "", "--- sp1\n+++ sp2\n@@ -1,3 +1,4 @@\n a b\n \n-c\tt\n+\n+C t\n", 1},
		{"-bi", []string{"-bi", "sp1", "sp2"}, "", "--- sp1\n+++ sp2\n@@ -1,3 +1,4 @@\n a b\n \n+\n c\tt\n", 1},
		{"-wiB", []string{"-wiB", "sp1", "sp2"}, "", "", 0},
		{"-wiB -s", []string{"-wiBs", "sp1", "sp2"}, "", "Files sp1 and sp2 are identical\n", 0},
		// Blank lines fill the changed part of the new file (hash 0
		// under -w): BusyBox prints garbage here, gobox a true diff.
		{"-w blank class", []string{"-w", "wa", "wb"}, "",
			"--- wa\n+++ wb\n@@ -1,7 +1,4 @@\n x\n-1\n \n \n-\n-2\n y\n", 1},
		{"-t", []string{"-t", "tab", "tab2"}, "", "--- tab\n+++ tab2\n@@ -1 +1 @@\n-        x\n+        y\n", 1},
		{"-T", []string{"-T", "tab", "tab2"}, "", "--- tab\n+++ tab2\n@@ -1 +1 @@\n-\t\tx\n+\t\ty\n", 1},
		{"stdin", []string{"-", "x"}, "a\nb\n", "--- -\n+++ x\n@@ -1,2 +1,4 @@\n a\n b\n+c\n+d\n", 1},
		{"file and dir", []string{"d1/f", "d2"}, "", "--- d1/f\n+++ d2/f\n@@ -1 +1 @@\n-a\n+b\n", 1},
		{"dirs", []string{"d1", "d2"}, "",
			"--- d1/f\n+++ d2/f\n@@ -1 +1 @@\n-a\n+b\nOnly in d1: o1\nCommon subdirectories: d1/sub and d2/sub\n", 1},
		{"dirs -r", []string{"-r", "d1", "d2"}, "",
			"--- d1/f\n+++ d2/f\n@@ -1 +1 @@\n-a\n+b\nOnly in d1: o1\nOnly in d2: sub/n\n--- d1/sub/x\n+++ d2/sub/x\n@@ -1 +1 @@\n-x\n+y\n", 1},
		{"dirs -rqs", []string{"-rqs", "d1", "d2"}, "",
			"Files d1/f and d2/f differ\nOnly in d1: o1\nFiles d1/s and d2/s are identical\nOnly in d2: sub/n\nFiles d1/sub/x and d2/sub/x differ\n", 1},
		{"dirs -rN", []string{"-rN", "d1", "d2"}, "",
			"--- d1/f\n+++ d2/f\n@@ -1 +1 @@\n-a\n+b\n--- /dev/null\n+++ d2/sub/n\n@@ -0,0 +1 @@\n+n\n--- d1/sub/x\n+++ d2/sub/x\n@@ -1 +1 @@\n-x\n+y\n", 1},
		{"dirs -S", []string{"-r", "-S", "s", "d1", "d2"}, "",
			"Only in d2: sub/n\n--- d1/sub/x\n+++ d2/sub/x\n@@ -1 +1 @@\n-x\n+y\n", 1},
		{"-N missing", []string{"-N", "x", "nope"}, "", "--- x\n+++ nope\n@@ -1,4 +0,0 @@\n-a\n-b\n-c\n-d\n", 1},
	}
	dir := t.TempDir()
	writeFiles(t, dir, files)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := applettest.Cmd{Args: tt.args, Dir: dir, Stdin: tt.stdin}.Run(t, &Applet)
			r.Expect(t, tt.out, tt.code)
		})
	}
}

func TestDiffErrors(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"x": "a\n", "d/": ""})
	tests := []struct {
		args   []string
		stderr string
		code   int
	}{
		{[]string{"x", "nope"}, "diff: can't stat 'nope': No such file or directory\n", 2},
		{[]string{"x", "d"}, "diff: can't stat 'd/x': No such file or directory\n", 1},
		{[]string{"-", "d"}, "diff: can't compare stdin to a directory\n", 1},
		{[]string{"-U", "x", "x", "x"}, "diff: invalid number 'x'\n", 1},
	}
	for _, tt := range tests {
		r := applettest.Cmd{Args: tt.args, Dir: dir}.Run(t, &Applet)
		if r.Stderr != tt.stderr || r.Code != tt.code {
			t.Errorf("diff %q: stderr %q status %d, want %q %d", tt.args, r.Stderr, r.Code, tt.stderr, tt.code)
		}
	}
	if r := (applettest.Cmd{Args: []string{"x"}, Dir: dir}).Run(t, &Applet); r.Code != 1 || r.Stdout != "" {
		t.Errorf("one operand: %+v", r)
	}
}

// TestDiffWriteError: a failed write is reported once, with status 1,
// and stops the diff.
func TestDiffWriteError(t *testing.T) {
	dir := t.TempDir()
	bigPair(t, dir, 5000)
	r := applettest.Cmd{Args: []string{"a", "b"}, Dir: dir, Stdout: applettest.Full()}.Run(t, &Applet)
	if r.Code != 1 || r.Stderr != "diff: write error: No space left on device\n" {
		t.Errorf("status %d, stderr %q", r.Code, r.Stderr)
	}
}
