package apk

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gobox/internal/apk/apktest"
	"gobox/internal/applettest"
)

// TestVirtual is "apk add -t" and "apk del" of virtual packages
// (transcript 04): the world entry, the database block, the order of
// the changes, and the errors.
func TestVirtual(t *testing.T) {
	root := alpineRoot(t)
	basic := filepath.Join(apktest.Fixtures(t), "repos/basic")
	x := "-X " + basic + " "
	r := applettest.Cmd{Args: append([]string{"--root", root}, strings.Fields(x+"add -t .build-deps hello libhello")...)}.Run(t, &Applet)
	want := regexp.MustCompile(`^\(1/3\) Installing libhello \(1\.0-r0\)
\(2/3\) Installing hello \(1\.0-r0\)
Executing hello-1\.0-r0\.pre-install
Executing hello-1\.0-r0\.post-install
\(3/3\) Installing \.build-deps \((\d{8}\.\d{6})\)
Executing busybox-1\.36\.1-r29\.trigger
OK: 8 MiB in 17 packages
$`)
	m := want.FindStringSubmatch(r.Stdout)
	if m == nil || r.Stderr != "" || r.Code != 0 {
		t.Fatalf("add -t: %q %q %d", r.Stdout, r.Stderr, r.Code)
	}
	ver := m[1]
	block := dbBlock(t, root, ".build-deps")
	if !regexp.MustCompile(`^C:Q1[A-Za-z0-9+/]{27}=\nP:\.build-deps\nV:` + regexp.QuoteMeta(ver) + `\nA:noarch\nS:0\nI:0\nT:virtual meta package\nU:\nL:\nD:hello libhello\n$`).MatchString(block) {
		t.Errorf("virtual package block:\n%s", block)
	}
	if got := readFile(t, root, "etc/apk/world"); got != ".build-deps="+ver+"\nalpine-baselayout\nalpine-keys\napk-tools\nbusybox\nlibc-utils\n" {
		t.Errorf("world %q", got)
	}
	runSteps(t, root, []step{
		{x + "add -t virt2=1.5 noarchpkg", "(1/2) Installing noarchpkg (1.0-r0)\n(2/2) Installing virt2 (1.5)\nOK: 8 MiB in 19 packages\n", "", 0},
		{x + "add -t .v3=2.0", "(1/1) Installing .v3 (2.0)\nOK: 8 MiB in 20 packages\n", "WARNING: creating empty virtual package\n", 0},
		{x + "add -t !bad hello", "", "ERROR: !bad: bad package specifier\n", 99},
		{x + "add -t v4>1 hello", "", "ERROR: v4>1: bad package specifier\n", 99},
		{x + "add -t .v5 hello>", "", "ERROR: 'hello>' is not a valid child dependency, format is name([<>~=]version)\n", 99},
		{x + "add hello>", "", "ERROR: 'hello>' is not a valid world dependency, format is name(@tag)([<>~=]version)\n", 99},
		// A new version of the virtual package replaces the old one.
		{x + "add -t virt2=1.6 noarchpkg hello", "(1/1) Upgrading virt2 (1.5 -> 1.6)\nOK: 8 MiB in 20 packages\n", "", 0},
		{x + "del .build-deps virt2", "(1/5) Purging .build-deps (" + ver + ")\n(2/5) Purging virt2 (1.6)\n" +
			"(3/5) Purging noarchpkg (1.0-r0)\n(4/5) Purging hello (1.0-r0)\nExecuting hello-1.0-r0.pre-deinstall\nExecuting hello-1.0-r0.post-deinstall\n" +
			"(5/5) Purging libhello (1.0-r0)\nExecuting busybox-1.36.1-r29.trigger\nOK: 8 MiB in 15 packages\n", "", 0},
		{x + "del .v3", "(1/1) Purging .v3 (2.0)\nOK: 8 MiB in 14 packages\n", "", 0},
	})
}

// TestAddFile installs package files named on the command line
// (transcripts 05 and 07): verified against the keys, recorded in world
// as name><identity, refused when untrusted unless --allow-untrusted.
func TestAddFile(t *testing.T) {
	root := alpineRoot(t)
	fx := apktest.Fixtures(t)
	sig := filepath.Join(fx, "repos/sigtest/x86_64") + "/"
	runSteps(t, root, []step{
		{"add " + sig + "good-1.0-r0.apk", "(1/1) Installing good (1.0-r0)\nOK: 8 MiB in 15 packages\n", "", 0},
		{"add " + sig + "nodatahash-1.0-r0.apk", "(1/1) Installing nodatahash (1.0-r0)\nOK: 8 MiB in 16 packages\n", "WARNING: Support for packages without datahash will be dropped in apk-tools 3.\n", 0},
		{"add " + sig + "unsigned-1.0-r0.apk", "", "ERROR: " + sig + "unsigned-1.0-r0.apk: UNTRUSTED signature\n", 99},
		{"add " + sig + "otherkey-1.0-r0.apk", "", "ERROR: " + sig + "otherkey-1.0-r0.apk: UNTRUSTED signature\n", 99},
		{"add " + sig + "nothere-1.0-r0.apk", "", "ERROR: " + sig + "nothere-1.0-r0.apk: No such file or directory\n", 99},
		{"--allow-untrusted add " + sig + "unsigned-1.0-r0.apk " + sig + "otherkey-1.0-r0.apk", "(1/2) Installing otherkey (1.0-r0)\n(2/2) Installing unsigned (1.0-r0)\nOK: 8 MiB in 18 packages\n", "", 0},
		{"add " + sig + "corrupt-1.0-r0.apk", "(1/1) Installing corrupt (1.0-r0)\n1 error; 8 MiB in 18 packages\n", "ERROR: corrupt-1.0-r0: BAD signature\n", 1},
		// The failed package stays in world and fails every later commit.
		{"fix", "", "ERROR: unable to select packages:\n  corrupt (no such package):\n    required by: world[corrupt><Q1AoXvtKFM0OiUdsNUHE2X/O0oQhs=]\n", 1},
		{"del corrupt good", "(1/1) Purging good (1.0-r0)\nOK: 8 MiB in 17 packages\n", "", 0},
	})
	if got := readFile(t, root, "etc/apk/world"); got != "alpine-baselayout\nalpine-keys\napk-tools\nbusybox\nlibc-utils\nnodatahash><Q1ura6IfWlxzpryzC77lRL43+i1AQ=\notherkey><Q1bON8vcutU04T7Jjv2VRdgOZhoYo=\nunsigned><Q1+m+Sdye2PokqwW8QogG9m5MSprY=\n" {
		t.Errorf("world %q", got)
	}
}
