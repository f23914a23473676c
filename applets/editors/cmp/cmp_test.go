package cmp

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gobox/internal/applettest"
)

// The expected results are Alpine's BusyBox 1.36.1 for the same files.
func TestCmp(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"c1": "abcdef\nxyz\n", "c2": "aXcdYf\nxyZ\n", "c3": "abc", "c4": "abc\nde\x00f\n", "c5": "abc\nxe\x00g",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.Mkdir(filepath.Join(dir, "d"), 0o755)
	tests := []struct {
		args           []string
		stdin          string
		stdout, stderr string
		code           int
	}{
		{[]string{"c1", "c2"}, "", "c1 c2 differ: char 2, line 1\n", "", 1},
		{[]string{"c1", "c1"}, "", "", "", 0},
		{[]string{"-n", "5", "c1", "c2"}, "", "c1 c2 differ: char 2, line 1\nc1 c2 differ: char 5, line 1\n", "", 1},
		{[]string{"-l", "c1", "c2"}, "", "2 142 130\n5 145 131\n10 172 132\n", "", 1},
		{[]string{"-l", "c1", "c3"}, "", "", "cmp: EOF on c3\n", 1},
		{[]string{"c3", "c1"}, "", "", "cmp: EOF on c3\n", 1},
		{[]string{"-s", "c1", "c3"}, "", "", "", 1},
		{[]string{"-s", "c1", "nope"}, "", "", "", 2},
		{[]string{"c1", "nope"}, "", "", "cmp: nope: No such file or directory\n", 2},
		{[]string{"c1", "c2", "1", "1"}, "", "c1 c2 differ: char 1, line 1\n", "", 1},
		{[]string{"c1", "c2", "2", "2"}, "", "c1 c2 differ: char 3, line 1\n", "", 1},
		{[]string{"-n", "0", "c1", "c2"}, "", "", "", 0},
		{[]string{"c1", "d"}, "", "", "cmp: d: I/O error\n", 2},
		{[]string{"c1"}, "abcdef\nxyZ\n", "c1 - differ: char 10, line 2\n", "", 1},
		{[]string{"-", "-"}, "x", "", "", 0},
		{[]string{"c4", "c5"}, "", "c4 c5 differ: char 5, line 2\n", "", 1},
		{[]string{"-l", "c4", "c5"}, "", "5 144 170\n8 146 147\n", "cmp: EOF on c5\n", 1},
		{[]string{"-n", "x", "c1", "c2"}, "", "", "cmp: invalid number 'x'\n", 1},
		{[]string{"c1", "c2", "+1"}, "", "", "cmp: invalid number '+1'\n", 1},
		{[]string{"c1", "c2", "9223372036854775808"}, "", "", "cmp: number 9223372036854775808 is not in 0..9223372036854775807 range\n", 1},
		{[]string{"-n", "3000000000", "c1", "c2"}, "", "", "cmp: number 3000000000 is not in 0..2147483647 range\n", 1},
	}
	for _, tt := range tests {
		r := applettest.Cmd{Args: tt.args, Dir: dir, Stdin: tt.stdin}.Run(t, &Applet)
		if r.Stdout != tt.stdout || r.Stderr != tt.stderr || r.Code != tt.code {
			t.Errorf("cmp %q: got %q %q %d, want %q %q %d", tt.args, r.Stdout, r.Stderr, r.Code, tt.stdout, tt.stderr, tt.code)
		}
	}
	// -l and -s together are a usage error.
	if r := applettest.RunIn(t, dir, &Applet, "-ls", "c1", "c2"); r.Code != 1 || !strings.Contains(r.Stderr, "Usage: cmp") {
		t.Errorf("-ls: %+v", r)
	}
}

// TestCmpLarge checks the buffer-at-a-time compare: a difference past
// the first buffers, and the line count across them.
func TestCmpLarge(t *testing.T) {
	dir := t.TempDir()
	a := []byte(strings.Repeat("0123456789abcde\n", 20000))
	b := append([]byte(nil), a...)
	b[len(b)-5] = 'X'
	os.WriteFile(filepath.Join(dir, "a"), a, 0o644)
	os.WriteFile(filepath.Join(dir, "b"), b, 0o644)
	applettest.RunIn(t, dir, &Applet, "a", "b").Expect(t, "a b differ: char 319996, line 20000\n", 1)
}
