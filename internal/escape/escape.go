// Package escape expands backslash escapes the way BusyBox's echo -e and
// printf do (bb_process_escape_sequence).
package escape

import "strings"

// Echo expands the escapes echo -e and printf's %b know: \a \b \c \e \f
// \n \r \t \v \\, \NNN and \0NNN (octal, up to three digits) and \xHH.
// stop reports a \c, after which nothing more is printed.
func Echo(s string) (out string, stop bool) {
	return expand(s, true)
}

// Printf expands the escapes of printf's format string: like Echo, but
// an octal escape is at most three digits including a leading 0.
func Printf(s string) (out string, stop bool) {
	return expand(s, false)
}

func expand(s string, echo bool) (string, bool) {
	if !strings.Contains(s, `\`) {
		return s, false
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 >= len(s) {
			b.WriteByte(c)
			continue
		}
		i++
		switch c = s[i]; c {
		case 'a':
			b.WriteByte('\a')
		case 'b':
			b.WriteByte('\b')
		case 'c':
			return b.String(), true
		case 'e':
			b.WriteByte(0x1b)
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'v':
			b.WriteByte('\v')
		case '\\':
			b.WriteByte('\\')
		case 'x':
			v, n := 0, 0
			for n < 2 && i+1 < len(s) && isHex(s[i+1]) {
				v = v*16 + hexVal(s[i+1])
				i++
				n++
			}
			if n == 0 {
				b.WriteString(`\x`)
				continue
			}
			b.WriteByte(byte(v))
		case '0', '1', '2', '3', '4', '5', '6', '7':
			// Up to three octal digits; echo (and %b) also skip a leading
			// 0 that is followed by an octal digit, so \0101 and \101
			// are both "A" there, while printf's format reads \0101 as
			// \010 then "1".
			j := i
			if echo && c == '0' && j+1 < len(s) && s[j+1] >= '0' && s[j+1] <= '7' {
				j++
			}
			v, n := 0, 0
			for n < 3 && j < len(s) && s[j] >= '0' && s[j] <= '7' {
				if v*8+int(s[j]-'0') > 255 {
					// BusyBox stops before a digit that would overflow
					// a byte: \777 is "?" then "7".
					break
				}
				v = v*8 + int(s[j]-'0')
				j++
				n++
			}
			i = j - 1
			b.WriteByte(byte(v))
		default:
			b.WriteByte('\\')
			b.WriteByte(c)
		}
	}
	return b.String(), false
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func hexVal(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	}
	return int(c-'A') + 10
}
