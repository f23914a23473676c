package cfmt

import (
	"math"
	"strconv"
	"strings"
	"syscall"
)

// Strtod parses s as musl's strtod does when it must consume all of s:
// leading blanks, an optional sign, decimal or 0x hexadecimal numbers
// (with or without a p exponent), inf, infinity and nan (or
// nan(CHARS)) in any case.
//
// The error is strtod's errno: syscall.EINVAL when s is not a number
// (or not only one), with v 0; syscall.ERANGE when the value is out of
// range, with v what strtod returns then (±Inf, ±0 or a subnormal), so
// that callers can reject it (seq) or report it and go on (printf).
func Strtod(s string) (v float64, err error) {
	t := strings.TrimLeft(s, " \t\n\v\f\r")
	if t == "" {
		return 0, syscall.EINVAL
	}
	body := t
	if body[0] == '+' || body[0] == '-' {
		body = body[1:]
	}
	lower := strings.ToLower(body)
	hex := strings.HasPrefix(lower, "0x")
	switch {
	case lower == "nan" || isNaNPayload(lower):
		if t[0] == '-' {
			return math.Copysign(math.NaN(), -1), nil
		}
		return math.NaN(), nil
	case lower == "inf" || lower == "infinity":
		if t[0] == '-' {
			return math.Inf(-1), nil
		}
		return math.Inf(1), nil
	case hex:
		if !strings.Contains(lower, "p") {
			t += "p0"
		}
	case strings.ContainsAny(lower, "_xinp") || body == "":
		return 0, syscall.EINVAL
	}
	v, perr := strconv.ParseFloat(t, 64)
	if perr != nil {
		if ne, ok := perr.(*strconv.NumError); !ok || ne.Err != strconv.ErrRange {
			return 0, syscall.EINVAL
		}
	}
	if hex && hexRange(lower[2:]) || !hex && decimalRange(lower, v) {
		return v, syscall.ERANGE
	}
	return v, nil
}

// isNaNPayload reports whether s is "nan(CHARS)", which musl accepts
// with letters, digits and '_' as CHARS.
func isNaNPayload(s string) bool {
	p, ok := strings.CutPrefix(s, "nan(")
	if !ok || !strings.HasSuffix(p, ")") {
		return false
	}
	for _, c := range p[:len(p)-1] {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c == '_') {
			return false
		}
	}
	return true
}

// minNormal is DBL_MIN, the smallest normal double.
const minNormal = 0x1p-1022

// decimalRange reports whether musl's strtod sets ERANGE for the
// decimal number d (no sign, lower case), which rounds to v: when the
// value overflows to infinity or underflows to zero, and when it rounds
// to a subnormal inexactly, except when rounding carries it up to a
// power of two (musl's decfloat then forgets that it was subnormal).
func decimalRange(d string, v float64) bool {
	v = math.Abs(v)
	if math.IsInf(v, 0) {
		return true
	}
	if v >= minNormal {
		return false
	}
	digits, point := decimalDigits(d)
	if digits == "" {
		return false // zero is exact
	}
	if v == 0 {
		return true
	}
	// A subnormal double has an exact decimal expansion of at most 767
	// significant digits.
	vd, vp := decimalDigits(strconv.FormatFloat(v, 'e', 800, 64))
	c := compareDecimal(digits, point, vd, vp)
	if c == 0 {
		return false
	}
	if frac, _ := math.Frexp(v); c < 0 && frac == 0.5 {
		return false
	}
	return true
}

// decimalDigits returns the significant digits of the decimal number s
// ("12.50e-3"), without leading or trailing zeros, and the position of
// the decimal point relative to them: s is 0.DIGITS × 10^point. Zero
// has no digits.
func decimalDigits(s string) (digits string, point int) {
	mant, exp, _ := strings.Cut(s, "e")
	whole, frac, _ := strings.Cut(mant, ".")
	all := whole + frac
	trimmed := strings.TrimLeft(all, "0")
	digits = strings.TrimRight(trimmed, "0")
	if digits == "" {
		return "", 0
	}
	return digits, len(whole) - (len(all) - len(trimmed)) + exponent(exp)
}

// compareDecimal compares the non-zero decimals 0.a × 10^pa and
// 0.b × 10^pb (digits without leading or trailing zeros).
func compareDecimal(a string, pa int, b string, pb int) int {
	switch {
	case pa < pb:
		return -1
	case pa > pb:
		return 1
	}
	return strings.Compare(a, b)
}

// exponent parses an optionally signed decimal exponent, saturating far
// beyond any double's range as musl's scan_exponent does.
func exponent(s string) int {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimLeft(s, "+-")
	n := 0
	for i := 0; i < len(s) && n < 1e15; i++ {
		n = n*10 + int(s[i]-'0')
	}
	if neg {
		return -n
	}
	return n
}

// hexRange reports whether musl's strtod sets ERANGE for the hexadecimal
// number h (after "0x", lower case). musl's hexfloat checks the binary
// exponent before rounding, from the first 32 bits of the mantissa:
// beyond 2^1074 it overflows, below 2^-1202 it underflows. Otherwise
// only a value below the least subnormal that is a power of two is out
// of range: it rounds to zero, where any other such value rounds up to
// a long double that is not zero (and to a double that may be). A value
// that rounds to infinity is not out of range: a musl quirk.
func hexRange(h string) bool {
	mant, exp, _ := strings.Cut(h, "p")
	whole, frac, _ := strings.Cut(mant, ".")
	// rp: the hex digits before the point, after leading zeros; or
	// minus the zeros after the point when there are none.
	rp := len(strings.TrimLeft(whole, "0"))
	if rp == 0 {
		rp = -(len(frac) - len(strings.TrimLeft(frac, "0")))
	}
	sig := strings.Trim(whole+frac, "0")
	if sig == "" {
		return false // zero
	}
	pexp := exponent(exp)
	if e2 := pexp + 4*rp - 32; e2 > 1074 || e2 < -1202 {
		return true
	}
	// The value is sig[0] × 16^(rp-1) × 2^pexp when sig is one digit.
	bit := strings.IndexByte("1248", sig[0])
	return len(sig) == 1 && bit >= 0 && pexp+4*(rp-1)+bit < -1074
}
