package zstd

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"gobox/applets/archival/tar"
)

// refZstd returns the path of the reference zstd CLI, or skips the test.
func refZstd(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("zstd")
	if err != nil {
		t.Skip("zstd is not installed (scripts/ci-deps.sh installs it)")
	}
	if out, _ := exec.Command(p, "-V").Output(); !strings.Contains(string(out), "Zstandard CLI") {
		t.Skip("zstd is not the reference CLI")
	}
	return p
}

func ref(t *testing.T, stdin []byte, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(refZstd(t), args...)
	cmd.Stdin = bytes.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("zstd %q: %v: %s", args, err, errb.String())
	}
	return out.Bytes()
}

// TestInterop: what the zstd CLI makes, gobox reads (each level, long
// windows within the limit, several threads, concatenated frames), and
// the other way; the sizes gobox pledges show in zstd -l.
func TestInterop(t *testing.T) {
	refZstd(t)
	data := []byte(strings.Repeat("Interoperability test line with some words. ", 50000))
	for _, args := range [][]string{{"-1"}, {"-3"}, {"-19"}, {"-T2", "-3"}, {"--long=27", "-3"}, {"--no-check"}} {
		theirs := ref(t, data, append([]string{"-c", "-q"}, args...)...)
		r := runIn(t, &Unzstd, t.TempDir(), string(theirs), "-c")
		if r.Stdout != string(data) || r.Code != 0 {
			t.Errorf("unzstd of zstd %q: %d bytes, %q", args, len(r.Stdout), r.Stderr)
		}
	}
	for _, args := range [][]string{{"-1"}, {"-3"}, {"-9"}, {"-19"}, {"-T2"}, {"-T1"}, {"--no-check"}} {
		ours := runIn(t, &Applet, t.TempDir(), string(data), args...).Stdout
		if got := ref(t, []byte(ours), "-dc"); !bytes.Equal(got, data) {
			t.Errorf("zstd -d of gobox zstd %q: %d bytes", args, len(got))
		}
	}
	multi := append(ref(t, []byte("one\n"), "-c"), ref(t, []byte("two\n"), "-c")...)
	runIn(t, &Zstdcat, t.TempDir(), string(multi)).Expect(t, "one\ntwo\n", 0)

	// A file: zstd -l sees the size pledged in the frame header.
	dir := t.TempDir()
	write(t, dir, "f", string(data), 0o600)
	runIn(t, &Applet, dir, "", "-q", "f").Expect(t, "", 0)
	cmd := exec.Command(refZstd(t), "-l", "f.zst")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil || !strings.Contains(string(out), "2.10 MiB") || !strings.Contains(string(out), "XXH64") {
		t.Errorf("zstd -l: %v\n%s", err, out)
	}
	os.Remove(filepath.Join(dir, "f"))
	cmd = exec.Command(refZstd(t), "-q", "-d", "f.zst")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("zstd -d: %v %s", err, out)
	}
	if got := read(t, dir, "f"); got != string(data) {
		t.Error("zstd -d of a gobox file differs")
	}
}

// TestTar: tar --zstd creates what tar --zstd and the zstd CLI read, and
// tar -x finds zstd by its magic without --zstd, on a file and a pipe.
func TestTar(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "x", "payload\n", 0o644)
	run := func(stdin string, args ...string) string {
		t.Helper()
		r := runIn(t, &tar.Applet, dir, stdin, args...)
		if r.Code != 0 || r.Stderr != "" {
			t.Fatalf("tar %q: %q %d", args, r.Stderr, r.Code)
		}
		return r.Stdout
	}
	run("", "--zstd", "-cf", "a.tar.zst", "x")
	head := read(t, dir, "a.tar.zst")[:4]
	if head != "\x28\xb5\x2f\xfd" {
		t.Fatalf("a.tar.zst starts %q", head)
	}
	if got := run("", "--zstd", "-tf", "a.tar.zst"); got != "x\n" {
		t.Errorf("tar --zstd -t: %q", got)
	}
	if got := run("", "-tf", "a.tar.zst"); got != "x\n" {
		t.Errorf("tar -t detecting zstd: %q", got)
	}
	if got := run(read(t, dir, "a.tar.zst"), "-xOf", "-"); got != "payload\n" {
		t.Errorf("tar -xO from a pipe: %q", got)
	}
	os.Remove(filepath.Join(dir, "x"))
	run("", "-xf", "a.tar.zst")
	if got := read(t, dir, "x"); got != "payload\n" {
		t.Errorf("extracted x: %q", got)
	}
	if _, err := exec.LookPath("zstd"); err == nil {
		if got := ref(t, []byte(read(t, dir, "a.tar.zst")), "-dc"); !bytes.Contains(got, []byte("payload\n")) {
			t.Error("zstd -d of tar --zstd's archive")
		}
	}
}
