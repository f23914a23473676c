package tee

import (
	"os"
	"path/filepath"
	"testing"

	"gobox/internal/applettest"
)

func TestTee(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "d"), 0o755)
	read := func(name string) string {
		b, _ := os.ReadFile(filepath.Join(dir, name))
		return string(b)
	}
	r := applettest.Cmd{Args: []string{"out"}, Dir: dir, Stdin: "teapot\n"}.Run(t, &Applet)
	r.Expect(t, "teapot\n", 0)
	if got := read("out"); got != "teapot\n" {
		t.Errorf("out = %q", got)
	}
	r = applettest.Cmd{Args: []string{"-a", "out", "-"}, Dir: dir, Stdin: "more\n"}.Run(t, &Applet)
	r.Expect(t, "more\nmore\n", 0)
	if got := read("out"); got != "teapot\nmore\n" {
		t.Errorf("out after -a = %q", got)
	}
	r = applettest.Cmd{Args: []string{"out"}, Dir: dir, Stdin: "new\n"}.Run(t, &Applet)
	r.Expect(t, "new\n", 0)
	if got := read("out"); got != "new\n" {
		t.Errorf("out after overwrite = %q", got)
	}
	r = applettest.Cmd{Args: []string{"-i", "d", "x"}, Dir: dir, Stdin: "z"}.Run(t, &Applet)
	r.Expect(t, "z", 1)
	if r.Stderr != "tee: d: Is a directory\n" || read("x") != "z" {
		t.Errorf("stderr %q, x %q", r.Stderr, read("x"))
	}
}
