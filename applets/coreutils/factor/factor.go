// Package factor is the factor applet: BusyBox's factor, which prints
// the prime factors of each unsigned 64-bit NUMBER (or of each number on
// standard input), smallest first, as "N: P P ...".
//
// BusyBox divides by trial up to the square root, which takes a second
// for the largest primes below 2^64; this finds the same factors with
// Miller-Rabin and Pollard's rho in microseconds.
package factor

import (
	"bufio"
	"math/bits"
	"slices"
	"strconv"
	"strings"

	"gobox/internal/applet"
	"gobox/internal/bbnum"
	"gobox/internal/opt"
)

// Applet is factor's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:    "factor",
	Path:    "/usr/bin",
	Usage:   "[NUMBER]...",
	Help:    "Print prime factors",
	Options: &opt.Spec{Manual: true},
	NoFork:  true,
	Main:    run,
}

func run(ctx *applet.Ctx, args []string) error {
	w := ctx.BufWriter(ctx.Stdout, 0)
	if len(args) == 0 {
		sc := bufio.NewScanner(ctx.Stdin)
		sc.Buffer(make([]byte, 64<<10), 1<<30)
		sc.Split(lines)
		for sc.Scan() {
			if ctx.Cancelled() {
				w.Flush()
				return applet.Exit(130)
			}
			line := sc.Text()
			for _, f := range strings.FieldsFunc(line, isSpace) {
				if err := factorize(w, f); err != nil {
					w.Flush()
					return err
				}
			}
		}
	}
	for _, a := range args {
		if err := factorize(w, strings.TrimLeftFunc(a, isSpace)); err != nil {
			w.Flush()
			return err
		}
	}
	if err := w.Flush(); err != nil {
		return applet.Perror(err, "write error")
	}
	return nil
}

// lines splits the input into lines as BusyBox reads them: a newline or
// a NUL ends one.
func lines(data []byte, atEOF bool) (advance int, token []byte, err error) {
	for i, c := range data {
		if c == '\n' || c == 0 {
			return i + 1, data[:i], nil
		}
	}
	if atEOF && len(data) > 0 {
		return len(data), data, nil
	}
	return 0, nil, nil
}

func isSpace(r rune) bool { return r == ' ' || r >= '\t' && r <= '\r' }

// factorize prints the factors of the number in s: decimal digits after
// an optional '+', nothing else (else it is a usage error).
func factorize(w *bufio.Writer, s string) error {
	s = strings.TrimPrefix(s, "+")
	n, used, errno := bbnum.Bb(s, 10)
	if errno != 0 || used != len(s) {
		return applet.Usage("")
	}
	var buf [24]byte
	w.Write(strconv.AppendUint(buf[:0], n, 10))
	w.WriteByte(':')
	for _, p := range factors(n) {
		w.WriteByte(' ')
		w.Write(strconv.AppendUint(buf[:0], p, 10))
	}
	return w.WriteByte('\n')
}

// factors returns the prime factors of n, smallest first, with their
// multiplicities; none for 0 and 1.
func factors(n uint64) []uint64 {
	var out []uint64
	if n < 2 {
		return nil
	}
	for _, p := range []uint64{2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37} {
		for n%p == 0 {
			out = append(out, p)
			n /= p
		}
	}
	var split func(n uint64)
	split = func(n uint64) {
		if n == 1 {
			return
		}
		if isPrime(n) {
			out = append(out, n)
			return
		}
		d := rho(n)
		split(d)
		split(n / d)
	}
	split(n)
	slices.Sort(out)
	return out
}

// mulmod is a*b mod m without overflow.
func mulmod(a, b, m uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	_, r := bits.Div64(hi%m, lo, m)
	return r
}

func powmod(a, e, m uint64) uint64 {
	r := uint64(1)
	a %= m
	for e > 0 {
		if e&1 == 1 {
			r = mulmod(r, a, m)
		}
		a = mulmod(a, a, m)
		e >>= 1
	}
	return r
}

// isPrime is Miller-Rabin with the bases that decide every n < 2^64.
func isPrime(n uint64) bool {
	if n < 2 {
		return false
	}
	for _, p := range []uint64{2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37} {
		if n%p == 0 {
			return n == p
		}
	}
	d, s := n-1, 0
	for d&1 == 0 {
		d >>= 1
		s++
	}
	for _, a := range []uint64{2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37} {
		x := powmod(a, d, n)
		if x == 1 || x == n-1 {
			continue
		}
		composite := true
		for r := 1; r < s; r++ {
			x = mulmod(x, x, n)
			if x == n-1 {
				composite = false
				break
			}
		}
		if composite {
			return false
		}
	}
	return true
}

// rho returns a non-trivial divisor of the composite n (Pollard's rho
// with Brent's cycle finding), trying other constants until one works.
func rho(n uint64) uint64 {
	if n%2 == 0 {
		return 2
	}
	for c := uint64(1); ; c++ {
		f := func(x uint64) uint64 {
			v := mulmod(x, x, n) + c
			if v >= n || v < c {
				v -= n
			}
			return v
		}
		x, y, d := uint64(2), uint64(2), uint64(1)
		for d == 1 {
			x = f(x)
			y = f(f(y))
			diff := x - y
			if x < y {
				diff = y - x
			}
			d = gcd(diff, n)
		}
		if d != n {
			return d
		}
	}
}

func gcd(a, b uint64) uint64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}
