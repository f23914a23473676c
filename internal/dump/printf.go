package dump

import (
	"math"
	"strconv"

	"gobox/internal/cfmt"
)

// cspec is a printf conversion as musl reads it: flags, width,
// precision (-1 when not given) and the count of 'l' length modifiers.
type cspec struct {
	minus, plus, space, hash, zero bool
	width, prec                    int
	long                           int
	ok                             bool // a conversion musl accepts
}

// parseSpec reads the conversion that starts at fmt[pct] ('%') and must
// end with its conversion character at fmt[conv]. What musl would
// reject (a flag after the width, a second precision, a width beyond
// C's int) is not ok: printf then prints nothing at all, not even the
// text around the conversion, as musl checks the whole format first.
func parseSpec(fmt []byte, pct, conv int) cspec {
	s := cspec{prec: -1}
	i := pct + 1
	for ; i < conv; i++ {
		switch fmt[i] {
		case '-':
			s.minus = true
		case '+':
			s.plus = true
		case ' ':
			s.space = true
		case '#':
			s.hash = true
		case '0':
			s.zero = true
		default:
			goto width
		}
	}
width:
	v, n := cfmt.Num(string(fmt[i:conv]))
	s.width = v
	i += n
	if i < conv && fmt[i] == '.' {
		v, n = cfmt.Num(string(fmt[i+1 : conv]))
		s.prec = v
		i += 1 + n
	}
	for i < conv && fmt[i] == 'l' && s.long < 2 {
		s.long++
		i++
	}
	s.ok = i == conv && s.width <= math.MaxInt32 && s.prec <= math.MaxInt32
	if s.minus {
		s.zero = false
	}
	return s
}

// pad appends n copies of c.
func pad(b []byte, c byte, n int) []byte {
	for ; n > 0; n-- {
		b = append(b, c)
	}
	return b
}

// appendField appends prefix and body padded to the width as musl does:
// spaces before, spaces after with '-', or zeros between prefix and body
// when zero is set.
func (s *cspec) appendField(b []byte, prefix, body []byte, zero bool) []byte {
	n := s.width - len(prefix) - len(body)
	switch {
	case n <= 0:
		b = append(b, prefix...)
		b = append(b, body...)
	case s.minus:
		b = append(b, prefix...)
		b = append(b, body...)
		b = pad(b, ' ', n)
	case zero:
		b = append(b, prefix...)
		b = pad(b, '0', n)
		b = append(b, body...)
	default:
		b = pad(b, ' ', n)
		b = append(b, prefix...)
		b = append(b, body...)
	}
	return b
}

// appendInt appends an integer conversion (d i o u x X) of a value with
// sign neg and magnitude mag.
func (s *cspec) appendInt(b []byte, conv byte, neg bool, mag uint64) []byte {
	var prefixBuf [2]byte
	prefix := prefixBuf[:0]
	base := 10
	switch conv {
	case 'o':
		base = 8
	case 'x', 'X':
		base = 16
	case 'd', 'i':
		switch {
		case neg:
			prefix = append(prefix, '-')
		case s.plus:
			prefix = append(prefix, '+')
		case s.space:
			prefix = append(prefix, ' ')
		}
	}
	var numBuf [24]byte
	body := numBuf[:0]
	if !(mag == 0 && s.prec == 0) {
		body = strconv.AppendUint(body, mag, base)
	}
	if conv == 'X' {
		for i, c := range body {
			if c >= 'a' {
				body[i] = c - 'a' + 'A'
			}
		}
	}
	if s.hash {
		switch {
		case base == 8 && (len(body) == 0 || body[0] != '0') && len(body) >= s.prec:
			// musl raises the precision to give a leading zero.
			prefix = append(prefix, '0')
		case base == 16 && mag != 0:
			prefix = append(prefix, '0', conv)
		}
	}
	if len(body) < s.prec {
		var zeros [64]byte
		z := zeros[:0]
		if s.prec-len(body) > len(zeros) {
			z = make([]byte, 0, s.prec-len(body))
		}
		z = pad(z, '0', s.prec-len(body))
		body = append(z, body...)
	}
	return s.appendField(b, prefix, body, s.zero && s.prec < 0)
}

// appendFloat appends a floating-point conversion (e E f g G).
func (s *cspec) appendFloat(b []byte, conv byte, v float64) []byte {
	cs := cfmt.Spec{Minus: s.minus, Plus: s.plus, Space: s.space, Hash: s.hash, Zero: s.zero, Width: s.width, Prec: s.prec}
	var sb byteWriter
	sb.b = b
	cs.Float(&sb, v, conv)
	return sb.b
}

// byteWriter appends what is written to b.
type byteWriter struct{ b []byte }

func (w *byteWriter) WriteString(s string) (int, error) {
	w.b = append(w.b, s...)
	return len(s), nil
}

// appendString appends %s of str (up to the precision) or %c of one
// byte: musl pads both with spaces, whatever the 0 flag says.
func (s *cspec) appendString(b []byte, str []byte) []byte {
	if s.prec >= 0 && s.prec < len(str) {
		str = str[:s.prec]
	}
	return s.appendField(b, nil, str, false)
}

// appendChar appends %c of c: the precision does not apply.
func (s *cspec) appendChar(b []byte, c byte) []byte {
	return s.appendField(b, nil, []byte{c}, false)
}
