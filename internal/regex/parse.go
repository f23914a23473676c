package regex

import (
	"strings"
	"unicode/utf8"
)

// Error codes, numbered as musl's regex.h numbers them; the texts are
// musl's regerror strings, which BusyBox prints on Alpine.
const (
	errBadPat   = 2  // REG_BADPAT
	errCollate  = 3  // REG_ECOLLATE
	errCtype    = 4  // REG_ECTYPE
	errEscape   = 5  // REG_EESCAPE
	errSubReg   = 6  // REG_ESUBREG
	errBrack    = 7  // REG_EBRACK
	errParen    = 8  // REG_EPAREN
	errBrace    = 9  // REG_EBRACE
	errBadBrace = 10 // REG_BADBR
	errRange    = 11 // REG_ERANGE
	errSpace    = 12 // REG_ESPACE
	errBadRpt   = 13 // REG_BADRPT
)

// errText returns musl's regerror text for code.
func errText(code int) string {
	switch code {
	case errBadPat:
		return "Invalid regexp"
	case errCollate:
		return "Unknown collating element"
	case errCtype:
		return "Unknown character class name"
	case errEscape:
		return "Trailing backslash"
	case errSubReg:
		return "Invalid back reference"
	case errBrack:
		return "Missing ']'"
	case errParen:
		return "Missing ')'"
	case errBrace:
		return "Missing '}'"
	case errBadBrace:
		return "Invalid contents of {}"
	case errRange:
		return "Invalid character range"
	case errSpace:
		return "Out of memory"
	case errBadRpt:
		return "Repetition not preceded by valid expression"
	}
	return "Unknown error"
}

func newError(code int) *Error { return &Error{Code: code, Msg: errText(code)} }

// dupMax is RE_DUP_MAX, the largest count in an interval.
const dupMax = 255

// maxNodes bounds the size of a pattern after intervals are expanded
// ((a{255}){255} is 65,536 nodes); musl fails larger ones with
// REG_ESPACE when its memory runs out, and so does this package, sooner.
const maxNodes = 1 << 17

// parser turns a pattern into a syntax tree with musl's grammar: the
// POSIX BRE and ERE grammars plus the extensions musl's TRE accepts (\+
// \? \| in BRE, \w \W \s \S \d \D, \t \n \r \f \a \e, \xHH, \b \B \< \>,
// an unknown escaped character standing for itself, empty branches and
// groups) and a few of GNU's (\` \', backreferences in an ERE, [.c.] and
// [=c=] for single characters).
type parser struct {
	src     string
	pos     int
	ere     bool
	icase   bool
	newline bool
	ngroup  int
	closed  uint64 // the subexpressions closed so far, as bits
	size    int    // nodes created, counting interval copies
}

func parse(pattern string, flags Flags) (*node, int, error) {
	p := &parser{src: pattern, ere: flags&Extended != 0, icase: flags&ICase != 0, newline: flags&Newline != 0}
	n, err := p.parseAlt(0)
	if err != nil {
		return nil, 0, err
	}
	if p.pos < len(p.src) {
		// Only a BRE's \) at depth 0 stops the top level early.
		return nil, 0, newError(errParen)
	}
	return n, p.ngroup, nil
}

// at reports whether the pattern continues with s.
func (p *parser) at(s string) bool { return strings.HasPrefix(p.src[p.pos:], s) }

// endsBranch reports whether a branch ends here: at the end of the
// pattern, before '|' or a group's ')' in an ERE, before \| or \) in a BRE.
func (p *parser) endsBranch(depth int) bool {
	if p.pos >= len(p.src) {
		return true
	}
	if p.ere {
		c := p.src[p.pos]
		return c == '|' || c == ')' && depth > 0
	}
	return p.at(`\|`) || p.at(`\)`)
}

// parseAlt parses branches separated by | (\| in a BRE).
func (p *parser) parseAlt(depth int) (*node, error) {
	var alts []*node
	for {
		br, err := p.parseBranch(depth)
		if err != nil {
			return nil, err
		}
		alts = append(alts, br)
		switch {
		case p.ere && p.at("|"):
			p.pos++
			continue
		case !p.ere && p.at(`\|`):
			p.pos += 2
			continue
		}
		break
	}
	if len(alts) == 1 {
		return alts[0], nil
	}
	return p.newNode(&node{op: opAlt, subs: alts})
}

// parseBranch parses a sequence of atoms, each with its repetitions.
func (p *parser) parseBranch(depth int) (*node, error) {
	start := p.pos
	var items []*node
	for !p.endsBranch(depth) {
		atomPos := p.pos
		n, err := p.parseAtom(start, depth)
		if err != nil {
			return nil, err
		}
		// A BRE's ^* at the start of a branch is an anchor and a literal *.
		if !p.ere && n.op == opAssert && assertion(n.n) == aBOL && p.at("*") && atomPos == start {
			items = append(items, n)
			continue
		}
		n, err = p.parseRepeats(n)
		if err != nil {
			return nil, err
		}
		items = append(items, n)
	}
	switch len(items) {
	case 0:
		return p.newNode(&node{op: opEmpty})
	case 1:
		return items[0], nil
	}
	return p.newNode(&node{op: opCat, subs: items})
}

// parseRepeats applies the repetition operators that follow an atom:
// * + ? {m,n} in an ERE, * \+ \? \{m,n\} in a BRE, any number of them.
func (p *parser) parseRepeats(n *node) (*node, error) {
	for p.pos < len(p.src) {
		lo, hi := 0, -1
		c := p.src[p.pos]
		switch {
		case c == '*':
			p.pos++
		case p.ere && (c == '+' || c == '?'):
			p.pos++
			if c == '+' {
				lo = 1
			} else {
				hi = 1
			}
		case !p.ere && (p.at(`\+`) || p.at(`\?`)):
			if p.src[p.pos+1] == '+' {
				lo = 1
			} else {
				hi = 1
			}
			p.pos += 2
		case p.ere && c == '{' || !p.ere && p.at(`\{`):
			if p.ere {
				p.pos++
			} else {
				p.pos += 2
			}
			var ok bool
			if lo, hi, ok = p.parseInterval(); !ok {
				return nil, newError(errBadBrace)
			}
		default:
			return n, nil
		}
		p.size += expandedSize(n) * (max(lo, hi, 1) - 1)
		var err error
		if n, err = p.newNode(&node{op: opRepeat, min: lo, max: hi, subs: []*node{n}}); err != nil {
			return nil, err
		}
	}
	return n, nil
}

// expandedSize is the number of nodes n stands for once intervals are
// written out as copies.
func expandedSize(n *node) int {
	size := 1
	for _, s := range n.subs {
		size += expandedSize(s)
	}
	if n.op == opRepeat {
		size = 1 + (size-1)*max(n.min, n.max, 1)
	}
	return min(size, maxNodes+1)
}

// parseInterval parses "m}", "m,}" and "m,n}" ("\}" in a BRE) after the
// opening brace, as musl does: m is required, and both are at most
// RE_DUP_MAX.
func (p *parser) parseInterval() (min, max int, ok bool) {
	min = p.parseCount()
	max = min
	if p.at(",") {
		p.pos++
		max = p.parseCount()
	}
	if max >= 0 && max < min || max > dupMax || min > dupMax || min < 0 {
		return 0, 0, false
	}
	if !p.ere {
		if !p.at(`\`) {
			return 0, 0, false
		}
		p.pos++
	}
	if !p.at("}") {
		return 0, 0, false
	}
	p.pos++
	return min, max, true
}

// parseCount reads a decimal count, -1 if there is none. It stops once
// the value passes RE_DUP_MAX, as musl does, so the caller sees the excess.
func (p *parser) parseCount() int {
	if p.pos >= len(p.src) || !isDigit(p.src[p.pos]) {
		return -1
	}
	n := 0
	for p.pos < len(p.src) && isDigit(p.src[p.pos]) {
		n = 10*n + int(p.src[p.pos]-'0')
		p.pos++
		if n > dupMax {
			break
		}
	}
	return n
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func (p *parser) newNode(n *node) (*node, error) {
	p.size++
	if p.size > maxNodes {
		return nil, newError(errSpace)
	}
	return n, nil
}

// parseAtom parses one atom; start is where the current branch began.
func (p *parser) parseAtom(start, depth int) (*node, error) {
	c := p.src[p.pos]
	switch c {
	case '[':
		p.pos++
		return p.parseBracket()
	case '\\':
		return p.parseEscape(depth)
	case '.':
		p.pos++
		var pairs []rune
		if p.newline {
			pairs = []rune{'\n', '\n'}
		}
		return p.newNode(&node{op: opClass, cls: newClass(pairs, true, false)})
	case '^':
		if p.ere || p.pos == start {
			p.pos++
			return p.newNode(&node{op: opAssert, n: int(aBOL)})
		}
	case '$':
		if p.ere || p.pos+1 == len(p.src) || p.at(`$\)`) || p.at(`$\|`) {
			p.pos++
			return p.newNode(&node{op: opAssert, n: int(aEOL)})
		}
	case '*', '+', '?', '{':
		if p.ere {
			return nil, newError(errBadRpt)
		}
	case '(':
		if p.ere {
			p.pos++
			return p.parseGroup(depth)
		}
	}
	return p.parseLiteral()
}

// parseGroup parses a subexpression after its opening parenthesis.
func (p *parser) parseGroup(depth int) (*node, error) {
	p.ngroup++
	idx := p.ngroup
	sub, err := p.parseAlt(depth + 1)
	if err != nil {
		return nil, err
	}
	switch {
	case p.ere && p.at(")"):
		p.pos++
	case !p.ere && p.at(`\)`):
		p.pos += 2
	default:
		return nil, newError(errParen)
	}
	if idx < 64 {
		p.closed |= 1 << idx
	}
	return p.newNode(&node{op: opGroup, n: idx, subs: []*node{sub}})
}

// parseLiteral parses one (possibly multibyte) character as a literal.
func (p *parser) parseLiteral() (*node, error) {
	r, w := utf8.DecodeRuneInString(p.src[p.pos:])
	if r == utf8.RuneError && w <= 1 {
		return nil, newError(errBadPat)
	}
	p.pos += w
	return p.lit(r)
}

// lit returns the node for the literal r (with ICase the engines match
// its case variants too).
func (p *parser) lit(r rune) (*node, error) {
	return p.newNode(&node{op: opLit, r: r})
}

// macros are musl's backslash shorthands, expanded as if written out.
func macro(c byte) string {
	switch c {
	case 't':
		return "\t"
	case 'n':
		return "\n"
	case 'r':
		return "\r"
	case 'f':
		return "\f"
	case 'a':
		return "\a"
	case 'e':
		return "\033"
	case 'w':
		return "[[:alnum:]_]"
	case 'W':
		return "[^[:alnum:]_]"
	case 's':
		return "[[:space:]]"
	case 'S':
		return "[^[:space:]]"
	case 'd':
		return "[[:digit:]]"
	case 'D':
		return "[^[:digit:]]"
	}
	return ""
}

// parseEscape parses a backslash sequence that is an atom.
func (p *parser) parseEscape(depth int) (*node, error) {
	if p.pos+1 >= len(p.src) {
		return nil, newError(errEscape)
	}
	c := p.src[p.pos+1]
	if m := macro(c); m != "" {
		sub := &parser{src: m, ere: p.ere, icase: p.icase, newline: p.newline}
		n, err := sub.parseAtom(0, 0)
		if err != nil {
			return nil, err
		}
		p.pos += 2
		return p.newNode(n)
	}
	assert := func(a assertion) (*node, error) {
		p.pos += 2
		return p.newNode(&node{op: opAssert, n: int(a)})
	}
	switch c {
	case 'b':
		return assert(aWord)
	case 'B':
		return assert(aNotWord)
	case '<':
		return assert(aBOW)
	case '>':
		return assert(aEOW)
	case '`':
		return assert(aBOT)
	case '\'':
		return assert(aEOT)
	case 'x':
		return p.parseHex()
	case '{', '+', '?':
		if !p.ere {
			return nil, newError(errBadRpt)
		}
	case '(':
		if !p.ere {
			p.pos += 2
			return p.parseGroup(depth)
		}
	}
	if '1' <= c && c <= '9' {
		n := int(c - '0')
		if p.closed&(1<<n) == 0 {
			// GNU's rule: a backreference follows its subexpression (musl
			// lets it match the empty string before).
			return nil, newError(errSubReg)
		}
		p.pos += 2
		return p.newNode(&node{op: opBackref, n: n})
	}
	p.pos++
	return p.parseLiteral()
}

// parseHex parses musl's \xHH and \x{HHHH}: up to 2 (in braces 8) hex
// digits, none meaning NUL.
func (p *parser) parseHex() (*node, error) {
	p.pos += 2
	limit := 2
	braced := p.at("{")
	if braced {
		limit = 8
		p.pos++
	}
	v := 0
	for i := 0; i < limit && v < 0x110000 && p.pos < len(p.src); i++ {
		d := hexVal(p.src[p.pos])
		if d < 0 {
			break
		}
		v = 16*v + d
		p.pos++
	}
	if braced {
		if !p.at("}") {
			return nil, newError(errBrace)
		}
		p.pos++
	}
	if v > utf8.MaxRune {
		v = utf8.RuneError
	}
	return p.lit(rune(v))
}

func hexVal(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// parseBracket parses a bracket expression after its '[', with musl's
// rules: ']' first is literal, '-' is literal first or last, a range
// endpoint is a character ([a-z], [--@]), a class [:name:] is a term of
// its own; backslash is an ordinary character. Collating symbols and
// equivalence classes are accepted for one character ([.-.], [=a=]), as
// GNU does in the C locale; musl rejects them all.
func (p *parser) parseBracket() (*node, error) {
	neg := p.at("^")
	if neg {
		p.pos++
	}
	first := p.pos
	var pairs []rune
	for {
		if p.pos >= len(p.src) {
			return nil, newError(errBrack)
		}
		c := p.src[p.pos]
		if c == ']' && p.pos != first {
			p.pos++
			break
		}
		if c == '-' && p.pos != first && !p.at("-]") && (!p.at("--") || p.at("--]")) {
			return nil, newError(errRange)
		}
		if p.at("[:") {
			p.pos += 2
			end := strings.Index(p.src[p.pos:], ":]")
			if end < 0 || end > 14 {
				return nil, newError(errCtype)
			}
			cls, ok := ctype(p.src[p.pos : p.pos+end])
			if !ok {
				return nil, newError(errCtype)
			}
			p.pos += end + 2
			pairs = append(pairs, cls...)
			continue
		}
		lo, err := p.bracketChar()
		if err != nil {
			return nil, err
		}
		hi := lo
		if p.at("-") && !p.at("-]") {
			p.pos++
			if p.pos >= len(p.src) {
				return nil, newError(errRange)
			}
			if hi, err = p.bracketChar(); err != nil {
				return nil, err
			}
			if lo > hi {
				return nil, newError(errRange)
			}
		}
		pairs = append(pairs, lo, hi)
	}
	if neg && p.newline {
		pairs = append(pairs, '\n', '\n')
	}
	return p.newNode(&node{op: opClass, cls: newClass(pairs, neg, p.icase)})
}

// bracketChar reads one character of a bracket expression: a plain one,
// or a one-character collating symbol or equivalence class.
func (p *parser) bracketChar() (rune, error) {
	if p.at("[.") || p.at("[=") {
		delim := p.src[p.pos+1]
		p.pos += 2
		r, w := utf8.DecodeRuneInString(p.src[p.pos:])
		if w == 0 || r == utf8.RuneError && w == 1 || !strings.HasPrefix(p.src[p.pos+w:], string(delim)+"]") {
			return 0, newError(errCollate)
		}
		p.pos += w + 2
		return r, nil
	}
	r, w := utf8.DecodeRuneInString(p.src[p.pos:])
	if r == utf8.RuneError && w <= 1 {
		return 0, newError(errBadPat)
	}
	p.pos += w
	return r, nil
}
