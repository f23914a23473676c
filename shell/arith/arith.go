// Package arith evaluates the shell's arithmetic as Alpine's ash does
// ($((...)) and let): 64-bit integers that wrap, C's operators with C's
// precedence plus "**", numbers in decimal, octal (0NN), hex (0xNN) and
// base#digits, and variables by name, whose values are themselves
// evaluated as expressions (an unset or empty variable is 0).
//
// ash does not build a tree: it runs an operator-precedence parser that
// applies each operator as soon as its right side is known, reading a
// variable only when an operator needs its value and assigning at once.
// That order is visible (in "x + ++x" the x is read after the increment;
// both arms of ?: are evaluated; errors come where they arise), so this
// package keeps it: Compile runs the parser once and records the
// sequence of pushes and operator applications; Eval replays it. The
// compiled form is cached by text, since loops evaluate the same
// expressions over and over.
package arith

import (
	"strconv"
	"sync"
	"sync/atomic"
)

// Vars is what arithmetic reads and assigns.
type Vars interface {
	// Get returns a variable's value and whether it is set.
	Get(name string) (string, bool)
	// Set assigns a variable (the error is reported as is, e.g. for a
	// readonly variable).
	Set(name, value string) error
}

// Error is an arithmetic error; its text is ash's message
// ("arithmetic syntax error", "divide by zero", ...).
type Error struct{ Msg string }

func (e *Error) Error() string { return e.Msg }

var (
	errSyntax    = &Error{"arithmetic syntax error"}
	errDivZero   = &Error{"divide by zero"}
	errExponent  = &Error{"exponent less than 0"}
	errMalformed = &Error{"malformed ?: operator"}
	errRecursion = &Error{"expression recursion loop detected"}
)

// An operator is its precedence in the low five bits and an id above
// (constants, so that no code runs at start-up).
type op uint8

func (o op) prec() uint8 { return uint8(o) & 0x1f }

const unaryPrec = 16

const (
	opLParen op = 0 // id 0, precedence 0
	opComma  op = 0<<5 | 1

	opAssign    op = 0<<5 | 2
	opAndAssign op = 1<<5 | 2
	opOrAssign  op = 2<<5 | 2
	opXorAssign op = 3<<5 | 2
	opAddAssign op = 4<<5 | 2
	opSubAssign op = 5<<5 | 2
	opShlAssign op = 6<<5 | 2
	opShrAssign op = 7<<5 | 2
	opMulAssign op = 0<<5 | 3 // precedence 3 is taken as 2
	opDivAssign op = 1<<5 | 3
	opRemAssign op = 2<<5 | 3

	opCond    op = 0<<5 | 4 // ?
	opCondSep op = 1<<5 | 4 // :

	opOrOr   op = 0<<5 | 5
	opAndAnd op = 0<<5 | 6
	opOr     op = 0<<5 | 7
	opXor    op = 0<<5 | 8
	opAnd    op = 0<<5 | 9
	opEq     op = 0<<5 | 10
	opNe     op = 1<<5 | 10
	opLt     op = 0<<5 | 11
	opGt     op = 1<<5 | 11
	opGe     op = 2<<5 | 11
	opLe     op = 3<<5 | 11
	opShl    op = 0<<5 | 12
	opShr    op = 1<<5 | 12
	opAdd    op = 0<<5 | 13
	opSub    op = 1<<5 | 13
	opMul    op = 0<<5 | 14
	opDiv    op = 1<<5 | 14
	opRem    op = 2<<5 | 14
	opPow    op = 1<<5 | 15

	opBitNot  op = 0<<5 | unaryPrec
	opNot     op = 1<<5 | unaryPrec
	opNeg     op = 0<<5 | (unaryPrec + 1)
	opPlus    op = 1<<5 | (unaryPrec + 1)
	opPreInc  op = 0<<5 | (unaryPrec + 2)
	opPreDec  op = 1<<5 | (unaryPrec + 2)
	opPostInc op = 0<<5 | (unaryPrec + 3)
	opPostDec op = 1<<5 | (unaryPrec + 3)

	opNum    op = 0<<5 | (unaryPrec + 4)
	opRParen op = 1<<5 | (unaryPrec + 4)
)

func fixPrec(p uint8) uint8 {
	if p == 3 {
		return 2
	}
	return p
}

func isAssign(o op) bool {
	p := fixPrec(o.prec())
	return p == 2 || p == unaryPrec+2 || p == unaryPrec+3
}

func rightAssoc(p uint8) bool { return p == 2 || p == 15 || p == 4 }

// scanOp reads the operator at s[i:], the longest one that fits; n is
// its length, 0 when there is none. (A switch on the first byte: the
// compiler runs once per evaluation for texts that change, as in
// $(( $1 + $2 )).)
func scanOp(s string, i int) (o op, n int) {
	var c1, c2 byte
	if i+1 < len(s) {
		c1 = s[i+1]
	}
	if i+2 < len(s) {
		c2 = s[i+2]
	}
	switch c := s[i]; c {
	case '<', '>':
		shift, shiftAssign, cmpEq, cmp := opShl, opShlAssign, opLe, opLt
		if c == '>' {
			shift, shiftAssign, cmpEq, cmp = opShr, opShrAssign, opGe, opGt
		}
		switch {
		case c1 == c && c2 == '=':
			return shiftAssign, 3
		case c1 == c:
			return shift, 2
		case c1 == '=':
			return cmpEq, 2
		}
		return cmp, 1
	case '|':
		return pick2(c1, '|', opOrOr, opOrAssign, opOr)
	case '&':
		return pick2(c1, '&', opAndAnd, opAndAssign, opAnd)
	case '+':
		return pick2(c1, '+', opPostInc, opAddAssign, opAdd)
	case '-':
		return pick2(c1, '-', opPostDec, opSubAssign, opSub)
	case '*':
		return pick2(c1, '*', opPow, opMulAssign, opMul)
	case '!':
		return pick2(c1, 0, 0, opNe, opNot)
	case '=':
		return pick2(c1, 0, 0, opEq, opAssign)
	case '/':
		return pick2(c1, 0, 0, opDivAssign, opDiv)
	case '%':
		return pick2(c1, 0, 0, opRemAssign, opRem)
	case '^':
		return pick2(c1, 0, 0, opXorAssign, opXor)
	case '~':
		return opBitNot, 1
	case ',':
		return opComma, 1
	case '?':
		return opCond, 1
	case ':':
		return opCondSep, 1
	case ')':
		return opRParen, 1
	case '(':
		return opLParen, 1
	}
	return 0, 0
}

// pick2 chooses among X, X= and XX (when double is not 0) by the byte
// after X.
func pick2(c1, double byte, twice, withEq, single op) (op, int) {
	switch {
	case double != 0 && c1 == double:
		return twice, 2
	case c1 == '=':
		return withEq, 2
	}
	return single, 1
}

// Steps of a compiled expression.
const (
	stNum   = iota // push num
	stVar          // push the variable name
	stApply        // apply op
	stParen        // "(var)": read the variable on top now
	stEnd          // done: exactly one value must be left
	stErr          // syntax error
)

type step struct {
	kind uint8
	op   op
	num  int64
	name string
}

// Expr is a compiled expression.
type Expr struct {
	steps []step
	depth int  // the most operands on the stack at once
	empty bool // only blanks: the value is 0
}

type cache struct {
	m sync.Map
	n atomic.Int32
}

const cacheMax = 512

var exprs atomic.Pointer[cache]

// Compile returns the compiled form of s, from the cache when it was
// compiled before. Syntax errors are found when it is evaluated, after
// what comes before them has run, as in ash.
func Compile(s string) *Expr {
	c := exprs.Load()
	if c != nil {
		if v, ok := c.m.Load(s); ok {
			return v.(*Expr)
		}
	}
	e := compile(s)
	if c == nil || c.n.Load() >= cacheMax {
		c = &cache{}
		exprs.Store(c)
	}
	if _, loaded := c.m.LoadOrStore(s, e); !loaded {
		c.n.Add(1)
	}
	return e
}

// Eval evaluates the expression s. A text seen for the first time is
// compiled into scratch space and not cached (the text of $(( $1 + 1 ))
// changes with $1); seen again, it is compiled for good and cached.
func Eval(s string, vars Vars) (int64, error) {
	ev := evaluator{vars: vars}
	return ev.text(s)
}

func (ev *evaluator) text(s string) (int64, error) {
	if c := exprs.Load(); c != nil {
		if v, ok := c.m.Load(s); ok {
			return ev.run(v.(*Expr))
		}
	}
	if seenBefore(s) {
		return ev.run(Compile(s))
	}
	c := compilers.Get().(*compiler)
	n, err := ev.run(c.compile(s))
	compilers.Put(c)
	return n, err
}

// seen remembers hashes of recently evaluated texts: a text is cached
// from its second evaluation on.
var seen [256]atomic.Uint32

func seenBefore(s string) bool {
	h := uint32(2166136261) // FNV-1a
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	h |= 1 // 0 is an empty slot
	slot := &seen[h>>24]
	if slot.Load() == h {
		return true
	}
	slot.Store(h)
	return false
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

func isNameStart(c byte) bool { return c == '_' || c|0x20 >= 'a' && c|0x20 <= 'z' }
func isDigit(c byte) bool     { return c >= '0' && c <= '9' }

func skipSpace(s string, i int) int {
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	return i
}

// compile runs ash's parser over s without values: the operand stack is
// tracked only as far as the parser itself looks at it (whether the top
// is still a variable name).
func compile(s string) *Expr {
	var c compiler
	e := c.compile(s)
	return &Expr{steps: append([]step(nil), e.steps...), depth: e.depth, empty: e.empty}
}

// compiler holds the scratch space of a compilation, reused through a
// pool for expressions that are evaluated once and not cached.
type compiler struct {
	ops   []op
	isVar []bool
	e     Expr
}

var compilers = sync.Pool{New: func() any { return new(compiler) }}

// compile compiles s into c's own Expr, valid until c is reused.
func (c *compiler) compile(s string) *Expr {
	e := &c.e
	*e = Expr{steps: e.steps[:0]}
	i := skipSpace(s, 0)
	if i == len(s) {
		e.empty = true
		return e
	}
	ops := append(c.ops[:0], opLParen)
	isVar := c.isVar[:0] // the operand stack: is each entry a variable name?
	defer func() { c.ops, c.isVar = ops[:0], isVar[:0] }()
	last := opLParen
	appliedEnd := false
	emit := func(st step) { e.steps = append(e.steps, st) }
	depth := 0
	fail := func() *Expr {
		emit(step{kind: stErr})
		e.depth = depth
		return e
	}
	// apply records the application of o and models its effect.
	apply := func(o op) bool {
		emit(step{kind: stApply, op: o})
		n := len(isVar)
		if n == 0 {
			return false
		}
		p := o.prec()
		if o != opNeg && o != opNot && o != opBitNot && p != unaryPrec+2 && p != unaryPrec+3 && o != opPlus {
			if n < 2 {
				return false
			}
			isVar = isVar[:n-1]
			n--
		}
		isVar[n-1] = false
		return true
	}
	for {
		i = skipSpace(s, i)
		var o op
		found := false
		if i == len(s) {
			if appliedEnd {
				if len(isVar) != 1 {
					return fail()
				}
				emit(step{kind: stEnd})
				return e
			}
			// Close the implicit outer parenthesis.
			appliedEnd = true
			o, found = opRParen, true
		} else if isNameStart(s[i]) {
			j := i + 1
			for j < len(s) && (isNameStart(s[j]) || isDigit(s[j])) {
				j++
			}
			emit(step{kind: stVar, name: s[i:j]})
			isVar = append(isVar, true)
			depth = max(depth, len(isVar))
			last = opNum
			i = j
			continue
		} else if isDigit(s[i]) {
			v, j := parseNum(s, i)
			if j < len(s) && (isNameStart(s[j]) || isDigit(s[j])) {
				return fail() // "5a", "08", "2#12"
			}
			emit(step{kind: stNum, num: v})
			isVar = append(isVar, false)
			depth = max(depth, len(isVar))
			last = opNum
			i = j
			continue
		}
		// "++" and "--" bind to a variable only: after a number or ")"
		// or before anything but a name they are two signs.
		if !found && i+1 < len(s) && (s[i] == '+' || s[i] == '-') && s[i+1] == s[i] {
			if len(isVar) == 0 || !isVar[len(isVar)-1] {
				k := skipSpace(s, i+2)
				if k >= len(s) || !isNameStart(s[k]) {
					o = opAdd
					if s[i] == '-' {
						o = opSub
					}
					i++
					found = true
				}
			}
		}
		if !found {
			var n int
			if o, n = scanOp(s, i); n == 0 {
				return fail()
			}
			i += n
		}
		if last == opPostInc || last == opPostDec {
			last = opNum
		}
		if last != opNum {
			switch o {
			case opAdd:
				o = opPlus
			case opSub:
				o = opNeg
			case opPostInc:
				o = opPreInc
			case opPostDec:
				o = opPreDec
			}
		}
		p := o.prec()
		if p > 0 && p < unaryPrec || p == unaryPrec+4 {
			if last != opNum {
				return fail()
			}
			if o == opRParen {
				if !closeParen(&ops, &isVar, &last, apply, emit) {
					return fail()
				}
				continue
			}
			for len(ops) > 0 {
				prev := ops[len(ops)-1]
				pp, cp := fixPrec(prev.prec()), fixPrec(p)
				if pp < cp || pp == cp && rightAssoc(cp) {
					break
				}
				ops = ops[:len(ops)-1]
				if !apply(prev) {
					return fail()
				}
			}
		}
		ops = append(ops, o)
		last = o
	}
}

// closeParen applies operators down to the matching "(" and reads a
// lone variable inside it.
func closeParen(ops *[]op, isVar *[]bool, last *op, apply func(op) bool, emit func(step)) bool {
	for len(*ops) > 0 {
		prev := (*ops)[len(*ops)-1]
		*ops = (*ops)[:len(*ops)-1]
		if prev == opLParen {
			if n := len(*isVar); n > 0 && (*isVar)[n-1] {
				emit(step{kind: stParen})
				(*isVar)[n-1] = false
			}
			*last = opNum
			return true
		}
		if !apply(prev) {
			return false
		}
	}
	return false
}

// parseNum reads a number at s[i:] as strtoull with base 0 does, then
// ash's base#digits; it returns the value and where it ends. A value
// too large for 64 bits is 0 (ash's "bash compatibility").
func parseNum(s string, i int) (int64, int) {
	start := i
	base := uint64(10)
	if s[i] == '0' {
		base = 8
		if i+2 < len(s) && s[i+1]|0x20 == 'x' && hexVal(s[i+2]) < 16 {
			base = 16
			i += 2
		}
	}
	var n uint64
	overflow := false
	for i < len(s) {
		d := hexVal(s[i])
		if d >= base {
			break
		}
		if n > (1<<64-1-d)/base {
			overflow = true
		}
		n = n*base + d
		i++
	}
	if overflow {
		n = 0
	}
	if i < len(s) && s[i] == '#' && s[start] >= '1' && s[start] <= '9' && n >= 2 && n <= 64 && !overflow {
		b := n
		n = 0
		i++
		for i < len(s) {
			c := s[i]
			d := uint64(c) - '0'
			if d >= 10 && d <= 'z'-'0' {
				d = uint64(c|0x20) - ('a' - 10)
				if b > 36 && c <= '_' {
					switch {
					case c == '_':
						d = 63
					case c == '@':
						d = 62
					case d < 36:
						d += 36 - 10
					default:
						d = 1 << 20 // one of [\]^: not a digit
					}
				}
			}
			if d >= b {
				break
			}
			n = n*b + d
			i++
		}
	}
	return int64(n), i
}

func hexVal(c byte) uint64 {
	switch {
	case c >= '0' && c <= '9':
		return uint64(c - '0')
	case c|0x20 >= 'a' && c|0x20 <= 'f':
		return uint64(c|0x20-'a') + 10
	}
	return 99
}

// operand is an entry of the operand stack while evaluating.
type operand struct {
	val       int64
	second    int64 // the value after ":" of a?b:c
	hasSecond bool
	name      string // a variable not yet read, or ""
}

type evaluator struct {
	vars    Vars
	visited []string // variables being evaluated, against a=b b=a loops
}

// Eval evaluates a compiled expression.
func (e *Expr) Eval(vars Vars) (int64, error) {
	ev := evaluator{vars: vars}
	return ev.run(e)
}

func (ev *evaluator) run(e *Expr) (int64, error) {
	if e.empty {
		return 0, nil
	}
	var buf [16]operand
	st := buf[:]
	if e.depth > len(buf) {
		st = make([]operand, e.depth)
	}
	n := 0
	for k := range e.steps {
		s := &e.steps[k]
		switch s.kind {
		case stNum:
			st[n] = operand{val: s.num}
			n++
		case stVar:
			st[n] = operand{name: s.name}
			n++
		case stParen:
			t := &st[n-1]
			if err := ev.lookup(t); err != nil {
				return 0, err
			}
			t.name = ""
		case stApply:
			var err error
			if n, err = ev.apply(s.op, st, n); err != nil {
				return 0, err
			}
		case stEnd:
			return st[0].val, nil
		case stErr:
			return 0, errSyntax
		}
	}
	return 0, errSyntax
}

// lookup gives a variable operand its value: the value of the variable
// evaluated as an expression.
func (ev *evaluator) lookup(t *operand) error {
	if t.name == "" {
		return nil
	}
	v, ok := ev.vars.Get(t.name)
	if !ok {
		t.val = 0
		return nil
	}
	if n, ok := plainNumber(v); ok {
		t.val = n
		return nil
	}
	for _, name := range ev.visited {
		if name == t.name {
			return errRecursion
		}
	}
	ev.visited = append(ev.visited, t.name)
	val, err := ev.text(v)
	ev.visited = ev.visited[:len(ev.visited)-1]
	t.val = val
	return err
}

// plainNumber is the common case of a variable holding a decimal number.
func plainNumber(s string) (int64, bool) {
	if len(s) == 0 || len(s) > 18 {
		return 0, false
	}
	neg := false
	i := 0
	if s[0] == '-' {
		neg = true
		i = 1
		if len(s) == 1 {
			return 0, false
		}
	}
	if s[i] == '0' && len(s) > i+1 {
		return 0, false
	}
	var n int64
	for ; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}

func (ev *evaluator) apply(o op, st []operand, n int) (int, error) {
	if n == 0 {
		return n, errSyntax
	}
	top := &st[n-1]
	if err := ev.lookup(top); err != nil {
		return n, err
	}
	rez := top.val
	switch o {
	case opNeg:
		rez = -rez
	case opNot:
		rez = b2i(rez == 0)
	case opBitNot:
		rez = ^rez
	case opPostInc, opPreInc:
		rez++
	case opPostDec, opPreDec:
		rez--
	case opPlus:
	default:
		// A binary operator: pop the right side.
		if n < 2 {
			return n, errSyntax
		}
		right := st[n-1]
		n--
		bad := right.hasSecond
		if o == opCond {
			bad = !bad
		}
		if bad {
			return n, errMalformed
		}
		top = &st[n-1]
		if o != opAssign {
			if err := ev.lookup(top); err != nil {
				return n, err
			}
		}
		r := rez
		rez = top.val
		switch o {
		case opCond:
			if rez != 0 {
				rez = r
			} else {
				rez = right.second
			}
		case opCondSep:
			if n == 1 {
				return n, errMalformed
			}
			top.hasSecond = true
			top.second = r
		case opOr, opOrAssign:
			rez |= r
		case opOrOr:
			rez = b2i(r != 0 || rez != 0)
		case opAnd, opAndAssign:
			rez &= r
		case opXor, opXorAssign:
			rez ^= r
		case opAndAnd:
			rez = b2i(rez != 0 && r != 0)
		case opEq:
			rez = b2i(rez == r)
		case opNe:
			rez = b2i(rez != r)
		case opGe:
			rez = b2i(rez >= r)
		case opShr, opShrAssign:
			rez >>= uint64(r) & 63
		case opShl, opShlAssign:
			rez <<= uint64(r) & 63
		case opGt:
			rez = b2i(rez > r)
		case opLt:
			rez = b2i(rez < r)
		case opLe:
			rez = b2i(rez <= r)
		case opMul, opMulAssign:
			rez *= r
		case opAdd, opAddAssign:
			rez += r
		case opSub, opSubAssign:
			rez -= r
		case opAssign, opComma:
			rez = r
		case opPow:
			if r < 0 {
				return n, errExponent
			}
			rez = pow(rez, r)
		default:
			if r == 0 {
				return n, errDivZero
			}
			// MinInt64 / -1 does not trap in Go: it gives MinInt64, remainder 0, as ash.
			if o == opDiv || o == opDivAssign {
				rez /= r
			} else {
				rez %= r
			}
		}
	}
	if isAssign(o) {
		if top.name == "" {
			return n, errSyntax
		}
		if err := ev.vars.Set(top.name, strconv.FormatInt(rez, 10)); err != nil {
			return n, err
		}
		switch o {
		case opPostInc:
			rez--
		case opPostDec:
			rez++
		}
	}
	top.val = rez
	top.name = ""
	return n, nil
}

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// pow is ash's repeated multiplication (wrapping), by squaring.
func pow(b, e int64) int64 {
	r := int64(1)
	for e > 0 {
		if e&1 != 0 {
			r *= b
		}
		b *= b
		e >>= 1
	}
	return r
}
