package bzip2

import (
	"bytes"
	"math/rand"
	"os/exec"
	"strings"
	"testing"
)

// debianBzip2 returns the path of bzip2 1.0.x, or skips the test.
func debianBzip2(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("bzip2")
	if err != nil {
		t.Skip("bzip2 is not installed (scripts/ci-deps.sh installs it)")
	}
	out, _ := exec.Command(p, "--help").CombinedOutput()
	if !strings.Contains(string(out), "Version 1.0") {
		t.Skip("bzip2 is not bzip2 1.0.x")
	}
	return p
}

func debian(t *testing.T, stdin []byte, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(debianBzip2(t), args...)
	cmd.Stdin = bytes.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("bzip2 %q: %v: %s", args, err, errb.String())
	}
	return out.Bytes()
}

// TestInteropDebian: what Debian's bzip2 makes, bunzip2 reads, and the
// other way round, at several block sizes, for text, noise and runs
// (bzip2's first run-length stage), one stream or several.
func TestInteropDebian(t *testing.T) {
	debianBzip2(t)
	noise := make([]byte, 300<<10)
	rand.New(rand.NewSource(1)).Read(noise)
	inputs := map[string][]byte{
		"text":  []byte(strings.Repeat("Interoperability test line with some words. ", 30000)),
		"noise": noise,
		"runs":  bytes.Repeat([]byte{0, 0, 0, 0, 0, 1, 2, 2, 2, 2, 2, 2, 2, 2}, 100000),
		"empty": nil,
	}
	for name, data := range inputs {
		for _, level := range []string{"-1", "-5", "-9"} {
			theirs := debian(t, data, "-c", level)
			r := runIn(t, &Bunzip2, t.TempDir(), string(theirs), "-c")
			if r.Stdout != string(data) || r.Code != 0 {
				t.Errorf("%s %s: bunzip2 of Debian's: %d bytes, %q", name, level, len(r.Stdout), r.Stderr)
			}
			ours := runIn(t, &Applet, t.TempDir(), string(data), "-c", level).Stdout
			if got := debian(t, []byte(ours), "-dc"); !bytes.Equal(got, data) {
				t.Errorf("%s %s: Debian's bunzip2 of ours: %d bytes", name, level, len(got))
			}
			debian(t, []byte(ours), "-t")
		}
	}
	// Several streams: Debian's, read by bzcat; ours, read by Debian's.
	multi := append(debian(t, []byte("one\n"), "-c"), debian(t, []byte("two\n"), "-c")...)
	runIn(t, &Bzcat, t.TempDir(), string(multi)).Expect(t, "one\ntwo\n", 0)
	dir := t.TempDir()
	write(t, dir, "a", "one\n", 0o644)
	write(t, dir, "b", "two\n", 0o644)
	ours := runIn(t, &Applet, dir, "", "-c", "a", "b").Stdout
	if got := debian(t, []byte(ours), "-dc"); string(got) != "one\ntwo\n" {
		t.Errorf("Debian's bunzip2 of our two streams: %q", got)
	}
}
