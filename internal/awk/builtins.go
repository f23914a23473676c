package awk

import (
	"errors"
	"math"
	"strings"
	"time"

	"gobox/internal/regex"
)

// builtin is a builtin function.
type builtin uint8

const (
	bAnd builtin = iota + 1
	bCompl
	bLshift
	bOr
	bRshift
	bXor
	bClose
	bSystem
	bFflush
	bAtan2
	bCos
	bExp
	bInt
	bLog
	bRand
	bSin
	bSqrt
	bSrand
	bGensub
	bGsub
	bIndex
	bMatch
	bSplit
	bSprintf
	bSub
	bSubstr
	bSystime
	bStrftime
	bMktime
	bTolower
	bToupper
	bLength
)

// builtinByName returns the builtin called name: BusyBox's list, which
// has the GNU bit operations, gensub, systime, strftime and mktime.
func builtinByName(name string) (builtin, bool) {
	switch name {
	case "and":
		return bAnd, true
	case "compl":
		return bCompl, true
	case "lshift":
		return bLshift, true
	case "or":
		return bOr, true
	case "rshift":
		return bRshift, true
	case "xor":
		return bXor, true
	case "close":
		return bClose, true
	case "system":
		return bSystem, true
	case "fflush":
		return bFflush, true
	case "atan2":
		return bAtan2, true
	case "cos":
		return bCos, true
	case "exp":
		return bExp, true
	case "int":
		return bInt, true
	case "log":
		return bLog, true
	case "rand":
		return bRand, true
	case "sin":
		return bSin, true
	case "sqrt":
		return bSqrt, true
	case "srand":
		return bSrand, true
	case "gensub":
		return bGensub, true
	case "gsub":
		return bGsub, true
	case "index":
		return bIndex, true
	case "match":
		return bMatch, true
	case "split":
		return bSplit, true
	case "sprintf":
		return bSprintf, true
	case "sub":
		return bSub, true
	case "substr":
		return bSubstr, true
	case "systime":
		return bSystime, true
	case "strftime":
		return bStrftime, true
	case "mktime":
		return bMktime, true
	case "tolower":
		return bTolower, true
	case "toupper":
		return bToupper, true
	case "length":
		return bLength, true
	}
	return 0, false
}

// minArgs is the number of arguments a builtin needs, as BusyBox checks
// it when the call runs.
func minArgs(b builtin) int {
	switch b {
	case bAnd, bLshift, bOr, bRshift, bXor, bAtan2, bGsub, bIndex, bMatch, bSplit, bSub, bSubstr:
		return 2
	case bCompl, bTolower, bToupper, bClose, bSystem, bCos, bExp, bInt, bLog, bSin, bSqrt:
		return 1
	case bGensub:
		return 3
	}
	return 0
}

// oneArg reports whether the builtin takes at most one argument
// (BusyBox's "simple" builtins, which complain about more).
func oneArg(b builtin) bool {
	switch b {
	case bClose, bSystem, bFflush, bCos, bExp, bInt, bLog, bRand, bSin, bSqrt, bSrand, bSystime, bLength:
		return true
	}
	return false
}

// negNaN is the NaN x86's arithmetic and musl's math functions give
// for an invalid operation: its sign bit is set, so it prints "-nan".
func negNaN() float64 { return math.Copysign(math.NaN(), -1) }

func mathResult(v float64) float64 {
	if math.IsNaN(v) {
		return negNaN()
	}
	return v
}

func (in *interp) callBuiltin(c *builtinCall) Cell {
	args := c.args
	if len(args) < minArgs(c.fn) {
		in.fatalAt(c.line, "Too few arguments")
	}
	if oneArg(c.fn) && len(args) > 1 || (c.fn == bRand || c.fn == bSystime) && len(args) > 0 {
		in.fatalAt(c.line, "Too many arguments")
	}
	switch c.fn {
	case bLength:
		if len(args) == 0 {
			return num(float64(len(in.recordStr())))
		}
		if vr, ok := unparen(args[0]).(*varRef); ok {
			if v := in.root(vr); v.arr != nil {
				return num(float64(v.arr.Len()))
			}
		}
		return num(float64(len(in.toStr(in.eval(args[0])))))
	case bSubstr:
		s := in.toStr(in.eval(args[0]))
		i := truncInt(toNum(in.eval(args[1]))) - 1
		l := len(s)
		if i > l {
			i = l
		}
		if i < 0 {
			i = 0
		}
		n := l - i
		if len(args) > 2 {
			n = truncInt(toNum(in.eval(args[2])))
		}
		if n < 0 {
			n = 0
		}
		if n > l-i {
			n = l - i
		}
		return str(s[i : i+n])
	case bIndex:
		s := in.toStr(in.eval(args[0]))
		t := in.toStr(in.eval(args[1]))
		if t == "" || len(t) > len(s) {
			return num(0)
		}
		if in.icase {
			for i := 0; i+len(t) <= len(s); i++ {
				if strings.EqualFold(s[i:i+len(t)], t) {
					return num(float64(i + 1))
				}
			}
			return num(0)
		}
		return num(float64(strings.Index(s, t) + 1))
	case bSplit:
		return in.split(args)
	case bSub, bGsub:
		return in.sub(c, args)
	case bGensub:
		return in.gensub(args)
	case bMatch:
		s := in.toStr(in.eval(args[0]))
		re := in.regexOf(args[1])
		start, length := 0, -1
		if m := re.FindStringSubmatchIndex(s, false); m != nil {
			start, length = m[0]+1, m[1]-m[0]
		}
		in.setGlobal(vRLENGTH, num(float64(length)))
		in.setGlobal(vRSTART, num(float64(start)))
		return num(float64(start))
	case bSprintf:
		if len(args) == 0 {
			return str("")
		}
		s := in.sprintfArgs(args)
		if i := strings.IndexByte(s, 0); i >= 0 {
			s = s[:i] // a C string
		}
		return str(s)
	case bTolower, bToupper:
		s := []byte(in.toStr(in.eval(args[0])))
		for i, b := range s {
			if b|0x20 >= 'a' && b|0x20 <= 'z' {
				if c.fn == bToupper {
					s[i] = b &^ 0x20
				} else {
					s[i] = b | 0x20
				}
			}
		}
		return str(string(s))
	case bInt:
		// C's (long long) on x86: out of range is LLONG_MIN.
		v := in.num(args[0])
		if !(v >= -9223372036854775808 && v < 9223372036854775808) {
			return num(-9223372036854775808)
		}
		return num(math.Trunc(v))
	case bSqrt:
		return num(mathResult(math.Sqrt(in.num(args[0]))))
	case bExp:
		return num(mathResult(math.Exp(in.num(args[0]))))
	case bLog:
		v := in.num(args[0])
		if v < 0 {
			return num(negNaN())
		}
		return num(mathResult(math.Log(v)))
	case bSin:
		return num(mathResult(math.Sin(in.num(args[0]))))
	case bCos:
		return num(mathResult(math.Cos(in.num(args[0]))))
	case bAtan2:
		y := in.num(args[0])
		return num(mathResult(math.Atan2(y, in.num(args[1]))))
	case bRand:
		return num(in.rand())
	case bSrand:
		prev := in.seed
		if len(args) > 0 {
			in.seed = uint32(int64(in.num(args[0])))
		} else {
			in.seed = uint32(time.Now().Unix())
		}
		in.rng = uint64(in.seed) - 1
		return num(float64(prev))
	case bSystime:
		return num(float64(time.Now().Unix()))
	case bStrftime:
		format := "%a %b %d %H:%M:%S %Z %Y"
		if len(args) > 0 {
			format = in.toStr(in.eval(args[0]))
		}
		t := time.Now()
		if len(args) > 1 {
			t = time.Unix(int64(in.num(args[1])), 0)
		}
		return str(strftime(format, t.In(in.location())))
	case bMktime:
		return num(float64(mktime(in.toStr(in.eval(args[0])), in.location())))
	case bAnd, bOr, bXor, bLshift, bRshift:
		a := bitArg(in.num(args[0]))
		b := bitArg(in.num(args[1]))
		var r uint64
		switch c.fn {
		case bAnd:
			r = a & b
		case bOr:
			r = a | b
		case bXor:
			r = a ^ b
		case bLshift:
			r = a << (b & 63)
		case bRshift:
			r = a >> (b & 63)
		}
		return num(float64(r))
	case bCompl:
		return num(float64(^bitArg(in.num(args[0]))))
	case bSystem:
		return num(float64(in.system(in.toStr(in.eval(args[0])))))
	case bClose:
		return num(float64(in.closeStream(in.toStr(in.eval(args[0])))))
	case bFflush:
		if len(args) == 0 {
			in.flushStdout()
		} else if name := in.toStr(in.eval(args[0])); name == "" {
			in.flushAll()
		} else if o := in.outputs[name]; o != nil {
			o.flush(in)
		} else {
			// fflush(NULL): BusyBox flushes a stream it never opened.
			in.flushAll()
		}
		return num(0)
	}
	in.fatalAt(c.line, "Possible syntax error")
	return Cell{}
}

// truncInt converts a double to an int as C's (int) cast does on x86:
// toward zero, and INT_MIN when out of range.
func truncInt(v float64) int {
	if v != v || v >= 2147483648 || v <= -2147483649 {
		return math.MinInt32
	}
	return int(int32(v))
}

// bitArg is BusyBox's getvar_i_int: a double to unsigned long, negative
// values as two's complement.
func bitArg(d float64) uint64 {
	if d >= 0 {
		if d >= 18446744073709551616 {
			return 1 << 63
		}
		return uint64(d)
	}
	if -d >= 9223372036854775808 {
		return 1 << 63
	}
	return -uint64(-d)
}

// rand is BusyBox's rand() on musl: three draws of musl's 31-bit
// generator make a 63-bit fraction.
func (in *interp) rand() float64 {
	next := func() uint64 {
		in.rng = 6364136223846793005*in.rng + 1
		return in.rng >> 33
	}
	a := next()
	b := next()
	c := next()
	u := uint32(a<<16) ^ uint32(b)
	v := (c<<32 | uint64(u)) & 0x7fffffffffffffff
	return float64(v) / 9223372036854775808.0
}

func (in *interp) num(x Expr) float64 { return in.evalNum(x) }

// regexOf returns the regular expression an argument stands for: a
// literal's, or its value's as a dynamic one.
func (in *interp) regexOf(x Expr) *regex.Regexp {
	if r, ok := unparen(x).(*regexLit); ok {
		if in.icase {
			if r.ire == nil {
				r.ire, _ = regex.Compile(r.src, regex.Extended|regex.ICase)
			}
			if r.ire != nil {
				return r.ire
			}
		}
		return r.re
	}
	return in.dynRegex(in.toStr(in.eval(x)))
}

// dynRegex compiles a string as a regular expression, extended, or basic
// when it is not a valid extended one (BusyBox's fallback, for patterns
// like "@(samp|code){" that gawk takes), and remembers it.
func (in *interp) dynRegex(s string) *regex.Regexp {
	key := s
	if in.icase {
		key = "\x00i" + s
	}
	if re, ok := in.regexCache[key]; ok {
		return re
	}
	flags := regex.Extended
	if in.icase {
		flags |= regex.ICase
	}
	re, err := regex.Compile(s, flags)
	if err != nil {
		re, err = regex.Compile(s, flags&^regex.Extended)
		if err != nil {
			in.fatalRaw("bad regex '" + s + "': " + reErrText(err))
		}
	}
	if len(in.regexCache) >= 256 {
		clear(in.regexCache)
	}
	in.regexCache[key] = re
	return re
}

// split is split(s, a [, sep]).
func (in *interp) split(args []Expr) Cell {
	s := in.toStr(in.eval(args[0]))
	vr, ok := unparen(args[1]).(*varRef)
	if !ok {
		in.fatal("Not an array")
	}
	sp := &in.fs
	if len(args) > 2 {
		if r, ok := unparen(args[2]).(*regexLit); ok {
			sp = &splitter{mode: fsRegex, re: in.regexOf(r)}
		} else {
			sp = in.newSplitter(in.toStr(in.eval(args[2])))
		}
	}
	parts := in.splitStr(s, sp, nil)
	a := in.array(vr)
	a.Clear()
	for i, f := range parts {
		*a.Ref(itoa(i + 1)) = userStr(f)
	}
	return num(float64(len(parts)))
}

// sub is sub and gsub: replace the first match, or all, of a regular
// expression in the target (default $0) with the replacement, where &
// is the match and \& a literal &.
func (in *interp) sub(c *builtinCall, args []Expr) Cell {
	re := in.regexOf(args[0])
	repl := in.toStr(in.eval(args[1]))
	var target Expr = &fieldRef{index: &numLit{v: num(0)}}
	if len(args) > 2 {
		target = unparen(args[2])
	}
	src := in.toStr(in.eval(target))
	nth := 0
	if c.fn == bSub {
		nth = 1
	}
	out, n := substitute(re, src, repl, nth, false)
	// BusyBox assigns the result whether or not anything matched (so
	// a field's record is rebuilt either way).
	if isLvalue(target) {
		in.store(target, str(out))
	}
	return num(float64(n))
}

// gensub is gensub(re, repl, how [, target]): like gsub with \0-\9, on
// a copy; how is "g" or the number of the match to replace.
func (in *interp) gensub(args []Expr) Cell {
	re := in.regexOf(args[0])
	repl := in.toStr(in.eval(args[1]))
	how := truncInt(in.num(args[2]))
	var src string
	if len(args) > 3 {
		src = in.toStr(in.eval(args[3]))
	} else {
		src = in.recordStr()
	}
	out, _ := substitute(re, src, repl, how, true)
	return str(out)
}

// substitute replaces in src the nth match of re (every match when nth
// is 0 or less) with repl, as BusyBox's awk_sub does: & is the match,
// an odd run of backslashes before & makes it literal (half of them
// kept), and with subexp \0..\9 are subexpressions. An empty match
// copies the next character.
func substitute(re *regex.Regexp, src, repl string, nth int, subexp bool) (string, int) {
	if lit, complete := re.LiteralPrefix(); complete && lit != "" && nth <= 1 && simpleRepl(repl, subexp) {
		return substituteLiteral(lit, src, repl, nth)
	}
	var out []byte
	matches := 0
	notBOL := false
	sp := src
	for {
		m := re.FindStringSubmatchIndex(sp, notBOL)
		if m == nil {
			break
		}
		so, eo := m[0], m[1]
		out = append(out, sp[:eo]...)
		matches++
		if matches >= nth {
			out = out[:len(out)-(eo-so)]
			nbs := 0
			for i := 0; i < len(repl); i++ {
				c := repl[i]
				out = append(out, c)
				if c == '\\' {
					nbs++
					continue
				}
				if c == '&' || subexp && c >= '0' && c <= '9' {
					out = out[:len(out)-(nbs+3)/2]
					j := 0
					if c != '&' {
						j = int(c - '0')
						nbs++
					}
					if nbs%2 == 1 {
						out = append(out, c)
					} else if 2*j+1 < len(m) && m[2*j] >= 0 {
						out = append(out, sp[m[2*j]:m[2*j+1]]...)
					}
				}
				nbs = 0
			}
		}
		notBOL = true
		sp = sp[eo:]
		if matches == nth {
			break
		}
		if eo == so {
			if sp == "" {
				return string(out), matches
			}
			out = append(out, sp[0])
			sp = sp[1:]
		}
	}
	out = append(out, sp...)
	return string(out), matches
}

func itoa(i int) string {
	if i >= 0 && i < 10 {
		return "0123456789"[i : i+1]
	}
	var b [20]byte
	n := len(b)
	neg := i < 0
	u := uint64(i)
	if neg {
		u = -u
	}
	for u >= 10 {
		n--
		b[n] = byte('0' + u%10)
		u /= 10
	}
	n--
	b[n] = byte('0' + u)
	if neg {
		n--
		b[n] = '-'
	}
	return string(b[n:])
}

// reErrText is a regular expression's compile error as BusyBox prints
// it: musl's regerror text.
func reErrText(err error) string {
	var e *regex.Error
	if errors.As(err, &e) {
		return e.Msg
	}
	return "Invalid regexp"
}

// simpleRepl reports whether a replacement has no backslash and, with
// subexp, no digit: only & is special in it.
func simpleRepl(repl string, subexp bool) bool {
	for i := 0; i < len(repl); i++ {
		if c := repl[i]; c == '\\' || subexp && c >= '0' && c <= '9' {
			return false
		}
	}
	return true
}

// substituteLiteral is substitute for a pattern that is a plain string
// and a replacement where only & is special: a substring search.
func substituteLiteral(lit, src, repl string, nth int) (string, int) {
	i := strings.Index(src, lit)
	if i < 0 {
		return src, 0
	}
	expanded := repl
	if strings.IndexByte(repl, '&') >= 0 {
		expanded = strings.ReplaceAll(repl, "&", lit)
	}
	if nth == 1 {
		return src[:i] + expanded + src[i+len(lit):], 1
	}
	var b strings.Builder
	b.Grow(len(src))
	n := 0
	for i >= 0 {
		b.WriteString(src[:i])
		b.WriteString(expanded)
		src = src[i+len(lit):]
		n++
		i = strings.Index(src, lit)
	}
	b.WriteString(src)
	return b.String(), n
}
