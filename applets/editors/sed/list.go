package sed

// list appends the pattern space as GNU sed's l shows it: C escapes for
// the backslash and control characters, octal for other unprintable
// bytes, a '\' and a newline before a line would grow past width-1
// characters (no wrapping with width 0), and '$' at the end. nl ends
// its lines (NUL with -z, as GNU does).
func list(dst, s []byte, width int, nl byte) []byte {
	col := 0
	var esc [4]byte
	for _, c := range s {
		var e []byte
		switch c {
		case '\\':
			e = append(esc[:0], '\\', '\\')
		case '\a':
			e = append(esc[:0], '\\', 'a')
		case '\b':
			e = append(esc[:0], '\\', 'b')
		case '\f':
			e = append(esc[:0], '\\', 'f')
		case '\n':
			e = append(esc[:0], '\\', 'n')
		case '\r':
			e = append(esc[:0], '\\', 'r')
		case '\t':
			e = append(esc[:0], '\\', 't')
		case '\v':
			e = append(esc[:0], '\\', 'v')
		default:
			if c < ' ' || c >= 0x7f {
				e = append(esc[:0], '\\', '0'+c>>6, '0'+c>>3&7, '0'+c&7)
			} else {
				e = append(esc[:0], c)
			}
		}
		if width > 0 && col+len(e) > width-1 {
			dst = append(dst, '\\', nl)
			col = 0
		}
		dst = append(dst, e...)
		col += len(e)
	}
	return append(dst, '$', nl)
}
