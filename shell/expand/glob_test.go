package expand

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// globTree makes the directory the glob cases were run in, named gl
// for "../gl/b*".
func globTree(t *testing.T) string {
	dir := filepath.Join(t.TempDir(), "gl")
	for _, d := range []string{"d1/sub", "d2", ".hd"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"a", "ab", "abc", "b.c", "c.c", ".h", ".hc", "a*", "x[1]", "d1/f", "d1/g", "d2/f", ".hd/z", "sp ace"} {
		if err := os.WriteFile(filepath.Join(dir, f), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("d1", filepath.Join(dir, "ld")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("nowhere", filepath.Join(dir, "dangling")); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestGlob(t *testing.T) {
	gl := globTree(t)
	for _, c := range globCases {
		env := newEnv()
		env.dir = gl
		env.vars["x"] = "a*"
		env.vars["y"] = "*c"
		w := strings.ReplaceAll(c.words, "/tmp/gl", gl)
		fields, err := Fields(env, words(t, w))
		if err != nil {
			t.Errorf("%s: %v", c.words, err)
			continue
		}
		got := strings.ReplaceAll(show(fields), gl, "/tmp/gl")
		if got != c.want {
			t.Errorf("p %s\n got  %s\n want %s", c.words, got, c.want)
		}
	}
}

func TestNoglob(t *testing.T) {
	env := newEnv()
	env.dir = globTree(t)
	env.noglob = true
	env.vars["x"] = "a*"
	fields, err := Fields(env, words(t, `* $x a?`))
	if got := show(fields); err != nil || got != "[*][a*][a?]" {
		t.Errorf("set -f: %s, %v", got, err)
	}
}
