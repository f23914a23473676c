package awk

import "strings"

// tok is a token kind.
type tok uint8

const (
	tEOF tok = iota
	tNewline
	tLbrace
	tRbrace
	tLparen
	tRparen
	tLbracket
	tRbracket
	tSemi
	tComma
	tNumber
	tString
	tRegex
	tName     // a variable name
	tFuncName // a name directly followed by '(' (a user function call)
	tBuiltin  // a builtin function name (its code in tokBuiltin)
	tLength   // the builtin length, which may go without parentheses

	// Operators.
	tAssign    // =
	tAddAssign // +=
	tSubAssign // -=
	tMulAssign // *=
	tDivAssign // /=
	tModAssign // %=
	tPowAssign // ^= **=
	tCond      // ?
	tColon     // :
	tOr        // ||
	tAnd       // &&
	tIn        // in
	tMatch     // ~
	tNoMatch   // !~
	tEq        // ==
	tNe        // !=
	tLt        // <
	tLe        // <=
	tGt        // >
	tGe        // >=
	tAppend    // >>
	tPipe      // |
	tPlus      // +
	tMinus     // -
	tMul       // *
	tDiv       // /
	tMod       // %
	tPow       // ^ **
	tNot       // !
	tIncr      // ++
	tDecr      // --
	tDollar    // $

	// Keywords.
	tBegin
	tEnd
	tFunction
	tIf
	tElse
	tWhile
	tDo
	tFor
	tBreak
	tContinue
	tNext
	tNextfile
	tExit
	tReturn
	tDelete
	tGetline
	tPrint
	tPrintf
)

// token is one lexeme.
type token struct {
	kind tok
	line int
	str  string  // the name, the string's value, the regex's text
	num  float64 // a number's value
	fn   builtin // for tBuiltin
}

// lexer turns program text into tokens. Like BusyBox's, it decides
// whether '/' starts a regular expression from what came before, skips
// newlines after tokens that cannot end a statement, and joins lines
// ending in a backslash.
type lexer struct {
	src  string
	pos  int
	line int
	base int // the source's index, shifted to sit above the line
	last tok // the kind of the last token returned (tNewline at the start)
}

// lexState is a position to come back to.
type lexState struct {
	pos, line int
	last      tok
}

func (l *lexer) save() lexState     { return lexState{l.pos, l.line, l.last} }
func (l *lexer) restore(s lexState) { l.pos, l.line, l.last = s.pos, s.line, s.last }

// noTerm reports whether a newline after a token of kind k is skipped:
// after a binary operator, a comma, a brace, a semicolon or a newline,
// as BusyBox's TS_NOTERM says.
func noTerm(k tok) bool {
	switch k {
	case tNewline, tLbrace, tRbrace, tSemi, tComma:
		return true
	}
	return k >= tAssign && k <= tPow
}

// endsOperand reports whether a token of kind k can end an operand, so
// that a '/' after it divides rather than starts a regular expression.
func endsOperand(k tok) bool {
	switch k {
	case tName, tNumber, tString, tRparen, tRbracket, tIncr, tDecr, tLength, tBuiltin, tDollar:
		return true
	}
	return false
}

// syntaxErr is a parse error: its message and the line it was found on.
type syntaxErr struct {
	line int
	msg  string
}

func (l *lexer) fail(line int, msg string) {
	panic(&syntaxErr{line, msg})
}

// unexpected fails with BusyBox's message for a token it did not expect:
// "Unexpected end of string" after a newline or at the end, "Unexpected
// token" elsewhere.
func (l *lexer) unexpected(line int, prev tok) {
	if prev == tNewline || prev == tEOF {
		l.fail(line, "Unexpected end of string")
	}
	l.fail(line, "Unexpected token")
}

// next returns the next token.
func (l *lexer) next() token {
	for {
		t := l.scan()
		if t.kind == tNewline && noTerm(l.last) {
			continue
		}
		l.last = t.kind
		return t
	}
}

func isAlnum(c byte) bool {
	return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// skipSpace skips blanks and backslash-newlines.
func (l *lexer) skipSpace() {
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		if c == '\\' && l.pos+1 < len(l.src) && l.src[l.pos+1] == '\n' {
			l.pos += 2
			l.line++
			continue
		}
		if c == '\\' && strings.HasPrefix(l.src[l.pos+1:], "\r\n") {
			l.pos += 3
			l.line++
			continue
		}
		if c != ' ' && c != '\t' && c != '\r' {
			return
		}
		l.pos++
	}
}

func (l *lexer) scan() token {
	l.skipSpace()
	if l.pos < len(l.src) && l.src[l.pos] == '#' {
		for l.pos < len(l.src) && l.src[l.pos] != '\n' {
			l.pos++
		}
	}
	line := l.base | l.line
	if l.pos >= len(l.src) {
		return token{kind: tEOF, line: line}
	}
	src := l.src
	c := src[l.pos]
	switch {
	case c == '"':
		return token{kind: tString, line: line, str: l.scanString()}
	case c == '/' && !endsOperand(l.last):
		return token{kind: tRegex, line: line, str: l.scanRegex()}
	case c == '.' || isDigit(c):
		v, n := programNumber(src[l.pos:])
		if n == 0 || l.pos+n < len(src) && src[l.pos+n] == '.' {
			l.fail(line, "Unexpected token")
		}
		l.pos += n
		return token{kind: tNumber, line: line, num: v}
	case isAlnum(c):
		start := l.pos
		for l.pos < len(src) && isAlnum(src[l.pos]) {
			l.pos++
		}
		word := src[start:l.pos]
		if k, ok := keyword(word); ok {
			return token{kind: k, line: line}
		}
		if b, ok := builtinByName(word); ok {
			if b == bLength {
				return token{kind: tLength, line: line, fn: b}
			}
			return token{kind: tBuiltin, line: line, fn: b, str: word}
		}
		if l.pos < len(src) && src[l.pos] == '(' {
			l.pos++
			return token{kind: tFuncName, line: line, str: word}
		}
		return token{kind: tName, line: line, str: word}
	}
	l.pos++
	two := func(next byte, k2, k1 tok) token {
		if l.pos < len(src) && src[l.pos] == next {
			l.pos++
			return token{kind: k2, line: line}
		}
		return token{kind: k1, line: line}
	}
	switch c {
	case '\n':
		l.line++
		return token{kind: tNewline, line: line}
	case '{':
		return token{kind: tLbrace, line: line}
	case '}':
		return token{kind: tRbrace, line: line}
	case '(':
		return token{kind: tLparen, line: line}
	case ')':
		return token{kind: tRparen, line: line}
	case '[':
		return token{kind: tLbracket, line: line}
	case ']':
		return token{kind: tRbracket, line: line}
	case ';':
		return token{kind: tSemi, line: line}
	case ',':
		return token{kind: tComma, line: line}
	case '?':
		return token{kind: tCond, line: line}
	case ':':
		return token{kind: tColon, line: line}
	case '$':
		return token{kind: tDollar, line: line}
	case '~':
		return token{kind: tMatch, line: line}
	case '=':
		return two('=', tEq, tAssign)
	case '<':
		return two('=', tLe, tLt)
	case '>':
		if l.pos < len(src) && src[l.pos] == '>' {
			l.pos++
			return token{kind: tAppend, line: line}
		}
		return two('=', tGe, tGt)
	case '!':
		if l.pos < len(src) && src[l.pos] == '~' {
			l.pos++
			return token{kind: tNoMatch, line: line}
		}
		return two('=', tNe, tNot)
	case '|':
		return two('|', tOr, tPipe)
	case '&':
		if l.pos < len(src) && src[l.pos] == '&' {
			l.pos++
			return token{kind: tAnd, line: line}
		}
	case '+':
		if l.pos < len(src) && src[l.pos] == '+' {
			l.pos++
			return token{kind: tIncr, line: line}
		}
		return two('=', tAddAssign, tPlus)
	case '-':
		if l.pos < len(src) && src[l.pos] == '-' {
			l.pos++
			return token{kind: tDecr, line: line}
		}
		return two('=', tSubAssign, tMinus)
	case '*':
		if l.pos < len(src) && src[l.pos] == '*' {
			l.pos++
			return two('=', tPowAssign, tPow)
		}
		return two('=', tMulAssign, tMul)
	case '/':
		return two('=', tDivAssign, tDiv)
	case '%':
		return two('=', tModAssign, tMod)
	case '^':
		return two('=', tPowAssign, tPow)
	}
	l.fail(line, "Unexpected token")
	panic("unreachable")
}

// scanString reads a string literal after its opening quote, with
// BusyBox's escapes; the string ends at the first NUL it holds, as a C
// string does.
func (l *lexer) scanString() string {
	l.pos++
	var b []byte
	for {
		if l.pos >= len(l.src) || l.src[l.pos] == '\n' {
			l.fail(l.base|l.line, "Unexpected end of string")
		}
		c := l.src[l.pos]
		if c == '"' {
			l.pos++
			break
		}
		if c == '\\' {
			if l.pos+1 < len(l.src) && l.src[l.pos+1] == '\n' {
				// A backslash-newline continues the string.
				l.pos += 2
				l.line++
				continue
			}
			var r byte
			r, l.pos = unescape(l.src, l.pos+1)
			b = append(b, r)
			continue
		}
		b = append(b, c)
		l.pos++
	}
	if i := strings.IndexByte(string(b), 0); i >= 0 {
		b = b[:i]
	}
	return string(b)
}

// scanRegex reads a regular expression literal after its opening slash.
// Escapes that BusyBox turns into characters (\n, \t, \/, octal and hex)
// become them; \\ and an escaped character with no meaning of its own
// (\. \( \y) stay escaped, for the regular expression to read.
func (l *lexer) scanRegex() string {
	l.pos++
	var b []byte
	for {
		if l.pos >= len(l.src) || l.src[l.pos] == '\n' {
			l.fail(l.base|l.line, "Unexpected end of string")
		}
		c := l.src[l.pos]
		if c == '/' {
			l.pos++
			break
		}
		l.pos++
		if c != '\\' {
			b = append(b, c)
			continue
		}
		if l.pos < len(l.src) && l.src[l.pos] == '/' {
			// \/ is a slash: the regular expression reads "\/" as one.
			b = append(b, '\\', '/')
			l.pos++
			continue
		}
		r, n, ok := escapeSeq(l.src, l.pos)
		if !ok {
			// Unknown: the backslash and the character stay.
			b = append(b, '\\')
			if l.pos < len(l.src) {
				b = append(b, l.src[l.pos])
				l.pos++
			}
			continue
		}
		b = append(b, r)
		if l.src[l.pos] == '\\' {
			// \\ stays \\: an escaped backslash to the regex.
			b = append(b, '\\')
		}
		l.pos = n
	}
	if i := strings.IndexByte(string(b), 0); i >= 0 {
		b = b[:i]
	}
	return string(b)
}

// escapeSeq reads the escape sequence at s[i:] (after a backslash) as
// BusyBox's bb_process_escape_sequence does: up to three octal digits
// (a value up to 255), \x and up to two hex digits, or one of a b e f n
// r t v \. ok is false for anything else, which the caller handles.
func escapeSeq(s string, i int) (r byte, next int, ok bool) {
	if i < len(s) && s[i] == 'x' {
		v, n := 0, 0
		for n < 2 && i+1+n < len(s) {
			d := hexDigit(s[i+1+n])
			if d < 0 {
				break
			}
			v = v*16 + d
			n++
		}
		if n == 0 {
			return 0, i, false
		}
		return byte(v), i + 1 + n, true
	}
	v, n := 0, 0
	for n < 3 && i+n < len(s) && s[i+n] >= '0' && s[i+n] <= '7' {
		w := v*8 + int(s[i+n]-'0')
		if w > 255 {
			break
		}
		v = w
		n++
	}
	if n > 0 {
		return byte(v), i + n, true
	}
	if i >= len(s) {
		return 0, i, false
	}
	switch s[i] {
	case 'a':
		return '\a', i + 1, true
	case 'b':
		return '\b', i + 1, true
	case 'e':
		return 27, i + 1, true
	case 'f':
		return '\f', i + 1, true
	case 'n':
		return '\n', i + 1, true
	case 'r':
		return '\r', i + 1, true
	case 't':
		return '\t', i + 1, true
	case 'v':
		return '\v', i + 1, true
	case '\\':
		return '\\', i + 1, true
	}
	return 0, i, false
}

func hexDigit(c byte) int {
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

// unescape reads the escape at s[i:] (after a backslash) in a string: a
// known escape is its character, an unknown one (\" \/ \q) the character
// itself, and a backslash at the end a backslash.
func unescape(s string, i int) (byte, int) {
	if r, n, ok := escapeSeq(s, i); ok {
		return r, n
	}
	if i >= len(s) {
		return '\\', i
	}
	return s[i], i + 1
}

// Unescape processes the escapes of s as BusyBox does for -v and
// command-line assignments and -F: as in a string literal, up to a NUL.
func Unescape(s string) string {
	if strings.IndexByte(s, '\\') < 0 {
		return s
	}
	var b []byte
	for i := 0; i < len(s); {
		if s[i] == '\\' {
			var r byte
			r, i = unescape(s, i+1)
			if r == 0 {
				break
			}
			b = append(b, r)
			continue
		}
		b = append(b, s[i])
		i++
	}
	return string(b)
}

// programNumber reads a number in program text as BusyBox does: 0x hex
// and leading-zero octal integers, else C's strtod. n is 0 when s holds
// no number.
func programNumber(s string) (v float64, n int) {
	if len(s) > 1 && s[0] == '0' {
		if s[1] == 'x' || s[1] == 'X' {
			i := 2
			var u uint64
			for i < len(s) && hexDigit(s[i]) >= 0 {
				u = u*16 + uint64(hexDigit(s[i]))
				i++
			}
			if i == 2 {
				return 0, 1 // "0x" with no digits: strtoull reads the 0
			}
			return float64(u), i
		}
		if isDigit(s[1]) {
			i := 1
			var u uint64
			for i < len(s) && s[i] >= '0' && s[i] <= '7' {
				u = u*8 + uint64(s[i]-'0')
				i++
			}
			if i == len(s) || !isDigit(s[i]) && s[i] != '.' {
				return float64(u), i
			}
		}
	}
	return strtod(s)
}

func keyword(w string) (tok, bool) {
	switch w {
	case "BEGIN":
		return tBegin, true
	case "END":
		return tEnd, true
	case "function", "func":
		return tFunction, true
	case "if":
		return tIf, true
	case "else":
		return tElse, true
	case "while":
		return tWhile, true
	case "do":
		return tDo, true
	case "for":
		return tFor, true
	case "break":
		return tBreak, true
	case "continue":
		return tContinue, true
	case "next":
		return tNext, true
	case "nextfile":
		return tNextfile, true
	case "exit":
		return tExit, true
	case "return":
		return tReturn, true
	case "delete":
		return tDelete, true
	case "getline":
		return tGetline, true
	case "print":
		return tPrint, true
	case "printf":
		return tPrintf, true
	case "in":
		return tIn, true
	}
	return 0, false
}
