package tarfmt

import "math"

// parseNumber reads a numeric header field as BusyBox's getOctal does:
// octal digits after optional blanks and sign (strtoull), ended by NUL,
// a space or the end of the field; or, when the first byte has its top
// bit set, GNU's base-256 (big-endian two's complement in the remaining
// 7 bits and bytes). Anything else is ErrNumber.
func parseNumber(f []byte) (int64, error) {
	i := 0
	for i < len(f) && isSpace(f[i]) {
		i++
	}
	neg := false
	if i < len(f) && (f[i] == '+' || f[i] == '-') {
		neg = f[i] == '-'
		i++
	}
	start := i
	var v uint64
	for i < len(f) && f[i] >= '0' && f[i] <= '7' {
		if v > math.MaxUint64>>3 {
			return 0, ErrNumber
		}
		v = v<<3 | uint64(f[i]-'0')
		i++
	}
	end := i
	if i == start {
		// No digits: strtoull leaves its end pointer at the start of
		// the field, blanks and sign included.
		end = 0
	}
	if end == len(f) || f[end] == 0 || f[end] == ' ' {
		if neg {
			return -int64(v), nil
		}
		return int64(v), nil
	}
	if f[0]&0x80 == 0 {
		return 0, ErrNumber
	}
	return parseBase256(f)
}

func isSpace(c byte) bool { return c == ' ' || c >= '\t' && c <= '\r' }

// parseBase256 reads GNU's base-256 encoding: the first byte's top bit
// marks it, its next bit is the sign.
func parseBase256(f []byte) (int64, error) {
	// Sign-extend the 7 low bits of the first byte.
	v := int64(int8(f[0]<<1) >> 1)
	for _, c := range f[1:] {
		if v > math.MaxInt64>>8 || v < math.MinInt64>>8 {
			return 0, ErrNumber
		}
		v = v<<8 | int64(c)
	}
	return v, nil
}

// putOctalBB formats v into f as BusyBox's putOctal does: zero-padded
// octal, one leading zero dropped so the field ends in NUL when the
// number leaves room. It reports false when v does not fit in len(f)
// digits (BusyBox would store its low digits; the writer uses base 256
// instead).
func putOctalBB(f []byte, v int64) bool {
	if v < 0 || !fitsOctal(v, len(f)) {
		return false
	}
	// Digits of v, len(f) of them, zero-padded.
	for i := len(f) - 1; i >= 0; i-- {
		f[i] = byte('0' + v&7)
		v >>= 3
	}
	if f[0] == '0' {
		copy(f, f[1:])
		f[len(f)-1] = 0
	}
	return true
}

// putOctalNUL formats v as len(f)-1 zero-padded octal digits and a NUL,
// the ustar layout; false when it does not fit.
func putOctalNUL(f []byte, v int64) bool {
	if v < 0 || !fitsOctal(v, len(f)-1) {
		return false
	}
	f[len(f)-1] = 0
	for i := len(f) - 2; i >= 0; i-- {
		f[i] = byte('0' + v&7)
		v >>= 3
	}
	return true
}

// fitsOctal reports whether v >= 0 has at most n octal digits.
func fitsOctal(v int64, n int) bool {
	if n >= 21 {
		return true
	}
	return v < 1<<(3*uint(n))
}

// putBase256 formats v in GNU's base 256; false when it does not fit.
func putBase256(f []byte, v int64) bool {
	n := len(f)
	if n < 9 {
		// The field holds n-1 bytes and 7 bits; v must fit with its sign.
		limit := int64(1) << (8*uint(n-1) + 6)
		if v >= limit || v < -limit {
			return false
		}
	}
	for i := n - 1; i >= 0; i-- {
		f[i] = byte(v)
		v >>= 8
	}
	f[0] |= 0x80
	return true
}

// checksums returns the sum of the header's bytes with the checksum
// field taken as blanks, over unsigned bytes (POSIX) and over signed ones
// (old Sun and HP-UX tars).
func checksums(b []byte) (unsigned, signed int64) {
	for i := 0; i < BlockSize; i++ {
		c := b[i]
		if i >= 148 && i < 156 {
			c = ' '
		}
		unsigned += int64(c)
		signed += int64(int8(c))
	}
	return unsigned, signed
}
