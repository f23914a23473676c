package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"gobox/applets/apk/apk"
	"gobox/internal/apk/apktar"
	"gobox/internal/apk/apktest"
	"gobox/internal/apk/index"
	"gobox/internal/apk/pkgbuild"
	"gobox/internal/apk/pkginfo"
	"gobox/internal/apk/sign"
	"gobox/internal/applettest"
)

// TestPublish packages a freshly built gobox with the fixtures' test
// key, and a package that depends on busybox and /bin/sh and runs a
// post-install script; then both our apk and the real apk-tools 2.14.4
// (Alpine's minirootfs, chrooted) install them into empty roots: gobox
// is chosen for both names, its /bin/sh runs the script, and the real
// apk verifies both packages as OK.
func TestPublish(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("scripts run chrooted: needs root")
	}
	fx := apktest.Fixtures(t)
	keyPath := filepath.Join(fx, "keys/test/gobox-test@example.org-00000001.rsa")
	work := t.TempDir()
	bin := filepath.Join(work, "gobox")
	build := exec.Command("go", "build", "-o", bin, "gobox/cmd/gobox")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	repo := filepath.Join(work, "repo")
	if err := run(bin, "1.2.3", 0, "x86_64", keyPath, false, repo, "1.36.1", 1700000000); err != nil {
		t.Fatal(err)
	}
	// The dependent package, in a second repository.
	kb, _ := os.ReadFile(keyPath)
	priv, err := sign.ParsePrivateKey(kb)
	if err != nil {
		t.Fatal(err)
	}
	signer := &index.Signer{Key: priv, Name: filepath.Base(keyPath) + ".pub", Alg: sign.RSA}
	user := &pkgbuild.Package{
		Info: pkginfo.Info{Name: "needs-busybox", Version: "1.0-r0", Arch: "x86_64", License: "MIT",
			Description: "depends on busybox and /bin/sh", Depends: []string{"busybox", "/bin/sh"}},
		Files:   []pkgbuild.File{{Name: "usr/share/needs/README", Type: apktar.TypeReg, Mode: 0o644, Data: []byte("hi\n")}},
		Scripts: map[string][]byte{"post-install": []byte("#!/bin/sh\necho \"post-install $1 by $(readlink /bin/sh)\" > /post-install.log\n")},
		MTime:   1700000000,
	}
	userRepo := filepath.Join(work, "user")
	if _, err := publish(filepath.Join(userRepo, "x86_64"), signer, "user", 1700000000, user); err != nil {
		t.Fatal(err)
	}
	newRoot := func(dir string) string {
		os.MkdirAll(filepath.Join(dir, "etc/apk/keys"), 0o755)
		pub, _ := os.ReadFile(keyPath + ".pub")
		os.WriteFile(filepath.Join(dir, "etc/apk/keys", filepath.Base(keyPath)+".pub"), pub, 0o644)
		return dir
	}
	check := func(who, root, out string) {
		t.Helper()
		for _, want := range []string{"Installing gobox (1.2.3-r0)", "Installing needs-busybox (1.0-r0)", "OK: "} {
			if !strings.Contains(out, want) {
				t.Errorf("%s: no %q in:\n%s", who, want, out)
			}
		}
		if strings.Index(out, "gobox (1.2.3-r0)") > strings.Index(out, "needs-busybox (1.0-r0)") {
			t.Errorf("%s: gobox installed after its dependent:\n%s", who, out)
		}
		if l, err := os.Readlink(filepath.Join(root, "bin/sh")); err != nil || l != "../bin/gobox" {
			t.Errorf("%s: /bin/sh -> %q, %v", who, l, err)
		}
		if fi, err := os.Stat(filepath.Join(root, "bin/gobox")); err != nil || fi.Mode().Perm() != 0o755 {
			t.Errorf("%s: /bin/gobox %v", who, err)
		}
		if b, _ := os.ReadFile(filepath.Join(root, "post-install.log")); string(b) != "post-install 1.0-r0 by ../bin/gobox\n" {
			t.Errorf("%s: script log %q", who, b)
		}
		db, _ := os.ReadFile(filepath.Join(root, "lib/apk/db/installed"))
		for _, want := range []string{"P:gobox\nV:1.2.3-r0\n", "p:busybox=1.36.1 /bin/sh ", " cmd:sh=1.2.3-r0", "P:needs-busybox\n", "R:README\n"} {
			if !strings.Contains(string(db), want) {
				t.Errorf("%s: installed database lacks %q", who, want)
			}
		}
	}

	// Ours.
	ours := newRoot(filepath.Join(work, "ours"))
	r := applettest.Cmd{Args: []string{"--root", ours, "--initdb", "-X", repo, "-X", userRepo, "add", "needs-busybox"}}.Run(t, &apk.Applet)
	if r.Code != 0 {
		t.Fatalf("our apk: %d\n%s%s", r.Code, r.Stdout, r.Stderr)
	}
	check("ours", ours, r.Stdout)

	// The real apk-tools, in Alpine's minirootfs.
	tarball := filepath.Join(fx, "../alpine/alpine-minirootfs-3.20.3-x86_64.tar.gz")
	if _, err := os.Stat(tarball); err != nil {
		t.Skip("no Alpine minirootfs")
	}
	chroot := filepath.Join(work, "alpine")
	os.MkdirAll(chroot, 0o755)
	if out, err := exec.Command("tar", "-xzf", tarball, "-C", chroot).CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, d := range []string{"repo", "user"} {
		if out, err := exec.Command("cp", "-r", filepath.Join(work, d), filepath.Join(chroot, "srv", d)).CombinedOutput(); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
	}
	pub, _ := os.ReadFile(keyPath + ".pub")
	os.WriteFile(filepath.Join(chroot, "etc/apk/keys", filepath.Base(keyPath)+".pub"), pub, 0o644)
	real := func(args ...string) (string, int) {
		cmd := exec.Command("chroot", append([]string{chroot, "/sbin/apk"}, args...)...)
		cmd.Env = []string{"PATH=/usr/sbin:/usr/bin:/sbin:/bin"}
		out, _ := cmd.CombinedOutput()
		return string(out), cmd.ProcessState.ExitCode()
	}
	out, code := real("verify", "/srv/repo/x86_64/gobox-1.2.3-r0.apk", "/srv/user/x86_64/needs-busybox-1.0-r0.apk")
	if code != 0 || strings.Count(out, " - OK\n") != 2 {
		t.Errorf("real apk verify: %d\n%s", code, out)
	}
	newRoot(filepath.Join(chroot, "srv/scratch"))
	// An empty repositories file: the chroot has no /dev/null.
	os.WriteFile(filepath.Join(chroot, "srv/norepos"), nil, 0o644)
	out, code = real("--root", "/srv/scratch", "--initdb", "--repositories-file", "/srv/norepos", "-X", "/srv/repo", "-X", "/srv/user", "add", "needs-busybox")
	if code != 0 || strings.Contains(out, "ERROR") || strings.Contains(out, "WARNING") {
		t.Fatalf("real apk add: %d\n%s", code, out)
	}
	check("alpine", filepath.Join(chroot, "srv/scratch"), out)
}
