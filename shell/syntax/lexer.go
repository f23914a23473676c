package syntax

import "strings"

// ampGT stands for the "&>" operator where the lexer hands characters on.
const ampGT = 0x100 + '>'

// The contexts a word's characters are read in; they decide what ends
// the word and what quotes and backslashes mean.
const (
	ctxBase    = iota // a word of the command line
	ctxArgBase        // the word of ${x-word} outside double quotes, or a pattern
	ctxArgDQ          // the word of ${x-word} inside double quotes
	ctxDQ             // "..."
	ctxHeredoc        // an unquoted here-document body
	ctxArith          // $((...))
)

// wordBuilder collects a word's parts, merging adjacent literal text.
type wordBuilder struct {
	parts []WordPart
	lit   []byte
}

func (b *wordBuilder) flush() {
	if len(b.lit) > 0 {
		b.parts = append(b.parts, &Lit{Value: string(b.lit)})
		b.lit = b.lit[:0]
	}
}

func (b *wordBuilder) add(part WordPart) {
	b.flush()
	b.parts = append(b.parts, part)
}

// litWord lays a word of one literal out in one allocation.
type litWord struct {
	w     Word
	parts [1]WordPart
	lit   Lit
}

func newLitWord(pos Pos, s string) *Word {
	lw := &litWord{}
	lw.lit.Value = s
	lw.parts[0] = &lw.lit
	lw.w = Word{Pos: pos, Parts: lw.parts[:]}
	return &lw.w
}

// readWord reads a word of the command line starting with c (ash's
// readtoken1 in its base syntax). A word of one to nine digits directly
// before < or > is a descriptor number: then it reads the redirection.
func (p *Parser) readWord(c int) token {
	b := wordBuilder{lit: p.lit[:0]}
	p.lit = nil
	quoted := false
	p.eofmark = p.checkkwd&chkEOFMark != 0
	in := &p.in
loop:
	for {
		switch c {
		case eof, ' ', '\t', '\n', ';', '|', '(', ')':
			break loop
		case '&':
			if c2 := in.getc(); c2 == '>' {
				c = ampGT
			} else {
				in.ungetc(c2)
			}
			break loop
		case '<', '>':
			c2 := in.getc()
			if c2 != '(' {
				in.ungetc(c2)
				break loop
			}
			b.add(p.readProcSubst(c == '>'))
		case '\\':
			// A backslash at the end of input stands for itself; it
			// is written as an escaped one (and so counts as quoting,
			// which ash does not do, but nothing can follow it).
			c2 := in.getc()
			if c2 == eof {
				b.lit = append(b.lit, '\\', '\\')
			} else {
				b.lit = append(b.lit, '\\', byte(c2))
			}
			quoted = true
		case '\'':
			quoted = true
			b.add(p.readSQ())
		case '"':
			quoted = true
			b.add(p.readDQ())
		case '$':
			if p.eofmark {
				if c2 := in.getc(); c2 == '\'' {
					quoted = true
					b.add(p.readDollarSQ())
				} else {
					in.ungetc(c2)
					b.lit = append(b.lit, '$')
				}
			} else {
				p.readDollar(&b, ctxBase)
			}
		case '`':
			if p.eofmark {
				quoted = true
				b.lit = append(b.lit, '`')
			} else {
				b.add(p.readBackquote(false))
			}
		default:
			b.lit = append(b.lit, byte(c))
		}
		c = in.getcNL()
	}
	p.eofmark = false
	if len(b.parts) == 0 && len(b.lit) > 0 && c != '<' && c != '>' && c != ampGT {
		// The common word of plain text, in one allocation.
		in.ungetc(c)
		p.word = newLitWord(Pos{Line: p.tokLine}, string(b.lit))
		p.lit = b.lit
		p.quoted = quoted
		return tWord
	}
	b.flush()
	if (c == '<' || c == '>' || c == ampGT) && !quoted {
		if fd := atoi9(&b); fd >= 0 {
			p.lit = b.lit
			return p.readRedir(fd, c)
		}
	}
	if c == ampGT {
		in.ungetc('>')
		in.ungetc('&')
	} else {
		in.ungetc(c)
	}
	p.lit = b.lit
	p.word = &Word{Pos: Pos{Line: p.tokLine}, Parts: b.parts}
	p.quoted = quoted
	return tWord
}

// readRedir reads a redirection operator whose first character c has
// been read; fd is -1 when no number was written.
func (p *Parser) readRedir(fd int, c int) token {
	r := &Redirect{Pos: Pos{Line: p.tokLine}, Fd: fd}
	in := &p.in
	switch c {
	case '>':
		switch c2 := in.getcNL(); c2 {
		case '>':
			r.Op = RdrAppend
		case '|':
			r.Op = RdrClobber
		case '&':
			r.Op = RdrDupOut
		default:
			in.ungetc(c2)
			r.Op = RdrOut
		}
	case ampGT:
		r.Op = RdrAll
	default: // '<'
		switch c2 := in.getcNL(); c2 {
		case '<':
			switch c3 := in.getcNL(); c3 {
			case '-':
				r.Op = RdrHeredocTab
			case '<':
				// bash's here-string; Alpine's ash has none and
				// says "unexpected redirection".
				r.Op = RdrHerestr
			default:
				in.ungetc(c3)
				r.Op = RdrHeredoc
			}
		case '&':
			r.Op = RdrDupIn
		case '>':
			r.Op = RdrInOut
		default:
			in.ungetc(c2)
			r.Op = RdrIn
		}
	}
	p.redir = r
	return tRedir
}

// readSQ reads '...' after its opening quote.
func (p *Parser) readSQ() *SglQuoted {
	buf := p.tmp[:0]
	for {
		c := p.in.getc()
		if c == '\'' {
			break
		}
		if c == eof {
			p.failEOF("unterminated quoted string")
		}
		buf = append(buf, byte(c))
		if c == '\n' {
			p.bodyNewline("missing '}'")
		}
	}
	p.tmp = buf
	return &SglQuoted{Value: string(buf)}
}

// readDollarSQ reads $'...' after its opening quote, decoding ash's
// escapes: \n \r \b \t \f \a \v \\ \' \" \ooo \xHH; any other backslash
// pair stays as written and a NUL ends nothing but is dropped.
func (p *Parser) readDollarSQ() *SglQuoted {
	buf := p.tmp[:0]
	in := &p.in
	for {
		c := in.getc()
		switch c {
		case eof:
			p.failEOF("unterminated quoted string")
		case '\'':
			p.tmp = buf
			return &SglQuoted{Dollar: true, Value: string(buf)}
		case '\\':
			c = in.getc()
			v := -1
			switch c {
			case 'n':
				v = '\n'
			case 'r':
				v = '\r'
			case 'b':
				v = '\b'
			case 't':
				v = '\t'
			case 'f':
				v = '\f'
			case 'a':
				v = '\a'
			case 'v':
				v = '\v'
			case '\\', '\'', '"':
				v = c
			case '0', '1', '2', '3', '4', '5', '6', '7':
				v = c - '0'
				for i := 0; i < 2; i++ {
					d := in.getc()
					if d < '0' || d > '7' {
						in.ungetc(d)
						break
					}
					v = v*8 + d - '0'
				}
			case 'x':
				n := 0
				v = 0
				for n < 2 {
					d := in.getc()
					h := hexVal(d)
					if h < 0 {
						in.ungetc(d)
						break
					}
					v = v*16 + h
					n++
				}
				if n == 0 {
					v = -1
				}
			case eof:
				p.failEOF("unterminated quoted string")
			}
			if v < 0 {
				buf = append(buf, '\\', byte(c))
			} else if v&0xff != 0 {
				buf = append(buf, byte(v))
			}
		default:
			buf = append(buf, byte(c))
		}
	}
}

func hexVal(c int) int {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10
	}
	return -1
}

// readDQ reads "..." after its opening quote.
func (p *Parser) readDQ() *DblQuoted {
	var b wordBuilder
	in := &p.in
	for {
		c := in.getcNL()
		switch c {
		case eof:
			p.failEOF("unterminated quoted string")
		case '"':
			b.flush()
			return &DblQuoted{Parts: b.parts}
		case '\\':
			c2 := in.getc()
			if c2 == eof {
				p.failEOF("unterminated quoted string")
			}
			b.lit = append(b.lit, '\\', byte(c2))
		case '$':
			if p.eofmark {
				b.lit = append(b.lit, '$')
			} else {
				p.readDollar(&b, ctxDQ)
			}
		case '`':
			if p.eofmark {
				b.lit = append(b.lit, '`')
			} else {
				b.add(p.readBackquote(true))
			}
		case '\n':
			b.lit = append(b.lit, '\n')
			p.bodyNewline("missing '}'")
		default:
			b.lit = append(b.lit, byte(c))
		}
	}
}

// bodyNewline is called after a newline inside ${...}, $((...)) or the
// quotes within them in an unquoted here-document body. ash checks every
// line of the body for the delimiter, these too: the body ends there and
// the expansion left open is the syntax error msg.
func (p *Parser) bodyNewline(msg string) {
	if p.hd != nil && p.heredocEnd(p.hd) {
		p.fail(msg)
	}
}

// readDollar reads what follows a $ in context ctx.
func (p *Parser) readDollar(b *wordBuilder, ctx int) {
	in := &p.in
	c := in.getcNL()
	switch {
	case c == '(':
		if c2 := in.getcNL(); c2 == '(' {
			b.add(p.readArith())
		} else {
			in.ungetc(c2)
			b.add(p.readCmdSubst())
		}
	case c == '{':
		b.add(p.readBraceParam(ctx))
	case isNameStart(c):
		name := p.tmp[:0]
		for isNameChar(c) {
			name = append(name, byte(c))
			c = in.getcNL()
		}
		in.ungetc(c)
		p.tmp = name
		b.add(&ParamExp{Short: true, Name: string(name)})
	case isSpecial(c):
		b.add(&ParamExp{Short: true, Name: string(rune(c))})
	case c == '\'' && (ctx == ctxBase || ctx == ctxArgBase):
		b.add(p.readDollarSQ())
	default:
		in.ungetc(c)
		b.lit = append(b.lit, '$')
	}
}

// readBraceParam reads ${...} after the brace, the way ash's parsesub
// does: a form ash cannot use is still read to its closing brace and
// becomes OpBad, an error ("bad substitution") only when expanded.
func (p *Parser) readBraceParam(ctx int) *ParamExp {
	in := &p.in
	pe := &ParamExp{}
	start := len(in.rec)
	c := in.getcNL()
	name := p.tmp[:0]
	bad := false
varname:
	switch {
	case isNameStart(c):
		for isNameChar(c) {
			name = append(name, byte(c))
			c = in.getcNL()
		}
	case isDigit(c):
		for isDigit(c) {
			name = append(name, byte(c))
			c = in.getcNL()
		}
	case c != '}':
		cc := c
		c = in.getcNL()
		if !pe.Length && cc == '#' {
			pe.Length = true
			if c == '_' || isNameChar(c) {
				goto varname
			}
			cc = c
			c = in.getcNL()
			if cc == '}' || c != '}' {
				in.ungetc(c)
				pe.Length = false
				c = cc
				cc = '#'
			}
		}
		if !isSpecial(cc) {
			pe.Length = false
			bad = true
			in.ungetc(c)
		} else {
			name = append(name, byte(cc))
		}
	default:
		bad = true
		in.ungetc(c)
	}
	p.tmp = name
	pe.Name = string(name)
	argCtx := ctxArgBase
	if ctx != ctxBase && ctx != ctxArgBase {
		argCtx = ctxArgDQ
	}
	switch {
	case bad:
	case pe.Length:
		if c != '}' {
			pe.Length = false
			bad = true
			in.ungetc(c)
		} else {
			return pe
		}
	default:
		switch c {
		case '}':
			return pe
		case ':':
			c = in.getcNL()
			switch c {
			case '}':
				// ash takes "${x:}" as ${x} whose word runs to a
				// second brace.
				pe.Colon = true
			case '-', '+', '?', '=':
				pe.Colon = true
				pe.Op = opOf(c)
			default:
				in.ungetc(c)
				pe.Op = OpSlice
			}
		case '-', '+', '?', '=':
			pe.Op = opOf(c)
		case '#', '%':
			pe.Op = OpTrimPrefix
			if c == '%' {
				pe.Op = OpTrimSuffix
			}
			if c2 := in.getcNL(); c2 == c {
				pe.Op++
			} else {
				in.ungetc(c2)
			}
			argCtx = ctxArgBase
		case '/':
			// ash knows / and // only: in ${x/#p/r} the # is part of
			// the pattern.
			pe.Op = OpReplace
			if c2 := in.getcNL(); c2 == '/' {
				pe.Op = OpReplaceAll
			} else {
				in.ungetc(c2)
			}
			argCtx = ctxArgBase
		default:
			// ash drops this character and reads on to the brace;
			// a newline so dropped is not counted as a line.
			bad = true
			if c == '\n' {
				in.line--
			}
		}
	}
	if bad {
		// Keep what was read, for the printer.
		pe.Op = OpBad
		pe.Length = false
		if start <= len(in.rec) {
			pe.Name = string(in.rec[start:])
		}
	}
	arg := p.readArgWord(argCtx)
	switch {
	case bad:
		pe.Arg = arg
	case pe.Op == OpSlice:
		pe.Offset, pe.Count = splitWord(arg, ':')
		if pe.Offset == nil {
			pe.Offset = arg
		}
	case pe.Op == OpReplace || pe.Op == OpReplaceAll:
		// The pattern is never empty: a "/" right after the operator
		// is its first character (${v////-} replaces "/" by "-").
		pe.Arg, pe.Repl = splitWord(arg, '/')
		if pe.Arg == nil {
			pe.Arg = arg
		}
	default:
		pe.Arg = arg
	}
	return pe
}

func opOf(c int) ParamOp {
	switch c {
	case '-':
		return OpDefault
	case '=':
		return OpAssign
	case '?':
		return OpError
	}
	return OpAlt
}

// splitWord splits w at the first unquoted, unescaped sep in its literal
// parts; nil, nil when there is none.
func splitWord(w *Word, sep byte) (*Word, *Word) {
	for i, part := range w.Parts {
		l, ok := part.(*Lit)
		if !ok {
			continue
		}
		for j := 0; j < len(l.Value); j++ {
			switch l.Value[j] {
			case '\\':
				j++
			case sep:
				if i == 0 && j == 0 && sep == '/' {
					continue
				}
				a := &Word{Pos: w.Pos, Parts: append([]WordPart(nil), w.Parts[:i]...)}
				b := &Word{Pos: w.Pos}
				if j > 0 {
					a.Parts = append(a.Parts, &Lit{Value: l.Value[:j]})
				}
				if j+1 < len(l.Value) {
					b.Parts = append(b.Parts, &Lit{Value: l.Value[j+1:]})
				}
				b.Parts = append(b.Parts, w.Parts[i+1:]...)
				return a, b
			}
		}
	}
	return nil, nil
}

// readArgWord reads the word of ${x OP word} up to its closing brace.
func (p *Parser) readArgWord(ctx int) *Word {
	var b wordBuilder
	in := &p.in
	line := in.line
	for {
		c := in.getcNL()
		switch c {
		case eof:
			if ctx == ctxArgDQ && !p.inBody {
				p.failEOF("unterminated quoted string")
			}
			p.failEOF("missing '}'")
		case '}':
			b.flush()
			return &Word{Pos: Pos{Line: line}, Parts: b.parts}
		case '\\':
			c2 := in.getc()
			if c2 == eof {
				b.lit = append(b.lit, '\\', '\\')
				continue
			}
			b.lit = append(b.lit, '\\', byte(c2))
		case '$':
			p.readDollar(&b, ctx)
		case '`':
			b.add(p.readBackquote(ctx == ctxArgDQ))
		case '\'':
			if ctx == ctxArgBase {
				b.add(p.readSQ())
			} else {
				b.lit = append(b.lit, '\'')
			}
		case '"':
			b.add(p.readDQ())
		case '\n':
			b.lit = append(b.lit, '\n')
			p.bodyNewline("missing '}'")
		default:
			b.lit = append(b.lit, byte(c))
		}
	}
}

// readArith reads $((...)) after its two parentheses: up to a "))"
// outside nested parentheses.
func (p *Parser) readArith() *ArithExp {
	var b wordBuilder
	in := &p.in
	line := in.line
	level := 0
	for {
		c := in.getcNL()
		switch c {
		case eof:
			p.failEOF("missing '))'")
		case '(':
			level++
			b.lit = append(b.lit, '(')
		case ')':
			if level > 0 {
				level--
			} else {
				c2 := in.getcNL()
				if c2 == ')' {
					b.flush()
					return &ArithExp{X: &Word{Pos: Pos{Line: line}, Parts: b.parts}}
				}
				// An unbalanced ")": ash does not second-guess it.
				in.ungetc(c2)
			}
			b.lit = append(b.lit, ')')
		case '\\':
			c2 := in.getc()
			if c2 == eof {
				p.failEOF("missing '))'")
			}
			b.lit = append(b.lit, '\\', byte(c2))
		case '$':
			p.readDollar(&b, ctxArith)
		case '`':
			b.add(p.readBackquote(true))
		case '\n':
			b.lit = append(b.lit, '\n')
			p.bodyNewline("missing '))'")
		default:
			b.lit = append(b.lit, byte(c))
		}
	}
}

// tokState is what a nested parse (of $(...)) must not disturb in the
// lexer of the word around it.
type tokState struct {
	tok                               token
	checkkwd                          int
	tokLine, tokStart, tokEnd, prevEn int
	word                              *Word
	quoted, eofmark, inBody           bool
	heredocs                          []*heredoc
	hd                                *heredoc
}

func (p *Parser) saveTok() tokState {
	s := tokState{p.tok, p.checkkwd, p.tokLine, p.tokStart, p.tokEnd, p.prevEnd,
		p.word, p.quoted, p.eofmark, p.inBody, p.heredocs, p.hd}
	p.heredocs = nil
	p.eofmark = false
	p.inBody = false
	p.hd = nil // a $(...) in a body is read as a script: no delimiter check
	return s
}

func (p *Parser) restoreTok(s tokState) {
	p.tok, p.checkkwd, p.tokLine, p.tokStart, p.tokEnd, p.prevEnd = s.tok, s.checkkwd, s.tokLine, s.tokStart, s.tokEnd, s.prevEn
	p.word, p.quoted, p.eofmark, p.inBody, p.heredocs, p.hd = s.word, s.quoted, s.eofmark, s.inBody, s.heredocs, s.hd
	p.pushback = false
}

// subList parses the list of $(...) or <(...) after its parenthesis.
func (p *Parser) subList() []*Stmt {
	s := p.saveTok()
	stmts, _ := p.list(2)
	if p.readtoken() != tRP {
		p.unexpected(int(tRP))
	}
	// ash reads here-documents still pending at the ")" from an empty
	// string: they are empty.
	for _, h := range p.heredocs {
		h.r.Heredoc = &Word{Pos: h.r.Pos}
	}
	p.restoreTok(s)
	return stmts
}

func (p *Parser) readCmdSubst() *CmdSubst {
	return &CmdSubst{Stmts: p.subList()}
}

func (p *Parser) readProcSubst(out bool) *ProcSubst {
	return &ProcSubst{Out: out, Stmts: p.subList()}
}

// readBackquote reads `...` after its opening quote: the text up to the
// closing quote, with \\ \` \$ (and \" inside double quotes) unescaped,
// parsed on its own.
func (p *Parser) readBackquote(dq bool) *CmdSubst {
	in := &p.in
	var buf []byte
	line := in.line
	for {
		c := in.getcNL()
		if c == '`' {
			break
		}
		switch c {
		case eof:
			p.failEOF("EOF in backquote substitution")
		case '\\':
			c = in.getc()
			if c == eof {
				p.failEOF("EOF in backquote substitution")
			}
			if c != '\\' && c != '`' && c != '$' && (!dq || c != '"') {
				buf = append(buf, '\\')
			}
		}
		buf = append(buf, byte(c))
	}
	sub := newStringParser(buf, p.name)
	sub.Alias = p.Alias
	sub.Lineno = p.Lineno
	sub.sub = true
	sub.in.line = line
	if p.Lineno != nil {
		sub.in.line = p.Lineno()
	}
	// As ash, whatever follows a complete list is ignored: `a ) b`.
	stmts, _ := sub.list(2)
	sub.readHeredocs()
	return &CmdSubst{Backquote: true, Stmts: stmts}
}

// readHeredocs reads the bodies of the here-documents whose redirections
// were on the line just ended.
func (p *Parser) readHeredocs() {
	if len(p.heredocs) == 0 {
		return
	}
	hs := p.heredocs
	p.heredocs = nil
	for _, h := range hs {
		p.readHeredoc(h)
	}
	p.heredocs = hs[:0]
}

func (p *Parser) readHeredoc(h *heredoc) {
	in := &p.in
	pos := Pos{Line: in.line}
	if h.r.HeredocQuoted {
		buf := p.tmp[:0]
		for !p.heredocEnd(h) {
			for {
				c := in.getc()
				if c == eof {
					break
				}
				buf = append(buf, byte(c))
				if c == '\n' {
					break
				}
			}
		}
		p.tmp = buf
		h.r.Heredoc = &Word{Pos: pos}
		if len(buf) > 0 {
			h.r.Heredoc.Parts = []WordPart{&Lit{Value: string(buf)}}
		}
		return
	}
	h.r.Heredoc = p.readBody(h, false)
	h.r.Heredoc.Pos = pos
}

// readBody reads an unquoted here-document body up to its delimiter
// line, or, with h nil, text to the end of input; prompt keeps "\$" as
// an escaped backslash before an escaped dollar, as ash's prompt syntax
// does, so that the prompt's own \$ escape survives expansion.
func (p *Parser) readBody(h *heredoc, prompt bool) *Word {
	var b wordBuilder
	in := &p.in
	saved, savedHd := p.inBody, p.hd
	p.inBody, p.hd = true, h
body:
	for h == nil || !p.heredocEnd(h) {
		for {
			c := in.getcNL()
			switch c {
			case eof:
				break body
			case '\n':
				b.lit = append(b.lit, '\n')
				continue body
			case '\\':
				c2 := in.getc()
				if c2 == eof {
					b.lit = append(b.lit, '\\', '\\')
					break body
				}
				if prompt && c2 == '$' {
					b.lit = append(b.lit, '\\', '\\')
				}
				b.lit = append(b.lit, '\\', byte(c2))
			case '$':
				p.readDollar(&b, ctxHeredoc)
			case '`':
				b.add(p.readBackquote(true))
			default:
				b.lit = append(b.lit, byte(c))
			}
		}
	}
	p.inBody, p.hd = saved, savedHd
	b.flush()
	return &Word{Parts: b.parts}
}

// heredocEnd checks, at the start of a line of a here-document body,
// whether the line is the delimiter (after leading tabs for <<-). It
// consumes the delimiter line, or only the stripped tabs.
func (p *Parser) heredocEnd(h *heredoc) bool {
	in := &p.in
	var c int
	if h.r.HeredocQuoted {
		c = in.getc()
	} else {
		c = in.getcNL()
	}
	if h.strip {
		for c == '\t' {
			c = in.getc()
		}
	}
	if c == eof {
		return true
	}
	i := 0
	for ; i < len(h.mark); i++ {
		if c != int(h.mark[i]) {
			break
		}
		c = in.getc()
	}
	if i == len(h.mark) && (c == '\n' || c == eof) {
		return true
	}
	in.ungetc(c)
	for i--; i >= 0; i-- {
		in.ungetc(int(h.mark[i]))
	}
	return false
}

// heredocMark is the delimiter as the body must spell it: the word with
// its quotes removed.
func heredocMark(w *Word) string {
	var sb strings.Builder
	for _, part := range w.Parts {
		switch x := part.(type) {
		case *Lit:
			unescape(&sb, x.Value, false)
		case *SglQuoted:
			sb.WriteString(x.Value)
		case *DblQuoted:
			for _, q := range x.Parts {
				if l, ok := q.(*Lit); ok {
					unescape(&sb, l.Value, true)
				}
			}
		}
	}
	return sb.String()
}

// unescape writes s without its quoting backslashes; inside double
// quotes only \\ \$ \` \" are escapes.
func unescape(sb *strings.Builder, s string, dq bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' && i+1 < len(s) {
			n := s[i+1]
			if !dq || n == '\\' || n == '$' || n == '`' || n == '"' {
				sb.WriteByte(n)
				i++
				continue
			}
		}
		sb.WriteByte(c)
	}
}
