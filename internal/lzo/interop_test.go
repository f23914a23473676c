package lzo

import (
	"bytes"
	"os"
	"os/exec"
	"testing"
)

const minirootfs = "../../../shared/fixtures/alpine/alpine-minirootfs-3.20.3-x86_64.tar.gz"

// debianLzop returns the path of Debian's lzop, or skips the test.
func debianLzop(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("lzop")
	if err != nil {
		t.Skip("lzop is not installed (scripts/ci-deps.sh installs it)")
	}
	return p
}

// run runs a command with stdin and returns its stdout, failing the test
// when it fails.
func run(t *testing.T, stdin []byte, name string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Stdin = bytes.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %q: %v: %s", name, args, err, errb.String())
	}
	return out.Bytes()
}

// TestInteropDebian: Debian's lzop 1.04 reads what the Writer makes, and
// the Reader reads what it makes at -1 (LZO1X-1(15)), -3 (LZO1X-1), -9
// (LZO1X-999), with and without checksums, crc32 ones included, in
// blocks over 256 KiB.
func TestInteropDebian(t *testing.T) {
	lzop := debianLzop(t)
	s := samples()
	for _, name := range []string{"text", "random", "far", "mixed", "zeros", "one", "14"} {
		data := s[name]
		for _, o := range []Options{{}, {Level: 1}, {NoChecksum: true}, {CompressedChecksum: true}} {
			ours := compress(t, data, o)
			if got := run(t, ours, lzop, "-dc"); !bytes.Equal(got, data) {
				t.Errorf("%s %+v: Debian's lzop reads %d bytes", name, o, len(got))
			}
			run(t, ours, lzop, "-t")
		}
		for _, args := range [][]string{{"-1"}, {"-3"}, {"-9"}, {"-7", "--crc32"}, {"-3", "--no-checksum"}, {"-1", "-n", "-F"}, {"-3", "--crc32", "-N"}} {
			theirs := run(t, data, lzop, append([]string{"-c"}, args...)...)
			if got, err := decompress(theirs, true); err != nil || !bytes.Equal(got, data) {
				t.Errorf("%s: lzop %q: %d bytes of %d, %v", name, args, len(got), len(data), err)
			}
		}
	}
}

// alpineBusyBox returns a command running Alpine's BusyBox in a chroot
// of its minirootfs, or skips the test when the minirootfs or root is
// missing.
func alpineBusyBox(t *testing.T) func(stdin []byte, args ...string) []byte {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("chroot needs root")
	}
	if _, err := os.Stat(minirootfs); err != nil {
		t.Skip("Alpine's minirootfs is missing")
	}
	root := t.TempDir()
	if out, err := exec.Command("tar", "-xzf", minirootfs, "-C", root).CombinedOutput(); err != nil {
		t.Fatalf("unpacking the minirootfs: %v\n%s", err, out)
	}
	return func(stdin []byte, args ...string) []byte {
		return run(t, stdin, "chroot", append([]string{root, "/bin/busybox"}, args...)...)
	}
}

// TestInteropBusyBox: Alpine's BusyBox lzop writes what the Writer
// writes, byte for byte (so over several blocks the dictionary carried
// from block to block matches too), and reads it.
func TestInteropBusyBox(t *testing.T) {
	bb := alpineBusyBox(t)
	s := samples()
	for _, name := range []string{"text", "random", "far", "mixed", "zeros", "one", "14", "empty"} {
		data := s[name]
		for _, tc := range []struct {
			args []string
			o    Options
		}{
			{nil, Options{}}, {[]string{"-1"}, Options{Level: 1}}, {[]string{"-F"}, Options{NoChecksum: true}},
			{[]string{"-C"}, Options{CompressedChecksum: true}}, {[]string{"-6"}, Options{Level: 6}},
		} {
			theirs := bb(data, append([]string{"lzop", "-c"}, tc.args...)...)
			ours := compress(t, data, tc.o)
			if !bytes.Equal(ours, theirs) {
				t.Errorf("%s %q: %d bytes, BusyBox %d, differ", name, tc.args, len(ours), len(theirs))
			}
			if got := bb(ours, "lzop", "-dc"); !bytes.Equal(got, data) {
				t.Errorf("%s %q: BusyBox reads %d bytes", name, tc.args, len(got))
			}
		}
	}
}
