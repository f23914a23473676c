package syntax

import (
	"io"
	"strconv"
	"strings"
)

// Print writes node as shell source that parses back to the same tree:
// a *Stmt, a Command, a *Word, a *Redirect, an *Assign or a *CaseItem.
// Lists are written on one line ("a; b"); a here-document's body follows
// the next newline, as in the source. The interpreter uses it to hand a
// function or a background job to a child shell.
func Print(w io.Writer, node Node) error {
	var p printer
	switch n := node.(type) {
	case *Stmt:
		p.stmt(n)
	case Command:
		p.command(n)
	case *Word:
		p.word(n)
	case *Redirect:
		p.redirect(n)
	case *Assign:
		p.assign(n)
	case *CaseItem:
		p.caseItem(n)
	}
	if len(p.pending) > 0 {
		p.newline()
	}
	_, err := w.Write(p.buf)
	return err
}

// PrintList writes a list of statements one per line, as a script.
func PrintList(w io.Writer, stmts []*Stmt) error {
	var p printer
	for _, s := range stmts {
		p.stmt(s)
		p.newline()
	}
	_, err := w.Write(p.buf)
	return err
}

// String returns the source of node as Print writes it.
func String(node Node) string {
	var p printer
	switch n := node.(type) {
	case *Stmt:
		p.stmt(n)
	case Command:
		p.command(n)
	case *Word:
		p.word(n)
	case *Redirect:
		p.redirect(n)
	case *Assign:
		p.assign(n)
	case *CaseItem:
		p.caseItem(n)
	}
	if len(p.pending) > 0 {
		p.newline()
	}
	return string(p.buf)
}

type printer struct {
	buf     []byte
	pending []*Redirect // here-documents whose bodies wait for a newline
	spans   *[][2]int   // where substitutions were written in a here-document body
}

func (p *printer) str(s string) { p.buf = append(p.buf, s...) }

// newline ends the line and writes the pending here-document bodies.
func (p *printer) newline() {
	p.buf = append(p.buf, '\n')
	pend := p.pending
	p.pending = nil
	for _, r := range pend {
		if r.Heredoc != nil {
			n := len(p.buf)
			if r.HeredocQuoted {
				for _, part := range r.Heredoc.Parts {
					if l, ok := part.(*Lit); ok {
						p.str(l.Value)
					}
				}
			} else {
				var spans [][2]int
				outer := p.spans
				p.spans = &spans
				p.parts(r.Heredoc.Parts)
				p.spans = outer
				if len(p.buf) > n && p.buf[len(p.buf)-1] != '\n' {
					p.buf = append(p.buf, '\n')
				}
				p.unmark(n, heredocMark(r.Word), spans)
			}
			if len(p.buf) > n && p.buf[len(p.buf)-1] != '\n' {
				p.buf = append(p.buf, '\n')
			}
		}
		mark := heredocMark(r.Word)
		if r.Op == RdrHeredocTab && strings.HasPrefix(mark, "\t") {
			continue // <<- strips the tab: only the end of input ends it
		}
		p.str(mark)
		p.buf = append(p.buf, '\n')
	}
}

// unmark breaks body lines (from buf[start:]) that spell the delimiter
// mark, which a body can hold only through a line continuation: it puts
// one back at the end of such a line. Lines inside command substitutions
// (spans) are theirs, not the body's.
func (p *printer) unmark(start int, mark string, spans [][2]int) {
	if mark == "" {
		return
	}
	body := p.buf[start:]
	var out []byte
	for i := 0; i < len(body); {
		j := i
		for j < len(body) && body[j] != '\n' {
			j++
		}
		out = append(out, body[i:j]...)
		inside := false
		for _, sp := range spans {
			if start+i > sp[0] && start+i < sp[1] {
				inside = true
			}
		}
		if !inside && string(body[i:j]) == mark {
			out = append(out, '\\', '\n')
		}
		if j < len(body) {
			out = append(out, '\n')
		}
		i = j + 1
	}
	p.buf = append(p.buf[:start], out...)
}

func (p *printer) stmt(s *Stmt) {
	p.command(s.Cmd)
	if s.Background {
		p.str(" &")
	}
}

// list writes statements each with a terminator; last is what follows
// the final one when no newline or & ended it ("; " before a reserved
// word, " " before ")" or ";;").
func (p *printer) list(stmts []*Stmt, last string) {
	for i, s := range stmts {
		p.stmt(s)
		switch {
		case len(p.pending) > 0:
			p.newline()
		case s.Background:
			p.str(" ")
		case i == len(stmts)-1:
			p.str(last)
		default:
			p.str("; ")
		}
	}
}

func (p *printer) command(c Command) {
	switch c := c.(type) {
	case *CallExpr:
		p.call(c)
	case *Pipeline:
		if c.Negated {
			p.str("! ")
		}
		for i, x := range c.Cmds {
			if i > 0 {
				p.str(" | ")
			}
			p.command(x)
		}
	case *BinaryCmd:
		p.command(c.X)
		if c.Op == OrIf {
			p.str(" || ")
		} else {
			p.str(" && ")
		}
		p.command(c.Y)
	case *Subshell:
		p.str("( ")
		p.list(c.Body, " ")
		p.str(")")
		p.redirs(c.Redirs)
	case *Block:
		p.str("{ ")
		p.list(c.Body, "; ")
		p.str("}")
		p.redirs(c.Redirs)
	case *IfClause:
		p.str("if ")
		p.list(c.Cond, "; ")
		p.str("then ")
		p.list(c.Then, "; ")
		e := c
		for {
			if len(e.Else) == 1 {
				if ei, ok := e.Else[0].Cmd.(*IfClause); ok && ei.Elif && !e.Else[0].Background {
					p.str("elif ")
					p.list(ei.Cond, "; ")
					p.str("then ")
					p.list(ei.Then, "; ")
					e = ei
					continue
				}
			}
			if e.Else != nil {
				p.str("else ")
				p.list(e.Else, "; ")
			}
			break
		}
		p.str("fi")
		p.redirs(c.Redirs)
	case *WhileClause:
		if c.Until {
			p.str("until ")
		} else {
			p.str("while ")
		}
		p.list(c.Cond, "; ")
		p.str("do ")
		p.list(c.Body, "; ")
		p.str("done")
		p.redirs(c.Redirs)
	case *ForClause:
		p.str("for ")
		p.str(c.Name)
		if c.InSet {
			p.str(" in")
			for _, w := range c.Items {
				p.str(" ")
				p.word(w)
			}
		}
		p.str("; do ")
		p.list(c.Body, "; ")
		p.str("done")
		p.redirs(c.Redirs)
	case *CaseClause:
		p.str("case ")
		p.word(c.Word)
		p.str(" in ")
		for _, it := range c.Items {
			p.caseItem(it)
			p.str(" ")
		}
		p.str("esac")
		p.redirs(c.Redirs)
	case *FuncDecl:
		if keyword(c.Name) != 0 || !isName(c.Name) {
			p.str("function ")
		}
		p.str(c.Name)
		p.str("() ")
		p.command(c.Body)
	}
}

func (p *printer) caseItem(it *CaseItem) {
	p.str("(")
	for i, w := range it.Patterns {
		if i > 0 {
			p.str("|")
		}
		p.word(w)
	}
	p.str(") ")
	p.list(it.Body, " ")
	p.str(";;")
}

func (p *printer) call(c *CallExpr) {
	sep := false
	space := func() {
		if sep {
			p.str(" ")
		}
		sep = true
	}
	for _, a := range c.Assigns {
		space()
		p.assign(a)
	}
	// A reserved word as the first word (after a redirection in the
	// source) must not come first, or it would read as one.
	redirsFirst := false
	if len(c.Assigns) == 0 && len(c.Args) > 0 {
		if s, ok := plainText(c.Args[0]); ok && keyword(s) != 0 {
			redirsFirst = true
		}
	}
	if redirsFirst {
		for _, r := range c.Redirs {
			space()
			p.redirect(r)
		}
	}
	for _, w := range c.Args {
		space()
		p.word(w)
	}
	if !redirsFirst {
		for _, r := range c.Redirs {
			space()
			p.redirect(r)
		}
	}
}

func (p *printer) assign(a *Assign) {
	p.str(a.Name)
	p.str("=")
	if a.Value != nil {
		p.word(a.Value)
	}
}

func (p *printer) redirs(rs []*Redirect) {
	for _, r := range rs {
		p.str(" ")
		p.redirect(r)
	}
}

func (p *printer) redirect(r *Redirect) {
	if r.Fd >= 0 {
		p.str(strconv.Itoa(r.Fd))
	}
	switch r.Op {
	case RdrIn:
		p.str("<")
	case RdrOut:
		p.str(">")
	case RdrClobber:
		p.str(">|")
	case RdrAppend:
		p.str(">>")
	case RdrDupIn:
		p.str("<&")
	case RdrDupOut:
		p.str(">&")
	case RdrInOut:
		p.str("<>")
	case RdrHeredoc:
		p.str("<<")
	case RdrHeredocTab:
		p.str("<<-")
	case RdrHerestr:
		p.str("<<<")
	case RdrAll:
		p.str("&>")
	}
	if r.Word != nil {
		if len(r.Word.Parts) > 0 {
			// "< <(x)" is not "<<(x)", nor "<< -x" "<<-x".
			switch x := r.Word.Parts[0].(type) {
			case *ProcSubst:
				p.str(" ")
			case *Lit:
				if r.Op == RdrHeredoc && strings.HasPrefix(x.Value, "-") {
					p.str(" ")
				}
			}
		}
		p.word(r.Word)
	}
	if r.Op == RdrHeredoc || r.Op == RdrHeredocTab {
		p.pending = append(p.pending, r)
	}
}

func (p *printer) word(w *Word) {
	if w != nil {
		p.parts(w.Parts)
	}
}

func (p *printer) parts(parts []WordPart) {
	for i, part := range parts {
		var next WordPart
		if i+1 < len(parts) {
			next = parts[i+1]
		}
		p.part(part, next)
	}
}

func (p *printer) part(part WordPart, next WordPart) {
	switch x := part.(type) {
	case *Lit:
		p.str(x.Value)
	case *SglQuoted:
		if x.Dollar {
			p.dollarQuote(x.Value)
		} else {
			p.str("'")
			p.str(x.Value)
			p.str("'")
		}
	case *DblQuoted:
		p.str(`"`)
		p.parts(x.Parts)
		p.str(`"`)
	case *ParamExp:
		p.param(x, next)
	case *CmdSubst:
		n := len(p.buf)
		p.cmdSubst(x)
		p.span(n)
	case *ArithExp:
		p.str("$((")
		p.word(x.X)
		p.str("))")
	case *ProcSubst:
		if x.Out {
			p.str(">(")
		} else {
			p.str("<(")
		}
		n := len(p.buf) - 2
		p.sub(x.Stmts)
		p.str(")")
		p.span(n)
	}
}

func (p *printer) span(start int) {
	if p.spans != nil {
		*p.spans = append(*p.spans, [2]int{start, len(p.buf)})
	}
}

// sub writes the list of a substitution, here-documents included.
func (p *printer) sub(stmts []*Stmt) {
	outer := p.pending
	p.pending = nil
	p.list(stmts, "")
	for _, r := range p.pending {
		if r.Heredoc != nil && len(r.Heredoc.Parts) > 0 {
			p.newline()
			break
		}
	}
	// Bodies still pending are empty: ash reads them as such at ")".
	p.pending = outer
}

func (p *printer) cmdSubst(c *CmdSubst) {
	if !c.Backquote {
		n := len(p.buf)
		p.str("$(")
		p.sub(c.Stmts)
		if len(p.buf) > n+2 && p.buf[n+2] == '(' {
			// "$((" would start arithmetic.
			p.buf = append(p.buf[:n+2], append([]byte{' '}, p.buf[n+2:]...)...)
		}
		p.str(")")
		return
	}
	var in printer
	in.sub(c.Stmts)
	p.str("`")
	for _, b := range in.buf {
		if b == '\\' || b == '`' {
			p.buf = append(p.buf, '\\')
		}
		p.buf = append(p.buf, b)
	}
	p.str("`")
}

func (p *printer) dollarQuote(s string) {
	p.str("$'")
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' || c == '\'':
			p.buf = append(p.buf, '\\', c)
		case c == '\n':
			p.str(`\n`)
		case c == '\t':
			p.str(`\t`)
		case c >= 0x20 && c < 0x7f:
			p.buf = append(p.buf, c)
		default:
			p.buf = append(p.buf, '\\', '0'+c>>6, '0'+(c>>3)&7, '0'+c&7)
		}
	}
	p.str("'")
}

func (p *printer) param(x *ParamExp, next WordPart) {
	if x.Short && x.Op == OpNone && !x.Length && shortOK(x.Name, next) {
		p.str("$")
		p.str(x.Name)
		return
	}
	p.str("${")
	if x.Length && x.Op != OpBad {
		p.str("#")
	}
	p.str(x.Name)
	switch x.Op {
	case OpNone:
		if x.Colon {
			p.str(":}")
			p.word(x.Arg)
		}
	case OpDefault, OpAssign, OpError, OpAlt:
		if x.Colon {
			p.str(":")
		}
		i := int(x.Op - OpDefault)
		p.str("-=?+"[i : i+1])
		p.word(x.Arg)
	case OpTrimPrefix:
		p.str("#")
		p.word(x.Arg)
	case OpTrimLongPrefix:
		p.str("##")
		p.word(x.Arg)
	case OpTrimSuffix:
		p.str("%")
		p.word(x.Arg)
	case OpTrimLongSuffix:
		p.str("%%")
		p.word(x.Arg)
	case OpSlice:
		p.str(":")
		p.word(x.Offset)
		if x.Count != nil {
			p.str(":")
			p.word(x.Count)
		}
	case OpReplace, OpReplaceAll, OpReplacePrefix, OpReplaceSuffix:
		switch x.Op {
		case OpReplace:
			p.str("/")
		case OpReplaceAll:
			p.str("//")
		case OpReplacePrefix:
			p.str("/#")
		default:
			p.str("/%")
		}
		p.word(x.Arg)
		if x.Repl != nil {
			p.str("/")
			p.word(x.Repl)
		}
	case OpBad:
		p.word(x.Arg)
	}
	p.str("}")
}

// shortOK reports whether $name can be written without braces before
// the part that follows it.
func shortOK(name string, next WordPart) bool {
	if len(name) == 0 {
		return false
	}
	if len(name) > 1 && !isName(name) {
		return false // $10 is ${1}0
	}
	if !isNameStart(int(name[0])) {
		return true
	}
	if l, ok := next.(*Lit); ok && len(l.Value) > 0 && isNameChar(int(l.Value[0])) {
		return false
	}
	return true
}
