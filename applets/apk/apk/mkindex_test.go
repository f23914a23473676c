package apk

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gobox/internal/apk/apktest"
	"gobox/internal/apk/index"
	"gobox/internal/apk/sign"
	"gobox/internal/applettest"
)

// indexText returns the APKINDEX text and description of an index file,
// and whether it verifies with the test key.
func indexText(t *testing.T, file string) (text, desc string, signed bool) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	a, err := index.ReadArchive(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	a.Index.Write(&b)
	keys := sign.LoadDir(filepath.Join(apktest.Fixtures(t), "keys/test"))
	return b.String(), a.Description, a.Verify(keys) == nil
}

// TestIndex is "apk index" (transcripts 10 and 12): the text is the one
// the real apk writes for the same files, untrusted files are refused,
// -x reuses entries only of a trusted index, and --sign-key (gobox's
// addition) signs it so that apk trusts it.
func TestIndex(t *testing.T) {
	fx := apktest.Fixtures(t)
	dir := t.TempDir()
	keys := "--keys-dir=" + filepath.Join(fx, "keys/test")
	key := filepath.Join(fx, "keys/test/gobox-test@example.org-00000001.rsa")
	basic, _ := filepath.Glob(filepath.Join(fx, "repos/basic/x86_64/*.apk"))
	noarch, _ := filepath.Glob(filepath.Join(fx, "repos/basic/noarch/*.apk"))
	v2, _ := filepath.Glob(filepath.Join(fx, "repos/basic-v2/x86_64/*.apk"))
	all := append(append([]string(nil), basic...), noarch...)
	hello := filepath.Join(fx, "repos/basic/x86_64/hello-1.0-r0.apk")
	sig := filepath.Join(fx, "repos/sigtest/x86_64") + "/"
	warn2 := "WARNING: No provider for the dependencies:\n  /bin/sh libhello\nWARNING: Total of 2 unsatisfiable package names. Your repository may be broken.\n"
	for _, tc := range []struct {
		args           []string
		stdout, stderr string
		code           int
	}{
		{append([]string{keys, "index", "-o", "plain.tar.gz"}, all...), "Index has 7 packages (of which 7 are new)\n",
			"WARNING: No provider for the dependencies:\n  /bin/sh\nWARNING: Total of 1 unsatisfiable package names. Your repository may be broken.\n", 0},
		{[]string{keys, "index", "-d", "my description", "-o", "desc.tar.gz", hello}, "Index has 1 packages (of which 1 are new)\n", warn2, 0},
		{[]string{keys, "index", "--no-warnings", "--rewrite-arch", "aarch64", "-o", "arch.tar.gz", hello}, "Index has 1 packages (of which 1 are new)\n", "", 0},
		{[]string{keys, "index", "-o", "bad.tar.gz", sig + "corruptgz-1.0-r0.apk", "/nonexistent.apk"}, "Index has 1 packages (of which 1 are new)\n", "WARNING: File '/nonexistent.apk' is unaccessible\n", 0},
		{[]string{keys, "index", "-o", "x.tar.gz", sig + "good-1.0-r0.apk", sig + "unsigned-1.0-r0.apk"}, "", "ERROR: " + sig + "unsigned-1.0-r0.apk: UNTRUSTED signature\n", 99},
		{[]string{"--keys-dir=/nonexistent", "index", "-o", "x.tar.gz", hello}, "", "ERROR: " + hello + ": UNTRUSTED signature\n", 99},
		{[]string{"--allow-untrusted", "index", "-o", "u.tar.gz", sig + "unsigned-1.0-r0.apk"}, "Index has 1 packages (of which 1 are new)\n", "", 0},
		// An unsigned index cannot serve as -x.
		{append([]string{keys, "index", "-x", "plain.tar.gz", "-o", "x3.tar.gz"}, all...), "", "ERROR: plain.tar.gz: UNTRUSTED signature\n", 99},
		{append([]string{keys, "index", "--sign-key", key, "-o", "signed.tar.gz"}, all...), "Index has 7 packages (of which 7 are new)\n",
			"WARNING: No provider for the dependencies:\n  /bin/sh\nWARNING: Total of 1 unsatisfiable package names. Your repository may be broken.\n", 0},
		// The package files are older than the index: reused.
		{append([]string{keys, "index", "--no-warnings", "-x", "signed.tar.gz", "-o", "x4.tar.gz"}, append(basic, v2...)...), "Index has 8 packages (of which 2 are new)\n", "", 0},
		{[]string{keys, "index", "--no-warnings", "--merge", "-x", "signed.tar.gz", "-o", "merged.tar.gz", v2[0]}, "Index has 8 packages (of which 1 are new)\n", "", 0},
		{[]string{keys, "index", "--sign-key", "/nonexistent.rsa", hello}, "", "ERROR: /nonexistent.rsa: No such file or directory\n", 99},
	} {
		r := applettest.RunIn(t, dir, &Applet, tc.args...)
		if r.Stdout != tc.stdout || r.Stderr != tc.stderr || r.Code != tc.code {
			t.Errorf("apk %s:\nstdout %q\nwant   %q\nstderr %q\nwant   %q\nstatus %d want %d", strings.Join(tc.args, " "), r.Stdout, tc.stdout, r.Stderr, tc.stderr, r.Code, tc.code)
		}
	}
	wantText, _, _ := indexText(t, filepath.Join(fx, "repos/basic/x86_64/APKINDEX.tar.gz"))
	if text, desc, signed := indexText(t, filepath.Join(dir, "plain.tar.gz")); text != wantText || desc != "" || signed {
		t.Errorf("plain index: signed %v desc %q\n%s", signed, desc, text)
	}
	if text, _, signed := indexText(t, filepath.Join(dir, "signed.tar.gz")); text != wantText || !signed {
		t.Errorf("signed index: signed %v\n%s", signed, text)
	}
	if _, desc, _ := indexText(t, filepath.Join(dir, "desc.tar.gz")); desc != "my description" {
		t.Errorf("description %q", desc)
	}
	if text, _, _ := indexText(t, filepath.Join(dir, "arch.tar.gz")); !strings.Contains(text, "P:hello\nV:1.0-r0\nA:aarch64\n") {
		t.Errorf("rewrite-arch:\n%s", text)
	}
	if text, _, _ := indexText(t, filepath.Join(dir, "x4.tar.gz")); !strings.Contains(text, "P:hello\nV:1.1-r0\n") || !strings.Contains(text, "P:hello\nV:1.0-r0\n") || strings.Contains(text, "noarchpkg") {
		t.Errorf("-x index:\n%s", text)
	}
	if text, _, _ := indexText(t, filepath.Join(dir, "merged.tar.gz")); !strings.Contains(text, "noarchpkg") {
		t.Errorf("--merge index:\n%s", text)
	}
}
