package test

import (
	"os"
	"path/filepath"
	"testing"

	"gobox/internal/applet"
	"gobox/internal/applettest"
)

func TestTest(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "f"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(dir, "empty"), nil, 0o755)
	os.Mkdir(filepath.Join(dir, "d"), 0o755)
	os.Symlink("f", filepath.Join(dir, "l"))
	for _, tc := range []struct {
		name   string
		args   []string
		stderr string
		code   int
	}{
		{"test", nil, "", 1},
		{"test", []string{""}, "", 1},
		{"test", []string{"!"}, "", 0},
		{"test", []string{"a"}, "", 0},
		{"test", []string{"--help"}, "", 0},
		{"test", []string{"-f"}, "", 0},
		{"test", []string{"!", "-f"}, "", 1},
		{"test", []string{"a", "=", "a"}, "", 0},
		{"test", []string{"-lt", "=", "-gt"}, "", 1},
		{"test", []string{"a", "-a", "!"}, "", 0},
		{"test", []string{"-f", "=", "a", "-o", "b"}, "", 0},
		{"test", []string{"!", "a", "=", "b", "-a", "!", "c", "=", "c"}, "", 1},
		{"test", []string{"!", "a", "=", "b", "-a", "!", "c", "=", "d"}, "", 0},
		{"test", []string{"(", "=", "("}, "", 0},
		{"test", []string{"!", "(", "=", "("}, "", 1},
		{"test", []string{"-f", "f"}, "", 0},
		{"test", []string{"-f", "d"}, "", 1},
		{"test", []string{"-d", "d"}, "", 0},
		{"test", []string{"-L", "l"}, "", 0},
		{"test", []string{"-h", "f"}, "", 1},
		{"test", []string{"-s", "f"}, "", 0},
		{"test", []string{"-s", "empty"}, "", 1},
		{"test", []string{"-x", "empty"}, "", 0},
		{"test", []string{"-e", "nope"}, "", 1},
		{"test", []string{"f", "-ef", "l"}, "", 0},
		{"test", []string{"f", "-nt", "nope"}, "", 1},
		{"test", []string{"-z", ""}, "", 0},
		{"test", []string{"-n", ""}, "", 1},
		{"test", []string{"b", ">", "a"}, "", 0},
		{"test", []string{"1", "-lt", "2", "-a", "(", "3", "-ge", "4", "-o", "x", ")"}, "", 0},
		{"test", []string{" 5 ", "-eq", "5"}, "", 0},
		{"test", []string{"1", "-eq", "x"}, "test: x: out of range\n", 2},
		{"test", []string{"99999999999999999999", "-eq", "1"}, "test: 99999999999999999999: out of range\n", 2},
		{"test", []string{"a", "="}, "test: =: argument expected\n", 2},
		{"test", []string{"3", "-lt", "5", "6"}, "test: 6: unknown operand\n", 2},
		{"test", []string{"(", "a"}, "test: closing paren expected\n", 2},
		{"test", []string{"x", "-a"}, "test: argument expected\n", 2},
		{"[", []string{"a", "]"}, "", 0},
		{"[", []string{"a"}, "[: missing ]\n", 2},
		{"[", []string{"a", "&&", "b", "]"}, "[: &&: unknown operand\n", 2},
		{"[[", []string{"abc", "==", "a*", "]]"}, "", 0},
		{"[[", []string{"abc", "!=", "a?", "]]"}, "", 0},
		{"[[", []string{"a", "&&", "", "]]"}, "", 1},
		{"[[", []string{"abc", "=~", "^a.c$", "]]"}, "", 0},
		{"[[", []string{"a", "=~", "*", "]]"}, "", 2},
		{"[[", []string{"a"}, "[[: missing ]]\n", 2},
	} {
		r := applettest.Cmd{Args: tc.args, Dir: dir}.Run(t, map[string]*applet.Applet{"test": &Applet, "[": &Bracket, "[[": &DoubleBracket}[tc.name])
		if r.Stdout != "" || r.Stderr != tc.stderr || r.Code != tc.code {
			t.Errorf("%s %q: got %q %q %d, want stderr %q status %d", tc.name, tc.args, r.Stdout, r.Stderr, r.Code, tc.stderr, tc.code)
		}
	}
}
