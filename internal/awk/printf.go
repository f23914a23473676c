package awk

import (
	"math"
	"strconv"
	"strings"

	"gobox/internal/cfmt"
)

// sprintfArgs is printf's and sprintf's formatting: args[0] is the
// format, the rest are evaluated as conversions need them (BusyBox
// evaluates no argument that no conversion uses).
func (in *interp) sprintfArgs(args []Expr) string {
	format := in.toStr(in.eval(args[0]))
	i := 1
	return in.format(format, func() Cell {
		if i >= len(args) {
			return Cell{}
		}
		i++
		return in.eval(args[i-1])
	})
}

// sprintf formats cells (CONVFMT and OFMT conversions).
func (in *interp) sprintf(format string, cells []Cell) string {
	i := 0
	return in.format(format, func() Cell {
		if i >= len(cells) {
			return Cell{}
		}
		i++
		return cells[i-1]
	})
}

func isAlpha(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

// format is BusyBox's awk_printf: each conversion, from % to the first
// letter after it, is C's printf of one argument: %c %s, the integer
// conversions of C's int (so of a value truncated to 32 bits), and the
// floating-point ones. Text with a % and no letter after it is copied.
func (in *interp) format(f string, next func() Cell) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(f, '%')
		if i < 0 || i+1 >= len(f) {
			b.WriteString(f)
			return b.String()
		}
		b.WriteString(f[:i])
		f = f[i:]
		if f[1] == '%' {
			b.WriteByte('%')
			f = f[2:]
			continue
		}
		j := 1
		for j < len(f) && !isAlpha(f[j]) {
			if f[j] == '*' {
				in.fatal("%*x formats are not supported")
			}
			j++
		}
		if j == len(f) {
			b.WriteString(f)
			return b.String()
		}
		conv := f[j]
		spec := parseSpec(f[1:j])
		arg := next()
		switch conv {
		case 'c':
			var c byte
			if arg.isNum() {
				c = byte(truncInt(toNum(arg)))
			} else if s := in.toStr(arg); s != "" {
				c = s[0]
			}
			spec.Char(&b, c)
		case 's':
			spec.String(&b, in.toStr(arg))
		case 'd', 'i':
			spec.Int(&b, int64(truncInt(toNum(arg))))
		case 'o', 'u', 'x', 'X':
			spec.Uint(&b, uint64(uint32(int32(truncInt(toNum(arg))))), conv)
		case 'e', 'E', 'f', 'g', 'G':
			spec.Float(&b, toNum(arg), conv)
		case 'F':
			var t strings.Builder
			spec.Float(&t, toNum(arg), 'f')
			b.WriteString(strings.ToUpper(t.String()))
		case 'a', 'A':
			hexFloat(&b, spec, toNum(arg), conv == 'A')
		default:
			in.fatal("Invalid format specifier")
		}
		f = f[j+1:]
	}
}

// parseSpec reads the flags, width and precision between % and the
// conversion.
func parseSpec(s string) cfmt.Spec {
	sp := cfmt.Spec{Prec: -1}
	i := 0
	for i < len(s) && sp.Flag(s[i]) {
		i++
	}
	w, n := cfmt.Num(s[i:])
	sp.Width = w
	i += n
	if i < len(s) && s[i] == '.' {
		p, n := cfmt.Num(s[i+1:])
		sp.Prec = p
		i += 1 + n
	}
	return sp
}

// hexFloat is %a: C's hexadecimal floating point.
func hexFloat(b *strings.Builder, sp cfmt.Spec, v float64, upper bool) {
	prefix := ""
	if math.Signbit(v) {
		prefix = "-"
		v = -v
	} else if sp.Plus {
		prefix = "+"
	} else if sp.Space {
		prefix = " "
	}
	var body string
	switch {
	case math.IsInf(v, 0):
		body = "inf"
	case math.IsNaN(v):
		body = "nan"
	default:
		body = strconv.FormatFloat(v, 'x', sp.Prec, 64)
		// Go writes two exponent digits, C as few as it needs.
		if k := strings.IndexByte(body, 'p'); k >= 0 {
			exp := body[k+2:]
			for len(exp) > 1 && exp[0] == '0' {
				exp = exp[1:]
			}
			body = body[:k+2] + exp
		}
	}
	if upper {
		body = strings.ToUpper(body)
	}
	sp.Pad(b, prefix, body, sp.Zero && !math.IsInf(v, 0) && !math.IsNaN(v))
}
