// Package printf is the printf applet: BusyBox's printf FORMAT [ARG]...,
// with C conversions, * widths, %b, format reuse for extra arguments and
// "invalid number" diagnostics that do not stop the output.
package printf

import (
	"io"
	"math"
	"strconv"
	"strings"

	"gobox/internal/applet"
	"gobox/internal/cfmt"
	"gobox/internal/escape"
	"gobox/internal/opt"
)

// Applet is printf's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:    "printf",
	Path:    "/usr/bin",
	Usage:   "FORMAT [ARG]...",
	Help:    `Format and print ARG(s) according to FORMAT (a-la C printf)`,
	Options: &opt.Spec{Manual: true},
	NoFork:  true,
	Main:    run,
}

type printer struct {
	ctx     *applet.Ctx
	w       *output
	convErr bool
}

// output is printf's buffered stdout, as bufio.Writer keeps it (flushed
// at 4 KB, the first write error kept), in a buffer that grows with what
// is printed: the shell runs printf in its loops, and a 4 KB buffer per
// run was most of what a short printf allocated (issue 10).
type output struct {
	w   io.Writer
	buf []byte
	err error
}

const outputSize = 4096

func (o *output) Write(b []byte) (int, error) {
	if o.err != nil {
		return 0, o.err
	}
	if len(b) >= outputSize {
		// Large pieces go out as they are, as bufio.Writer's do: the
		// buffer never grows past a block.
		if o.Flush() == nil {
			_, o.err = o.w.Write(b)
		}
		return len(b), o.err
	}
	o.buf = append(o.buf, b...)
	if len(o.buf) >= outputSize {
		o.Flush()
	}
	return len(b), o.err
}

func (o *output) WriteString(s string) (int, error) {
	if o.err != nil {
		return 0, o.err
	}
	if len(s) >= outputSize {
		if o.Flush() == nil {
			_, o.err = io.WriteString(o.w, s)
		}
		return len(s), o.err
	}
	o.buf = append(o.buf, s...)
	if len(o.buf) >= outputSize {
		o.Flush()
	}
	return len(s), o.err
}

func (o *output) WriteByte(c byte) error {
	if o.err != nil {
		return o.err
	}
	o.buf = append(o.buf, c)
	if len(o.buf) >= outputSize {
		o.Flush()
	}
	return o.err
}

// Flush writes what is buffered; the first error stays.
func (o *output) Flush() error {
	if o.err == nil && len(o.buf) > 0 {
		_, o.err = o.w.Write(o.buf)
		o.buf = o.buf[:0]
	}
	return o.err
}

func run(ctx *applet.Ctx, args []string) error {
	if len(args) > 0 && args[0] == "--" {
		args = args[1:]
	}
	if len(args) == 0 {
		return applet.Usage("")
	}
	p := &printer{ctx: ctx, w: &output{w: ctx.Stdout}}
	format := args[0]
	rest := args[1:]
	status := 0
	for {
		next, st := p.formatted(format, rest)
		if st == stopError {
			status = 1
			break
		}
		if st == stopEscape || len(next) == len(rest) || len(next) == 0 || p.failed() {
			break
		}
		rest = next
	}
	if p.convErr {
		status = 1
	}
	if err := p.w.Flush(); err != nil {
		return applet.Perror(err, "write error")
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
		s := cfmt.Spec{Prec: -1}
		for f != "" && s.Flag(f[0]) {
			f = f[1:]
		}
		s.Width, f = p.number(f, next)
		if strings.HasPrefix(f, ".") {
			s.Prec, f = p.number(f[1:], next)
		}
		if s.Width < 0 {
			s.Minus = true
			s.Width = -s.Width
			if s.Width > math.MaxInt32 {
				// musl negates INT_MIN to itself, a negative width
				// that pads nothing.
				s.Width = 0
			}
		}
		if s.Prec < -1 {
			s.Prec = -1
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

// number reads a width or precision at the start of f: digits, or a '*'
// that takes the next argument (0 when there is none).
func (p *printer) number(f string, next func() (string, bool)) (int, string) {
	if strings.HasPrefix(f, "*") {
		if a, ok := next(); ok {
			return p.widthPrec(a), f[1:]
		}
		return 0, f[1:]
	}
	v, n := cfmt.Num(f)
	return v, f[n:]
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

// failed reports whether a write to stdout has failed: output keeps
// its first error.
func (p *printer) failed() bool {
	return p.w.err != nil
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

func (p *printer) direc(s *cfmt.Spec, conv byte, arg string) {
	switch conv {
	case 'c':
		c := byte(0)
		if arg != "" {
			c = arg[0]
		}
		s.Char(p.w, c)
	case 's':
		s.String(p.w, arg)
	case 'd', 'i':
		a, _ := quoted(strings.TrimLeft(arg, " \t\n\v\f\r"))
		v, ok := strtoll(strings.TrimPrefix(a, "+"), 0)
		if !ok {
			p.bad(a)
			v = 0
		}
		s.Int(p.w, v)
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
		s.Uint(p.w, v, conv)
	default:
		a, _ := quoted(arg)
		v, err := strtod(a)
		if err != nil {
			// BusyBox reports EINVAL and ERANGE alike; strtod's value
			// is used for ERANGE (±Inf, 0 or a subnormal), 0 otherwise.
			p.bad(a)
		}
		s.Float(p.w, v, conv)
	}
}

// strtod is C's strtod over the whole argument; an empty argument is 0,
// as in C printf.
func strtod(a string) (float64, error) {
	if a == "" {
		return 0, nil
	}
	return cfmt.Strtod(a)
}
