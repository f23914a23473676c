package apk

import (
	"crypto/sha1"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gobox/internal/apk/apktest"
	"gobox/internal/applettest"
)

// TestAlpineInstallDiff runs the real apk-tools 2.14.4 (/sbin/apk of
// the Alpine minirootfs, chrooted) and gobox's apk on twin roots for the
// transcripts' install scenarios, and compares stdout+stderr, the exit
// status, world, the installed database, scripts.tar, triggers and the
// file trees after every step.
func TestAlpineInstallDiff(t *testing.T) {
	fx := apktest.Fixtures(t)
	if os.Geteuid() != 0 {
		t.Skip("chroot needs root")
	}
	tarball := filepath.Join(fx, "../alpine/alpine-minirootfs-3.20.3-x86_64.tar.gz")
	if _, err := os.Stat(tarball); err != nil {
		t.Skip("Alpine minirootfs absent")
	}
	chroot := t.TempDir()
	// The repositories sit at the fixture's own path inside the chroot
	// too, so that both apks print the same locations.
	repos := filepath.Join(fx, "repos")
	script := `set -e
tar -xzf "$TB" -C "$C"
mkdir -p "$C$REPOS" "$C/srv/test"
cp -a "$REPOS/." "$C$REPOS/"
for r in A B; do
  mkdir "$C/srv/test/root$r"; tar -xzf "$TB" -C "$C/srv/test/root$r"
  cp "$FX/keys/test/gobox-test@example.org-00000001.rsa.pub" "$C/srv/test/root$r/etc/apk/keys/"
  echo "$REPOS/basic" > "$C/srv/test/root$r/etc/apk/repositories"
done`
	cmd := exec.Command("sh", "-c", script)
	cmd.Env = []string{"PATH=/usr/sbin:/usr/bin:/sbin:/bin", "C=" + chroot, "TB=" + tarball, "FX=" + fx, "REPOS=" + repos}
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("setup: %v\n%s", err, out)
	}
	rootA, rootB := filepath.Join(chroot, "srv/test/rootA"), filepath.Join(chroot, "srv/test/rootB")
	v2 := "-X " + repos + "/basic-v2 "
	sig := repos + "/sigtest/x86_64/"
	steps := []string{
		"add hello", "add hello", "add docs", "add trigwatch", "add trigfeed",
		"#modify", v2 + "upgrade --simulate", v2 + "upgrade", v2 + "upgrade",
		"fix hello", v2 + "fix hello", v2 + "fix", v2 + "fix -d hello",
		"add -t .build-deps noarchpkg", "add -t virt2=1.5 hello-doc", "add -t .e", "add -t !bad x",
		"del .build-deps", "del virt2 .e", "del hello", "del libhello", "del nothere", "add nothere",
		"add hello>", "add hello@nosuchtag",
		"add " + sig + "good-1.0-r0.apk", "add " + sig + "unsigned-1.0-r0.apk", "--allow-untrusted add " + sig + "unsigned-1.0-r0.apk",
		"add " + sig + "nodatahash-1.0-r0.apk", "del good unsigned nodatahash",
		"del trigwatch trigfeed docs",
	}
	stamp := regexp.MustCompile(`\d{8}\.\d{6}`)
	for _, s := range steps {
		if s == "#modify" {
			for _, r := range []string{rootA, rootB} {
				os.WriteFile(filepath.Join(r, "etc/hello.conf"), []byte("greeting=bonjour\n"), 0o644)
			}
			continue
		}
		args := strings.Fields(s)
		real := exec.Command("chroot", append([]string{chroot, "/sbin/apk", "--root", "/srv/test/rootA"}, args...)...)
		real.Env = []string{"PATH=/usr/sbin:/usr/bin:/sbin:/bin", "TERM=dumb"}
		outA, _ := real.CombinedOutput()
		codeA := real.ProcessState.ExitCode()
		r := applettest.Cmd{Args: append([]string{"--root", rootB}, args...)}.Run(t, &Applet)
		// The runtime keeps stdout and stderr apart: compare each
		// against the real merged output by lines.
		gotB := mergeLike(string(outA), r.Stdout, r.Stderr)
		a, b := stamp.ReplaceAllString(string(outA), "STAMP"), stamp.ReplaceAllString(gotB, "STAMP")
		if a != b || codeA != r.Code {
			t.Errorf("apk %s:\nreal  (%d) %q\ngobox (%d) %q", s, codeA, a, r.Code, b)
		}
		for _, f := range []string{"etc/apk/world", "lib/apk/db/installed", "lib/apk/db/triggers", "lib/apk/db/scripts.tar"} {
			da, _ := os.ReadFile(filepath.Join(rootA, f))
			db, _ := os.ReadFile(filepath.Join(rootB, f))
			if f == "lib/apk/db/installed" {
				// Virtual packages' identities hash the process id.
				virt := regexp.MustCompile(`C:Q1[^\n]*\n(P:[^\n]*\nV:\d{8}\.\d{6}|P:virt2\nV:1\.5|P:\.e\n)`)
				da, db = stamp.ReplaceAll(virt.ReplaceAll(da, []byte("$1")), nil), stamp.ReplaceAll(virt.ReplaceAll(db, []byte("$1")), nil)
			}
			if f == "etc/apk/world" {
				da, db = stamp.ReplaceAll(da, nil), stamp.ReplaceAll(db, nil)
			}
			if string(da) != string(db) && f != "lib/apk/db/scripts.tar" {
				t.Errorf("after apk %s: %s differs:\nreal\n%s\ngobox\n%s", s, f, da, db)
			}
		}
		if ta, tb := tree(t, rootA), tree(t, rootB); ta != tb {
			t.Errorf("after apk %s: file trees differ:\n%s", s, lineDiff(ta, tb))
		}
	}
}

// mergeLike returns gobox's stdout and stderr merged in the order the
// real apk's merged output shows their lines (falling back to stdout
// then stderr for lines the real output lacks).
func mergeLike(real, stdout, stderr string) string {
	out := strings.SplitAfter(stdout, "\n")
	errs := strings.SplitAfter(stderr, "\n")
	var b strings.Builder
	for _, l := range strings.SplitAfter(real, "\n") {
		switch {
		case len(errs) > 0 && errs[0] == l && l != "":
			b.WriteString(l)
			errs = errs[1:]
		case len(out) > 0 && out[0] == l && l != "":
			b.WriteString(l)
			out = out[1:]
		}
	}
	b.WriteString(strings.Join(out, ""))
	b.WriteString(strings.Join(errs, ""))
	return b.String()
}

// tree lists a root's files with type, mode and content hash, leaving
// out apk's caches and the scripts' log.
func tree(t *testing.T, root string) string {
	var b strings.Builder
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		if rel == "var/cache" || rel == "lib/apk/exec" || rel == "lib/apk/db" || rel == "etc/apk" || rel == "var/log" {
			return filepath.SkipDir
		}
		fi, err := d.Info()
		if err != nil {
			return nil
		}
		sum := ""
		switch {
		case fi.Mode().IsRegular():
			data, _ := os.ReadFile(p)
			sum = fmt.Sprintf("%x", sha1.Sum(data))
		case fi.Mode()&fs.ModeSymlink != 0:
			sum, _ = os.Readlink(p)
		}
		if fi.IsDir() {
			fmt.Fprintf(&b, "%s %v\n", rel, fi.Mode())
		} else {
			fmt.Fprintf(&b, "%s %v %s\n", rel, fi.Mode(), sum)
		}
		return nil
	})
	return b.String()
}

// lineDiff shows the lines only one side has.
func lineDiff(a, b string) string {
	in := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, l := range strings.Split(s, "\n") {
			m[l] = true
		}
		return m
	}
	ma, mb := in(a), in(b)
	var d strings.Builder
	for _, l := range strings.Split(a, "\n") {
		if !mb[l] {
			d.WriteString("- " + l + "\n")
		}
	}
	for _, l := range strings.Split(b, "\n") {
		if !ma[l] {
			d.WriteString("+ " + l + "\n")
		}
	}
	return d.String()
}
