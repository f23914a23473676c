package md5sum

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"gobox/internal/applet"
	"gobox/internal/applettest"
)

// alpineCase is one run and what Alpine's BusyBox 1.36.1 gave for it, in
// its chroot, in a directory that setup prepared: standard output,
// standard error (up to the usage text when usage is set) and the exit
// status.
type alpineCase struct {
	args           []string
	stdin          string
	stdout, stderr string
	code           int
	usage          bool
}

// setup makes the files the cases read: a ("abc"), e (empty), big (seq 1 2000), lists of sums (m s1 s2 s2b s5 s3), bad lists (bad, miss, dirl) and a directory d.
func setup(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	var big strings.Builder
	for i := 1; i <= 2000; i++ {
		big.WriteString(strconv.Itoa(i) + "\n")
	}
	writeFiles(t, dir, map[string]string{
		"a": "abc", "e": "", "big": big.String(),
		"m":    "900150983cd24fb0d6963f7d28e17f72  a\nd41d8cd98f00b204e9800998ecf8427e  e\nea4d0a24dabcaa11f9aa979b872d162b  big\nx  a\n",
		"s1":   "a9993e364706816aba3e25717850c26c9cd0d89d  a\nda39a3ee5e6b4b0d3255bfef95601890afd80709  e\n",
		"s2":   "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  a\n",
		"s2b":  "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad *a\n",
		"s5":   "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f  a\n",
		"s3":   "e642824c3f8cf24ad09234ee7d3c766fc9a3a5168d0c94ad73b46fdf  a\n",
		"bad":  "garbage\n\n",
		"miss": "0123  nofile\n",
		"dirl": "0123  d\n",
	})
	if err := os.Mkdir(filepath.Join(dir, "d"), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func runAlpine(t *testing.T, a *applet.Applet, cases []alpineCase) {
	t.Helper()
	for _, tc := range cases {
		r := applettest.Cmd{Args: tc.args, Dir: setup(t), Stdin: tc.stdin}.Run(t, a)
		stderr := r.Stderr
		if tc.usage {
			if i := strings.Index(stderr, "gobox "); i >= 0 {
				stderr = stderr[:i]
			} else {
				t.Errorf("%s %q: no usage in stderr %q", a.Name, tc.args, stderr)
			}
		}
		if r.Stdout != tc.stdout || stderr != tc.stderr || r.Code != tc.code {
			t.Errorf("%s %q <%q:\ngot  %q, %q, %d\nwant %q, %q, %d", a.Name, tc.args, tc.stdin,
				r.Stdout, stderr, r.Code, tc.stdout, tc.stderr, tc.code)
		}
	}
}

func TestAlpine(t *testing.T) { runAlpine(t, &Applet, alpineCases) }

// alpineCases were taken from Alpine's BusyBox 1.36.1.
var alpineCases = []alpineCase{
	{args: []string{"a", "e", "big"}, stdin: "", stdout: "900150983cd24fb0d6963f7d28e17f72  a\nd41d8cd98f00b204e9800998ecf8427e  e\nea4d0a24dabcaa11f9aa979b872d162b  big\n", stderr: "", code: 0},
	{args: []string{}, stdin: "abc", stdout: "900150983cd24fb0d6963f7d28e17f72  -\n", stderr: "", code: 0},
	{args: []string{"-"}, stdin: "abc", stdout: "900150983cd24fb0d6963f7d28e17f72  -\n", stderr: "", code: 0},
	{args: []string{"nofile", "a"}, stdin: "", stdout: "900150983cd24fb0d6963f7d28e17f72  a\n", stderr: "md5sum: can't open 'nofile': No such file or directory\n", code: 1},
	{args: []string{"d", "a"}, stdin: "", stdout: "900150983cd24fb0d6963f7d28e17f72  a\n", stderr: "md5sum: can't read 'd': Is a directory\n", code: 1},
	{args: []string{"-b", "-t", "a"}, stdin: "", stdout: "900150983cd24fb0d6963f7d28e17f72  a\n", stderr: "", code: 0},
	{args: []string{"-s", "a"}, stdin: "", stdout: "", stderr: "", code: 1, usage: true},
	{args: []string{"-w", "a"}, stdin: "", stdout: "", stderr: "", code: 1, usage: true},
	{args: []string{"-c", "m"}, stdin: "", stdout: "a: OK\ne: OK\nbig: OK\na: FAILED\n", stderr: "md5sum: WARNING: 1 of 4 computed checksums did NOT match\n", code: 1},
	{args: []string{"-cs", "m"}, stdin: "", stdout: "", stderr: "", code: 1},
	{args: []string{"-cw", "m"}, stdin: "", stdout: "a: OK\ne: OK\nbig: OK\na: FAILED\n", stderr: "md5sum: WARNING: 1 of 4 computed checksums did NOT match\n", code: 1},
	{args: []string{"-c", "bad"}, stdin: "", stdout: "", stderr: "md5sum: WARNING: 2 of 2 computed checksums did NOT match\n", code: 1},
	{args: []string{"-cw", "bad"}, stdin: "", stdout: "", stderr: "md5sum: invalid format\nmd5sum: invalid format\nmd5sum: WARNING: 2 of 2 computed checksums did NOT match\n", code: 1},
	{args: []string{"-cs", "bad"}, stdin: "", stdout: "", stderr: "", code: 1},
	{args: []string{"-c", "e"}, stdin: "", stdout: "", stderr: "md5sum: e: no checksum lines found\n", code: 1},
	{args: []string{"-c", "nofile"}, stdin: "", stdout: "", stderr: "md5sum: nofile: No such file or directory\n", code: 1},
	{args: []string{"-c", "miss"}, stdin: "", stdout: "nofile: FAILED\n", stderr: "md5sum: can't open 'nofile': No such file or directory\nmd5sum: WARNING: 1 of 1 computed checksums did NOT match\n", code: 1},
	{args: []string{"-c", "dirl"}, stdin: "", stdout: "d: FAILED\n", stderr: "md5sum: can't read 'd': Is a directory\nmd5sum: WARNING: 1 of 1 computed checksums did NOT match\n", code: 1},
	{args: []string{"-c"}, stdin: "900150983cd24fb0d6963f7d28e17f72  a\n", stdout: "a: OK\n", stderr: "", code: 0},
	{args: []string{"-c", "m", "s1", "bad"}, stdin: "", stdout: "a: OK\ne: OK\nbig: OK\na: FAILED\na: FAILED\ne: FAILED\n", stderr: "md5sum: WARNING: 1 of 4 computed checksums did NOT match\nmd5sum: WARNING: 2 of 2 computed checksums did NOT match\nmd5sum: WARNING: 2 of 2 computed checksums did NOT match\n", code: 1},
	{args: []string{"-x"}, stdin: "", stdout: "", stderr: "md5sum: unrecognized option: x\n", code: 1, usage: true},
	{args: []string{"-a", "1", "a"}, stdin: "", stdout: "", stderr: "md5sum: unrecognized option: a\n", code: 1, usage: true},
}

func TestSHA1(t *testing.T) { runAlpine(t, &SHA1, sha1sumCases) }

// sha1sumCases were taken from Alpine's BusyBox 1.36.1.
var sha1sumCases = []alpineCase{
	{args: []string{"a", "e", "big"}, stdin: "", stdout: "a9993e364706816aba3e25717850c26c9cd0d89d  a\nda39a3ee5e6b4b0d3255bfef95601890afd80709  e\n763ceab1c1f9165c45031c86313c16f2cbb0ad0c  big\n", stderr: "", code: 0},
	{args: []string{}, stdin: "abc", stdout: "a9993e364706816aba3e25717850c26c9cd0d89d  -\n", stderr: "", code: 0},
	{args: []string{"nofile", "a"}, stdin: "", stdout: "a9993e364706816aba3e25717850c26c9cd0d89d  a\n", stderr: "sha1sum: can't open 'nofile': No such file or directory\n", code: 1},
	{args: []string{"-c", "s1"}, stdin: "", stdout: "a: OK\ne: OK\n", stderr: "", code: 0},
}

func TestSHA256(t *testing.T) { runAlpine(t, &SHA256, sha256sumCases) }

// sha256sumCases were taken from Alpine's BusyBox 1.36.1.
var sha256sumCases = []alpineCase{
	{args: []string{"a", "e", "big"}, stdin: "", stdout: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  a\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  e\n6251e5743b6fd6a7d606130bdf7c15077ce85ebd3a0fdee284d15a46df199e38  big\n", stderr: "", code: 0},
	{args: []string{}, stdin: "abc", stdout: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  -\n", stderr: "", code: 0},
	{args: []string{"nofile", "a"}, stdin: "", stdout: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  a\n", stderr: "sha256sum: can't open 'nofile': No such file or directory\n", code: 1},
	{args: []string{"-c", "s2", "s2b"}, stdin: "", stdout: "a: OK\na: OK\n", stderr: "", code: 0},
}

func TestSHA512(t *testing.T) { runAlpine(t, &SHA512, sha512sumCases) }

// sha512sumCases were taken from Alpine's BusyBox 1.36.1.
var sha512sumCases = []alpineCase{
	{args: []string{"a", "e", "big"}, stdin: "", stdout: "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f  a\ncf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e  e\n8c8e7d271552657739b2befe8383ef3b773425aa16c8477f2a51254372c203d3d762123db7e3381e8d6ac00a9c6cf7f9e865cd961c577faa38c8bd718112a8b6  big\n", stderr: "", code: 0},
	{args: []string{}, stdin: "abc", stdout: "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f  -\n", stderr: "", code: 0},
	{args: []string{"nofile", "a"}, stdin: "", stdout: "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f  a\n", stderr: "sha512sum: can't open 'nofile': No such file or directory\n", code: 1},
	{args: []string{"-c", "s5"}, stdin: "", stdout: "a: OK\n", stderr: "", code: 0},
}

func TestSHA3(t *testing.T) { runAlpine(t, &SHA3, sha3sumCases) }

// sha3sumCases were taken from Alpine's BusyBox 1.36.1.
var sha3sumCases = []alpineCase{
	{args: []string{"a", "e", "big"}, stdin: "", stdout: "e642824c3f8cf24ad09234ee7d3c766fc9a3a5168d0c94ad73b46fdf  a\n6b4e03423667dbb73b6e15454f0eb1abd4597f9a1b078e3f5b5a6bc7  e\n58146fa358421b24ca17a0e4b1b0e3c336af88d642e51a7d60b1c24c  big\n", stderr: "", code: 0},
	{args: []string{}, stdin: "abc", stdout: "e642824c3f8cf24ad09234ee7d3c766fc9a3a5168d0c94ad73b46fdf  -\n", stderr: "", code: 0},
	{args: []string{"nofile", "a"}, stdin: "", stdout: "e642824c3f8cf24ad09234ee7d3c766fc9a3a5168d0c94ad73b46fdf  a\n", stderr: "sha3sum: can't open 'nofile': No such file or directory\n", code: 1},
	{args: []string{"-c", "s3"}, stdin: "", stdout: "a: OK\n", stderr: "", code: 0},
	{args: []string{"-a", "256", "a"}, stdin: "", stdout: "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532  a\n", stderr: "", code: 0},
	{args: []string{"-a", "384", "a"}, stdin: "", stdout: "ec01498288516fc926459f58e2c6ad8df9b473cb0fc08c2596da7cf0e49be4b298d88cea927ac7f539f1edf228376d25  a\n", stderr: "", code: 0},
	{args: []string{"-a", "512", "a"}, stdin: "", stdout: "b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0  a\n", stderr: "", code: 0},
	{args: []string{"-a", "32", "a"}, stdin: "", stdout: "f5880cb4  a\n", stderr: "", code: 0},
	{args: []string{"-a", "768", "a"}, stdin: "", stdout: "e064ae7ef2d787c403918a5ac377c88ce06c1c2ef2f676fa3567a84e0ba075a5fe8c390bad9fcc5a839400e91c7716ca3df19b2028becdbf9bfaddd973fddc310000000000000000000000000000000000000000000000000000000000000000  a\n", stderr: "", code: 0},
	{args: []string{"-a", "768", "big", "a"}, stdin: "", stdout: "1448b02070d1699653f27a0bc4f0e7d28bd0d0836ee0df956df1f2c7ec3ce04fcedcedfe85dbd9773c610ba3a474679b0fe1285c488b4dd288b3af6ce153aba0350a32360a32370a32380a32390a33300a33310a33320a33330a33340a33350a  big\ne064ae7ef2d787c403918a5ac377c88ce06c1c2ef2f676fa3567a84e0ba075a5fe8c390bad9fcc5a839400e91c7716ca3df19b2028becdbf9bfaddd973fddc31350a32360a32370a32380a32390a33300a33310a33320a33330a33340a33350a  a\n", stderr: "", code: 0},
	{args: []string{"-a", "33", "a"}, stdin: "", stdout: "", stderr: "sha3sum: bad -a33\n", code: 1},
	{args: []string{"-a", "800", "nofile", "a"}, stdin: "", stdout: "", stderr: "sha3sum: can't open 'nofile': No such file or directory\nsha3sum: bad -a800\n", code: 1},
	{args: []string{"-a", "0", "a"}, stdin: "", stdout: "", stderr: "sha3sum: bad -a0\n", code: 1},
	{args: []string{"-a", "x", "a"}, stdin: "", stdout: "", stderr: "sha3sum: invalid number 'x'\n", code: 1},
	{args: []string{"-a", "-1", "a"}, stdin: "", stdout: "", stderr: "sha3sum: invalid number '-1'\n", code: 1},
}
