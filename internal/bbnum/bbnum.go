// Package bbnum reads numbers the way BusyBox's libbb does on musl, for
// the applets whose options take C-style numbers: strtoull and strtoll
// with base 0 ("0x1f", "017"), bb_strtoull's stricter endings, and the
// dying xstrtoull_range_sfx family with a suffix table of package
// suffix. Errors carry BusyBox's words ("invalid number 'x'", "number X
// is not in LO..HI range") as *suffix.Error.
package bbnum

import (
	"math"
	"syscall"

	"gobox/internal/suffix"
)

// Strtoull is C's strtoull: leading white space, an optional sign (a "-"
// negates modulo 2^64), digits in base (0: "0x" hex, "0" octal, else
// decimal; 16 also takes a "0x" prefix). It returns the value, the
// length of s it read (0 when no digits: nothing is read then) and
// ERANGE on overflow (the value is then MaxUint64).
func Strtoull(s string, base int) (v uint64, n int, errno syscall.Errno) {
	i := 0
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	if (base == 0 || base == 16) && i+1 < len(s) && s[i] == '0' && s[i+1]|0x20 == 'x' {
		if i+2 < len(s) && digit(s[i+2]) < 16 {
			base = 16
			i += 2
		} else if base == 0 {
			// "0x" without hex digits is the number 0 and an "x".
			base = 8
		}
	}
	if base == 0 {
		base = 10
		if i < len(s) && s[i] == '0' {
			base = 8
		}
	}
	start := i
	overflow := false
	for i < len(s) {
		d := digit(s[i])
		if d >= base {
			break
		}
		if v > (math.MaxUint64-uint64(d))/uint64(base) {
			overflow = true
		}
		v = v*uint64(base) + uint64(d)
		i++
	}
	if i == start {
		return 0, 0, 0
	}
	if overflow {
		return math.MaxUint64, i, syscall.ERANGE
	}
	if neg {
		v = -v
	}
	return v, i, 0
}

// Strtoll is C's strtoll: as Strtoull, but the result must fit an
// int64 (ERANGE and MinInt64 or MaxInt64 when it does not).
func Strtoll(s string, base int) (v int64, n int, errno syscall.Errno) {
	u, n, errno := Strtoull(s, base)
	if n == 0 {
		return 0, 0, 0
	}
	neg := false
	for i := 0; i < n; i++ {
		if s[i] == '-' {
			neg = true
			break
		}
		if !isSpace(s[i]) {
			break
		}
	}
	if errno != 0 {
		if neg {
			return math.MinInt64, n, syscall.ERANGE
		}
		return math.MaxInt64, n, syscall.ERANGE
	}
	if neg {
		u = -u // the magnitude again
		if u > 1<<63 {
			return math.MinInt64, n, syscall.ERANGE
		}
		return -int64(u), n, 0
	}
	if u > math.MaxInt64 {
		return math.MaxInt64, n, syscall.ERANGE
	}
	return int64(u), n, 0
}

// Bb is libbb's bb_strtoull: the first character must be a letter or a
// digit, and what follows the number may only be something other than
// a letter or a digit. It returns the value, the length read and the
// error: ERANGE (the value is then MaxUint64) for overflow, no number or
// a letter or digit after it; EINVAL for another character after it
// (the value is good).
func Bb(s string, base int) (v uint64, n int, errno syscall.Errno) {
	if s == "" || !isAlnum(s[0]) {
		return math.MaxUint64, 0, syscall.ERANGE
	}
	v, n, errno = Strtoull(s, base)
	return handleErrors(s, v, n, errno, math.MaxUint64)
}

// BbU is bb_strtou: Bb limited to C's unsigned int (ERANGE and
// MaxUint32 beyond it).
func BbU(s string, base int) (v uint64, n int, errno syscall.Errno) {
	if s == "" || !isAlnum(s[0]) {
		return math.MaxUint32, 0, syscall.ERANGE
	}
	v, n, errno = Strtoull(s, base)
	if errno == 0 && v > math.MaxUint32 {
		return math.MaxUint32, n, syscall.ERANGE
	}
	return handleErrors(s, v, n, errno, math.MaxUint32)
}

// handleErrors is libbb's handle_errors.
func handleErrors(s string, v uint64, n int, errno syscall.Errno, max uint64) (uint64, int, syscall.Errno) {
	if n < len(s) {
		if isAlnum(s[n]) || errno != 0 {
			return max, n, syscall.ERANGE
		}
		return v, n, syscall.EINVAL
	}
	if errno != 0 {
		return max, n, errno
	}
	return v, n, 0
}

// XRange is xstrtoull_range_sfx: s must be a whole number in base (no
// sign, no leading blank), optionally followed by exactly one suffix of
// table t, and lie in lo..hi.
func XRange(s string, base int, lo, hi uint64, t suffix.Table) (uint64, error) {
	return xrange(s, base, lo, hi, t, math.MaxUint64)
}

// XRange32 is xstrtou_range_sfx, XRange for C's unsigned int: a number
// beyond it is invalid, and so is a product with the suffix's multiplier
// out of range.
func XRange32(s string, base int, lo, hi uint64, t suffix.Table) (uint64, error) {
	return xrange(s, base, lo, hi, t, math.MaxUint32)
}

func xrange(s string, base int, lo, hi uint64, t suffix.Table, max uint64) (uint64, error) {
	if s == "" || s[0] == '-' || s[0] == '+' || isSpace(s[0]) {
		return 0, &suffix.Error{Num: s}
	}
	v, n, errno := Strtoull(s, base)
	if errno != 0 || n == 0 || v > max {
		return 0, &suffix.Error{Num: s}
	}
	if rest := s[n:]; rest != "" {
		mult, ok := t.Mult(rest)
		if !ok {
			return 0, &suffix.Error{Num: s}
		}
		if max/mult < v {
			return 0, &suffix.Error{Num: s, Range: true, Lo: lo, Hi: hi}
		}
		v *= mult
	}
	if v < lo || v > hi {
		return 0, &suffix.Error{Num: s, Range: true, Lo: lo, Hi: hi}
	}
	return v, nil
}

// RangeError is a signed number outside its range: BusyBox's "number X
// is not in LO..HI range" with signed bounds.
type RangeError struct {
	Num    string
	Lo, Hi int64
}

func (e *RangeError) Error() string {
	return "number " + e.Num + " is not in " + itoa(e.Lo) + ".." + itoa(e.Hi) + " range"
}

func itoa(v int64) string {
	var b [20]byte
	i := len(b)
	u := uint64(v)
	if v < 0 {
		u = -u
	}
	for {
		i--
		b[i] = byte('0' + u%10)
		u /= 10
		if u == 0 {
			break
		}
	}
	if v < 0 {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

// XRangeSigned is xstrtoll_range_sfx: an optional sign, then what
// XRange takes (the number's magnitude may reach 2^63 when negative),
// the result in lo..hi.
func XRangeSigned(s string, base int, lo, hi int64, t suffix.Table) (int64, error) {
	p := s
	limit := uint64(math.MaxInt64)
	if p != "" && (p[0] == '+' || p[0] == '-') {
		p = p[1:]
		if s[0] == '-' {
			limit++
		}
	}
	// The magnitude's own errors name it without its sign, as BusyBox's.
	u, err := XRange(p, base, 0, limit, t)
	if err != nil {
		return 0, err
	}
	r := int64(u)
	if s[0] == '-' {
		r = -r
	}
	if r < lo || r > hi {
		return 0, &RangeError{Num: s, Lo: lo, Hi: hi}
	}
	return r, nil
}

// digit returns the value of c as a digit in bases up to 36, or 99.
func digit(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c|0x20 >= 'a' && c|0x20 <= 'z':
		return int(c|0x20-'a') + 10
	}
	return 99
}

func isSpace(c byte) bool { return c == ' ' || c >= '\t' && c <= '\r' }

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'z'
}
