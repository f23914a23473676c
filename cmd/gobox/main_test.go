package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
)

// gobox is the binary under test, built once by TestMain the way the
// Makefile builds it: scripts/build.sh, with every applet.
var gobox string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "gobox-bin")
	if err != nil {
		panic(err)
	}
	gobox = filepath.Join(dir, "gobox")
	cmd := exec.Command("../../scripts/build.sh", gobox)
	cmd.Env = append(os.Environ(), "APPLETS=", "APPLETS_FILE=")
	if out, err := cmd.CombinedOutput(); err != nil {
		os.Stderr.Write(out)
		panic(err)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func run(t *testing.T, argv0 string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(argv0, args...)
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("%s: %v", argv0, err)
	}
	return o.String(), e.String(), code
}

func TestAppletNotFound(t *testing.T) {
	out, errs, code := run(t, gobox, "nosuch")
	if out != "" || errs != "gobox: applet not found\n" || code != 127 {
		t.Errorf("gobox nosuch: stdout %q stderr %q status %d", out, errs, code)
	}
	// A link under a name that is no applet, as BusyBox reports it.
	dir := t.TempDir()
	link := filepath.Join(dir, "frobnicate")
	if err := os.Symlink(gobox, link); err != nil {
		t.Fatal(err)
	}
	_, errs, code = run(t, link)
	if errs != "frobnicate: applet not found\n" || code != 127 {
		t.Errorf("frobnicate: stderr %q status %d", errs, code)
	}
}

func TestListAndHelp(t *testing.T) {
	out, _, code := run(t, gobox, "--list")
	names := strings.Fields(out)
	if code != 0 || len(names) < 3 || !contains(names, "ls") || !contains(names, "true") {
		t.Fatalf("--list: status %d, %q", code, out)
	}
	full, _, _ := run(t, gobox, "--list-full")
	if !strings.Contains(full, "bin/ls\n") || !strings.Contains(full, "bin/true\n") {
		t.Errorf("--list-full lacks bin/ls or bin/true: %q", full)
	}
	if n := len(strings.Fields(full)); n != len(names) {
		t.Errorf("--list-full has %d entries, --list %d", n, len(names))
	}
	out, errs, code := run(t, gobox, "ls", "--help")
	if code != 0 || errs != "" || !strings.Contains(out, "\nUsage: ls ") {
		t.Errorf("ls --help: status %d stderr %q stdout %q", code, errs, out)
	}
	out, _, code = run(t, gobox)
	if code != 0 || !strings.Contains(out, "Currently defined functions:\n") || !strings.Contains(out, " ls,") {
		t.Errorf("gobox: status %d, %q", code, out)
	}
	// A bad option prints the message and the usage on stderr, status 1.
	out, errs, code = run(t, gobox, "ls", "--no-such-option")
	if code != 1 || out != "" || !strings.HasPrefix(errs, "ls: unrecognized option: no-such-option\n") || !strings.Contains(errs, "Usage: ls") {
		t.Errorf("ls --no-such-option: status %d stdout %q stderr %q", code, out, errs)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestInstallSymlinks(t *testing.T) {
	dir := t.TempDir()
	if _, errs, code := run(t, gobox, "--install", "-s", dir); code != 0 {
		t.Fatalf("--install -s: status %d: %s", code, errs)
	}
	target, err := os.Readlink(filepath.Join(dir, "ls"))
	if err != nil || target != gobox {
		t.Fatalf("ls link: %q, %v", target, err)
	}
	out, errs, code := run(t, filepath.Join(dir, "ls"), "-l", "/")
	if code != 0 || !regexp.MustCompile(`(?m)^d[rwx-]{9} +\d+ \S+ +\S+ +\d+ \w{3} [ \d]\d (\d\d:\d\d| \d{4}) etc$`).MatchString(out) {
		t.Errorf("DIR/ls -l /: status %d stderr %q\n%s", code, errs, out)
	}
	// Without -s: hard links to the same inode.
	hard := t.TempDir()
	if _, errs, code := run(t, gobox, "--install", hard); code != 0 {
		t.Fatalf("--install: status %d: %s", code, errs)
	}
	a, _ := os.Stat(gobox)
	b, err := os.Stat(filepath.Join(hard, "true"))
	if err != nil || !os.SameFile(a, b) {
		t.Errorf("hard link true is not the binary: %v", err)
	}
	if _, _, code := run(t, filepath.Join(hard, "false")); code != 1 {
		t.Errorf("false via hard link: status %d", code)
	}
}

// TestRootfs builds the root filesystem with scripts/mkrootfs.sh, chroots
// into it and runs applets through their links.
func TestRootfs(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("chroot needs root")
	}
	dir := filepath.Join(t.TempDir(), "rootfs")
	tarball := filepath.Join(t.TempDir(), "rootfs.tar.gz")
	out, err := exec.Command("../../scripts/mkrootfs.sh", gobox, dir, tarball).CombinedOutput()
	if err != nil {
		t.Fatalf("mkrootfs: %v\n%s", err, out)
	}
	for _, want := range []struct {
		path string
		mode os.FileMode
	}{{"tmp", os.ModeDir | os.ModeSticky | 0o777}, {"root", os.ModeDir | 0o700}, {"bin/gobox", 0o755}} {
		fi, err := os.Stat(filepath.Join(dir, want.path))
		if err != nil || fi.Mode() != want.mode {
			t.Errorf("%s: mode %v, %v; want %v", want.path, fi.Mode(), err, want.mode)
		}
	}
	chroot := func(args ...string) (string, int) {
		cmd := exec.Command(args[0], args[1:]...)
		cmd.SysProcAttr = &syscall.SysProcAttr{Chroot: dir}
		cmd.Dir = "/"
		cmd.Env = []string{"PATH=/usr/sbin:/usr/bin:/sbin:/bin", "TZ=UTC"}
		var o bytes.Buffer
		cmd.Stdout, cmd.Stderr = &o, &o
		err := cmd.Run()
		if ee, ok := err.(*exec.ExitError); ok {
			return o.String(), ee.ExitCode()
		} else if err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		return o.String(), 0
	}
	// Owner names come from the rootfs's own /etc/passwd.
	out2, code := chroot("/bin/ls", "-ln", "/etc/shadow")
	if code != 0 || !strings.HasPrefix(out2, "-rw-r-----    1 0        0 ") {
		t.Errorf("ls -ln /etc/shadow in chroot: %d %q", code, out2)
	}
	out2, code = chroot("/bin/ls", "-l", "/etc/passwd")
	if code != 0 || !strings.HasPrefix(out2, "-rw-r--r--    1 root     root ") {
		t.Errorf("ls -l /etc/passwd in chroot: %d %q", code, out2)
	}
	if out2, code = chroot("/bin/false"); code != 1 || out2 != "" {
		t.Errorf("/bin/false in chroot: %d %q", code, out2)
	}
	tl, err := exec.Command("tar", "tzf", tarball).Output()
	if err != nil || !strings.Contains(string(tl), "./bin/gobox\n") || !strings.Contains(string(tl), "./etc/os-release\n") {
		t.Errorf("tarball listing: %v\n%s", err, tl)
	}
}
