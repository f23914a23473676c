package apk

import (
	"archive/tar"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gobox/internal/apk/apktest"
	"gobox/internal/apk/installeddb"
	"gobox/internal/applettest"
)

// alpineRoot unpacks Alpine's 3.20.3 minirootfs (its /bin/sh runs the
// test packages' scripts) and trusts the test key.
func alpineRoot(t *testing.T) string {
	fx := apktest.Fixtures(t)
	if os.Geteuid() != 0 {
		t.Skip("scripts run chrooted into the root: needs root")
	}
	f, err := os.Open(filepath.Join(fx, "../alpine/alpine-minirootfs-3.20.3-x86_64.tar.gz"))
	if err != nil {
		t.Skipf("Alpine minirootfs absent: %v", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(root, h.Name)
		switch h.Typeflag {
		case tar.TypeDir:
			os.MkdirAll(p, os.FileMode(h.Mode)&0o7777)
		case tar.TypeSymlink:
			os.Symlink(h.Linkname, p)
		case tar.TypeLink:
			os.Link(filepath.Join(root, h.Linkname), p)
		case tar.TypeReg:
			out, err := os.OpenFile(p, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, os.FileMode(h.Mode)&0o7777)
			if err != nil {
				t.Fatal(err)
			}
			io.Copy(out, tr)
			out.Close()
		}
	}
	trustTestKey(t, fx, root)
	// No configured repositories: the tests name theirs with -X.
	os.WriteFile(filepath.Join(root, "etc/apk/repositories"), nil, 0o644)
	return root
}

func trustTestKey(t *testing.T, fx, root string) {
	key := "gobox-test@example.org-00000001.rsa.pub"
	data, err := os.ReadFile(filepath.Join(fx, "keys/test", key))
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(root, "etc/apk/keys"), 0o755)
	if err := os.WriteFile(filepath.Join(root, "etc/apk/keys", key), data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// repoServer serves the fixture repositories over loopback HTTP.
func repoServer(t *testing.T) string {
	fx := apktest.Fixtures(t)
	srv := httptest.NewServer(http.FileServer(http.Dir(filepath.Join(fx, "repos"))))
	t.Cleanup(srv.Close)
	return srv.URL
}

type step struct {
	args           string
	stdout, stderr string
	code           int
}

func runSteps(t *testing.T, root string, steps []step) {
	t.Helper()
	for _, s := range steps {
		args := append([]string{"--root", root}, strings.Fields(s.args)...)
		r := applettest.Cmd{Args: args}.Run(t, &Applet)
		if r.Stdout != s.stdout || r.Stderr != s.stderr || r.Code != s.code {
			t.Fatalf("apk %s:\nstdout %q\nwant   %q\nstderr %q\nwant   %q\nstatus %d want %d", s.args, r.Stdout, s.stdout, r.Stderr, s.stderr, r.Code, s.code)
		}
	}
}

func readFile(t *testing.T, root, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, rel))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// dbBlock returns the installed database block of the package name.
func dbBlock(t *testing.T, root, name string) string {
	t.Helper()
	for _, b := range strings.Split(readFile(t, root, "lib/apk/db/installed"), "\n\n") {
		if strings.Contains("\n"+b+"\n", "\nP:"+name+"\n") {
			return b + "\n"
		}
	}
	return ""
}

// TestRemoteInstall is the end-to-end acceptance: a signed repository
// served over loopback HTTP; add (with dependencies, scripts, a
// trigger, an install_if package, a meta package), upgrade with a
// modified config file, fix, del; outputs as the real apk 2.14.4 printed
// them in transcripts 01, 03 and 11, files and database checked.
func TestRemoteInstall(t *testing.T) {
	root := alpineRoot(t)
	url := repoServer(t)
	basic, v2 := url+"/basic", url+"/basic-v2"
	os.WriteFile(filepath.Join(root, "etc/apk/repositories"), []byte(basic+"\n"), 0o644)
	fetch := "fetch " + basic + "/x86_64/APKINDEX.tar.gz\n"
	runSteps(t, root, []step{
		{"add hello", fetch + "(1/2) Installing libhello (1.0-r0)\n(2/2) Installing hello (1.0-r0)\nExecuting hello-1.0-r0.pre-install\nExecuting hello-1.0-r0.post-install\nExecuting busybox-1.36.1-r29.trigger\nOK: 8 MiB in 16 packages\n", "", 0},
		{"add hello", "OK: 8 MiB in 16 packages\n", "", 0},
		{"add docs", "(1/2) Installing docs (1.0-r0)\n(2/2) Installing hello-doc (1.0-r0)\nOK: 8 MiB in 18 packages\n", "", 0},
		{"add trigwatch", "(1/1) Installing trigwatch (1.0-r0)\nExecuting trigwatch-1.0-r0.trigger\nOK: 8 MiB in 19 packages\n", "", 0},
		{"add trigfeed", "(1/1) Installing trigfeed (1.0-r0)\nExecuting trigwatch-1.0-r0.trigger\nOK: 8 MiB in 20 packages\n", "", 0},
	})
	if got, want := readFile(t, root, "var/log/gobox-test.log"), "hello pre-install 1.0-r0\nhello post-install 1.0-r0 pwd=/ PATH=/usr/sbin:/usr/bin:/sbin:/bin\ntrigwatch trigger /usr/share/trig.d\ntrigwatch trigger /usr/share/trig.d\n"; got != want {
		t.Errorf("script log %q, want %q", got, want)
	}
	if got := readFile(t, root, "usr/bin/hello"); got != "#!/bin/sh\necho hello 1.0\n" {
		t.Errorf("usr/bin/hello = %q", got)
	}
	if l, err := os.Readlink(filepath.Join(root, "usr/bin/hi")); err != nil || l != "hello" {
		t.Errorf("usr/bin/hi -> %q %v", l, err)
	}
	if fi, err := os.Stat(filepath.Join(root, "var/lib/hello")); err != nil || fi.Mode().Perm() != 0o750 {
		t.Errorf("var/lib/hello: %v %v", fi, err)
	}
	if fi, err := os.Stat(filepath.Join(root, "usr/bin/hello")); err != nil || fi.Mode().Perm() != 0o755 {
		t.Errorf("usr/bin/hello: %v %v", fi, err)
	}
	// The block apk 2.14.4 wrote for the same install (rootA of the
	// differential run).
	wantHello := `C:Q19zt386xZiODKDlJZvqiI4GK2ndE=
P:hello
V:1.0-r0
A:x86_64
S:1727
I:12288
T:Test program that says hello
U:https://example.org/hello
L:MIT
o:hello
m:Gobox Test <test@example.org>
t:1700000000
D:libhello /bin/sh
p:cmd:hello=1.0-r0
F:etc
R:hello.conf
Z:Q1ZjiiK+s69jpd3+O/DkNQgC3J3r4=
F:usr
F:usr/bin
R:hello
a:0:0:755
Z:Q1uBmws0d7vRjIoBqS683aR+SlryI=
R:hi
a:0:0:777
Z:Q1qvTGHdzF6KLavt4PO0gs2a6pQ00=
F:usr/share
F:usr/share/doc
F:usr/share/doc/hello
R:README
Z:Q1FZDLunh3GQ+/sbWzuPoNzE6OtKU=
F:var
F:var/lib
F:var/lib/hello
M:0:0:750
`
	if got := dbBlock(t, root, "hello"); got != wantHello {
		t.Errorf("installed db block:\n%s\nwant\n%s", got, wantHello)
	}
	if got, want := readFile(t, root, "lib/apk/db/triggers"), "Q1yY8lhMF1VhgegJgkcXfqaNabDJw= /bin /usr/bin /sbin /usr/sbin /lib/modules/*\nQ1ti96Jdb/4USGqAPIC08+QaUlNLA= /usr/share/trig.d\n"; got != want {
		t.Errorf("triggers %q", got)
	}
	f, _ := os.Open(filepath.Join(root, "lib/apk/db/scripts.tar"))
	scripts, err := installeddb.ParseScripts(f)
	f.Close()
	var names []string
	for _, s := range scripts {
		if strings.HasPrefix(s.Name, "hello") || strings.HasPrefix(s.Name, "trig") {
			names = append(names, s.EntryName())
		}
	}
	if got, want := strings.Join(names, "\n"), "hello-1.0-r0.Q19zt386xZiODKDlJZvqiI4GK2ndE=.pre-install\nhello-1.0-r0.Q19zt386xZiODKDlJZvqiI4GK2ndE=.post-install\nhello-1.0-r0.Q19zt386xZiODKDlJZvqiI4GK2ndE=.pre-deinstall\nhello-1.0-r0.Q19zt386xZiODKDlJZvqiI4GK2ndE=.post-deinstall\nhello-1.0-r0.Q19zt386xZiODKDlJZvqiI4GK2ndE=.pre-upgrade\nhello-1.0-r0.Q19zt386xZiODKDlJZvqiI4GK2ndE=.post-upgrade\ntrigwatch-1.0-r0.Q1ti96Jdb/4USGqAPIC08+QaUlNLA=.trigger"; err != nil || got != want {
		t.Errorf("scripts.tar: %v\n%s", err, got)
	}
	if got := readFile(t, root, "etc/apk/world"); got != "alpine-baselayout\nalpine-keys\napk-tools\nbusybox\ndocs\nhello\nlibc-utils\ntrigfeed\ntrigwatch\n" {
		t.Errorf("world %q", got)
	}
	if _, err := os.Stat(filepath.Join(root, "var/cache/apk/APKINDEX.a9112bd4.tar.gz")); err != nil && strings.HasPrefix(url, "http://127.0.0.1:8765") {
		t.Error(err)
	}

	// Upgrade with a modified config file (transcript 03).
	os.WriteFile(filepath.Join(root, "etc/hello.conf"), []byte("greeting=bonjour\n"), 0o644)
	os.Remove(filepath.Join(root, "var/log/gobox-test.log"))
	runSteps(t, root, []step{
		{"-X " + v2 + " update", "fetch " + v2 + "/x86_64/APKINDEX.tar.gz\n" + fetch + "gobox test repo basic-v2 [" + v2 + "]\ngobox test repo basic [" + basic + "]\nOK: 23 distinct packages available\n", "", 0},
		{"-X " + v2 + " upgrade --simulate", "(1/3) Purging hello-doc (1.0-r0)\n(2/3) Upgrading libhello (1.0-r0 -> 1.1-r0)\n(3/3) Upgrading hello (1.0-r0 -> 1.1-r0)\nOK: 8 MiB in 20 packages\n", "", 0},
		{"-X " + v2 + " upgrade", "(1/3) Purging hello-doc (1.0-r0)\n(2/3) Upgrading libhello (1.0-r0 -> 1.1-r0)\n(3/3) Upgrading hello (1.0-r0 -> 1.1-r0)\nExecuting hello-1.1-r0.pre-upgrade\nExecuting hello-1.1-r0.post-upgrade\nExecuting busybox-1.36.1-r29.trigger\nOK: 8 MiB in 19 packages\n", "", 0},
		{"-X " + v2 + " upgrade", "OK: 8 MiB in 19 packages\n", "", 0},
	})
	if got := readFile(t, root, "var/log/gobox-test.log"); got != "hello pre-upgrade 1.1-r0 1.0-r0\nhello post-upgrade 1.1-r0 1.0-r0\n" {
		t.Errorf("upgrade log %q", got)
	}
	if got := readFile(t, root, "etc/hello.conf"); got != "greeting=bonjour\n" {
		t.Errorf("modified config replaced: %q", got)
	}
	if got := readFile(t, root, "etc/hello.conf.apk-new"); got != "greeting=hello\ncolour=blue\n" {
		t.Errorf("apk-new %q", got)
	}
	if _, err := os.Stat(filepath.Join(root, "usr/share/doc/hello/README")); !os.IsNotExist(err) {
		t.Errorf("file dropped by the upgrade still there: %v", err)
	}
	if _, err := os.Stat(filepath.Join(root, "usr/share/man/man1/hello.1")); !os.IsNotExist(err) {
		t.Errorf("purged hello-doc's file still there: %v", err)
	}
	if got := dbBlock(t, root, "hello"); !strings.Contains(got, "V:1.1-r0\n") || !strings.Contains(got, "R:NEWS\n") || strings.Contains(got, "R:README") {
		t.Errorf("upgraded block:\n%s", got)
	}

	// fix: unavailable without the v2 repository, reinstalled with it.
	os.WriteFile(filepath.Join(root, "usr/bin/hello"), []byte("broken\n"), 0o755)
	runSteps(t, root, []step{
		{"fix hello", "(1/1) [APK unavailable, skipped] Reinstalling hello (1.1-r0)\nOK: 8 MiB in 19 packages\n", "", 0},
		{"-X " + v2 + " fix hello", "(1/1) Reinstalling hello (1.1-r0)\nExecuting hello-1.1-r0.pre-upgrade\nExecuting hello-1.1-r0.post-upgrade\nExecuting busybox-1.36.1-r29.trigger\nOK: 8 MiB in 19 packages\n", "", 0},
	})
	if got := readFile(t, root, "usr/bin/hello"); got != "#!/bin/sh\necho hello 1.1\n" {
		t.Errorf("fix did not repair usr/bin/hello: %q", got)
	}

	// del: scripts, the modified config and its .apk-new stay
	// (transcript 04).
	runSteps(t, root, []step{
		{"del hello", "(1/2) Purging hello (1.1-r0)\nExecuting hello-1.1-r0.pre-deinstall\nExecuting hello-1.1-r0.post-deinstall\n(2/2) Purging libhello (1.1-r0)\nExecuting busybox-1.36.1-r29.trigger\nOK: 8 MiB in 17 packages\n", "", 0},
		{"del nothere", "", "ERROR: No such package: nothere\n", 1},
	})
	for _, gone := range []string{"usr/bin/hello", "usr/bin/hi", "usr/lib/libhello.so.1", "var/lib/hello"} {
		if _, err := os.Lstat(filepath.Join(root, gone)); !os.IsNotExist(err) {
			t.Errorf("%s still there after del: %v", gone, err)
		}
	}
	for _, kept := range []string{"etc/hello.conf", "etc/hello.conf.apk-new"} {
		if _, err := os.Stat(filepath.Join(root, kept)); err != nil {
			t.Errorf("%s removed: %v", kept, err)
		}
	}
	if dbBlock(t, root, "hello") != "" || dbBlock(t, root, "libhello") != "" {
		t.Error("hello still in the database")
	}
}

// TestInitDB installs into an empty root over HTTP (transcript 08).
func TestInitDB(t *testing.T) {
	fx := apktest.Fixtures(t)
	url := repoServer(t)
	root := filepath.Join(t.TempDir(), "fresh")
	os.MkdirAll(root, 0o755)
	trustTestKey(t, fx, root)
	runSteps(t, root, []step{
		{"-X " + url + "/basic --initdb add noarchpkg", "fetch " + url + "/basic/x86_64/APKINDEX.tar.gz\n(1/1) Installing noarchpkg (1.0-r0)\nOK: 0 MiB in 1 packages\n", "", 0},
		{"-X " + url + "/basic add hello", "", "ERROR: unable to select packages:\n  /bin/sh (no such package):\n    required by: hello-1.0-r0[/bin/sh]\n", 2},
		{"-X " + url + "/basic fix", "OK: 0 MiB in 1 packages\n", "", 0},
	})
	want := "C:Q1tP1IYRwI4s3s37sOxSs8V9GTxcI=\nP:noarchpkg\nV:1.0-r0\nA:noarch\nS:1064\nI:4096\nT:Architecture independent package\nU:https://example.org/noarch\nL:MIT\nt:1700000000\nF:usr\nF:usr/share\nF:usr/share/noarchpkg\nR:data.txt\nZ:Q1lslHGh2iaG+VWN0jQJ5tXTg60kU=\n\n"
	for rel, content := range map[string]string{
		"lib/apk/db/installed":         want,
		"etc/apk/world":                "noarchpkg\n",
		"etc/apk/arch":                 "x86_64\n",
		"lib/apk/db/triggers":          "",
		"lib/apk/db/scripts.tar":       string(make([]byte, 1024)),
		"usr/share/noarchpkg/data.txt": "noarch data\n",
		"lib/apk/db/lock":              "",
	} {
		if got := readFile(t, root, rel); got != content {
			t.Errorf("%s = %q, want %q", rel, got, content)
		}
	}
	for _, d := range []string{"tmp", "dev", "var/cache/apk", "var/cache/misc"} {
		if fi, err := os.Stat(filepath.Join(root, d)); err != nil || !fi.IsDir() {
			t.Errorf("%s: %v", d, err)
		}
	}
}
