package awk

import (
	"fmt"

	"gobox/internal/regex"
)

// Source is one piece of program text: a -f file's contents, or the
// program from the command line (Name "cmd. line", as BusyBox calls it
// in messages).
type Source struct {
	Name string
	Text string
}

// Program is a parsed awk program, ready to Run any number of times,
// one run at a time (a run caches compiled regular expressions in it).
type Program struct {
	begin   []Stmt
	items   []*item
	end     []Stmt
	funcs   map[string]*funcDef
	globals []string // global variables' names, by slot
	srcs    []string // the sources' names, for messages
	// lastLine is where parsing ended: BusyBox's position for an error
	// before any statement has run.
	lastLine int
}

// Error is a parse or run-time error of an awk program, in BusyBox's
// words: "cmd. line:1: Unexpected token".
type Error struct {
	Msg string
}

func (e *Error) Error() string { return e.Msg }

// The global slots of the special variables.
const (
	vNF = iota
	vNR
	vFNR
	vFS
	vOFS
	vORS
	vRS
	vRT
	vCONVFMT
	vOFMT
	vSUBSEP
	vFILENAME
	vENVIRON
	vARGC
	vARGV
	vARGIND
	vERRNO
	vIGNORECASE
	vRSTART
	vRLENGTH
	numSpecial
)

func specialName(i int) string {
	return [...]string{"NF", "NR", "FNR", "FS", "OFS", "ORS", "RS", "RT", "CONVFMT", "OFMT",
		"SUBSEP", "FILENAME", "ENVIRON", "ARGC", "ARGV", "ARGIND", "ERRNO", "IGNORECASE",
		"RSTART", "RLENGTH"}[i]
}

// lineBits is how many bits of a position are the line; the rest are
// the source's index.
const lineBits = 24

func (p *Program) where(pos int) string {
	src := pos >> lineBits
	name := "cmd. line"
	if src < len(p.srcs) {
		name = p.srcs[src]
	}
	return fmt.Sprintf("%s:%d", name, pos&(1<<lineBits-1))
}

// parser is a recursive-descent parser with BusyBox's precedences (see
// parseExpr).
type parser struct {
	lx      lexer
	tok     token // the lookahead
	prev    tok   // the kind of the last token consumed
	prog    *Program
	globals map[string]int
	params  map[string]int // the parameters of the function being parsed
	loops   int            // loops around the statement being parsed
	// noRedir is set at the top level of print's arguments, where >
	// and | redirect the output rather than compare or pipe.
	noRedir bool
	calls   []*userCall
}

// Parse parses the sources, in order, as one program.
func Parse(srcs []Source) (prog *Program, err error) {
	p := &parser{
		prog:    &Program{funcs: map[string]*funcDef{}},
		globals: map[string]int{},
	}
	for i := range numSpecial {
		p.global(specialName(i))
	}
	defer func() {
		if r := recover(); r != nil {
			se, ok := r.(*syntaxErr)
			if !ok {
				panic(r)
			}
			if se.line < 0 {
				prog, err = nil, &Error{Msg: se.msg}
			} else {
				prog, err = nil, &Error{Msg: p.prog.where(se.line) + ": " + se.msg}
			}
		}
	}()
	for i, s := range srcs {
		p.prog.srcs = append(p.prog.srcs, s.Name)
		p.lx = lexer{src: s.Text, line: 1, base: i << lineBits, last: tNewline}
		p.prev = tNewline
		p.advance()
		p.program()
	}
	p.prog.lastLine = p.tok.line
	for _, c := range p.calls {
		if f := p.prog.funcs[c.name]; f != nil && f.defined {
			c.fn = f
		}
	}
	return p.prog, nil
}

// advance reads the next lookahead token.
func (p *parser) advance() {
	p.prev = p.tok.kind
	p.tok = p.lx.next()
}

// next consumes the lookahead and returns it.
func (p *parser) next() token {
	t := p.tok
	p.advance()
	return t
}

// expect consumes a token of kind k or fails.
func (p *parser) expect(k tok) token {
	if p.tok.kind != k {
		p.fail()
	}
	return p.next()
}

// fail reports the lookahead as unexpected.
func (p *parser) fail() {
	p.lx.unexpected(p.tok.line, p.prev)
}

func (p *parser) failMsg(msg string) {
	p.lx.fail(p.tok.line, msg)
}

func (p *parser) global(name string) int {
	if i, ok := p.globals[name]; ok {
		return i
	}
	i := len(p.prog.globals)
	p.globals[name] = i
	p.prog.globals = append(p.prog.globals, name)
	return i
}

func (p *parser) variable(name string) *varRef {
	if i, ok := p.params[name]; ok {
		return &varRef{idx: i, local: true, name: name}
	}
	return &varRef{idx: p.global(name), name: name}
}

func (p *parser) skipNewlines() {
	for p.tok.kind == tNewline {
		p.advance()
	}
}

// program reads the items of one source.
func (p *parser) program() {
	for {
		switch p.tok.kind {
		case tEOF:
			return
		case tNewline:
			p.advance()
			continue
		case tBegin:
			p.advance()
			if p.tok.kind != tLbrace {
				p.fail()
			}
			p.prog.begin = append(p.prog.begin, p.block()...)
		case tEnd:
			p.advance()
			if p.tok.kind != tLbrace {
				p.fail()
			}
			p.prog.end = append(p.prog.end, p.block()...)
		case tFunction:
			p.function()
		case tLbrace:
			line := p.tok.line
			p.prog.items = append(p.prog.items, &item{action: p.block(), line: line})
		default:
			p.patternItem()
		}
		// One semicolon may follow an item.
		if p.tok.kind == tSemi {
			p.advance()
		}
	}
}

func (p *parser) patternItem() {
	it := &item{line: p.tok.line}
	it.pattern = p.expr()
	if p.tok.kind == tComma {
		p.advance()
		it.end = p.expr()
	}
	switch p.tok.kind {
	case tLbrace:
		it.action = p.block()
	case tSemi, tNewline, tEOF:
		it.print = true
	default:
		p.fail()
	}
	p.prog.items = append(p.prog.items, it)
}

func (p *parser) function() {
	line := p.tok.line
	p.advance()
	var name string
	switch p.tok.kind {
	case tFuncName:
		name = p.tok.str
		p.advance()
	case tName:
		// "function f (a)": BusyBox allows blanks before the list.
		name = p.tok.str
		p.advance()
		p.expect(tLparen)
	default:
		p.fail()
	}
	f := p.prog.funcs[name]
	if f == nil {
		f = &funcDef{name: name}
		p.prog.funcs[name] = f
	}
	if f.defined {
		p.failMsg("Duplicate function")
	}
	f.defined = true
	f.line = line
	p.params = map[string]int{}
	for {
		if p.tok.kind == tRparen {
			if len(f.params) > 0 {
				p.fail() // "f(a,)"
			}
			p.advance()
			break
		}
		if p.tok.kind != tName {
			p.fail()
		}
		p.params[p.tok.str] = len(f.params)
		f.params = append(f.params, p.tok.str)
		p.advance()
		if p.tok.kind == tRparen {
			p.advance()
			break
		}
		p.expect(tComma)
	}
	p.skipNewlines()
	if p.tok.kind != tLbrace {
		p.fail()
	}
	f.body = p.block()
	p.params = nil
}

// block reads "{ statements }".
func (p *parser) block() []Stmt {
	p.expect(tLbrace)
	var list []Stmt
	for {
		switch p.tok.kind {
		case tNewline, tSemi:
			p.advance()
			continue
		case tRbrace:
			p.advance()
			return list
		}
		if s := p.stmt(); s != nil {
			list = append(list, s)
		}
	}
}

// body reads the statement a compound statement controls, as a list.
func (p *parser) body() []Stmt {
	p.skipNewlines()
	if p.tok.kind == tLbrace {
		return p.block()
	}
	if p.tok.kind == tSemi {
		p.advance()
		return nil
	}
	if s := p.stmt(); s != nil {
		return []Stmt{s}
	}
	return nil
}

// endSimple ends a simple statement: at a semicolon or newline, which
// it consumes, or before a closing brace.
func (p *parser) endSimple() {
	switch p.tok.kind {
	case tSemi, tNewline:
		p.advance()
	case tRbrace:
	default:
		p.fail()
	}
}

// optExpr reads an expression list up to the end of a simple statement,
// or nothing.
func (p *parser) optExpr() Expr {
	switch p.tok.kind {
	case tSemi, tNewline, tRbrace:
		return nil
	}
	return p.exprList()
}

func (p *parser) stmt() Stmt {
	line := p.tok.line
	switch p.tok.kind {
	case tLbrace:
		return &blockStmt{body: p.block()}
	case tIf:
		p.advance()
		s := &ifStmt{c: p.parenExpr(), line: line}
		s.then = p.body()
		// An else may follow on a later line, or after the
		// semicolon that ended the statement.
		st := p.save()
		for p.tok.kind == tNewline || p.tok.kind == tSemi {
			p.advance()
		}
		if p.tok.kind == tElse {
			p.advance()
			s.els = p.body()
		} else {
			p.restore(st)
		}
		return s
	case tWhile:
		p.advance()
		s := &whileStmt{c: p.parenExpr(), line: line}
		p.loops++
		s.body = p.body()
		p.loops--
		return s
	case tDo:
		p.advance()
		p.loops++
		body := p.body()
		p.loops--
		for p.tok.kind == tNewline || p.tok.kind == tSemi {
			p.advance()
		}
		p.expect(tWhile)
		return &doStmt{body: body, c: p.parenExpr(), line: line}
	case tFor:
		return p.forStmt()
	case tBreak, tContinue:
		k := p.tok.kind
		p.advance()
		if p.loops == 0 {
			if k == tBreak {
				p.lx.fail(line, "'break' not in a loop")
			}
			p.lx.fail(line, "'continue' not in a loop")
		}
		p.optExpr()
		p.endSimple()
		if k == tBreak {
			return &breakStmt{}
		}
		return &continueStmt{}
	case tNext, tNextfile:
		k := p.tok.kind
		p.advance()
		p.optExpr()
		p.endSimple()
		if k == tNext {
			return &nextStmt{}
		}
		return &nextfileStmt{}
	case tExit:
		p.advance()
		s := &exitStmt{x: p.optExpr(), line: line}
		p.endSimple()
		return s
	case tReturn:
		p.advance()
		s := &returnStmt{x: p.optExpr(), line: line}
		p.endSimple()
		return s
	case tDelete:
		p.advance()
		s := p.deleteStmt(line)
		p.endSimple()
		return s
	case tPrint, tPrintf:
		s := p.printStmt()
		p.endSimple()
		return s
	case tSemi:
		p.advance()
		return nil
	}
	s := &exprStmt{x: p.exprList(), line: line}
	p.endSimple()
	return s
}

func (p *parser) deleteStmt(line int) Stmt {
	if p.tok.kind == tSemi || p.tok.kind == tNewline || p.tok.kind == tRbrace {
		p.failMsg("Too few arguments")
	}
	x := p.exprList()
	switch v := x.(type) {
	case *varRef:
		return &deleteStmt{arr: v, line: line}
	case *indexRef:
		return &deleteStmt{arr: v.arr, keys: v.keys, line: line}
	}
	// BusyBox complains when it runs the statement; the program
	// cannot mean anything by it.
	p.lx.fail(line, "Not an array")
	return nil
}

func (p *parser) printStmt() Stmt {
	s := &printStmt{printf: p.tok.kind == tPrintf, line: p.tok.line}
	p.advance()
	saved := p.noRedir
	p.noRedir = true
	switch p.tok.kind {
	case tSemi, tNewline, tRbrace, tGt, tAppend, tPipe:
	default:
		s.args = p.exprListItems()
	}
	p.noRedir = saved
	if len(s.args) == 1 {
		// print (a, b): the group is the list.
		if g, ok := s.args[0].(*groupExpr); ok && len(g.items) > 1 {
			s.args = g.items
		}
	}
	switch p.tok.kind {
	case tGt, tAppend, tPipe:
		s.redir = p.next().kind
		switch p.tok.kind {
		case tSemi, tNewline, tRbrace:
			// "print >" and nothing: BusyBox prints to stdout.
			s.redir = 0
		default:
			s.dest = p.exprList()
		}
	}
	return s
}

func (p *parser) forStmt() Stmt {
	line := p.tok.line
	p.advance()
	p.expect(tLparen)
	var init Expr
	if p.tok.kind != tSemi {
		init = p.exprList()
	}
	if p.tok.kind == tRparen {
		in, ok := init.(*inExpr)
		if !ok || len(in.keys) != 1 || !isLvalue(in.keys[0]) {
			p.fail()
		}
		p.advance()
		p.loops++
		body := p.body()
		p.loops--
		return &forInStmt{v: unparen(in.keys[0]), arr: in.arr, body: body, line: line}
	}
	p.expect(tSemi)
	p.skipNewlines()
	var c, post Expr
	if p.tok.kind != tSemi {
		c = p.exprList()
	}
	p.expect(tSemi)
	p.skipNewlines()
	if p.tok.kind != tRparen {
		post = p.exprList()
	}
	p.expect(tRparen)
	p.loops++
	body := p.body()
	p.loops--
	return &forStmt{init: init, c: c, post: post, body: body, line: line}
}

type parserState struct {
	lx   lexState
	tok  token
	prev tok
}

func (p *parser) save() parserState     { return parserState{p.lx.save(), p.tok, p.prev} }
func (p *parser) restore(s parserState) { p.lx.restore(s.lx); p.tok, p.prev = s.tok, s.prev }

// parenExpr reads "( expression list )".
func (p *parser) parenExpr() Expr {
	p.expect(tLparen)
	saved := p.noRedir
	p.noRedir = false
	x := p.exprList()
	p.noRedir = saved
	p.expect(tRparen)
	return x
}

// exprList reads expressions separated by commas: one, or a group that
// evaluates them all and joins them with SUBSEP (BusyBox's comma
// operator).
func (p *parser) exprList() Expr {
	items := p.exprListItems()
	if len(items) == 1 {
		return items[0]
	}
	return &groupExpr{items: items}
}

func (p *parser) exprListItems() []Expr {
	items := []Expr{p.expr()}
	for p.tok.kind == tComma {
		p.advance()
		items = append(items, p.expr())
	}
	return items
}

func isAssignOp(k tok) bool { return k >= tAssign && k <= tPowAssign }

// unparen returns the expression inside parentheses that hold one.
func unparen(x Expr) Expr {
	for {
		g, ok := x.(*groupExpr)
		if !ok || len(g.items) != 1 {
			return x
		}
		x = g.items[0]
	}
}

func isLvalue(x Expr) bool {
	switch unparen(x).(type) {
	case *varRef, *fieldRef, *indexRef:
		return true
	}
	return false
}

// expr reads one expression. The levels, loosest first, are BusyBox's:
// assignment (right to left), ?: (right to left), ||, &&, in, ~ and !~,
// the comparisons, "| getline", concatenation, + and -, * / and %, the
// unary + - and !, ^ (left to right, as in BusyBox), ++ and --, and $.
func (p *parser) expr() Expr {
	line := p.tok.line
	x := p.ternary()
	if isAssignOp(p.tok.kind) {
		if !isLvalue(x) {
			p.fail()
		}
		op := p.next().kind
		return &assignExpr{lhs: unparen(x), op: op, rhs: p.expr(), line: line}
	}
	return x
}

func (p *parser) ternary() Expr {
	c := p.or()
	if p.tok.kind != tCond {
		return c
	}
	p.advance()
	a := p.expr()
	p.expect(tColon)
	b := p.expr()
	return &condExpr{c: c, a: a, b: b}
}

func (p *parser) or() Expr {
	x := p.and()
	for p.tok.kind == tOr {
		p.advance()
		x = &orExpr{l: x, r: p.and()}
	}
	return x
}

func (p *parser) and() Expr {
	x := p.in()
	for p.tok.kind == tAnd {
		p.advance()
		x = &andExpr{l: x, r: p.in()}
	}
	return x
}

func (p *parser) in() Expr {
	x := p.match()
	for p.tok.kind == tIn {
		p.advance()
		t := p.expect(tName)
		keys := []Expr{x}
		if g, ok := x.(*groupExpr); ok && len(g.items) > 1 {
			keys = g.items
		}
		x = &inExpr{keys: keys, arr: p.variable(t.str)}
	}
	return x
}

func (p *parser) match() Expr {
	x := p.compare()
	for p.tok.kind == tMatch || p.tok.kind == tNoMatch {
		t := p.next()
		x = &matchExpr{l: x, re: p.compare(), neg: t.kind == tNoMatch, line: t.line}
	}
	return x
}

func (p *parser) compare() Expr {
	x := p.pipeGetline()
	for {
		switch p.tok.kind {
		case tGt:
			if p.noRedir {
				return x
			}
		case tLt, tLe, tGe, tEq, tNe:
		default:
			return x
		}
		t := p.next()
		x = &binaryExpr{op: t.kind, l: x, r: p.pipeGetline(), line: t.line}
	}
}

func (p *parser) pipeGetline() Expr {
	x := p.concat()
	for p.tok.kind == tPipe && !p.noRedir {
		line := p.tok.line
		p.advance()
		p.expect(tGetline)
		x = &getlineExpr{from: fromCmd, src: x, lv: p.optLvalue(), line: line}
		// BusyBox gives "| getline" the loosest binding once read:
		// operators after it apply to the whole of it, as in
		// ("cmd" | getline x) "s".
		x = p.continueOperand(x)
	}
	return x
}

// continueOperand parses the multiplicative, additive and concatenation
// operators that follow x, with x as their left operand.
func (p *parser) continueOperand(x Expr) Expr {
	for p.tok.kind == tMul || p.tok.kind == tDiv || p.tok.kind == tMod {
		t := p.next()
		x = &binaryExpr{op: t.kind, l: x, r: p.unary(), line: t.line}
	}
	for p.tok.kind == tPlus || p.tok.kind == tMinus {
		t := p.next()
		x = &binaryExpr{op: t.kind, l: x, r: p.multiplicative(), line: t.line}
	}
	if !startsConcat(p.tok.kind) || !endsConcat(p.prev) {
		return x
	}
	parts := []Expr{x}
	for startsConcat(p.tok.kind) && endsConcat(p.prev) {
		parts = append(parts, p.additive())
	}
	return &concatExpr{parts: parts}
}

// startsConcat reports whether a token of kind k, after an operand,
// starts another operand to concatenate (BusyBox's TS_CONCAT_R, less
// + and -, which are binary there).
func startsConcat(k tok) bool {
	switch k {
	case tName, tFuncName, tBuiltin, tLength, tNumber, tString, tLparen, tDollar, tNot, tIncr, tDecr:
		return true
	}
	return false
}

// endsConcat reports whether a token of kind k may end the left operand
// of a concatenation (BusyBox's TS_CONCAT_L).
func endsConcat(k tok) bool {
	switch k {
	case tName, tRbracket, tRparen, tString, tNumber, tIncr, tDecr, tLength:
		return true
	}
	return false
}

func (p *parser) concat() Expr {
	x := p.additive()
	if !startsConcat(p.tok.kind) || !endsConcat(p.prev) {
		return x
	}
	parts := []Expr{x}
	for startsConcat(p.tok.kind) && endsConcat(p.prev) {
		parts = append(parts, p.additive())
	}
	return &concatExpr{parts: parts}
}

func (p *parser) additive() Expr {
	x := p.multiplicative()
	for p.tok.kind == tPlus || p.tok.kind == tMinus {
		t := p.next()
		x = &binaryExpr{op: t.kind, l: x, r: p.multiplicative(), line: t.line}
	}
	return x
}

func (p *parser) multiplicative() Expr {
	x := p.unary()
	for p.tok.kind == tMul || p.tok.kind == tDiv || p.tok.kind == tMod {
		t := p.next()
		x = &binaryExpr{op: t.kind, l: x, r: p.unary(), line: t.line}
	}
	return x
}

func (p *parser) unary() Expr {
	switch p.tok.kind {
	case tNot, tMinus, tPlus:
		op := p.next().kind
		return &unaryExpr{op: op, x: p.unary()}
	}
	return p.power()
}

func (p *parser) power() Expr {
	x := p.postfix()
	for p.tok.kind == tPow {
		t := p.next()
		var r Expr
		switch p.tok.kind {
		case tNot, tMinus, tPlus:
			r = p.unary()
		default:
			r = p.postfix()
		}
		x = &binaryExpr{op: tPow, l: x, r: r, line: t.line}
	}
	return x
}

func (p *parser) postfix() Expr {
	x := p.prefix()
	if isLvalue(x) && (p.tok.kind == tIncr || p.tok.kind == tDecr) {
		d := 1.0
		if p.next().kind == tDecr {
			d = -1
		}
		return &incDecExpr{lv: unparen(x), diff: d}
	}
	return x
}

// prefix reads ++x, --x and $x, or a primary expression.
func (p *parser) prefix() Expr {
	switch p.tok.kind {
	case tIncr, tDecr:
		d := 1.0
		if p.next().kind == tDecr {
			d = -1
		}
		var lv Expr
		switch p.tok.kind {
		case tDollar, tIncr, tDecr:
			lv = p.prefix()
		case tName:
			lv = p.primary()
		default:
			p.fail()
		}
		if !isLvalue(lv) {
			p.fail()
		}
		return &incDecExpr{lv: lv, pre: true, diff: d}
	case tDollar:
		line := p.next().line
		return &fieldRef{index: p.dollarOperand(), line: line}
	}
	return p.primary()
}

// dollarOperand reads what follows $: a primary with any prefix
// operators (BusyBox reads $-1 and $++i), binding tighter than anything
// else.
func (p *parser) dollarOperand() Expr {
	switch p.tok.kind {
	case tNot, tMinus, tPlus:
		op := p.next().kind
		return &unaryExpr{op: op, x: p.dollarOperand()}
	case tIncr, tDecr, tDollar:
		return p.prefix()
	}
	return p.primary()
}

// optLvalue reads the variable of getline, if one follows.
func (p *parser) optLvalue() Expr {
	switch p.tok.kind {
	case tDollar:
		line := p.next().line
		return &fieldRef{index: p.dollarOperand(), line: line}
	case tName:
		return p.primary()
	}
	return nil
}

func (p *parser) primary() Expr {
	t := p.tok
	switch t.kind {
	case tNumber:
		p.advance()
		return &numLit{v: num(t.num)}
	case tString:
		p.advance()
		return &strLit{v: str(t.str)}
	case tRegex:
		p.advance()
		re, err := regex.Compile(t.str, regex.Extended)
		if err != nil {
			// BusyBox's xregcomp: a message with no position.
			p.lx.fail(-1, "bad regex '"+t.str+"': "+reErrText(err))
		}
		return &regexLit{src: t.str, re: re}
	case tLparen:
		p.advance()
		if p.tok.kind == tRparen {
			p.failMsg("Empty sequence")
		}
		saved := p.noRedir
		p.noRedir = false
		items := p.exprListItems()
		p.noRedir = saved
		p.expect(tRparen)
		return &groupExpr{items: items}
	case tName:
		p.advance()
		if p.tok.kind == tLbracket {
			p.advance()
			saved := p.noRedir
			p.noRedir = false
			keys := p.exprListItems()
			p.noRedir = saved
			p.expect(tRbracket)
			return &indexRef{arr: p.variable(t.str), keys: keys}
		}
		return p.variable(t.str)
	case tFuncName:
		p.advance()
		c := &userCall{name: t.str, line: t.line}
		c.args = p.callArgs()
		p.calls = append(p.calls, c)
		if p.prog.funcs[t.str] == nil {
			p.prog.funcs[t.str] = &funcDef{name: t.str}
		}
		return c
	case tBuiltin:
		p.advance()
		p.expect(tLparen)
		return &builtinCall{fn: t.fn, args: p.callArgs(), line: t.line}
	case tLength:
		p.advance()
		switch k := p.tok.kind; {
		case k == tLparen:
			p.advance()
			return &builtinCall{fn: bLength, args: p.callArgs(), line: t.line}
		case k == tSemi || k == tNewline || k == tRbrace || k == tComma ||
			k >= tAssign && k <= tPow && k != tIn && k != tPipe && k != tAppend,
			// What BusyBox's lexer reads whatever it expects, to be
			// concatenated: "length 1" is length($0) "1".
			k == tNumber || k == tString || k == tName || k == tFuncName ||
				k == tBuiltin || k == tLength || k == tGetline:
			return &builtinCall{fn: bLength, line: t.line}
		}
		p.fail()
	case tGetline:
		p.advance()
		g := &getlineExpr{from: fromInput, lv: p.optLvalue(), line: t.line}
		if p.tok.kind == tLt {
			p.advance()
			g.from = fromFile
			g.src = p.concat()
		}
		return g
	}
	p.fail()
	return nil
}

// callArgs reads a call's arguments after its "(", and the ")".
func (p *parser) callArgs() []Expr {
	saved := p.noRedir
	p.noRedir = false
	defer func() { p.noRedir = saved }()
	if p.tok.kind == tRparen {
		p.advance()
		return nil
	}
	args := p.exprListItems()
	p.expect(tRparen)
	return args
}
