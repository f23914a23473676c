// Package expr is the expr applet: BusyBox's expr with 64-bit
// arithmetic (EXPR_MATH_SUPPORT_64, as Alpine builds it). It evaluates
// its arguments as an expression (| & comparisons + - * / % and the :
// match, with match, substr, index, length and quote), prints the
// result and exits 0 when it is neither null nor 0, 1 when it is, and 2
// on an error.
package expr

import (
	"math"
	"strconv"
	"strings"

	"gobox/internal/applet"
	"gobox/internal/opt"
	"gobox/internal/regex"
)

// Applet is expr's entry in gobox's applet table (applets/all).
var Applet = applet.Applet{
	Name:  "expr",
	Path:  "/usr/bin",
	Usage: "EXPRESSION",
	Help: `Print the value of EXPRESSION

EXPRESSION may be:
	ARG1 | ARG2	ARG1 if it is neither null nor 0, otherwise ARG2
	ARG1 & ARG2	ARG1 if neither argument is null or 0, otherwise 0
	ARG1 < ARG2	1 if ARG1 is less than ARG2, else 0. Similarly:
	ARG1 <= ARG2
	ARG1 = ARG2
	ARG1 != ARG2
	ARG1 >= ARG2
	ARG1 > ARG2
	ARG1 + ARG2	Sum of ARG1 and ARG2. Similarly:
	ARG1 - ARG2
	ARG1 * ARG2
	ARG1 / ARG2
	ARG1 % ARG2
	STRING : REGEXP		Anchored pattern match of REGEXP in STRING
	match STRING REGEXP	Same as STRING : REGEXP
	substr STRING POS LEN	Substring of STRING, POS counts from 1
	index STRING CHARS	Index in STRING where any CHARS is found, or 0
	length STRING		Length of STRING
	quote TOKEN		Interpret TOKEN as a string, even if
				it is a keyword like 'match' or an
				operator like '/'
	(EXPRESSION)		Value of EXPRESSION

Beware that many operators need to be escaped or quoted for shells.
Comparisons are arithmetic if both ARGs are numbers, else
lexicographical. Pattern matches return the string matched between
\( and \) or null; if \( and \) are not used, they return the number
of characters matched or 0.`,
	Options: &opt.Spec{Manual: true},
	NoFork:  true,
	Main:    run,
}

// statusError is expr's exit status for errors (coreutils compatible).
const statusError = 2

func run(ctx *applet.Ctx, args []string) error {
	if len(args) == 0 {
		return applet.Exitf(statusError, "too few arguments")
	}
	p := &parser{args: args, warn: func(msg string) {
		ctx.Warnf("%s", msg)
	}}
	v, err := p.parse()
	if err != nil {
		return err
	}
	w := ctx.BufWriter(ctx.Stdout, 0)
	w.WriteString(v.String())
	w.WriteByte('\n')
	if err := w.Flush(); err != nil {
		return applet.PerrorCode(statusError, err, "standard output")
	}
	if v.null() {
		return applet.Exit(1)
	}
	return nil
}

// value is an integer or a string.
type value struct {
	isInt bool
	i     int64
	s     string
}

func intValue(i int64) value  { return value{isInt: true, i: i} }
func strValue(s string) value { return value{s: s} }

// String is the value as expr prints it.
func (v value) String() string {
	if v.isInt {
		return strconv.FormatInt(v.i, 10)
	}
	return v.s
}

// null reports whether v is the empty string, "0" or the number 0.
func (v value) null() bool {
	if v.isInt {
		return v.i == 0
	}
	return v.s == "" || v.s == "0"
}

// toArith converts v to an integer if it is one (strtoll: leading
// blanks and a sign allowed, nothing after the digits, saturating).
func (v *value) toArith() bool {
	if v.isInt {
		return true
	}
	i, ok := strtoll(v.s)
	if !ok {
		return false
	}
	*v = intValue(i)
	return true
}

// strtoll reads s whole as C's strtoll in base 10 does, clamping on
// overflow as it does.
func strtoll(s string) (int64, bool) {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] >= '\t' && s[i] <= '\r') {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	start := i
	var u uint64
	over := false
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		d := uint64(s[i] - '0')
		if u > (math.MaxUint64-d)/10 {
			over = true
		}
		u = u*10 + d
	}
	if i == start || i != len(s) {
		return 0, false
	}
	switch {
	case neg && (over || u > 1<<63):
		return math.MinInt64, true
	case neg:
		return -int64(u), true
	case over || u > math.MaxInt64:
		return math.MaxInt64, true
	}
	return int64(u), true
}

// parser evaluates as it parses, as BusyBox's expr does: args are the
// tokens, pos the next one.
type parser struct {
	args []string
	pos  int
	warn func(string)
}

func syntaxError() error { return applet.Exitf(statusError, "syntax error") }

func (p *parser) parse() (value, error) {
	v, err := p.or()
	if err == nil && p.pos < len(p.args) {
		err = syntaxError()
	}
	return v, err
}

// next reports whether the next token is tok.
func (p *parser) next(tok string) bool {
	return p.pos < len(p.args) && p.args[p.pos] == tok
}

// nextOf returns the next token if it is one of toks.
func (p *parser) nextOf(toks ...string) string {
	for _, t := range toks {
		if p.next(t) {
			return t
		}
	}
	return ""
}

// or is "|": the left value unless it is null, else the right one.
func (p *parser) or() (value, error) {
	l, err := p.and()
	for err == nil && p.next("|") {
		p.pos++
		var r value
		if r, err = p.and(); err == nil && l.null() {
			l = r
		}
	}
	return l, err
}

// and is "&": the left value unless either is null, else 0.
func (p *parser) and() (value, error) {
	l, err := p.compare()
	for err == nil && p.next("&") {
		p.pos++
		var r value
		if r, err = p.compare(); err == nil && (l.null() || r.null()) {
			l = intValue(0)
		}
	}
	return l, err
}

// compare is < <= = == != >= >: numbers compared as numbers, anything
// else as strings (the numbers as expr prints them).
func (p *parser) compare() (value, error) {
	l, err := p.sum()
	for err == nil {
		op := p.nextOf("<", "<=", "=", "==", "!=", ">=", ">")
		if op == "" {
			break
		}
		p.pos++
		var r value
		if r, err = p.sum(); err != nil {
			break
		}
		l.toArith()
		r.toArith()
		var c int
		if l.isInt && r.isInt {
			c = cmpInt(l.i, r.i)
		} else {
			c = strings.Compare(l.String(), r.String())
		}
		var b bool
		switch op {
		case "<":
			b = c < 0
		case "<=":
			b = c <= 0
		case "=", "==":
			b = c == 0
		case "!=":
			b = c != 0
		case ">":
			b = c > 0
		default:
			b = c >= 0
		}
		l = intValue(0)
		if b {
			l.i = 1
		}
	}
	return l, err
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// sum is + and -.
func (p *parser) sum() (value, error) {
	l, err := p.product()
	for err == nil {
		op := p.nextOf("+", "-")
		if op == "" {
			break
		}
		p.pos++
		var r value
		if r, err = p.product(); err == nil {
			l, err = arith(l, r, op)
		}
	}
	return l, err
}

// product is *, / and %.
func (p *parser) product() (value, error) {
	l, err := p.match()
	for err == nil {
		op := p.nextOf("*", "/", "%")
		if op == "" {
			break
		}
		p.pos++
		var r value
		if r, err = p.match(); err == nil {
			l, err = arith(l, r, op)
		}
	}
	return l, err
}

// arith applies an arithmetic operator, wrapping around as C's int64_t
// does.
func arith(l, r value, op string) (value, error) {
	if !l.toArith() || !r.toArith() {
		return value{}, applet.Exitf(statusError, "non-numeric argument")
	}
	a, b := l.i, r.i
	switch op {
	case "+":
		return intValue(a + b), nil
	case "-":
		return intValue(a - b), nil
	case "*":
		return intValue(a * b), nil
	}
	if b == 0 {
		return value{}, applet.Exitf(statusError, "division by zero")
	}
	if a == math.MinInt64 && b == -1 {
		// The x86 division instruction traps: BusyBox dies of SIGFPE.
		return value{}, applet.Exit(128 + 8)
	}
	if op == "/" {
		return intValue(a / b), nil
	}
	return intValue(a % b), nil
}

// match is the ":" operator.
func (p *parser) match() (value, error) {
	l, err := p.keyword()
	for err == nil && p.next(":") {
		p.pos++
		var r value
		if r, err = p.keyword(); err == nil {
			l, err = p.colon(l, r)
		}
	}
	return l, err
}

// colon matches the pattern (a basic regular expression) at the start
// of the string: the text of the first \( \) group if there is one,
// else the length of the match; "" or 0 when it does not match.
func (p *parser) colon(sv, pv value) (value, error) {
	s, pat := sv.String(), pv.String()
	if strings.HasPrefix(pat, "^") {
		p.warn("warning: '" + pat + "': using '^' as the first character\n" +
			"of a basic regular expression is not portable; it is ignored")
	}
	re, err := regex.Compile(pat, 0)
	if err != nil {
		return value{}, applet.Exitf(statusError, "bad regex '%s': %s", pat, applet.ErrText(err))
	}
	m := re.FindStringSubmatchIndex(s, false)
	if m != nil && m[0] == 0 {
		if re.NumSubexp() > 0 && m[2] >= 0 {
			return strValue(s[m[2]:m[3]]), nil
		}
		return intValue(int64(m[1])), nil
	}
	if re.NumSubexp() > 0 {
		return strValue(""), nil
	}
	return intValue(0), nil
}

// keyword is quote, length, match, index and substr, whose operands are
// keyword expressions too.
func (p *parser) keyword() (value, error) {
	if p.pos >= len(p.args) {
		return p.primary()
	}
	key := p.args[p.pos]
	switch key {
	case "quote":
		p.pos++
		if p.pos >= len(p.args) {
			return value{}, syntaxError()
		}
		p.pos++
		return strValue(p.args[p.pos-1]), nil
	case "length":
		p.pos++
		r, err := p.keyword()
		if err != nil {
			return value{}, err
		}
		return intValue(int64(len(r.String()))), nil
	case "match", "index", "substr":
		p.pos++
	default:
		return p.primary()
	}
	l, err := p.keyword()
	if err != nil {
		return value{}, err
	}
	r, err := p.keyword()
	if err != nil {
		return value{}, err
	}
	switch key {
	case "match":
		return p.colon(l, r)
	case "index":
		// strcspn: the first byte of s that is one of chars.
		s, chars := l.String(), r.String()
		for i := 0; i < len(s); i++ {
			if strings.IndexByte(chars, s[i]) >= 0 {
				return intValue(int64(i) + 1), nil
			}
		}
		return intValue(0), nil
	}
	n, err := p.keyword()
	if err != nil {
		return value{}, err
	}
	s := l.String()
	if !r.toArith() || !n.toArith() || r.i > int64(len(s)) || r.i <= 0 || n.i <= 0 {
		return strValue(""), nil
	}
	start := r.i - 1
	end := int64(len(s))
	if n.i < end-start {
		end = start + n.i
	}
	return strValue(s[start:end]), nil
}

// primary is an operand or a parenthesized expression.
func (p *parser) primary() (value, error) {
	if p.pos >= len(p.args) {
		return value{}, syntaxError()
	}
	if p.next("(") {
		p.pos++
		v, err := p.or()
		if err != nil {
			return value{}, err
		}
		if !p.next(")") {
			return value{}, syntaxError()
		}
		p.pos++
		return v, nil
	}
	if p.next(")") {
		return value{}, syntaxError()
	}
	p.pos++
	return strValue(p.args[p.pos-1]), nil
}
