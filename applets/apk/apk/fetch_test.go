package apk

import (
	"crypto/sha1"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gobox/internal/apk/apktest"
	"gobox/internal/apk/repo"
	"gobox/internal/applettest"
)

// TestFetch is "apk fetch" against a local repository (transcript 10,
// compared with the real apk): selection, --url, --simulate, -R, -w,
// -s, globs and the errors.
func TestFetch(t *testing.T) {
	fx := apktest.Fixtures(t)
	root := t.TempDir()
	for _, d := range []string{"etc/apk", "lib/apk/db"} {
		os.MkdirAll(filepath.Join(root, d), 0o755)
	}
	os.WriteFile(filepath.Join(root, "lib/apk/db/installed"), nil, 0o644)
	os.WriteFile(filepath.Join(root, "etc/apk/world"), []byte("busybox\n"), 0o644)
	os.WriteFile(filepath.Join(root, "etc/apk/arch"), []byte("x86_64\n"), 0o644)
	trustTestKey(t, fx, root)
	repo := filepath.Join(fx, "repos/basic")
	os.WriteFile(filepath.Join(root, "etc/apk/repositories"), []byte(repo+"\n"), 0o644)
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "out"), 0o755)
	for _, tc := range []struct {
		args           string
		stdout, stderr string
		code           int
	}{
		{"fetch hello", "Downloading hello-1.0-r0\n", "", 0},
		{"fetch hello", "", "", 0},
		{"fetch -R -o out hello", "", "ERROR: unable to select packages:\n  /bin/sh (no such package):\n    required by: hello-1.0-r0[/bin/sh]\n", 1},
		{"fetch --url -o out libhello noarchpkg", repo + "/x86_64/libhello-1.0-r0.apk\n" + repo + "/noarch/noarchpkg-1.0-r0.apk\n", "", 0},
		{"fetch --simulate -o out docs", "Downloading docs-1.0-r0\n", "", 0},
		{"fetch nothere", "nothere: unable to select package (or its dependencies)\n", "", 1},
		{"fetch /bin/sh cmd:hello", "/bin/sh: unable to select package (or its dependencies)\n", "", 0},
		{"fetch -o out lib* zz*", "", "", 0},
		{"fetch -o out hello*", "Downloading hello-1.0-r0\nDownloading hello-doc-1.0-r0\n", "", 0},
		{"fetch -R -o out docs", "Downloading docs-1.0-r0\n", "", 0},
		{"fetch -o missing trigfeed", "Downloading trigfeed-1.0-r0\n", "ERROR: trigfeed-1.0-r0: Bad file descriptor\n", 1},
		{"fetch -w -o out", "", "ERROR: unable to select packages:\n  busybox (no such package):\n    required by: world[busybox]\n", 1},
	} {
		r := applettest.RunIn(t, dir, &Applet, append([]string{"--root", root}, strings.Fields(tc.args)...)...)
		if r.Stdout != tc.stdout || r.Stderr != tc.stderr || r.Code != tc.code {
			t.Errorf("apk %s:\nstdout %q\nwant   %q\nstderr %q\nwant   %q\nstatus %d want %d", tc.args, r.Stdout, tc.stdout, r.Stderr, tc.stderr, r.Code, tc.code)
		}
	}
	got, _ := filepath.Glob(filepath.Join(dir, "out/*"))
	for i := range got {
		got[i] = filepath.Base(got[i])
	}
	if strings.Join(got, " ") != "docs-1.0-r0.apk hello-1.0-r0.apk hello-doc-1.0-r0.apk libhello-1.0-r0.apk noarchpkg-1.0-r0.apk" {
		t.Errorf("out: %v", got)
	}
	want := apktest.Read(t, "repos/basic/x86_64/hello-1.0-r0.apk")
	if b, err := os.ReadFile(filepath.Join(dir, "hello-1.0-r0.apk")); err != nil || string(b) != string(want) {
		t.Errorf("fetched file differs: %v", err)
	}
	r := applettest.RunIn(t, dir, &Applet, "--root", root, "fetch", "-s", "hello")
	if fmt.Sprintf("%x", sha1.Sum([]byte(r.Stdout))) != "a6273ef8d6f672676d015ba41260ef07bae5297e" || r.Code != 0 {
		t.Errorf("fetch -s: %d bytes, status %d, %q", len(r.Stdout), r.Code, r.Stderr)
	}
}

// TestCache is "apk cache" with a remote repository over loopback HTTP
// (transcript 11): download what world needs, clean keeps what the
// repository has, --purge deletes every package, --no-network then
// cannot reinstall.
func TestCache(t *testing.T) {
	root := alpineRoot(t)
	url := repoServer(t) + "/basic"
	os.WriteFile(filepath.Join(root, "etc/apk/repositories"), []byte(url+"\n"), 0o644)
	cache := filepath.Join(root, "etc/apk/cache")
	runSteps(t, root, []step{
		{"cache download", "", "WARNING: opening from cache " + url + ": No such file or directory\n", 0},
		{"add hello trigfeed", "fetch " + url + "/x86_64/APKINDEX.tar.gz\n(1/3) Installing libhello (1.0-r0)\n(2/3) Installing hello (1.0-r0)\nExecuting hello-1.0-r0.pre-install\nExecuting hello-1.0-r0.post-install\n(3/3) Installing trigfeed (1.0-r0)\nExecuting busybox-1.36.1-r29.trigger\nOK: 8 MiB in 17 packages\n", "", 0},
		{"cache download", "", "", 0}, // no cache: nothing to do
	})
	// The cache shares var/cache/apk with the index cache, as Alpine
	// sets it up (setup-apkcache).
	os.Symlink("../../var/cache/apk", cache)
	runSteps(t, root, []step{
		{"cache download", "fetch " + url + "/x86_64/libhello-1.0-r0.apk\nfetch " + url + "/x86_64/hello-1.0-r0.apk\nfetch " + url + "/x86_64/trigfeed-1.0-r0.apk\n", "", 0},
		{"cache -v download hello-doc nothere", "fetch " + url + "/x86_64/hello-doc-1.0-r0.apk\n", "", 0},
		{"-v cache clean", "", "", 0},
		{"cache", "", "", 99},
		{"cache foo", "", "", 99},
	})
	os.WriteFile(filepath.Join(cache, "stray.apk"), nil, 0o644)
	runSteps(t, root, []step{{"-v cache sync", "deleting stray.apk\n", "", 0}})
	ls := func() string {
		ents, _ := os.ReadDir(cache)
		var n []string
		for _, e := range ents {
			n = append(n, e.Name())
		}
		return strings.Join(n, " ")
	}
	if got := ls(); got != "APKINDEX."+repoCacheName(url)+" hello-1.0-r0.f73b77f3.apk hello-doc-1.0-r0.8fc68322.apk libhello-1.0-r0.c53131d4.apk trigfeed-1.0-r0.7cf32d8c.apk" {
		t.Errorf("cache after sync: %s", got)
	}
	runSteps(t, root, []step{
		{"--purge cache clean", "", "", 0},
		{"--no-network fix trigfeed", "(1/1) [APK unavailable, skipped] Reinstalling trigfeed (1.0-r0)\nOK: 8 MiB in 17 packages\n", "", 0},
	})
	if got := ls(); got != "APKINDEX."+repoCacheName(url)+" installed" {
		t.Errorf("cache after purge: %s", got)
	}
}

// repoCacheName is the index cache's name for a repository URL.
func repoCacheName(url string) string {
	return strings.TrimPrefix((&repo.Repository{Location: url}).CacheName("x86_64"), "APKINDEX.")
}
