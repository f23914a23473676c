package chroot

import (
	"debug/elf"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"gobox/internal/applettest"
)

// TestMain lets the test binary, copied into a new root, act as the
// program chroot runs.
func TestMain(m *testing.M) {
	if os.Getenv("CHROOT_TEST_HELPER") == "1" {
		wd, _ := os.Getwd()
		_, err := os.Stat("/helper")
		fmt.Printf("%s %v %v\n", wd, err == nil, os.Args[1:])
		os.Exit(3)
	}
	os.Exit(m.Run())
}

func TestChroot(t *testing.T) {
	root := t.TempDir()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(exe)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "helper"), data, 0o755); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(root, "bin"), 0o755)
	os.WriteFile(filepath.Join(root, "file"), nil, 0o644)
	env := []string{"CHROOT_TEST_HELPER=1", "PATH=/", "SHELL=/bin/sh"}
	parent := filepath.Dir(root)
	// A dynamically linked test binary (-race) cannot run in the empty
	// root: skip the cases that run it.
	static := true
	if f, err := elf.Open(exe); err == nil {
		for _, p := range f.Progs {
			if p.Type == elf.PT_INTERP {
				static = false
			}
		}
		f.Close()
	}
	tests := []struct {
		args   []string
		out    string
		errout string
		code   int
	}{
		{[]string{root, "/helper", "x"}, "/ true [x]\n", "", 3},
		{[]string{filepath.Base(root), "helper"}, "/ true []\n", "", 3},
		{[]string{root, "nosuch"}, "", "chroot: can't execute 'nosuch': No such file or directory\n", 127},
		{[]string{root}, "", "chroot: can't execute '/bin/sh': No such file or directory\n", 127},
		{[]string{root + "/nosuch"}, "", "chroot: can't change root directory to '" + root + "/nosuch': No such file or directory\n", 1},
		{[]string{root + "/file"}, "", "chroot: can't change root directory to '" + root + "/file': Not a directory\n", 1},
		{nil, "", "", 1},
	}
	// Without $SHELL, the login shell comes from the new root's
	// /etc/passwd (BusyBox looks it up after chroot), else /bin/sh.
	noShell := []string{"CHROOT_TEST_HELPER=1", "PATH=/"}
	r := applettest.Cmd{Args: []string{root}, Env: noShell, Dir: parent}.Run(t, &Applet)
	if r.Code == 1 && r.Stderr == "chroot: can't change root directory to '"+root+"': Operation not permitted\n" {
		t.Skip("not allowed to chroot")
	}
	if want := "chroot: can't execute '/bin/sh': No such file or directory\n"; r.Stderr != want || r.Code != 127 {
		t.Errorf("chroot ROOT without SHELL or passwd: %q %d, want %q", r.Stderr, r.Code, want)
	}
	os.MkdirAll(filepath.Join(root, "etc"), 0o755)
	os.WriteFile(filepath.Join(root, "etc/passwd"), []byte(fmt.Sprintf("me:x:%d:0::/:/bin/mysh\n", os.Getuid())), 0o644)
	r = applettest.Cmd{Args: []string{root}, Env: noShell, Dir: parent}.Run(t, &Applet)
	if want := "chroot: can't execute '/bin/mysh': No such file or directory\n"; r.Stderr != want || r.Code != 127 {
		t.Errorf("chroot ROOT with ROOT/etc/passwd: %q %d, want %q", r.Stderr, r.Code, want)
	}
	for _, tc := range tests {
		if !static && tc.code == 3 {
			continue
		}
		r := applettest.Cmd{Args: tc.args, Env: env, Dir: parent}.Run(t, &Applet)
		if len(tc.args) > 0 && r.Code == 1 && r.Stderr == "chroot: can't change root directory to '"+tc.args[0]+"': Operation not permitted\n" {
			t.Skip("not allowed to chroot")
		}
		r.Expect(t, tc.out, tc.code)
		if tc.errout != "" && r.Stderr != tc.errout {
			t.Errorf("chroot %q: stderr %q, want %q", tc.args, r.Stderr, tc.errout)
		}
	}
}
