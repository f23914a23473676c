package awk

import (
	"math"
	"strconv"
	"strings"

	"gobox/internal/cfmt"
)

// Cell is an awk value. Its kind says what it holds: nothing yet (an
// uninitialized variable, both "" and 0), a number, a string, or a
// string from input ("user" data: fields, getline, split, ARGV,
// ENVIRON, -v) that compares as a number when it looks like one.
type Cell struct {
	s    string
	n    float64
	kind kind
}

type kind uint8

const (
	kUninit  kind = iota
	kNum          // n
	kStr          // s
	kUser         // s, not yet looked at
	kStrnum       // s, which looks numeric; n is its value
	kUserStr      // s, which does not; n is strtod's value of its prefix
)

func num(n float64) Cell    { return Cell{n: n, kind: kNum} }
func str(s string) Cell     { return Cell{s: s, kind: kStr} }
func userStr(s string) Cell { return Cell{s: s, kind: kUser} }

func boolNum(b bool) Cell {
	if b {
		return Cell{n: 1, kind: kNum}
	}
	return Cell{kind: kNum}
}

// classify decides whether a user string looks numeric, as BusyBox's
// getvar_i does: strtod reads a prefix, and only blanks may follow it.
// An empty string is a string; one of blanks only is the number 0.
func (c *Cell) classify() {
	if c.kind != kUser {
		return
	}
	if c.s == "" {
		c.kind = kUserStr
		return
	}
	v, n := strtod(c.s)
	c.n = v
	for n < len(c.s) && (c.s[n] == ' ' || c.s[n] == '\t') {
		n++
	}
	if n == len(c.s) {
		c.kind = kStrnum
	} else {
		c.kind = kUserStr
	}
}

// isNum reports whether the cell compares as a number: a number, an
// uninitialized value, or a numeric-looking user string. It classifies
// a user string in place.
func (c *Cell) isNum() bool {
	switch c.kind {
	case kNum, kUninit, kStrnum:
		return true
	case kUser:
		c.classify()
		return c.kind == kStrnum
	}
	return false
}

// toNum returns the numeric value of a cell.
func toNum(c Cell) float64 {
	switch c.kind {
	case kNum, kStrnum, kUserStr:
		return c.n
	case kUninit:
		return 0
	}
	return strToNum(c.s)
}

// strToNum is the numeric value of a string: strtod of its prefix.
func strToNum(s string) float64 {
	if v, ok := shortInt(s); ok {
		return v
	}
	v, _ := strtod(s)
	return v
}

// shortInt is the value of s when it is the common case, a short run
// of digits, which needs no strtod.
func shortInt[T string | []byte](s T) (float64, bool) {
	if len(s) == 0 || len(s) >= 16 {
		return 0, false
	}
	var v int64
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return 0, false
		}
		v = v*10 + int64(s[i]-'0')
	}
	return float64(v), true
}

// bytesToNum is strToNum of a field still in the input's buffer.
func bytesToNum(b []byte) float64 {
	if v, ok := shortInt(b); ok {
		return v
	}
	v, _ := strtod(string(b))
	return v
}

// isSpace is C's isspace in the C locale.
func isSpace(c byte) bool { return spaceTab[c] != 0 }

// spaceTab marks the bytes isspace accepts: a constant, so a lookup is
// a load from read-only data.
const spaceTab = "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01\x01\x01\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"

// strtod reads the longest prefix of s that C's strtod (musl's) reads
// as a number: leading white space, a sign, then a decimal number with
// an optional exponent, a 0x hexadecimal one with an optional binary
// exponent, inf, infinity or nan. n is 0 when there is none.
func strtod(s string) (v float64, n int) {
	i := 0
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	start := i
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	body := i
	if i < len(s) && (s[i]|0x20 == 'i' || s[i]|0x20 == 'n') {
		rest := s[i:]
		switch {
		case hasPrefixFold(rest, "infinity"):
			n = i + 8
			v = math.Inf(1)
		case hasPrefixFold(rest, "inf"):
			n = i + 3
			v = math.Inf(1)
		case hasPrefixFold(rest, "nan"):
			n = i + 3
			v = math.NaN()
			if j := strings.IndexByte(rest[3:], ')'); len(rest) > 3 && rest[3] == '(' && j >= 0 {
				ok := true
				for _, c := range []byte(rest[4 : 3+j]) {
					if !isAlnum(c) {
						ok = false
					}
				}
				if ok {
					n = i + 4 + j
				}
			}
		default:
			return 0, 0
		}
		if neg {
			v = -v
		}
		return v, n
	}
	if i+1 < len(s) && s[i] == '0' && s[i+1]|0x20 == 'x' {
		j := i + 2
		digits := 0
		for j < len(s) && hexDigit(s[j]) >= 0 {
			j++
			digits++
		}
		if j < len(s) && s[j] == '.' {
			j++
			for j < len(s) && hexDigit(s[j]) >= 0 {
				j++
				digits++
			}
		}
		if digits == 0 {
			// "0x" alone: the 0.
			return negIf(0, neg), i + 1
		}
		mant := s[i:j]
		exp := "p0"
		if j < len(s) && s[j]|0x20 == 'p' {
			k := j + 1
			if k < len(s) && (s[k] == '+' || s[k] == '-') {
				k++
			}
			if k < len(s) && isDigit(s[k]) {
				for k < len(s) && isDigit(s[k]) {
					k++
				}
				exp = s[j:k]
				j = k
			}
		}
		f, err := strconv.ParseFloat(mant+exp, 64)
		if err != nil && !isRange(err) {
			return 0, 0
		}
		return negIf(f, neg), j
	}
	j := i
	digits := 0
	for j < len(s) && isDigit(s[j]) {
		j++
		digits++
	}
	if j < len(s) && s[j] == '.' {
		j++
		for j < len(s) && isDigit(s[j]) {
			j++
			digits++
		}
	}
	if digits == 0 {
		return 0, 0
	}
	if j < len(s) && s[j]|0x20 == 'e' {
		k := j + 1
		if k < len(s) && (s[k] == '+' || s[k] == '-') {
			k++
		}
		if k < len(s) && isDigit(s[k]) {
			for k < len(s) && isDigit(s[k]) {
				k++
			}
			j = k
		}
	}
	f, err := strconv.ParseFloat(s[body:j], 64)
	if err != nil && !isRange(err) {
		return 0, 0
	}
	_ = start
	return negIf(f, neg), j
}

func negIf(f float64, neg bool) float64 {
	if neg {
		return -f
	}
	return f
}

func isRange(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// isIntegral reports whether n converts to C's long long and back
// unchanged, the test BusyBox uses to print a number as an integer.
func isIntegral(n float64) bool {
	return n >= -9223372036854775808 && n < 9223372036854775808 && n == math.Trunc(n)
}

// formatNum converts a number to a string: an integral value as an
// integer, anything else through format (CONVFMT or OFMT), as BusyBox's
// fmt_num does.
func (in *interp) formatNum(n float64, format string) string {
	if isIntegral(n) {
		if n >= 0 && n < 10 {
			i := int(n)
			return "0123456789"[i : i+1]
		}
		return strconv.FormatInt(int64(n), 10)
	}
	if format == "%.6g" {
		var b strings.Builder
		cfmt.Spec{Prec: 6}.Float(&b, n, 'g')
		return b.String()
	}
	conv := byte(0)
	if format != "" {
		conv = format[len(format)-1]
	}
	switch conv {
	case 'd', 'i', 'o', 'u', 'x', 'X', 'e', 'E', 'f', 'F', 'g', 'G', 'a', 'A':
	default:
		in.fatal("Invalid format specifier")
	}
	return in.sprintf(format, []Cell{num(n)})
}

// toStr converts a cell to a string with CONVFMT.
func (in *interp) toStr(c Cell) string {
	switch c.kind {
	case kNum:
		return in.formatNum(c.n, in.convfmt)
	case kUninit:
		return ""
	}
	return c.s
}

// toOutStr converts a cell to a string for print, with OFMT.
func (in *interp) toOutStr(c Cell) string {
	if c.kind == kNum {
		return in.formatNum(c.n, in.ofmt)
	}
	return c.s
}

// truth is awk's truth of a value: a number (or numeric string) that is
// not zero, or a string that is not empty.
func truth(c Cell) bool {
	switch c.kind {
	case kNum, kStrnum:
		return c.n != 0
	case kUninit:
		return false
	case kUser:
		c.classify()
		if c.kind == kStrnum {
			return c.n != 0
		}
	}
	return c.s != ""
}
