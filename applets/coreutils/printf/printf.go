// Package printf is the printf applet: BusyBox's printf FORMAT [ARG]...,
// with C conversions, * widths, %b, format reuse for extra arguments and
// "invalid number" diagnostics that do not stop the output.
package printf

import (
	"bufio"
	"math"
	"strconv"
	"strings"

	"gobox/internal/applet"
	"gobox/internal/escape"
)

// Applet is printf's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:   "printf",
	Path:   "/usr/bin",
	Usage:  "FORMAT [ARG]...",
	Help:   `Format and print ARG(s) according to FORMAT (a-la C printf)`,
	NoFork: true,
	Main:   run,
}

type printer struct {
	ctx     *applet.Ctx
	w       *bufio.Writer
	convErr bool
}

func run(ctx *applet.Ctx, args []string) error {
	if len(args) > 0 && args[0] == "--" {
		args = args[1:]
	}
	if len(args) == 0 {
		return applet.Usage("")
	}
	p := &printer{ctx: ctx, w: bufio.NewWriter(ctx.Stdout)}
	format := args[0]
	rest := args[1:]
	status := 0
	for {
		next, st := p.formatted(format, rest)
		if st == stopError {
			status = 1
			break
		}
		if st == stopEscape || len(next) == len(rest) || len(next) == 0 {
			break
		}
		rest = next
	}
	if p.convErr {
		status = 1
	}
	if err := p.w.Flush(); err != nil {
		return applet.Errorf("write error: %s", applet.ErrText(err))
	}
	return applet.Exit(status)
}

type stop int

const (
	stopNone   stop = iota
	stopEscape      // \c: nothing more is printed
	stopError       // invalid format
)

// formatted prints format once, consuming arguments, and returns the
// arguments left.
func (p *printer) formatted(f string, argv []string) ([]string, stop) {
	next := func() (string, bool) {
		if len(argv) == 0 {
			return "", false
		}
		a := argv[0]
		argv = argv[1:]
		return a, true
	}
	for len(f) > 0 {
		i := strings.IndexByte(f, '%')
		lit := f
		if i >= 0 {
			lit = f[:i]
		}
		if lit != "" {
			out, stopped := escape.Printf(lit)
			p.w.WriteString(out)
			if stopped {
				return argv, stopEscape
			}
		}
		if i < 0 {
			break
		}
		start := f[i:]
		f = f[i+1:]
		if strings.HasPrefix(f, "%") {
			p.w.WriteByte('%')
			f = f[1:]
			continue
		}
		if strings.HasPrefix(f, "b") {
			f = f[1:]
			if a, ok := next(); ok {
				out, stopped := escape.Echo(a)
				p.w.WriteString(out)
				if stopped {
					return argv, stopEscape
				}
			}
			continue
		}
		var s spec
		s.prec = -1
		for f != "" && strings.IndexByte("-+ #0", f[0]) >= 0 {
			switch f[0] {
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
			}
			f = f[1:]
		}
		if strings.HasPrefix(f, "*") {
			f = f[1:]
			if a, ok := next(); ok {
				s.width = p.widthPrec(a)
			}
		} else {
			n := digits(f)
			s.width, _ = strconv.Atoi(f[:n])
			f = f[n:]
		}
		if strings.HasPrefix(f, ".") {
			f = f[1:]
			s.prec = 0
			if strings.HasPrefix(f, "*") {
				f = f[1:]
				if a, ok := next(); ok {
					s.prec = p.widthPrec(a)
				}
			} else {
				n := digits(f)
				s.prec, _ = strconv.Atoi(f[:n])
				f = f[n:]
			}
		}
		if s.width < 0 {
			s.minus = true
			s.width = -s.width
		}
		if s.prec < -1 {
			s.prec = -1
		}
		head := start[:len(start)-len(f)]
		for f != "" && (f[0]|0x20 == 'l' || f[0] == 'h' || f[0] == 'z') {
			f = f[1:]
		}
		if f == "" || strings.IndexByte("diouxXfeEgGcs", f[0]) < 0 {
			// BusyBox has already cut the size modifiers out of the
			// format it prints.
			p.warn("%s: invalid format", head+f)
			return argv, stopError
		}
		conv := f[0]
		f = f[1:]
		a, _ := next()
		p.direc(&s, conv, a)
	}
	return argv, stopNone
}

func digits(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}

// widthPrec converts a * argument (bb_strtoi); errors print a message
// and count as 0 without changing the exit status.
func (p *printer) widthPrec(a string) int {
	v, ok := strtoll(a, 10)
	if !ok || v > math.MaxInt32 || v < math.MinInt32 {
		p.warn("invalid number '%s'", a)
		return 0
	}
	return int(v)
}

type spec struct {
	minus, plus, space, hash, zero bool
	width, prec                    int
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// strtoll is bb_strtoll: the first character (after a "-") must be
// alphanumeric, C's base rules apply (0x hex, 0 octal with base 0) and
// nothing may follow the number.
func strtoll(s string, base int) (int64, bool) {
	first := byte(0)
	if s != "" {
		first = s[0]
		if first == '-' {
			first = 0
			if len(s) > 1 {
				first = s[1]
			}
		}
	}
	if !isAlnum(first) {
		return 0, false
	}
	v, err := strconv.ParseInt(cBase(s, base))
	return v, err == nil
}

// strtoull is bb_strtoull: no sign allowed.
func strtoull(s string) (uint64, bool) {
	if s == "" || !isAlnum(s[0]) {
		return 0, false
	}
	v, err := strconv.ParseUint(cBase(s, 0))
	return v, err == nil
}

// cBase turns C's base-0 prefixes into an explicit base for strconv
// (which would otherwise also accept "0b", "0o" and "_").
func cBase(s string, base int) (string, int, int) {
	if base != 0 {
		if strings.ContainsAny(s, "_") {
			return "x", 10, 64
		}
		return s, base, 64
	}
	neg := ""
	t := s
	if strings.HasPrefix(t, "-") {
		neg, t = "-", t[1:]
	}
	if strings.ContainsAny(t, "_") {
		return "x", 10, 64
	}
	switch {
	case len(t) > 2 && t[0] == '0' && (t[1] == 'x' || t[1] == 'X'):
		return neg + t[2:], 16, 64
	case len(t) > 1 && t[0] == '0':
		return neg + t[1:], 8, 64
	}
	return s, 10, 64
}

// quoted handles a leading ' or ": the value of the next character.
func quoted(a string) (string, bool) {
	if a != "" && (a[0] == '"' || a[0] == '\'') {
		if len(a) > 1 {
			return strconv.Itoa(int(a[1])), true
		}
		return "0", true
	}
	return a, false
}

// warn flushes stdout first, as bb_error_msg does, so that messages and
// output interleave in order.
func (p *printer) warn(format string, args ...any) {
	p.w.Flush()
	p.ctx.Warnf(format, args...)
}

func (p *printer) bad(a string) {
	p.warn("invalid number '%s'", a)
	p.convErr = true
}

func (p *printer) direc(s *spec, conv byte, arg string) {
	switch conv {
	case 'c':
		b := []byte{0}
		if arg != "" {
			b[0] = arg[0]
		}
		p.pad(s, "", string(b), false)
	case 's':
		if s.prec >= 0 && s.prec < len(arg) {
			arg = arg[:s.prec]
		}
		p.pad(s, "", arg, false)
	case 'd', 'i':
		a, _ := quoted(strings.TrimLeft(arg, " \t\n\v\f\r"))
		v, ok := strtoll(strings.TrimPrefix(a, "+"), 0)
		if !ok {
			p.bad(a)
			v = 0
		}
		p.integer(s, conv, uint64(v), v < 0)
	case 'o', 'u', 'x', 'X':
		a, _ := quoted(strings.TrimLeft(arg, " \t\n\v\f\r"))
		t := strings.TrimPrefix(a, "+")
		v, ok := strtoull(t)
		if !ok {
			var sv int64
			sv, ok = strtoll(t, 0)
			v = uint64(sv)
		}
		if !ok {
			p.bad(a)
			v = 0
		}
		p.integer(s, conv, v, false)
	default:
		a, _ := quoted(arg)
		v, ok := strtod(a)
		if !ok {
			p.bad(a)
			v = 0
		} else if outOfRange(v, a) {
			p.bad(a) // ERANGE: reported, but the value is used
		}
		p.float(s, conv, v)
	}
}

// pad writes sign+body padded to the width; zero pads with zeros after
// the sign (prefix).
func (p *printer) pad(s *spec, prefix, body string, zero bool) {
	n := s.width - len(prefix) - len(body)
	if n <= 0 {
		p.w.WriteString(prefix)
		p.w.WriteString(body)
		return
	}
	switch {
	case s.minus:
		p.w.WriteString(prefix)
		p.w.WriteString(body)
		p.w.WriteString(strings.Repeat(" ", n))
	case zero:
		p.w.WriteString(prefix)
		p.w.WriteString(strings.Repeat("0", n))
		p.w.WriteString(body)
	default:
		p.w.WriteString(strings.Repeat(" ", n))
		p.w.WriteString(prefix)
		p.w.WriteString(body)
	}
}

// integer formats like C's %lld family. For d and i, v holds the two's
// complement of a negative value.
func (p *printer) integer(s *spec, conv byte, v uint64, neg bool) {
	prefix := ""
	var body string
	switch conv {
	case 'd', 'i':
		mag := v
		if neg {
			mag = -v
			prefix = "-"
		} else if s.plus {
			prefix = "+"
		} else if s.space {
			prefix = " "
		}
		body = strconv.FormatUint(mag, 10)
	case 'o':
		body = strconv.FormatUint(v, 8)
	case 'u':
		body = strconv.FormatUint(v, 10)
	case 'x':
		body = strconv.FormatUint(v, 16)
	case 'X':
		body = strings.ToUpper(strconv.FormatUint(v, 16))
	}
	if s.prec >= 0 {
		if s.prec == 0 && v == 0 {
			body = ""
		}
		if len(body) < s.prec {
			body = strings.Repeat("0", s.prec-len(body)) + body
		}
	}
	if s.hash {
		switch {
		case conv == 'o' && !strings.HasPrefix(body, "0"):
			body = "0" + body
		case conv == 'x' && v != 0:
			prefix = "0x"
		case conv == 'X' && v != 0:
			prefix = "0X"
		}
	}
	p.pad(s, prefix, body, s.zero && s.prec < 0)
}

// strtod accepts what C's strtod converts completely: leading blanks, a
// sign, decimal or 0x hex numbers, inf, infinity and nan. "" is 0.
func strtod(a string) (float64, bool) {
	t := strings.TrimLeft(a, " \t\n\v\f\r")
	if t == "" {
		return 0, a == ""
	}
	body := t
	if body[0] == '+' || body[0] == '-' {
		body = body[1:]
	}
	lower := strings.ToLower(body)
	switch {
	case lower == "nan":
		if t[0] == '-' {
			return math.Copysign(math.NaN(), -1), true
		}
		return math.NaN(), true
	case lower == "inf" || lower == "infinity":
	case strings.HasPrefix(lower, "0x"):
		if !strings.Contains(lower, "p") {
			t += "p0"
		}
	case strings.ContainsAny(lower, "_xinp") || body == "":
		return 0, false
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return v, true
		}
		return 0, false
	}
	return v, true
}

// float formats like C's %f %e %E %g %G.
func (p *printer) float(s *spec, conv byte, v float64) {
	prefix := ""
	if math.Signbit(v) {
		prefix = "-"
		v = -v
	} else if s.plus {
		prefix = "+"
	} else if s.space {
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
		p.pad(s, prefix, body, false)
		return
	}
	prec := s.prec
	if prec < 0 {
		prec = 6
	}
	var body string
	switch conv {
	case 'f':
		body = strconv.FormatFloat(v, 'f', prec, 64)
		if s.hash && prec == 0 {
			body += "."
		}
	case 'e', 'E':
		body = expForm(v, prec, s.hash)
	default:
		if prec == 0 {
			prec = 1
		}
		e := strconv.FormatFloat(v, 'e', prec-1, 64)
		x, _ := strconv.Atoi(e[strings.IndexByte(e, 'e')+1:])
		if x < -4 || x >= prec {
			body = expForm(v, prec-1, s.hash)
			if !s.hash {
				m, exp, _ := strings.Cut(body, "e")
				body = trimZeros(m) + "e" + exp
			}
		} else {
			body = strconv.FormatFloat(v, 'f', prec-1-x, 64)
			if s.hash {
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
	p.pad(s, prefix, body, s.zero)
}

// outOfRange reports strtod's ERANGE: overflow to infinity, or a
// non-zero number that underflowed to zero.
func outOfRange(v float64, a string) bool {
	lower := strings.ToLower(a)
	if math.IsInf(v, 0) {
		return !strings.Contains(lower, "inf")
	}
	if v != 0 {
		return false
	}
	mant := lower
	if strings.Contains(lower, "0x") {
		mant, _, _ = strings.Cut(strings.SplitN(lower, "0x", 2)[1], "p")
	} else {
		mant, _, _ = strings.Cut(lower, "e")
	}
	return strings.ContainsAny(mant, "123456789abcdef")
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
