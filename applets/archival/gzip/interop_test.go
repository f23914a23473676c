package gzip

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// gnuGzip returns the path of GNU gzip, or skips the test.
func gnuGzip(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("gzip")
	if err != nil {
		t.Skip("GNU gzip is not installed (scripts/ci-deps.sh installs it)")
	}
	if out, _ := exec.Command(p, "--version").Output(); !strings.HasPrefix(string(out), "gzip ") {
		t.Skip("gzip is not GNU gzip")
	}
	return p
}

func gnu(t *testing.T, stdin []byte, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(gnuGzip(t), args...)
	cmd.Stdin = bytes.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("GNU gzip %q: %v: %s", args, err, errb.String())
	}
	return out.Bytes()
}

// TestInteropGNU: what GNU gzip makes, gobox's gunzip reads (each level,
// named, multi-member), and the other way; -l agrees with GNU's.
func TestInteropGNU(t *testing.T) {
	gnuGzip(t)
	data := []byte(strings.Repeat("Interoperability test line with some words. ", 20000))
	for _, level := range []string{"-1", "-6", "-9"} {
		theirs := gnu(t, data, "-c", level)
		r := runIn(t, &Gunzip, t.TempDir(), string(theirs), "-c")
		if r.Stdout != string(data) || r.Code != 0 {
			t.Errorf("gunzip of GNU gzip %s: %d bytes, %+v", level, len(r.Stdout), r.Stderr)
		}
		ours := runIn(t, &Applet, t.TempDir(), string(data), level).Stdout
		if got := gnu(t, []byte(ours), "-dc"); !bytes.Equal(got, data) {
			t.Errorf("GNU gunzip of gzip %s: %d bytes", level, len(got))
		}
		gnu(t, []byte(ours), "-t")
	}
	// Multi-member input made by GNU gzip.
	multi := append(gnu(t, []byte("one\n"), "-c"), gnu(t, []byte("two\n"), "-c")...)
	runIn(t, &Zcat, t.TempDir(), string(multi)).Expect(t, "one\ntwo\n", 0)
	// Files: names, -l, and the input's time on the output.
	dir := t.TempDir()
	write(t, dir, "named", string(data), 0o600)
	cmd := exec.Command(gnuGzip(t), "-k", "named")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v %s", err, out)
	}
	for _, args := range [][]string{{"-l", "named.gz"}, {"-lv", "named.gz"}, {"-lN", "named.gz"}} {
		cmd := exec.Command(gnuGzip(t), args...)
		cmd.Dir, cmd.Env = dir, []string{"TZ=UTC"}
		want, _ := cmd.Output()
		applettest := runIn(t, &Applet, dir, "", args...)
		if applettest.Stdout != string(want) {
			t.Errorf("gzip %q:\n%s\nGNU:\n%s", args, applettest.Stdout, want)
		}
	}
	os.Remove(filepath.Join(dir, "named"))
	runIn(t, &Gunzip, dir, "", "named.gz").Expect(t, "", 0)
	if got, _ := os.ReadFile(filepath.Join(dir, "named")); !bytes.Equal(got, data) {
		t.Error("gunzip of a GNU file differs")
	}
	if fi, _ := os.Stat(filepath.Join(dir, "named")); !fi.ModTime().Equal(fixed) || fi.Mode().Perm() != 0o600 {
		t.Errorf("named: %v %v", fi.ModTime(), fi.Mode())
	}
}
