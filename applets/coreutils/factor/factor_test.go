package factor

import (
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

// setup makes the files the cases read: nothing: factor reads no file.
func setup(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	_ = dir // factor reads no file
	return dir
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
	{args: []string{"\\ \\ 0"}, stdin: "", stdout: "", stderr: "", code: 1, usage: true},
	{args: []string{"+1"}, stdin: "", stdout: "1:\n", stderr: "", code: 0},
	{args: []string{"\\ +2"}, stdin: "", stdout: "", stderr: "", code: 1, usage: true},
	{args: []string{"1024"}, stdin: "", stdout: "1024: 2 2 2 2 2 2 2 2 2 2\n", stderr: "", code: 0},
	{args: []string{"2305843009213693951"}, stdin: "", stdout: "2305843009213693951: 2305843009213693951\n", stderr: "", code: 0},
	{args: []string{"4611686018427387903"}, stdin: "", stdout: "4611686018427387903: 3 715827883 2147483647\n", stderr: "", code: 0},
	{args: []string{"18446744073709551615"}, stdin: "", stdout: "18446744073709551615: 3 5 17 257 641 65537 6700417\n", stderr: "", code: 0},
	{args: []string{"614889782588491410"}, stdin: "", stdout: "614889782588491410: 2 3 5 7 11 13 17 19 23 29 31 37 41 43 47\n", stderr: "", code: 0},
	{args: []string{"18446743988964486098"}, stdin: "", stdout: "18446743988964486098: 2 3037000493 3037000493\n", stderr: "", code: 0},
	{args: []string{"18446743902517389507"}, stdin: "", stdout: "18446743902517389507: 3 2479700513 2479700513\n", stderr: "", code: 0},
	{args: []string{"6144867742934288163"}, stdin: "", stdout: "6144867742934288163: 3 37831 37831 37831 37831\n", stderr: "", code: 0},
	{args: []string{"1996249827549539523"}, stdin: "", stdout: "1996249827549539523: 3 13 13 13 13 13 13 13 13 13 13 13 13 13 13 13 13\n", stderr: "", code: 0},
	{args: []string{"665416609183179841"}, stdin: "", stdout: "665416609183179841: 13 13 13 13 13 13 13 13 13 13 13 13 13 13 13 13\n", stderr: "", code: 0},
	{args: []string{"4294967291", "1000000016000000063", "18446744030759878681"}, stdin: "", stdout: "4294967291: 4294967291\n1000000016000000063: 1000000007 1000000009\n18446744030759878681: 4294967291 4294967291\n", stderr: "", code: 0},
	{args: []string{"0", "1", "2", "3", "4", "97", "100", "1000000007", "999999999999999989", "4294967296", "4294967297", "9999999967", "121", "25"}, stdin: "", stdout: "0:\n1:\n2: 2\n3: 3\n4: 2 2\n97: 97\n100: 2 2 5 5\n1000000007: 1000000007\n999999999999999989: 999999999999999989\n4294967296: 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2\n4294967297: 641 6700417\n9999999967: 9999999967\n121: 11 11\n25: 5 5\n", stderr: "", code: 0},
	{args: []string{"18446744073709551616"}, stdin: "", stdout: "", stderr: "", code: 1, usage: true},
	{args: []string{"-5"}, stdin: "", stdout: "", stderr: "", code: 1, usage: true},
	{args: []string{"5x"}, stdin: "", stdout: "", stderr: "", code: 1, usage: true},
	{args: []string{"5\\ "}, stdin: "", stdout: "", stderr: "", code: 1, usage: true},
	{args: []string{""}, stdin: "", stdout: "", stderr: "", code: 1, usage: true},
	{args: []string{"+"}, stdin: "", stdout: "", stderr: "", code: 1, usage: true},
	{args: []string{"0x10"}, stdin: "", stdout: "", stderr: "", code: 1, usage: true},
	{args: []string{"3", "4", "5", "abc", "6"}, stdin: "", stdout: "3: 3\n4: 2 2\n5: 5\n", stderr: "", code: 1, usage: true},
	{args: []string{}, stdin: "10 20\n\n  30\t40\n99", stdout: "10: 2 5\n20: 2 2 5\n30: 2 3 5\n40: 2 2 2 5\n99: 3 3 11\n", stderr: "", code: 0},
	{args: []string{}, stdin: "5\x00 7\n9", stdout: "5: 5\n7: 7\n9: 3 3\n", stderr: "", code: 0},
	{args: []string{}, stdin: "5 x 7\n", stdout: "5: 5\n", stderr: "", code: 1, usage: true},
}

// TestFactors checks the factorization against trial division over a
// range of numbers, squares of primes and products near 2^64.
func TestFactors(t *testing.T) {
	check := func(n uint64) {
		got := factors(n)
		prod := uint64(1)
		for i, p := range got {
			if !isPrime(p) || i > 0 && got[i-1] > p {
				t.Fatalf("factors(%d) = %v", n, got)
			}
			prod *= p
		}
		if n > 1 && prod != n {
			t.Fatalf("factors(%d) = %v, product %d", n, got, prod)
		}
	}
	for n := uint64(0); n < 20000; n++ {
		check(n)
		prime := n > 1
		for d := uint64(2); d*d <= n; d++ {
			if n%d == 0 {
				prime = false
				break
			}
		}
		if isPrime(n) != prime {
			t.Fatalf("isPrime(%d) = %v", n, !prime)
		}
	}
	for _, n := range []uint64{1<<64 - 1, 1<<64 - 59, 4294967291 * 4294967291, 4294967279 * 4294967291, 3 * 37831 * 37831 * 37831 * 37831, 1 << 63} {
		check(n)
	}
}
