package od

import (
	"encoding/binary"
	"math"
	"math/bits"
	"strconv"
	"strings"
	"syscall"

	"gobox/internal/applet"
	"gobox/internal/bbnum"
)

// kind is an output format of -t (and of the traditional options).
type kind byte

const (
	signedDec   kind = 'd'
	unsignedDec kind = 'u'
	octal       kind = 'o'
	hex         kind = 'x'
	float       kind = 'f'
	named       kind = 'a' // named characters: nul soh ... del
	char        kind = 'c' // C escapes and octal: \0 \n 377
)

// spec is one output format: how each datum of a line is printed.
type spec struct {
	kind  kind
	size  int  // bytes per datum
	width int  // field width, not counting the space before each field
	hexl  bool // the "z" suffix: the bytes as text after the line
}

// The field widths of od_bloaty.c, indexed by bytes: octal, signed and
// unsigned decimal, and hexadecimal digits of an integer of that size.
const (
	octDigits    = "\x00\x03\x06\x08\x0b\x0e\x10\x13\x16"
	signedDigits = "\x01\x04\x06\x08\x0b\x0d\x10\x12\x14"
	unsignDigits = "\x00\x03\x05\x08\x0a\x0d\x0f\x11\x14"
	hexDigits    = "\x00\x02\x04\x06\x08\x0a\x0c\x0e\x10"
)

// parseTypes decodes a -t argument ("x1z", "d4afL", ...) into specs, as
// decode_format_string does, with its error messages.
func parseTypes(arg string) ([]spec, error) {
	var out []spec
	s := arg
	for s != "" {
		var sp spec
		var err error
		sp, s, err = parseOne(arg, s)
		if err != nil {
			return nil, err
		}
		out = append(out, sp)
	}
	return out, nil
}

// parseOne is decode_one_format: one type at the start of s.
func parseOne(arg, s string) (spec, string, error) {
	var sp spec
	switch c := s[0]; c {
	case 'd', 'o', 'u', 'x':
		sp.kind = kind(c)
		s = s[1:]
		sp.size = 4
		switch {
		case s != "" && strings.IndexByte("CSIL", s[0]) >= 0:
			sp.size = [...]int{1, 2, 4, 8}[strings.IndexByte("CSIL", s[0])]
			s = s[1:]
		case s != "" && s[0] >= '0' && s[0] <= '9':
			n, used, errno := bbnum.BbU(s, 0)
			if errno == syscall.ERANGE || n == 0 || n == 3 || n >= 5 && n <= 7 || n > 8 {
				return sp, "", applet.Errorf("invalid type string '%s'; %d-byte %s type is not supported", arg, n, "integral")
			}
			sp.size = int(n)
			s = s[used:]
		}
		switch sp.kind {
		case signedDec:
			sp.width = int(signedDigits[sp.size])
		case unsignedDec:
			sp.width = int(unsignDigits[sp.size])
		case octal:
			sp.width = int(octDigits[sp.size])
		default:
			sp.width = int(hexDigits[sp.size])
		}
	case 'f':
		sp.kind = float
		s = s[1:]
		sp.size = 8
		switch {
		case s != "" && strings.IndexByte("FDL", s[0]) >= 0:
			sp.size = [...]int{4, 8, 16}[strings.IndexByte("FDL", s[0])]
			s = s[1:]
		case s != "" && s[0] >= '0' && s[0] <= '9':
			n, used, errno := bbnum.BbU(s, 0)
			if errno == syscall.ERANGE || n != 4 && n != 8 && n != 16 {
				return sp, "", applet.Errorf("invalid type string '%s'; %d-byte %s type is not supported", arg, n, "floating point")
			}
			sp.size = int(n)
			s = s[used:]
		}
		// FLT_DIG and DBL_DIG as od_bloaty.c defines them (7, 15; long
		// double gets DBL_DIG too), plus 8.
		sp.width = 23
		if sp.size == 4 {
			sp.width = 15
		}
	case 'a', 'c':
		sp.kind = kind(c)
		sp.size = 1
		sp.width = 3
		s = s[1:]
	default:
		return sp, "", applet.Errorf("invalid character '%c' in type string '%s'", c, arg)
	}
	if s != "" && s[0] == 'z' {
		sp.hexl = true
		s = s[1:]
	}
	return sp, s, nil
}

// charNames are the names -t a gives the control characters and space.
const charNames = "nulsohstxetxeotenqackbel bs ht nl vt ff cr so sidledc1dc2dc3dc4naksynetbcan emsubesc fs gs rs us sp"

// appendData appends the line's data formatted by sp: each datum as a
// space and a field. Integers are read little-endian, as on x86-64.
func (sp *spec) appendData(b []byte, data []byte) []byte {
	switch sp.kind {
	case named:
		for _, c := range data {
			c &= 0x7f
			switch {
			case c == 0x7f:
				b = append(b, " del"...)
			case c > ' ':
				b = append(b, ' ', ' ', ' ', c)
			default:
				b = append(b, ' ')
				b = append(b, charNames[int(c)*3:int(c)*3+3]...)
			}
		}
		return b
	case char:
		for _, c := range data {
			b = appendChar(b, c)
		}
		return b
	case float:
		for i := 0; i+sp.size <= len(data); i += sp.size {
			b = append(b, ' ')
			b = padLeft(b, floatText(data[i:i+sp.size]), sp.width, ' ')
		}
		return b
	}
	var num [24]byte
	for i := 0; i+sp.size <= len(data); i += sp.size {
		var u uint64
		switch sp.size {
		case 1:
			u = uint64(data[i])
		case 2:
			u = uint64(binary.LittleEndian.Uint16(data[i:]))
		case 4:
			u = uint64(binary.LittleEndian.Uint32(data[i:]))
		default:
			u = binary.LittleEndian.Uint64(data[i:])
		}
		b = append(b, ' ')
		switch sp.kind {
		case signedDec:
			// Sign-extend from the datum's size.
			shift := 64 - 8*uint(sp.size)
			v := int64(u<<shift) >> shift
			b = padLeft(b, strconv.AppendInt(num[:0], v, 10), sp.width, ' ')
		case unsignedDec:
			b = padLeft(b, strconv.AppendUint(num[:0], u, 10), sp.width, ' ')
		case octal:
			b = padLeft(b, strconv.AppendUint(num[:0], u, 8), sp.width, '0')
		default:
			b = padLeft(b, strconv.AppendUint(num[:0], u, 16), sp.width, '0')
		}
	}
	return b
}

// appendChar is print_ascii's field for c: the character, a C escape,
// or three octal digits.
func appendChar(b []byte, c byte) []byte {
	if c >= ' ' && c < 0x7f {
		return append(b, ' ', ' ', ' ', c)
	}
	esc := byte(0)
	switch c {
	case 0:
		esc = '0'
	case '\a':
		esc = 'a'
	case '\b':
		esc = 'b'
	case '\f':
		esc = 'f'
	case '\n':
		esc = 'n'
	case '\r':
		esc = 'r'
	case '\t':
		esc = 't'
	case '\v':
		esc = 'v'
	}
	if esc != 0 {
		return append(b, ' ', ' ', '\\', esc)
	}
	return append(b, ' ', '0'+c>>6, '0'+c>>3&7, '0'+c&7)
}

// padLeft appends s right-aligned in width, padded with pad.
func padLeft(b, s []byte, width int, pad byte) []byte {
	for i := len(s); i < width; i++ {
		b = append(b, pad)
	}
	return append(b, s...)
}

// floatText formats a float of 4, 8 or 16 bytes (x87 extended precision
// in the first 10) as musl's printf formats "%.7e", "%.15e", "%.15Le".
func floatText(data []byte) []byte {
	switch len(data) {
	case 4:
		f := math.Float32frombits(binary.LittleEndian.Uint32(data))
		return cFloat(float64(f), 7)
	case 8:
		return cFloat(math.Float64frombits(binary.LittleEndian.Uint64(data)), 15)
	}
	return longDouble(data[:10], 15)
}

// cFloat is C's "%.{prec}e" of v, with musl's nan and inf.
func cFloat(v float64, prec int) []byte {
	switch {
	case math.IsNaN(v):
		if math.Signbit(v) {
			return []byte("-nan")
		}
		return []byte("nan")
	case math.IsInf(v, 1):
		return []byte("inf")
	case math.IsInf(v, -1):
		return []byte("-inf")
	}
	return strconv.AppendFloat(nil, v, 'e', prec, 64)
}

// longDouble formats an x87 80-bit extended-precision number as "%.{prec}Le"
// does with musl: exactly, with the invalid encodings (an integer bit
// of 0 with a non-zero exponent) as nan, as musl's fpclassify has them.
func longDouble(data []byte, prec int) []byte {
	mant := binary.LittleEndian.Uint64(data)
	se := binary.LittleEndian.Uint16(data[8:])
	neg := se&0x8000 != 0
	exp := int(se & 0x7fff)
	sign := ""
	if neg {
		sign = "-"
	}
	switch {
	case exp == 0x7fff:
		if mant>>63 == 0 || mant<<1 != 0 {
			return []byte(sign + "nan")
		}
		return []byte(sign + "inf")
	case exp != 0 && mant>>63 == 0:
		return []byte(sign + "nan")
	}
	if exp == 0 {
		exp = 1 // denormals and pseudo-denormals
	}
	return append([]byte(sign), expDigits(mant, exp-16383-63, prec)...)
}

// expDigits formats mant * 2^exp2 as musl's printf formats a long
// double with "%.{prec}e": decimal digits of the value in base-10^9
// limbs, as many as the precision needs (past them musl drops limbs while
// it divides, which decides its rare near-ties), rounded to even. (Not
// math/big, whose init would run at every start of gobox.)
func expDigits(mant uint64, exp2, prec int) []byte {
	if mant == 0 {
		b := []byte("0")
		if prec > 0 {
			b = append(b, '.')
		}
		for range prec {
			b = append(b, '0')
		}
		return append(b, "e+00"...)
	}
	// Normalise, then split as musl does: y = mant/2^35 has 29 integer
	// bits, and the value is y * 2^e2.
	lz := bits.LeadingZeros64(mant)
	mant <<= lz
	e2 := exp2 - lz + 35
	const base = 1000000000
	const size = 1850 // limbs for the largest long double and its fraction
	var big [size]uint32
	a := 0
	if e2 >= 0 {
		a = size - 65
	}
	r, z := a, a
	big[z] = uint32(mant >> 35)
	z++
	for f, fb := mant&(1<<35-1), 35; f != 0; {
		if fb <= 9 {
			big[z] = uint32(f * 1953125 << (9 - fb))
			z++
			break
		}
		t := f * 1953125 // 10^9 = 2^9 * 1953125
		big[z] = uint32(t >> (fb - 9))
		z++
		f, fb = t&(1<<(fb-9)-1), fb-9
	}
	for e2 > 0 {
		sh := min(29, e2)
		var carry uint64
		for d := z - 1; d >= a; d-- {
			x := uint64(big[d])<<sh + carry
			big[d], carry = uint32(x%base), x/base
		}
		if carry != 0 {
			a--
			big[a] = uint32(carry)
		}
		for z > a && big[z-1] == 0 {
			z--
		}
		e2 -= sh
	}
	need := 1 + (prec+64/3+8)/9
	for e2 < 0 {
		sh := min(9, -e2)
		var carry uint32
		for d := a; d < z; d++ {
			rm := big[d] & (1<<sh - 1)
			big[d] = big[d]>>sh + carry
			carry = (base >> sh) * rm
		}
		if big[a] == 0 {
			a++
		}
		if carry != 0 {
			big[z] = carry
			z++
		}
		if z-a > need {
			z = a + need
		}
		e2 += sh
	}
	e := 0
	if a < z {
		e = 9 * (r - a)
		for i := uint32(10); big[a] >= i; i *= 10 {
			e++
		}
	}
	// Round after the prec-th digit after the first.
	if j := prec - e; j < 9*(z-r-1) {
		d := r + 1 + floorDiv(j, 9)
		i := uint32(10)
		for k := j - 9*floorDiv(j, 9) + 1; k < 9; k++ {
			i *= 10
		}
		x := big[d] % i
		if x != 0 || d+1 != z {
			odd := big[d]/i&1 == 1 || i == base && d > a && big[d-1]&1 == 1
			up := x > i/2 || x == i/2 && (d+1 != z || odd)
			big[d] -= x
			if up {
				big[d] += i
				for big[d] > base-1 {
					big[d] = 0
					d--
					if d < a {
						a--
						big[a] = 0
					}
					big[d]++
				}
				e = 9 * (r - a)
				for i := uint32(10); big[a] >= i; i *= 10 {
					e++
				}
			}
		}
		if z > d+1 {
			z = d + 1
		}
	}
	if z <= a {
		z = a + 1
	}
	digits := strconv.AppendUint(make([]byte, 0, 9*(z-a)+prec), uint64(big[a]), 10)
	for d := a + 1; d < z && len(digits) <= prec; d++ {
		var limb [9]byte
		v := big[d]
		for k := 8; k >= 0; k-- {
			limb[k] = byte('0' + v%10)
			v /= 10
		}
		digits = append(digits, limb[:]...)
	}
	for len(digits) <= prec {
		digits = append(digits, '0')
	}
	b := make([]byte, 0, prec+8)
	b = append(b, digits[0])
	if prec > 0 {
		b = append(b, '.')
		b = append(b, digits[1:prec+1]...)
	}
	b = append(b, 'e')
	if e < 0 {
		b = append(b, '-')
		e = -e
	} else {
		b = append(b, '+')
	}
	if e < 10 {
		b = append(b, '0')
	}
	return strconv.AppendInt(b, int64(e), 10)
}

// floorDiv is a/b rounded down, for b > 0.
func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && a < 0 {
		q--
	}
	return q
}
