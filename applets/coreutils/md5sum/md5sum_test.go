package md5sum

import (
	"strconv"
	"strings"
	"testing"

	"gobox/internal/applettest"
)

// alpineFiles gives what each run against Alpine's BusyBox 1.36.1 found
// in its fresh working directory, besides the empty directory d: a
// ("abc"), e (empty), big (seq 1 2000), lists of sums (m s1 s2 s2b s5
// s3) and bad lists (bad, miss, dirl).
func alpineFiles() map[string]string {
	var big strings.Builder
	for i := 1; i <= 2000; i++ {
		big.WriteString(strconv.Itoa(i) + "\n")
	}
	return map[string]string{
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
	}
}

func TestAlpine(t *testing.T) {
	applettest.RunAlpineCases(t, &Applet, nil, alpineFiles(), []string{"d"}, alpineCases)
}

// alpineCases were taken from Alpine's BusyBox 1.36.1.
var alpineCases = []applettest.AlpineCase{
	{Args: []string{"a", "e", "big"}, Stdout: "900150983cd24fb0d6963f7d28e17f72  a\nd41d8cd98f00b204e9800998ecf8427e  e\nea4d0a24dabcaa11f9aa979b872d162b  big\n"},
	{Args: []string{}, Stdin: "abc", Stdout: "900150983cd24fb0d6963f7d28e17f72  -\n"},
	{Args: []string{"-"}, Stdin: "abc", Stdout: "900150983cd24fb0d6963f7d28e17f72  -\n"},
	{Args: []string{"nofile", "a"}, Stdout: "900150983cd24fb0d6963f7d28e17f72  a\n", Stderr: "md5sum: can't open 'nofile': No such file or directory\n", Code: 1},
	{Args: []string{"d", "a"}, Stdout: "900150983cd24fb0d6963f7d28e17f72  a\n", Stderr: "md5sum: can't read 'd': Is a directory\n", Code: 1},
	{Args: []string{"-b", "-t", "a"}, Stdout: "900150983cd24fb0d6963f7d28e17f72  a\n"},
	{Args: []string{"-s", "a"}, Code: 1, Usage: true},
	{Args: []string{"-w", "a"}, Code: 1, Usage: true},
	{Args: []string{"-c", "m"}, Stdout: "a: OK\ne: OK\nbig: OK\na: FAILED\n", Stderr: "md5sum: WARNING: 1 of 4 computed checksums did NOT match\n", Code: 1},
	{Args: []string{"-cs", "m"}, Code: 1},
	{Args: []string{"-cw", "m"}, Stdout: "a: OK\ne: OK\nbig: OK\na: FAILED\n", Stderr: "md5sum: WARNING: 1 of 4 computed checksums did NOT match\n", Code: 1},
	{Args: []string{"-c", "bad"}, Stderr: "md5sum: WARNING: 2 of 2 computed checksums did NOT match\n", Code: 1},
	{Args: []string{"-cw", "bad"}, Stderr: "md5sum: invalid format\nmd5sum: invalid format\nmd5sum: WARNING: 2 of 2 computed checksums did NOT match\n", Code: 1},
	{Args: []string{"-cs", "bad"}, Code: 1},
	{Args: []string{"-c", "e"}, Stderr: "md5sum: e: no checksum lines found\n", Code: 1},
	{Args: []string{"-c", "nofile"}, Stderr: "md5sum: nofile: No such file or directory\n", Code: 1},
	{Args: []string{"-c", "miss"}, Stdout: "nofile: FAILED\n", Stderr: "md5sum: can't open 'nofile': No such file or directory\nmd5sum: WARNING: 1 of 1 computed checksums did NOT match\n", Code: 1},
	{Args: []string{"-c", "dirl"}, Stdout: "d: FAILED\n", Stderr: "md5sum: can't read 'd': Is a directory\nmd5sum: WARNING: 1 of 1 computed checksums did NOT match\n", Code: 1},
	{Args: []string{"-c"}, Stdin: "900150983cd24fb0d6963f7d28e17f72  a\n", Stdout: "a: OK\n"},
	{Args: []string{"-c", "m", "s1", "bad"}, Stdout: "a: OK\ne: OK\nbig: OK\na: FAILED\na: FAILED\ne: FAILED\n", Stderr: "md5sum: WARNING: 1 of 4 computed checksums did NOT match\nmd5sum: WARNING: 2 of 2 computed checksums did NOT match\nmd5sum: WARNING: 2 of 2 computed checksums did NOT match\n", Code: 1},
	{Args: []string{"-x"}, Stderr: "md5sum: unrecognized option: x\n", Code: 1, Usage: true},
	{Args: []string{"-a", "1", "a"}, Stderr: "md5sum: unrecognized option: a\n", Code: 1, Usage: true},
}

func TestSHA1(t *testing.T) {
	applettest.RunAlpineCases(t, &SHA1, nil, alpineFiles(), []string{"d"}, sha1sumCases)
}

// sha1sumCases were taken from Alpine's BusyBox 1.36.1.
var sha1sumCases = []applettest.AlpineCase{
	{Args: []string{"a", "e", "big"}, Stdout: "a9993e364706816aba3e25717850c26c9cd0d89d  a\nda39a3ee5e6b4b0d3255bfef95601890afd80709  e\n763ceab1c1f9165c45031c86313c16f2cbb0ad0c  big\n"},
	{Args: []string{}, Stdin: "abc", Stdout: "a9993e364706816aba3e25717850c26c9cd0d89d  -\n"},
	{Args: []string{"nofile", "a"}, Stdout: "a9993e364706816aba3e25717850c26c9cd0d89d  a\n", Stderr: "sha1sum: can't open 'nofile': No such file or directory\n", Code: 1},
	{Args: []string{"-c", "s1"}, Stdout: "a: OK\ne: OK\n"},
}

func TestSHA256(t *testing.T) {
	applettest.RunAlpineCases(t, &SHA256, nil, alpineFiles(), []string{"d"}, sha256sumCases)
}

// sha256sumCases were taken from Alpine's BusyBox 1.36.1.
var sha256sumCases = []applettest.AlpineCase{
	{Args: []string{"a", "e", "big"}, Stdout: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  a\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  e\n6251e5743b6fd6a7d606130bdf7c15077ce85ebd3a0fdee284d15a46df199e38  big\n"},
	{Args: []string{}, Stdin: "abc", Stdout: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  -\n"},
	{Args: []string{"nofile", "a"}, Stdout: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  a\n", Stderr: "sha256sum: can't open 'nofile': No such file or directory\n", Code: 1},
	{Args: []string{"-c", "s2", "s2b"}, Stdout: "a: OK\na: OK\n"},
}

func TestSHA512(t *testing.T) {
	applettest.RunAlpineCases(t, &SHA512, nil, alpineFiles(), []string{"d"}, sha512sumCases)
}

// sha512sumCases were taken from Alpine's BusyBox 1.36.1.
var sha512sumCases = []applettest.AlpineCase{
	{Args: []string{"a", "e", "big"}, Stdout: "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f  a\ncf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e  e\n8c8e7d271552657739b2befe8383ef3b773425aa16c8477f2a51254372c203d3d762123db7e3381e8d6ac00a9c6cf7f9e865cd961c577faa38c8bd718112a8b6  big\n"},
	{Args: []string{}, Stdin: "abc", Stdout: "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f  -\n"},
	{Args: []string{"nofile", "a"}, Stdout: "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f  a\n", Stderr: "sha512sum: can't open 'nofile': No such file or directory\n", Code: 1},
	{Args: []string{"-c", "s5"}, Stdout: "a: OK\n"},
}

func TestSHA3(t *testing.T) {
	applettest.RunAlpineCases(t, &SHA3, nil, alpineFiles(), []string{"d"}, sha3sumCases)
}

// sha3sumCases were taken from Alpine's BusyBox 1.36.1.
var sha3sumCases = []applettest.AlpineCase{
	{Args: []string{"a", "e", "big"}, Stdout: "e642824c3f8cf24ad09234ee7d3c766fc9a3a5168d0c94ad73b46fdf  a\n6b4e03423667dbb73b6e15454f0eb1abd4597f9a1b078e3f5b5a6bc7  e\n58146fa358421b24ca17a0e4b1b0e3c336af88d642e51a7d60b1c24c  big\n"},
	{Args: []string{}, Stdin: "abc", Stdout: "e642824c3f8cf24ad09234ee7d3c766fc9a3a5168d0c94ad73b46fdf  -\n"},
	{Args: []string{"nofile", "a"}, Stdout: "e642824c3f8cf24ad09234ee7d3c766fc9a3a5168d0c94ad73b46fdf  a\n", Stderr: "sha3sum: can't open 'nofile': No such file or directory\n", Code: 1},
	{Args: []string{"-c", "s3"}, Stdout: "a: OK\n"},
	{Args: []string{"-a", "256", "a"}, Stdout: "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532  a\n"},
	{Args: []string{"-a", "384", "a"}, Stdout: "ec01498288516fc926459f58e2c6ad8df9b473cb0fc08c2596da7cf0e49be4b298d88cea927ac7f539f1edf228376d25  a\n"},
	{Args: []string{"-a", "512", "a"}, Stdout: "b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0  a\n"},
	{Args: []string{"-a", "32", "a"}, Stdout: "f5880cb4  a\n"},
	{Args: []string{"-a", "768", "a"}, Stdout: "e064ae7ef2d787c403918a5ac377c88ce06c1c2ef2f676fa3567a84e0ba075a5fe8c390bad9fcc5a839400e91c7716ca3df19b2028becdbf9bfaddd973fddc310000000000000000000000000000000000000000000000000000000000000000  a\n"},
	{Args: []string{"-a", "768", "big", "a"}, Stdout: "1448b02070d1699653f27a0bc4f0e7d28bd0d0836ee0df956df1f2c7ec3ce04fcedcedfe85dbd9773c610ba3a474679b0fe1285c488b4dd288b3af6ce153aba0350a32360a32370a32380a32390a33300a33310a33320a33330a33340a33350a  big\ne064ae7ef2d787c403918a5ac377c88ce06c1c2ef2f676fa3567a84e0ba075a5fe8c390bad9fcc5a839400e91c7716ca3df19b2028becdbf9bfaddd973fddc31350a32360a32370a32380a32390a33300a33310a33320a33330a33340a33350a  a\n"},
	{Args: []string{"-a", "33", "a"}, Stderr: "sha3sum: bad -a33\n", Code: 1},
	{Args: []string{"-a", "800", "nofile", "a"}, Stderr: "sha3sum: can't open 'nofile': No such file or directory\nsha3sum: bad -a800\n", Code: 1},
	{Args: []string{"-a", "0", "a"}, Stderr: "sha3sum: bad -a0\n", Code: 1},
	{Args: []string{"-a", "x", "a"}, Stderr: "sha3sum: invalid number 'x'\n", Code: 1},
	{Args: []string{"-a", "-1", "a"}, Stderr: "sha3sum: invalid number '-1'\n", Code: 1},
}
