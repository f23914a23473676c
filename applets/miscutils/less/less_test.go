package less

import (
	"os"
	"path/filepath"
	"testing"

	"gobox/internal/applettest"
)

// TestNotATerminal: with stdout not a terminal less is cat (BusyBox's
// bb_cat), whatever its options; expectations from Alpine's BusyBox.
func TestNotATerminal(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a"), []byte("1\n2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "b"), []byte("x\x01\ty"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "d"), 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		args     []string
		stdin    string
		env      []string
		out, err string
		code     int
	}{
		{"files", []string{"a", "b"}, "", nil, "1\n2\nx\x01\ty", "", 0},
		{"stdin", nil, "in\n", nil, "in\n", "", 0},
		{"dash is stdin", []string{"-", "a"}, "in\n", nil, "in\n1\n2\n", "", 0},
		{"options ignored", []string{"-NSRM~sX", "a"}, "", []string{"LESS=FRX"}, "1\n2\n", "", 0},
		{"missing file", []string{"nope", "a"}, "", nil, "1\n2\n", "less: can't open 'nope': No such file or directory\n", 1},
		{"directory", []string{"d", "a"}, "", nil, "1\n2\n", "less: read error: Is a directory\n", 1},
		{"empty", []string{"/dev/null"}, "", nil, "", "", 0},
		{"bad option", []string{"-x", "a"}, "", nil, "", "less: unrecognized option: x\n", 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := applettest.Cmd{Args: tc.args, Dir: dir, Stdin: tc.stdin, Env: tc.env}.Run(t, &Applet)
			if tc.name == "bad option" {
				// Only the first line: the usage follows.
				if r.Code != 1 || len(r.Stderr) < len(tc.err) || r.Stderr[:len(tc.err)] != tc.err {
					t.Errorf("got status %d stderr %q", r.Code, r.Stderr)
				}
				return
			}
			if r.Stdout != tc.out || r.Stderr != tc.err || r.Code != tc.code {
				t.Errorf("got %q, %q, %d; want %q, %q, %d", r.Stdout, r.Stderr, r.Code, tc.out, tc.err, tc.code)
			}
		})
	}
}
