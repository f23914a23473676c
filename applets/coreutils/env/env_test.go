package env

import (
	"os"
	"path/filepath"
	"testing"

	"gobox/internal/applettest"
)

func TestEnv(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "noexec"), []byte("#!/bin/sh\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	base := []string{"PATH=/usr/bin:/bin", "A=1", "B=2"}
	tests := []struct {
		name   string
		args   []string
		out    string
		errout string
		code   int
	}{
		{"print", nil, "PATH=/usr/bin:/bin\nA=1\nB=2\n", "", 0},
		{"null", []string{"-0"}, "PATH=/usr/bin:/bin\x00A=1\x00B=2\x00", "", 0},
		{"ignore", []string{"-i", "C=3"}, "C=3\n", "", 0},
		{"dash", []string{"-", "C=3"}, "C=3\n", "", 0},
		{"long ignore", []string{"--ignore-environment"}, "", "", 0},
		{"unset", []string{"-u", "A", "-uB"}, "PATH=/usr/bin:/bin\n", "", 0},
		{"unset with value sets", []string{"-u", "A=5"}, "PATH=/usr/bin:/bin\nA=5\nB=2\n", "", 0},
		{"replace in place", []string{"A=9", "D=4"}, "PATH=/usr/bin:/bin\nA=9\nB=2\nD=4\n", "", 0},
		{"run", []string{"A=x", "sh", "-c", "echo $A $B"}, "x 2\n", "", 0},
		{"run empty env", []string{"-i", "/bin/sh", "-c", "echo ${A-unset}"}, "unset\n", "", 0},
		{"status", []string{"sh", "-c", "exit 3"}, "", "", 3},
		{"signal", []string{"sh", "-c", "kill -TERM $$"}, "", "", 143},
		{"dir", []string{"sh", "-c", "pwd"}, dir + "\n", "", 0},
		{"not found", []string{"nosuch-cmd"}, "", "env: can't execute 'nosuch-cmd': No such file or directory\n", 127},
		{"not found path", []string{"PATH=" + dir, "sh"}, "", "env: can't execute 'sh': No such file or directory\n", 127},
		{"not executable", []string{"./noexec"}, "", "env: can't execute './noexec': Permission denied\n", 126},
		{"not executable in path", []string{"PATH=" + dir, "noexec"}, "", "env: can't execute 'noexec': Permission denied\n", 126},
		{"bad option", []string{"-x"}, "", "", 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := applettest.Cmd{Args: tc.args, Dir: dir, Env: base}.Run(t, &Applet)
			r.Expect(t, tc.out, tc.code)
			if tc.errout != "" && r.Stderr != tc.errout {
				t.Errorf("stderr %q, want %q", r.Stderr, tc.errout)
			}
		})
	}
}

func TestEnvStdin(t *testing.T) {
	r := applettest.Cmd{Args: []string{"cat"}, Stdin: "hello\n"}.Run(t, &Applet)
	r.Expect(t, "hello\n", 0)
}
