package factor

import (
	"testing"

	"gobox/internal/applettest"
)

func TestAlpine(t *testing.T) {
	applettest.RunAlpineCases(t, &Applet, nil, nil, nil, alpineCases)
}

// alpineCases were taken from Alpine's BusyBox 1.36.1.
var alpineCases = []applettest.AlpineCase{
	{Args: []string{"\\ \\ 0"}, Code: 1, Usage: true},
	{Args: []string{"+1"}, Stdout: "1:\n"},
	{Args: []string{"\\ +2"}, Code: 1, Usage: true},
	{Args: []string{"1024"}, Stdout: "1024: 2 2 2 2 2 2 2 2 2 2\n"},
	{Args: []string{"2305843009213693951"}, Stdout: "2305843009213693951: 2305843009213693951\n"},
	{Args: []string{"4611686018427387903"}, Stdout: "4611686018427387903: 3 715827883 2147483647\n"},
	{Args: []string{"18446744073709551615"}, Stdout: "18446744073709551615: 3 5 17 257 641 65537 6700417\n"},
	{Args: []string{"614889782588491410"}, Stdout: "614889782588491410: 2 3 5 7 11 13 17 19 23 29 31 37 41 43 47\n"},
	{Args: []string{"18446743988964486098"}, Stdout: "18446743988964486098: 2 3037000493 3037000493\n"},
	{Args: []string{"18446743902517389507"}, Stdout: "18446743902517389507: 3 2479700513 2479700513\n"},
	{Args: []string{"6144867742934288163"}, Stdout: "6144867742934288163: 3 37831 37831 37831 37831\n"},
	{Args: []string{"1996249827549539523"}, Stdout: "1996249827549539523: 3 13 13 13 13 13 13 13 13 13 13 13 13 13 13 13 13\n"},
	{Args: []string{"665416609183179841"}, Stdout: "665416609183179841: 13 13 13 13 13 13 13 13 13 13 13 13 13 13 13 13\n"},
	{Args: []string{"4294967291", "1000000016000000063", "18446744030759878681"}, Stdout: "4294967291: 4294967291\n1000000016000000063: 1000000007 1000000009\n18446744030759878681: 4294967291 4294967291\n"},
	{Args: []string{"0", "1", "2", "3", "4", "97", "100", "1000000007", "999999999999999989", "4294967296", "4294967297", "9999999967", "121", "25"}, Stdout: "0:\n1:\n2: 2\n3: 3\n4: 2 2\n97: 97\n100: 2 2 5 5\n1000000007: 1000000007\n999999999999999989: 999999999999999989\n4294967296: 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2 2\n4294967297: 641 6700417\n9999999967: 9999999967\n121: 11 11\n25: 5 5\n"},
	{Args: []string{"18446744073709551616"}, Code: 1, Usage: true},
	{Args: []string{"-5"}, Code: 1, Usage: true},
	{Args: []string{"5x"}, Code: 1, Usage: true},
	{Args: []string{"5\\ "}, Code: 1, Usage: true},
	{Args: []string{""}, Code: 1, Usage: true},
	{Args: []string{"+"}, Code: 1, Usage: true},
	{Args: []string{"0x10"}, Code: 1, Usage: true},
	{Args: []string{"3", "4", "5", "abc", "6"}, Stdout: "3: 3\n4: 2 2\n5: 5\n", Code: 1, Usage: true},
	{Args: []string{}, Stdin: "10 20\n\n  30\t40\n99", Stdout: "10: 2 5\n20: 2 2 5\n30: 2 3 5\n40: 2 2 2 5\n99: 3 3 11\n"},
	{Args: []string{}, Stdin: "5\x00 7\n9", Stdout: "5: 5\n7: 7\n9: 3 3\n"},
	{Args: []string{}, Stdin: "5 x 7\n", Stdout: "5: 5\n", Code: 1, Usage: true},
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
