package syntax

import (
	"io"
	"strconv"
)

// token is what the lexer hands the grammar; the order and names follow
// ash's, since its error messages name them.
type token uint8

const (
	tEOF token = iota
	tNL
	tRedir
	tWord
	tSemi
	tAmp
	tAnd
	tOr
	tPipe
	tLP
	tRP
	tDSemi
	tBQ
	tNot // the reserved words start here
	tCase
	tDo
	tDone
	tElif
	tElse
	tEsac
	tFi
	tFor
	tFunction
	tIf
	tIn
	tThen
	tUntil
	tWhile
	tBegin
	tEnd
)

func (t token) String() string {
	switch t {
	case tEOF:
		return "end of file"
	case tNL:
		return "newline"
	case tRedir:
		return "redirection"
	case tWord:
		return "word"
	case tSemi:
		return ";"
	case tAmp:
		return "&"
	case tAnd:
		return "&&"
	case tOr:
		return "||"
	case tPipe:
		return "|"
	case tLP:
		return "("
	case tRP:
		return ")"
	case tDSemi:
		return ";;"
	case tBQ:
		return "`"
	case tNot:
		return "!"
	case tCase:
		return "case"
	case tDo:
		return "do"
	case tDone:
		return "done"
	case tElif:
		return "elif"
	case tElse:
		return "else"
	case tEsac:
		return "esac"
	case tFi:
		return "fi"
	case tFor:
		return "for"
	case tFunction:
		return "function"
	case tIf:
		return "if"
	case tIn:
		return "in"
	case tThen:
		return "then"
	case tUntil:
		return "until"
	case tWhile:
		return "while"
	case tBegin:
		return "{"
	case tEnd:
		return "}"
	}
	return "?"
}

// quotedName is the token as ash's messages show it: reserved words and
// operators in double quotes, the rest ("end of file", "word") bare.
func (t token) quotedName() string {
	if t < tSemi {
		return t.String()
	}
	return `"` + t.String() + `"`
}

func keyword(s string) token {
	switch s {
	case "!":
		return tNot
	case "case":
		return tCase
	case "do":
		return tDo
	case "done":
		return tDone
	case "elif":
		return tElif
	case "else":
		return tElse
	case "esac":
		return tEsac
	case "fi":
		return tFi
	case "for":
		return tFor
	case "function":
		return tFunction
	case "if":
		return tIf
	case "in":
		return tIn
	case "then":
		return tThen
	case "until":
		return tUntil
	case "while":
		return tWhile
	case "{":
		return tBegin
	case "}":
		return tEnd
	}
	return 0
}

// tokens that end a list (ash's tokendlist).
const endList = 1<<tEOF | 1<<tRP | 1<<tDSemi | 1<<tBQ | 1<<tDo | 1<<tDone |
	1<<tElif | 1<<tElse | 1<<tEsac | 1<<tFi | 1<<tThen | 1<<tEnd

// What readtoken checks the next word for (ash's checkkwd bits).
const (
	chkAlias   = 1
	chkKwd     = 2
	chkNL      = 4
	chkEOFMark = 8
)

// Parser reads shell source one complete command line at a time.
type Parser struct {
	// Alias, when set, is consulted for the first word of each simple
	// command (and for the word after an alias whose value ends in a
	// blank), as ash expands aliases while parsing.
	Alias func(name string) (string, bool)
	// Lineno, when set, returns the shell's $LINENO as it is while
	// parsing: ash numbers the lines of a backquote substitution's text
	// from there, not from the backquote's line ("line 0: syntax error"
	// for one on a script's first line).
	Lineno func() int

	name string
	in   input
	sub  bool // parsing the text of a backquote: its end is not the input's

	tok      token
	pushback bool
	checkkwd int
	word     *Word // the last word read
	quoted   bool  // some of it was quoted
	redir    *Redirect

	tokLine                   int // line where the current token started
	tokStart, tokEnd, prevEnd int // offsets of tokens in in.rec

	heredocs []*heredoc // here-documents whose bodies follow the next newline
	eofmark  bool       // lexing a here-document delimiter: $ and ` are plain
	inBody   bool       // lexing an unquoted here-document body
	hd       *heredoc   // the here-document whose unquoted body is being read

	lit []byte // scratch for literal text of top-level words
	tmp []byte // scratch for quoted strings

	// Stacks the lists being built grow on, so that each list is
	// allocated once, at its size (nested lists push above).
	words []*Word
	stmts []*Stmt
}

type heredoc struct {
	r     *Redirect
	mark  string
	strip bool
}

// NewParser returns a parser reading r; name is the script's name (or
// the shell's) for messages.
func NewParser(r io.Reader, name string) *Parser {
	p := &Parser{name: name}
	p.in.r = r
	p.in.line = 1
	p.in.kwd = &p.checkkwd
	return p
}

// newStringParser reads src without copying it through a reader.
func newStringParser(src []byte, name string) *Parser {
	p := &Parser{name: name}
	p.in.buf = src
	p.in.done = true
	p.in.line = 1
	p.in.kwd = &p.checkkwd
	return p
}

// Parse parses the whole of src, as for eval, sh -c, . and trap
// actions. Unlike ash, which parses and runs one line at a time, it
// reports a syntax error anywhere before anything runs; use NewParser
// and Next to run each line as it is parsed.
func Parse(src, name string) ([]*Stmt, error) {
	p := newStringParser([]byte(src), name)
	var all []*Stmt
	for {
		stmts, err := p.Next()
		if err == io.EOF {
			return all, nil
		}
		if err != nil {
			return nil, err
		}
		all = append(all, stmts...)
	}
}

// ParsePrompt parses a prompt string (PS1, PS2, PS4) the way ash does
// before printing it: as the body of an unquoted here-document that runs
// to the end of s, for expand.Heredoc. A "\$" stays "\$" through that
// expansion, for the prompt's own escapes. On an error ash prints the
// prompt unexpanded.
func ParsePrompt(s string) (w *Word, err error) {
	p := newStringParser([]byte(s), "prompt")
	defer func() {
		if r := recover(); r != nil {
			e, ok := r.(*Error)
			if !ok {
				panic(r)
			}
			w, err = nil, e
		}
	}()
	w = p.readBody(nil, true)
	w.Pos = Pos{Line: 1}
	return w, nil
}

// Next parses the next complete command line: everything up to the
// newline that ends a complete command, so a multi-line if or a command
// with here-documents comes whole. A blank or comment-only line gives an
// empty list. At the end of input it returns io.EOF; a read error of the
// underlying reader is returned as it is. After a syntax error the rest
// of the line is still buffered: call Reset to drop it, as an
// interactive shell does.
func (p *Parser) Next() (stmts []*Stmt, err error) {
	defer func() {
		if r := recover(); r != nil {
			e, ok := r.(*Error)
			if !ok {
				panic(r)
			}
			stmts, err = nil, e
		}
	}()
	p.pushback = false
	p.checkkwd = 0
	p.heredocs = p.heredocs[:0]
	// A syntax error may have left a body or delimiter half read.
	p.hd, p.inBody, p.eofmark = nil, false, false
	p.in.rec = p.in.rec[:0]
	p.tokStart, p.tokEnd, p.prevEnd = 0, 0, 0
	stmts, eof := p.list(1)
	if p.in.err != nil {
		return stmts, p.in.err
	}
	if eof {
		return nil, io.EOF
	}
	if stmts == nil {
		stmts = []*Stmt{}
	}
	return stmts, nil
}

// Buffered returns the bytes read from the reader but not yet parsed, so
// that a shell reading its script from a shared stdin can give them back
// (by seeking) before running a command that reads the same descriptor.
func (p *Parser) Buffered() []byte { return p.in.buffered() }

// Reset drops buffered input and any half-read command, as ash does
// after a syntax error at an interactive prompt. It also forgets an error
// or end of input the reader returned (^C or ^D at a line editor's
// prompt), so that the next Next reads from it again.
func (p *Parser) Reset() {
	p.in.buf = p.in.buf[:0]
	p.in.pos = 0
	p.in.done, p.in.err = false, nil
	p.in.back = p.in.back[:0]
	p.in.frames = nil
	p.in.ended = p.in.ended[:0]
	p.pushback = false
	p.checkkwd = 0
	p.heredocs = p.heredocs[:0]
}

// Line returns the line the parser has reached.
func (p *Parser) Line() int { return p.in.line }

// SetLine sets the number of the line being read, for text that does
// not start a file: ash numbers eval's text from the line of the eval.
func (p *Parser) SetLine(n int) { p.in.line = n }

// fail raises a syntax error at the current line.
func (p *Parser) fail(msg string) {
	panic(&Error{Pos: Pos{Line: p.in.line}, Msg: msg})
}

// failEOF raises a syntax error caused by the end of the input.
func (p *Parser) failEOF(msg string) {
	panic(&Error{Pos: Pos{Line: p.in.line}, Msg: msg, Incomplete: !p.sub})
}

// unexpected raises ash's "unexpected X (expecting Y)"; want < 0 when
// more than one kind of token could have come.
func (p *Parser) unexpected(want int) {
	msg := "unexpected " + p.tok.quotedName()
	if want >= 0 {
		msg += " (expecting " + token(want).quotedName() + ")"
	}
	panic(&Error{Pos: Pos{Line: p.in.line}, Msg: msg, Incomplete: p.tok == tEOF && !p.sub})
}

// readtoken reads a token, eating newlines, recognising reserved words
// and expanding aliases as p.checkkwd asks (ash's readtoken).
func (p *Parser) readtoken() token {
	kwd := p.checkkwd
top:
	t := p.xxreadtoken()
	if kwd&chkNL != 0 {
		for t == tNL {
			p.readHeredocs()
			p.checkkwd = 0
			t = p.xxreadtoken()
		}
	}
	kwd |= p.checkkwd
	p.checkkwd = 0
	if t != tWord || p.quoted {
		return t
	}
	if kwd&chkKwd != 0 {
		if s, ok := plainText(p.word); ok {
			if k := keyword(s); k != 0 {
				p.tok = k
				return k
			}
		}
	}
	if kwd&chkAlias != 0 && p.Alias != nil {
		if s, ok := plainText(p.word); ok && !p.in.inUse(s) {
			if val, ok := p.Alias(s); ok {
				if val != "" {
					p.in.pushAlias(s, val)
				}
				goto top
			}
		}
	}
	return t
}

// plainText is the text of a word that is one unquoted literal.
func plainText(w *Word) (string, bool) {
	if w == nil || len(w.Parts) != 1 {
		return "", false
	}
	l, ok := w.Parts[0].(*Lit)
	if !ok {
		return "", false
	}
	return l.Value, true
}

// xxreadtoken reads the next operator or word.
func (p *Parser) xxreadtoken() token {
	if p.pushback {
		p.pushback = false
		return p.tok
	}
	var t token
	for {
		c := p.in.getcNL()
		p.tokLine = p.in.line
		p.tokStart = len(p.in.rec) - 1
		switch c {
		case ' ', '\t':
			continue
		case '#':
			for {
				c = p.in.getc()
				if c == '\n' || c == eof {
					p.in.ungetc(c)
					break
				}
			}
			continue
		}
		// Aliases whose text ended before this token are free again.
		p.in.ended = p.in.ended[:0]
		switch c {
		case eof:
			p.tokStart = len(p.in.rec)
			t = tEOF
		case '\n':
			p.tokLine--
			t = tNL
		case '(':
			t = tLP
		case ')':
			t = tRP
		case '&':
			c2 := p.in.getcNL()
			switch c2 {
			case '&':
				t = tAnd
			case '>':
				t = p.readRedir(-1, ampGT)
			default:
				p.in.ungetc(c2)
				t = tAmp
			}
		case '|':
			if c2 := p.in.getcNL(); c2 == '|' {
				t = tOr
			} else {
				p.in.ungetc(c2)
				t = tPipe
			}
		case ';':
			if c2 := p.in.getcNL(); c2 == ';' {
				t = tDSemi
			} else {
				p.in.ungetc(c2)
				t = tSemi
			}
		case '<', '>':
			c2 := p.in.getc()
			p.in.ungetc(c2)
			if c2 == '(' {
				t = p.readWord(c)
			} else {
				t = p.readRedir(-1, c)
			}
		default:
			t = p.readWord(c)
		}
		break
	}
	p.prevEnd, p.tokEnd = p.tokEnd, len(p.in.rec)
	p.tok = t
	return t
}

// list parses a list of and-or lists (ash's list()). nlflag 1: the top
// level, ended by a newline; 0: the body of a compound command, newlines
// allowed; 2: a case item or command substitution, which may be empty.
// eof reports the end of input before any command (top level only).
func (p *Parser) list(nlflag int) (stmts []*Stmt, eof bool) {
	base := len(p.stmts)
	defer func() {
		if n := len(p.stmts) - base; n > 0 {
			stmts = make([]*Stmt, n)
			copy(stmts, p.stmts[base:])
			clear(p.stmts[base:])
			p.stmts = p.stmts[:base]
		}
	}()
	stmts, eof = p.list1(nlflag)
	return stmts, eof
}

func (p *Parser) list1(nlflag int) (stmts []*Stmt, eof bool) {
	base := len(p.stmts)
	chknl := 0
	if nlflag&1 == 0 {
		chknl = chkNL
	}
	for {
		p.checkkwd = chknl | chkKwd | chkAlias
		t := p.readtoken()
		switch t {
		case tNL:
			p.readHeredocs()
			return nil, false
		case tEOF:
			eof = len(p.stmts) == base && chknl == 0
			p.readHeredocs()
			p.pushback = true
			p.tok = tEOF
			return nil, eof
		}
		p.pushback = true
		if nlflag == 2 && endList&(1<<t) != 0 {
			return nil, false
		}
		nlflag |= 2
		line := p.tokLine
		cmd := p.andor()
		t = p.readtoken()
		p.stmts = append(p.stmts, &Stmt{Pos: Pos{Line: line}, Cmd: cmd, Background: t == tAmp})
		switch t {
		case tEOF:
			p.readHeredocs()
			p.pushback = true
			p.tok = tEOF
			return nil, false
		case tNL:
			p.pushback = true
		case tAmp, tSemi:
		default:
			if chknl == 0 {
				p.unexpected(-1)
			}
			p.pushback = true
			return nil, false
		}
	}
}

func (p *Parser) body() []*Stmt {
	stmts, _ := p.list(0)
	return stmts
}

func (p *Parser) andor() Command {
	x := p.pipeline()
	for {
		var op BinaryOp
		switch p.readtoken() {
		case tAnd:
			op = AndIf
		case tOr:
			op = OrIf
		default:
			p.pushback = true
			return x
		}
		p.checkkwd = chkNL | chkKwd | chkAlias
		y := p.pipeline()
		x = &BinaryCmd{Pos: x.Position(), Op: op, X: x, Y: y}
	}
}

func (p *Parser) pipeline() Command {
	negate := false
	line := p.tokLine
	if p.readtoken() == tNot {
		negate = true
		line = p.tokLine
		p.checkkwd = chkKwd | chkAlias
	} else {
		p.pushback = true
	}
	c := p.command()
	if p.readtoken() == tPipe {
		pl := &Pipeline{Pos: c.Position(), Cmds: []Command{c}}
		for {
			p.checkkwd = chkNL | chkKwd | chkAlias
			pl.Cmds = append(pl.Cmds, p.command())
			if p.readtoken() != tPipe {
				break
			}
		}
		c = pl
	}
	p.pushback = true
	if negate {
		if pl, ok := c.(*Pipeline); ok {
			pl.Negated = true
			pl.Pos = Pos{Line: line}
			return pl
		}
		return &Pipeline{Pos: Pos{Line: line}, Negated: true, Cmds: []Command{c}}
	}
	return c
}

// command parses one command (ash's parse_command).
func (p *Parser) command() Command {
	t := p.readtoken()
	pos := Pos{Line: p.tokLine}
	var redirs *[]*Redirect
	var cmd Command
	var end token
	switch t {
	default:
		p.unexpected(-1)
	case tIf:
		ic := &IfClause{Pos: pos}
		ic.Cond = p.body()
		if p.readtoken() != tThen {
			p.unexpected(int(tThen))
		}
		ic.Then = p.body()
		cur := ic
		for p.readtoken() == tElif {
			e := &IfClause{Pos: Pos{Line: p.tokLine}, Elif: true}
			e.Cond = p.body()
			if p.readtoken() != tThen {
				p.unexpected(int(tThen))
			}
			e.Then = p.body()
			cur.Else = []*Stmt{{Pos: e.Pos, Cmd: e}}
			cur = e
		}
		if p.tok == tElse {
			cur.Else = p.body()
		} else {
			p.pushback = true
		}
		cmd, redirs, end = ic, &ic.Redirs, tFi
	case tWhile, tUntil:
		wc := &WhileClause{Pos: pos, Until: t == tUntil}
		wc.Cond = p.body()
		if p.readtoken() != tDo {
			p.unexpected(int(tDo))
		}
		wc.Body = p.body()
		cmd, redirs, end = wc, &wc.Redirs, tDone
	case tFor:
		if p.readtoken() != tWord || p.quoted {
			p.fail("bad for loop variable")
		}
		name, ok := plainText(p.word)
		if !ok || !isName(name) {
			p.fail("bad for loop variable")
		}
		fc := &ForClause{Pos: pos, Name: name}
		p.checkkwd = chkNL | chkKwd | chkAlias
		if p.readtoken() == tIn {
			fc.InSet = true
			for p.readtoken() == tWord {
				fc.Items = append(fc.Items, p.word)
			}
			if p.tok != tNL && p.tok != tSemi {
				p.unexpected(-1)
			}
		} else if p.tok != tSemi {
			p.pushback = true
		}
		p.checkkwd = chkNL | chkKwd | chkAlias
		if p.readtoken() != tDo {
			p.unexpected(int(tDo))
		}
		fc.Body = p.body()
		cmd, redirs, end = fc, &fc.Redirs, tDone
	case tCase:
		cc := p.caseClause(pos)
		cmd, redirs = cc, &cc.Redirs
	case tLP:
		sc := &Subshell{Pos: pos}
		sc.Body = p.body()
		cmd, redirs, end = sc, &sc.Redirs, tRP
	case tBegin:
		bc := &Block{Pos: pos}
		bc.Body = p.body()
		cmd, redirs, end = bc, &bc.Redirs, tEnd
	case tFunction, tWord, tRedir:
		p.pushback = true
		return p.simple()
	}
	if end != 0 && p.readtoken() != end {
		p.unexpected(int(end))
	}
	// Redirections may follow a compound command.
	p.checkkwd = chkKwd | chkAlias
	for p.readtoken() == tRedir {
		r := p.redir
		p.parseFname(r)
		*redirs = append(*redirs, r)
	}
	p.pushback = true
	return cmd
}

func (p *Parser) caseClause(pos Pos) *CaseClause {
	if p.readtoken() != tWord {
		p.unexpected(int(tWord))
	}
	cc := &CaseClause{Pos: pos, Word: p.word}
	p.checkkwd = chkNL | chkKwd | chkAlias
	if p.readtoken() != tIn {
		p.unexpected(int(tIn))
	}
	p.checkkwd = chkNL | chkKwd
	t := p.readtoken()
	for t != tEsac {
		item := &CaseItem{Pos: Pos{Line: p.tokLine}}
		if t == tLP {
			p.readtoken()
		}
		for {
			// ash takes whatever word was read last, even after a
			// token that is not one; the error then comes below.
			w := p.word
			if w == nil {
				w = &Word{Pos: Pos{Line: p.tokLine}}
			}
			item.Patterns = append(item.Patterns, w)
			if p.readtoken() != tPipe {
				break
			}
			p.readtoken()
		}
		if p.tok != tRP {
			p.unexpected(int(tRP))
		}
		item.Body, _ = p.list(2)
		cc.Items = append(cc.Items, item)
		p.checkkwd = chkNL | chkKwd
		t = p.readtoken()
		if t != tEsac {
			if t != tDSemi {
				p.unexpected(int(tDSemi))
			}
			p.checkkwd = chkNL | chkKwd
			t = p.readtoken()
		}
	}
	return cc
}

// simple parses a simple command or a function definition (ash's
// simplecmd).
func (p *Parser) simple() Command {
	base := len(p.words)
	ce := &CallExpr{}
	defer func() {
		// The arguments grew on p.words; give the command its own.
		if n := len(p.words) - base; n > 0 {
			ce.Args = make([]*Word, n)
			copy(ce.Args, p.words[base:])
			clear(p.words[base:])
			p.words = p.words[:base]
		} else {
			ce.Args = nil
		}
	}()
	return p.simple1(ce, base)
}

func (p *Parser) simple1(ce *CallExpr, base int) Command {
	save := chkAlias
	funcFlag := false
	dblBracket := false
	first := true
	start := 0
	var lastQuoted bool
	for {
		p.checkkwd = save
		t := p.readtoken()
		if first {
			first = false
			// ash takes a command's line after reading its first
			// word: where that word ends ("x=\<newline>1 cmd" is on
			// the second line).
			ce.Pos = Pos{Line: p.in.line}
			start = p.tokStart
		}
		switch t {
		case tFunction:
			if p.readtoken() != tWord {
				p.unexpected(int(tWord))
			}
			p.pushback = true
			funcFlag = true
			continue
		case tAnd, tOr:
			if !dblBracket {
				p.pushback = true
				return ce
			}
			// [[ a && b ]]: the operators are arguments of [[.
			p.words = append(p.words, newLitWord(Pos{Line: p.tokLine}, t.String()))
			continue
		case tWord:
			w := p.word
			lastQuoted = p.quoted
			if s, ok := plainText(w); ok && !p.quoted {
				if s == "[[" {
					dblBracket = true
				} else if s == "]]" {
					dblBracket = false
				}
			}
			if a := assignment(w); save != 0 && a != nil {
				ce.Assigns = append(ce.Assigns, a)
			} else {
				p.words = append(p.words, w)
				ce.Args = p.words[base:]
				save = 0
			}
			if funcFlag {
				p.checkkwd = chkNL | chkKwd
				t2 := p.readtoken()
				p.pushback = true
				switch t2 {
				case tBegin, tIf, tCase, tUntil, tWhile, tFor:
					if fd := p.funcDef(ce, lastQuoted, true, start); fd != nil {
						return fd
					}
					return ce
				case tLP:
					funcFlag = false
				case tWord:
					if s, ok := plainText(p.word); ok && s == "[[" && !p.quoted {
						if fd := p.funcDef(ce, lastQuoted, true, start); fd != nil {
							return fd
						}
						return ce
					}
					p.unexpected(-1)
				default:
					p.unexpected(-1)
				}
			}
		case tRedir:
			r := p.redir
			p.parseFname(r)
			ce.Redirs = append(ce.Redirs, r)
		case tLP:
			if fd := p.funcDef(ce, lastQuoted, funcFlag, start); fd != nil {
				return fd
			}
			p.pushback = true
			return ce
		default:
			p.pushback = true
			return ce
		}
	}
}

// funcDef parses "name() body" once "(" (or, after the function
// keyword, the body) has been seen; nil when ce is not just a name.
func (p *Parser) funcDef(ce *CallExpr, quoted, keyword bool, start int) *FuncDecl {
	if len(ce.Args) != 1 || len(ce.Assigns) != 0 || len(ce.Redirs) != 0 {
		return nil
	}
	if !keyword && p.readtoken() != tRP {
		p.unexpected(int(tRP))
	}
	name, ok := plainText(ce.Args[0])
	if !ok || quoted || !isName(name) || specialBuiltin(name) {
		p.fail("bad function name")
	}
	p.checkkwd = chkNL | chkKwd | chkAlias
	fd := &FuncDecl{Pos: ce.Pos, Name: name}
	fd.Body = p.command()
	end := p.tokEnd
	if p.pushback {
		end = p.prevEnd
	}
	if start >= 0 && start <= end && end <= len(p.in.rec) {
		fd.Source = string(p.in.rec[start:end])
	}
	return fd
}

// specialBuiltin reports ash's special builtins, which a function may
// not be named after.
func specialBuiltin(name string) bool {
	switch name {
	case "break", "continue", "eval", "exec", "exit", "export", "local",
		"readonly", "return", "set", "shift", "source", "times", "trap", "unset":
		return true
	}
	return false
}

// parseFname reads the target of a redirection, or the delimiter of a
// here-document, whose body is read after the next newline.
func (p *Parser) parseFname(r *Redirect) {
	here := r.Op == RdrHeredoc || r.Op == RdrHeredocTab
	if here {
		p.checkkwd = chkEOFMark
	}
	if p.readtoken() != tWord {
		p.unexpected(-1)
	}
	r.Word = p.word
	if here {
		r.HeredocQuoted = p.quoted
		p.heredocs = append(p.heredocs, &heredoc{r: r, mark: heredocMark(r.Word), strip: r.Op == RdrHeredocTab})
	}
}

// assignment returns the Assign that w is when it has the form
// name=value, or nil.
func assignment(w *Word) *Assign {
	if len(w.Parts) == 0 {
		return nil
	}
	l, ok := w.Parts[0].(*Lit)
	if !ok {
		return nil
	}
	s := l.Value
	if len(s) == 0 || !isNameStart(int(s[0])) {
		return nil
	}
	i := 1
	for i < len(s) && isNameChar(int(s[i])) {
		i++
	}
	if i >= len(s) || s[i] != '=' {
		return nil
	}
	a := &Assign{Pos: w.Pos, Name: s[:i], Value: &Word{Pos: w.Pos}}
	if rest := s[i+1:]; rest != "" {
		a.Value.Parts = append(a.Value.Parts, &Lit{Value: rest})
	}
	a.Value.Parts = append(a.Value.Parts, w.Parts[1:]...)
	return a
}

func isNameStart(c int) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

func isNameChar(c int) bool { return isNameStart(c) || isDigit(c) }

func isDigit(c int) bool { return c >= '0' && c <= '9' }

// isSpecial reports the one-character special parameters.
func isSpecial(c int) bool {
	switch c {
	case '!', '#', '$', '*', '-', '?', '@':
		return true
	}
	return isDigit(c)
}

func isName(s string) bool {
	if s == "" || !isNameStart(int(s[0])) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if !isNameChar(int(s[i])) {
			return false
		}
	}
	return true
}

// atoi9 is the fd number a word of one to nine digits names, or -1.
func atoi9(w *wordBuilder) int {
	if len(w.parts) != 1 {
		return -1
	}
	l, ok := w.parts[0].(*Lit)
	if !ok || len(l.Value) == 0 || len(l.Value) > 9 {
		return -1
	}
	for i := 0; i < len(l.Value); i++ {
		if !isDigit(int(l.Value[i])) {
			return -1
		}
	}
	n, _ := strconv.Atoi(l.Value)
	return n
}
