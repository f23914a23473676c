// Package cfmt formats single values the way C's printf conversions do
// (%s %c %d %i %o %u %x %X %f %e %E %g %G with the flags "-+ #0", a
// width and a precision), for the applets that hand user formats to
// printf in BusyBox (printf and stat), and reads floating-point numbers
// the way musl's strtod does (printf and seq).
package cfmt

import (
	"io"
	"math"
	"strconv"
	"strings"
)

// Spec is a parsed conversion prefix: "%<flags><width>.<prec>".
type Spec struct {
	Minus, Plus, Space, Hash, Zero bool // the flags - + space # 0
	Width                          int
	Prec                           int // < 0: not given
}

// Flag sets the flag c (one of "-+ #0") and reports whether c is one.
func (s *Spec) Flag(c byte) bool {
	switch c {
	case '-':
		s.Minus = true
	case '+':
		s.Plus = true
	case ' ':
		s.Space = true
	case '#':
		s.Hash = true
	case '0':
		s.Zero = true
	default:
		return false
	}
	return true
}

// Num reads the decimal digits at the start of s, as a width or a
// precision, and returns the value and how many bytes it used. Values
// too large for C's int saturate at math.MaxInt32+1, which Overflow
// rejects.
func Num(s string) (v, n int) {
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		if v <= math.MaxInt32 {
			v = v*10 + int(s[n]-'0')
		}
		n++
	}
	if v > math.MaxInt32 {
		v = math.MaxInt32 + 1
	}
	return v, n
}

// Overflow reports a width or precision beyond C's int: printf fails
// with EOVERFLOW and prints nothing for the conversion.
func (s Spec) Overflow() bool {
	return s.Width > math.MaxInt32 || s.Prec > math.MaxInt32
}

func writePad(w io.StringWriter, c string, n int) {
	const chunk = 64
	block := strings.Repeat(c, min(n, chunk))
	for ; n > chunk; n -= chunk {
		w.WriteString(block)
	}
	w.WriteString(block[:n])
}

// Pad writes prefix+body padded to the width: with spaces before it, or
// after it for '-', or, when zero is true, with zeros between prefix (a
// sign or "0x") and body.
func (s Spec) Pad(w io.StringWriter, prefix, body string, zero bool) {
	if s.Overflow() {
		return
	}
	n := s.Width - len(prefix) - len(body)
	switch {
	case n <= 0:
		w.WriteString(prefix)
		w.WriteString(body)
	case s.Minus:
		w.WriteString(prefix)
		w.WriteString(body)
		writePad(w, " ", n)
	case zero:
		w.WriteString(prefix)
		writePad(w, "0", n)
		w.WriteString(body)
	default:
		writePad(w, " ", n)
		w.WriteString(prefix)
		w.WriteString(body)
	}
}

// String formats v as %s: at most Prec bytes of it.
func (s Spec) String(w io.StringWriter, v string) {
	if s.Prec >= 0 && s.Prec < len(v) {
		v = v[:s.Prec]
	}
	s.Pad(w, "", v, false)
}

// Char formats c as %c.
func (s Spec) Char(w io.StringWriter, c byte) {
	s.Pad(w, "", string([]byte{c}), false)
}

// Int formats v as %d.
func (s Spec) Int(w io.StringWriter, v int64) {
	prefix := ""
	mag := uint64(v)
	switch {
	case v < 0:
		prefix, mag = "-", -mag
	case s.Plus:
		prefix = "+"
	case s.Space:
		prefix = " "
	}
	s.integer(w, prefix, mag, 10, false)
}

// Uint formats v as conv, one of %o %u %x %X.
func (s Spec) Uint(w io.StringWriter, v uint64, conv byte) {
	switch conv {
	case 'o':
		s.integer(w, "", v, 8, false)
	case 'x':
		s.integer(w, "", v, 16, false)
	case 'X':
		s.integer(w, "", v, 16, true)
	default:
		s.integer(w, "", v, 10, false)
	}
}

func (s Spec) integer(w io.StringWriter, prefix string, v uint64, base int, upper bool) {
	if s.Overflow() {
		return
	}
	body := strconv.FormatUint(v, base)
	if s.Prec == 0 && v == 0 {
		body = ""
	}
	if len(body) < s.Prec {
		body = strings.Repeat("0", s.Prec-len(body)) + body
	}
	if s.Hash {
		switch {
		case base == 8 && !strings.HasPrefix(body, "0"):
			body = "0" + body
		case base == 16 && v != 0:
			prefix += "0x"
		}
	}
	if upper {
		body = strings.ToUpper(body)
		prefix = strings.ToUpper(prefix)
	}
	s.Pad(w, prefix, body, s.Zero && s.Prec < 0)
}

// Float formats v as conv, one of %f %e %E %g %G.
func (s Spec) Float(w io.StringWriter, v float64, conv byte) {
	if s.Overflow() {
		return
	}
	prefix := ""
	if math.Signbit(v) {
		prefix = "-"
		v = -v
	} else if s.Plus {
		prefix = "+"
	} else if s.Space {
		prefix = " "
	}
	upper := conv == 'E' || conv == 'G'
	if math.IsInf(v, 0) || math.IsNaN(v) {
		body := "inf"
		if math.IsNaN(v) {
			body = "nan"
		}
		if upper {
			body = strings.ToUpper(body)
		}
		s.Pad(w, prefix, body, false)
		return
	}
	prec := s.Prec
	if prec < 0 {
		prec = 6
	}
	var body string
	switch conv {
	case 'f':
		body = strconv.FormatFloat(v, 'f', prec, 64)
		if s.Hash && prec == 0 {
			body += "."
		}
	case 'e', 'E':
		body = expForm(v, prec, s.Hash)
	default:
		if prec == 0 {
			prec = 1
		}
		e := strconv.FormatFloat(v, 'e', prec-1, 64)
		x, _ := strconv.Atoi(e[strings.IndexByte(e, 'e')+1:])
		if x < -4 || x >= prec {
			body = expForm(v, prec-1, s.Hash)
			if !s.Hash {
				m, exp, _ := strings.Cut(body, "e")
				body = trimZeros(m) + "e" + exp
			}
		} else {
			body = strconv.FormatFloat(v, 'f', prec-1-x, 64)
			if s.Hash {
				if !strings.Contains(body, ".") {
					body += "."
				}
			} else {
				body = trimZeros(body)
			}
		}
	}
	if upper {
		body = strings.ToUpper(body)
	}
	s.Pad(w, prefix, body, s.Zero)
}

func expForm(v float64, prec int, hash bool) string {
	b := strconv.FormatFloat(v, 'e', prec, 64)
	if hash && prec == 0 {
		m, exp, _ := strings.Cut(b, "e")
		b = m + ".e" + exp
	}
	return b
}

func trimZeros(s string) string {
	if !strings.Contains(s, ".") {
		return s
	}
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}
