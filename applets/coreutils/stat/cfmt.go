package stat

import (
	"strconv"
	"strings"
)

// spec is a parsed printf conversion prefix: "%<flags><width>.<prec>".
type spec struct {
	minus, plus, space, zero, alt bool
	width, prec                   int // prec < 0: not given
}

// parseSpec parses the modifiers BusyBox's stat passes on to printf
// (any of "#-+.I 0123456789"; 'I' is glibc's and ignored).
func parseSpec(mod string) spec {
	s := spec{prec: -1}
	i := 0
	for ; i < len(mod); i++ {
		switch mod[i] {
		case '-':
			s.minus = true
		case '+':
			s.plus = true
		case ' ':
			s.space = true
		case '0':
			s.zero = true
		case '#':
			s.alt = true
		case 'I':
		default:
			goto width
		}
	}
width:
	n := 0
	for ; i < len(mod) && mod[i] >= '0' && mod[i] <= '9'; i++ {
		n = n*10 + int(mod[i]-'0')
	}
	s.width = n
	if i < len(mod) && mod[i] == '.' {
		i++
		n = 0
		for ; i < len(mod) && mod[i] >= '0' && mod[i] <= '9'; i++ {
			n = n*10 + int(mod[i]-'0')
		}
		s.prec = n
	}
	return s
}

func (s spec) pad(b *strings.Builder, body string, zeroPrefix string) {
	n := len(zeroPrefix) + len(body)
	switch {
	case n >= s.width:
		b.WriteString(zeroPrefix)
		b.WriteString(body)
	case s.minus:
		b.WriteString(zeroPrefix)
		b.WriteString(body)
		b.WriteString(strings.Repeat(" ", s.width-n))
	default:
		b.WriteString(strings.Repeat(" ", s.width-n))
		b.WriteString(zeroPrefix)
		b.WriteString(body)
	}
}

// str formats a string as printf's %s.
func (s spec) str(b *strings.Builder, v string) {
	if s.prec >= 0 && len(v) > s.prec {
		v = v[:s.prec]
	}
	s.pad(b, v, "")
}

// char formats a byte as printf's %c.
func (s spec) char(b *strings.Builder, c byte) {
	s.pad(b, string(c), "")
}

// uint formats v in base 8, 10 or 16 as printf's %o, %u, %x.
func (s spec) uint(b *strings.Builder, v uint64, base int) {
	s.num(b, "", v, base)
}

// int formats v as printf's %d.
func (s spec) int(b *strings.Builder, v int64) {
	sign := ""
	u := uint64(v)
	switch {
	case v < 0:
		sign, u = "-", uint64(-v)
	case s.plus:
		sign = "+"
	case s.space:
		sign = " "
	}
	s.num(b, sign, u, 10)
}

func (s spec) num(b *strings.Builder, sign string, v uint64, base int) {
	digits := strconv.FormatUint(v, base)
	if s.prec == 0 && v == 0 {
		digits = ""
	}
	if s.prec > len(digits) {
		digits = strings.Repeat("0", s.prec-len(digits)) + digits
	}
	prefix := sign
	if s.alt {
		switch {
		case base == 8 && !strings.HasPrefix(digits, "0"):
			digits = "0" + digits
		case base == 16 && v != 0:
			prefix += "0x"
		}
	}
	if s.zero && !s.minus && s.prec < 0 && len(prefix)+len(digits) < s.width {
		digits = strings.Repeat("0", s.width-len(prefix)-len(digits)) + digits
	}
	s.pad(b, digits, prefix)
}

// render expands a stat format: each "%<mods>C" is handed to conv with
// the parsed modifiers; "%%" and a trailing "%" print "%". A newline is
// added, as BusyBox does, unless the format ends in a lone '%'.
func render(format string, conv func(b *strings.Builder, s spec, c byte)) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(format, '%')
		if i < 0 {
			b.WriteString(format)
			break
		}
		b.WriteString(format[:i])
		j := i + 1
		for j < len(format) && strings.IndexByte("#-+.I 0123456789", format[j]) >= 0 {
			j++
		}
		if j >= len(format) {
			// A lone trailing '%' prints '%' and, as in BusyBox,
			// no newline.
			b.WriteByte('%')
			return b.String()
		}
		c := format[j]
		if c == '%' {
			b.WriteByte('%')
		} else {
			conv(&b, parseSpec(format[i+1:j]), c)
		}
		format = format[j+1:]
	}
	b.WriteByte('\n')
	return b.String()
}
