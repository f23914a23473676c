package which

import (
	"os"
	"path/filepath"
	"testing"

	"gobox/internal/applettest"
)

func TestWhich(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	for _, d := range []string{a, b, filepath.Join(b, "sub")} {
		os.MkdirAll(d, 0o755)
	}
	write := func(p string, mode os.FileMode) {
		if err := os.WriteFile(p, []byte("#!/bin/sh\n"), mode); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(a, "prog"), 0o755)
	write(filepath.Join(b, "prog"), 0o755)
	write(filepath.Join(a, "plain"), 0o644)
	write(filepath.Join(b, "only"), 0o755)
	path := "PATH=" + a + ":" + b + "/"
	tests := []struct {
		args []string
		env  []string
		out  string
		code int
	}{
		{[]string{"prog"}, []string{path}, a + "/prog\n", 0},
		{[]string{"-a", "prog"}, []string{path}, a + "/prog\n" + b + "/prog\n", 0},
		{[]string{"only", "plain", "prog"}, []string{path}, b + "/only\n" + a + "/prog\n", 1},
		{[]string{"nosuch"}, []string{path}, "", 1},
		{[]string{"sub"}, []string{"PATH=" + b}, "", 1},
		{[]string{"a/prog"}, []string{path}, "a/prog\n", 0},
		{[]string{"a/plain"}, []string{path}, "", 1},
		{[]string{"prog"}, []string{"PATH=:" + b}, "./prog\n", 0},
		{[]string{"prog"}, []string{"PATH=" + b + "::"}, b + "/prog\n", 0},
		{nil, []string{path}, "", 1},
	}
	for _, tc := range tests {
		r := applettest.Cmd{Args: tc.args, Env: tc.env, Dir: dir}.Run(t, &Applet)
		if tc.out == "./prog\n" {
			r = applettest.Cmd{Args: tc.args, Env: tc.env, Dir: a}.Run(t, &Applet)
		}
		r.Expect(t, tc.out, tc.code)
	}
}
