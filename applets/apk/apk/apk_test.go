package apk

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gobox/internal/apk/apktest"
	"gobox/internal/applettest"
)

// fixtureRoot makes a root holding the real database of Alpine 3.20.3.
func fixtureRoot(t *testing.T) string {
	fx := apktest.Fixtures(t)
	root := t.TempDir()
	for _, rel := range []string{"lib/apk/db/installed", "lib/apk/db/scripts.tar", "lib/apk/db/triggers", "etc/apk/world", "etc/apk/arch"} {
		data, err := os.ReadFile(filepath.Join(fx, "alpine/rootfs-3.20.3", rel))
		if err != nil {
			t.Fatal(err)
		}
		os.MkdirAll(filepath.Join(root, filepath.Dir(rel)), 0o755)
		if err := os.WriteFile(filepath.Join(root, rel), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// TestFixtureRoot compares with what the real apk 2.14.4 printed for the
// same database (testdata/*.out, recorded with
// "chroot alpine-minirootfs /sbin/apk --root R ...").
func TestFixtureRoot(t *testing.T) {
	root := fixtureRoot(t)
	for _, tc := range []struct {
		args, golden, stderr string
		code                 int
	}{
		{"info", "info", "", 0},
		{"info -L alpine-baselayout-data", "info_-L_alpine-baselayout-data", "", 0},
		{"info -W /bin/busybox /etc/passwd /nope", "info_-W_+bin+busybox_+etc+passwd_+nope", "ERROR: /nope: Could not find owner package\n", 1},
		{"info -R busybox apk-tools", "info_-R_busybox_apk-tools", "", 0},
		{"policy busybox musl", "policy_busybox_musl", "", 0},
		{"list --installed", "list_--installed", "", 0},
		{"-v info -a busybox", "-v_info_-a_busybox", "", 0},
	} {
		want, err := os.ReadFile(filepath.Join("testdata", tc.golden+".out"))
		if err != nil {
			t.Fatal(err)
		}
		args := append([]string{"--root", root}, strings.Fields(tc.args)...)
		r := applettest.Cmd{Args: args}.Run(t, &Applet)
		if r.Stdout != string(want) || r.Stderr != tc.stderr || r.Code != tc.code {
			t.Errorf("apk %s:\nstdout %q\nwant   %q\nstderr %q, status %d", tc.args, r.Stdout, want, r.Stderr, r.Code)
		}
	}
}

func TestMessages(t *testing.T) {
	root := fixtureRoot(t)
	for _, tc := range []struct {
		args           []string
		stdout, stderr string
		code           int
	}{
		{[]string{"--root", root, "info", "nothere", "busybox"}, "busybox-1.36.1-r29 description:\nSize optimized toolbox of many common UNIX utilities\n\nbusybox-1.36.1-r29 webpage:\nhttps://busybox.net/\n\nbusybox-1.36.1-r29 installed size:\n908 KiB\n\n", "", 1},
		{[]string{"--root", root, "-q", "info", "-W", "/bin/sh", "/sbin/apk"}, "busybox-binsh apk-tools\n", "", 0},
		{[]string{"--root", root, "info", "-e", "busybox", "nothere", "musl"}, "busybox\nmusl\n", "", 1},
		{[]string{"--root", root, "-v", "info", "-e", "busybox"}, "busybox-1.36.1-r29\n", "", 0},
		{[]string{"--root", root, "-v", "info", "-t", "busybox"}, "busybox: trigger /bin\nbusybox: trigger /usr/bin\nbusybox: trigger /sbin\nbusybox: trigger /usr/sbin\nbusybox: trigger /lib/modules/*\n\n", "", 0},
		{[]string{"--root", root, "info", "--rinstall-if", "libssl3", "busybox"}, "busybox-1.36.1-r29 affects auto-installation of:\nssl_client-1.36.1-r29\n\nlibssl3-3.3.2-r0 affects auto-installation of:\nssl_client-1.36.1-r29\n\n", "", 0},
		{[]string{"--root", root, "-X", "/nonexistent/repo", "policy", "zlib"}, "zlib policy:\n  1.3.1-r1:\n    lib/apk/db/installed\n", "WARNING: opening /nonexistent/repo: No such file or directory\n", 0},
		{[]string{"--root", root + "/nothere", "info"}, "", "ERROR: Unable to open root: No such file or directory\n", 99},
		{[]string{"--root", root, "frobnicate"}, "", "ERROR: 'frobnicate' is not an apk command. See 'apk --help'.\n", 1},
	} {
		r := applettest.Cmd{Args: tc.args}.Run(t, &Applet)
		if r.Stdout != tc.stdout || r.Stderr != tc.stderr || r.Code != tc.code {
			t.Errorf("apk %q:\nstdout %q\nwant   %q\nstderr %q want %q, status %d want %d", tc.args, r.Stdout, tc.stdout, r.Stderr, tc.stderr, r.Code, tc.code)
		}
	}
}

// TestRepository reads the signed test repository "basic" with its key
// (list and policy over installed and available packages).
func TestRepository(t *testing.T) {
	fx := apktest.Fixtures(t)
	root := fixtureRoot(t)
	keys := filepath.Join(root, "etc/apk/keys")
	os.MkdirAll(keys, 0o755)
	key := "gobox-test@example.org-00000001.rsa.pub"
	data, _ := os.ReadFile(filepath.Join(fx, "keys/test", key))
	os.WriteFile(filepath.Join(keys, key), data, 0o644)
	repoDir := filepath.Join(fx, "repos/basic")
	r := applettest.Cmd{Args: []string{"--root", root, "-X", repoDir, "policy", "hello"}}.Run(t, &Applet)
	if want := "hello policy:\n  1.0-r0:\n    " + repoDir + "\n"; r.Stdout != want || r.Code != 0 {
		t.Errorf("policy: %q %q %d", r.Stdout, r.Stderr, r.Code)
	}
	r = applettest.Cmd{Args: []string{"--root", root, "-X", repoDir, "list", "hello*"}}.Run(t, &Applet)
	if want := "hello-1.0-r0 x86_64 {hello} (MIT)\nhello-doc-1.0-r0 x86_64 {hello} (MIT)\n"; r.Stdout != want {
		t.Errorf("list: %q %q", r.Stdout, r.Stderr)
	}
	// Without the key the repository is refused.
	os.Remove(filepath.Join(keys, key))
	r = applettest.Cmd{Args: []string{"--root", root, "-X", repoDir, "list", "hello*"}}.Run(t, &Applet)
	if r.Stdout != "" || r.Stderr != "WARNING: opening "+repoDir+": UNTRUSTED signature\n" {
		t.Errorf("untrusted: %q %q", r.Stdout, r.Stderr)
	}
}

// TestNoInstalledDatabase: a root without lib/apk/db/installed (a fresh
// directory with only keys and arch). As apk-tools 2.14.4 (checked in an
// Alpine 3.20.3 chroot): the applets that do not need the database's
// state (search, fetch, dot, verify) run; the others fail with "Unable
// to read database state" before "Failed to open apk database"; and a
// package file missing from a local repository is, to fetch, the file's
// own error, not install's "package mentioned in index not found".
func TestNoInstalledDatabase(t *testing.T) {
	fx := apktest.Fixtures(t)
	root := t.TempDir()
	keys := filepath.Join(root, "etc/apk/keys")
	os.MkdirAll(keys, 0o755)
	os.WriteFile(filepath.Join(root, "etc/apk/arch"), []byte("x86_64\n"), 0o644)
	key := "gobox-test@example.org-00000001.rsa.pub"
	data, _ := os.ReadFile(filepath.Join(fx, "keys/test", key))
	os.WriteFile(filepath.Join(keys, key), data, 0o644)
	// The repository without hello's package file.
	repoDir := filepath.Join(t.TempDir(), "basic")
	os.MkdirAll(filepath.Join(repoDir, "x86_64"), 0o755)
	for _, f := range []string{"APKINDEX.tar.gz", "libhello-1.0-r0.apk"} {
		data, err := os.ReadFile(filepath.Join(fx, "repos/basic/x86_64", f))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(repoDir, "x86_64", f), data, 0o644)
	}
	noState := "ERROR: Unable to read database state: No such file or directory\nERROR: Failed to open apk database: No such file or directory\n"
	for _, tc := range []struct {
		args           []string
		stdout, stderr string
		code           int
	}{
		{[]string{"search", "hello"}, "hello-1.0-r0\nhello-doc-1.0-r0\nlibhello-1.0-r0\n", "", 0},
		{[]string{"verify", filepath.Join(repoDir, "x86_64/libhello-1.0-r0.apk")}, filepath.Join(repoDir, "x86_64/libhello-1.0-r0.apk") + ": 0 - OK\n", "", 0},
		{[]string{"fetch", "-s", "hello"}, "", "ERROR: hello-1.0-r0: No such file or directory\n", 1},
		{[]string{"info"}, "", noState, 99},
		{[]string{"policy", "hello"}, "", noState, 99},
		{[]string{"upgrade", "-s"}, "", noState, 99},
	} {
		args := append([]string{"--root", root, "-X", repoDir}, tc.args...)
		r := applettest.Cmd{Args: args}.Run(t, &Applet)
		if r.Stdout != tc.stdout || r.Stderr != tc.stderr || r.Code != tc.code {
			t.Errorf("apk %q:\nstdout %q\nwant   %q\nstderr %q want %q, status %d want %d", tc.args, r.Stdout, tc.stdout, r.Stderr, tc.stderr, r.Code, tc.code)
		}
	}
}
