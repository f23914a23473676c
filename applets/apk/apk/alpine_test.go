package apk

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"gobox/internal/apk/apktest"
)

// TestAlpine is a differential test of the read-only commands against the
// real apk-tools 2.14.4 (/sbin/apk of Alpine's 3.20.3 minirootfs, run in a
// chroot of it). Both work on the same scratch root, an Alpine 3.20.3
// minirootfs at /srv/test/root1 inside the chroot, into which the real apk
// first installs a few packages of the fixtures' "basic" repository; the
// fixtures' repositories, keys and indexes lie under /srv/test. Each case
// of testdata/alpine-cases.txt (apk's arguments, single quotes group)
// must give the same stdout, stderr and exit status. Ours is this test
// binary run in the same chroot (installSelf), through TestMain's
// GOBOX_APK_CHILD mode, so both see the same paths.
//
// A line "known: WHY" marks the next case as a known difference; the
// test fails when it stops differing, so the list stays true.
func TestAlpine(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root (chroot)")
	}
	fx := apktest.Fixtures(t)
	tarball := filepath.Join(fx, "../alpine/alpine-minirootfs-3.20.3-x86_64.tar.gz")
	if _, err := os.Stat(tarball); err != nil {
		t.Skip("no Alpine minirootfs: ", err)
	}
	chroot := diffChroot(t, fx, tarball)
	f, err := os.Open("testdata/alpine-cases.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	line, known, n := 0, "", 0
	for sc.Scan() {
		line++
		text := sc.Text()
		switch {
		case text == "" || strings.HasPrefix(text, "#"):
			continue
		case strings.HasPrefix(text, "known: "):
			known = strings.TrimPrefix(text, "known: ")
			continue
		}
		n++
		args := splitArgs(text)
		ref := runAlpine(t, chroot, args)
		ours := runOurs(t, chroot, args)
		same := ref == ours
		switch {
		case known != "" && same:
			t.Errorf("line %d: apk %s: marked known (%s) but no longer differs", line, text, known)
		case known != "":
			t.Logf("line %d: apk %s: known difference: %s", line, text, known)
		case !same:
			t.Errorf("line %d: apk %s\nalpine:\n%s\nours:\n%s", line, text, ref, ours)
		}
		known = ""
	}
	if n < 80 {
		t.Errorf("only %d cases", n)
	}
}

// diffChroot unpacks the minirootfs as the chroot and prepares
// /srv/test in it.
func diffChroot(t *testing.T, fx, tarball string) string {
	dir := t.TempDir()
	chroot := filepath.Join(dir, "root")
	srv := filepath.Join(chroot, "srv/test")
	root1 := filepath.Join(srv, "root1")
	sh := func(script string) {
		t.Helper()
		cmd := exec.Command("sh", "-ec", script)
		cmd.Env = []string{"PATH=/usr/sbin:/usr/bin:/sbin:/bin", "C=" + chroot, "S=" + srv, "R1=" + root1, "FX=" + fx, "TB=" + tarball}
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", script, err, out)
		}
	}
	sh(`mkdir -p "$C" && tar -xzf "$TB" -C "$C" && mkdir -p "$R1" "$S/keys" "$S/empty" && tar -xzf "$TB" -C "$R1"
cp -r "$FX/repos" "$S/repos"
cp "$FX"/keys/*/*.pub "$S/keys/"
cp "$FX/keys/test/gobox-test@example.org-00000001.rsa.pub" "$R1/etc/apk/keys/"
cp "$FX/alpine/APKINDEX-v3.16-x86_64.tar.gz" "$S/APKINDEX-316.tar.gz"
mkdir -p "$S/r316/x86_64" && cp "$FX/alpine/APKINDEX-v3.16-x86_64.tar.gz" "$S/r316/x86_64/APKINDEX.tar.gz"
cp "$FX/alpine/APKINDEX-v3.17-aarch64.tar.gz" "$S/APKINDEX-317.tar.gz"
cp "$FX/apko/APKINDEX-rsa256.tar.gz" "$S/APKINDEX-rsa256.tar.gz"
cp "$FX/alpine/alpine-baselayout-3.2.0-r23.apk" "$S/"
echo '# none' > "$S/norepos"
head -c 3000 "$FX/repos/basic/x86_64/hello-1.0-r0.apk" > "$S/truncated.apk"
echo /srv/test/repos/basic > "$R1/etc/apk/repositories"`)
	installSelf(t, chroot)
	// The real apk installs the packages both then read.
	cmd := exec.Command("chroot", chroot, "/sbin/apk", "--root", "/srv/test/root1", "add", "hello", "docs", "trigwatch")
	cmd.Env = []string{"PATH=/usr/sbin:/usr/bin:/sbin:/bin"}
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("apk add: %v\n%s", err, out)
	}
	// Changes for apk audit to find: modified, missing, unknown and
	// re-permissioned files, unknown directories, a protected-paths
	// list of its own.
	sh(`cd "$R1"
echo changed > etc/hello.conf; echo x > etc/hello.conf.apk-new; echo y > etc/unknown.conf
rm usr/share/doc/hello/README; echo junk >> usr/lib/libhello.so.1.0.0
chmod 700 usr/bin/hello var/lib/hello; chown 1:1 usr/share/man/man1/hello.1; ln -sf nowhere usr/bin/hi
mkdir -p usr/local/newdir/sub etc/newdir etc/init.d; echo z > usr/local/newdir/sub/f; echo q > etc/newdir/file
ln -s /bin/busybox usr/bin/bblink; ln -s /x etc/init.d/svc; echo s > etc/init.d/plain
printf '# c\n+usr/share/doc\n-usr/bin\n!usr/lib/libhello*\n@usr/local\nvar/lib/\n' > "$S/pp.list"`)
	return chroot
}

// splitArgs splits a case line at spaces; single quotes group.
func splitArgs(s string) []string {
	var args []string
	var cur strings.Builder
	in, have := false, false
	for _, c := range s {
		switch {
		case c == '\'':
			in, have = !in, true
		case c == ' ' && !in:
			if have {
				args = append(args, cur.String())
				cur.Reset()
				have = false
			}
		default:
			cur.WriteRune(c)
			have = true
		}
	}
	if have {
		args = append(args, cur.String())
	}
	return args
}

// result is what a run printed, in one string for comparison.
func result(stdout, stderr string, code int) string {
	return "stdout:\n" + stdout + "stderr:\n" + stderr + "status: " + string(rune('0'+code/10)) + string(rune('0'+code%10)) + "\n"
}

func runAlpine(t *testing.T, chroot string, args []string) string {
	cmd := exec.Command("chroot", append([]string{chroot, "/sbin/apk"}, args...)...)
	cmd.Env = []string{"PATH=/usr/sbin:/usr/bin:/sbin:/bin"}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return result(out.String(), errb.String(), code)
}

func runOurs(t *testing.T, chroot string, args []string) string {
	cmd := exec.Command("chroot", chroot, "/gobox-apk.test")
	cmd.Env = []string{"PATH=/usr/sbin:/usr/bin:/sbin:/bin", "GOBOX_APK_CHILD=" + strings.Join(args, "\x1f")}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return result(out.String(), errb.String(), code)
}

// installSelf copies this test binary into the chroot, with the shared
// libraries it needs when it is not static, so that TestMain's
// GOBOX_APK_CHILD mode runs ours inside the chroot like the real apk.
func installSelf(t *testing.T, chroot string) {
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	files := []string{self}
	if out, err := exec.Command("ldd", self).Output(); err == nil {
		for _, f := range strings.Fields(string(out)) {
			if strings.HasPrefix(f, "/") {
				files = append(files, f)
			}
		}
	}
	for i, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(chroot, f)
		if i == 0 {
			dst = filepath.Join(chroot, "gobox-apk.test")
		}
		if _, err := os.Stat(dst); err == nil && i > 0 {
			t.Fatalf("%s: already in the chroot", dst)
		}
		os.MkdirAll(filepath.Dir(dst), 0o755)
		if err := os.WriteFile(dst, data, 0o755); err != nil {
			t.Fatal(err)
		}
	}
}
