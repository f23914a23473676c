package expand

import (
	"strconv"
	"strings"

	"gobox/shell/syntax"
)

// Contexts of a word's text: they decide what a backslash quotes and
// where a tilde is expanded.
const (
	ctxWord      = iota // a command word, case word or pattern
	ctxAssign           // an assignment value: ~ after ':' too
	ctxHeredoc          // a here-document body: \ quotes $ ` \ newline
	ctxArith            // the text of $((...)): as inside "..."
	ctxParamWord        // the word of an unquoted ${x-word}: its text splits
)

// word expands a whole word: a tilde prefix, then its parts.
func (b *builder) word(parts []syntax.WordPart, ctx int) error {
	if len(parts) > 0 {
		if l, ok := parts[0].(*syntax.Lit); ok && strings.HasPrefix(l.Value, "~") {
			rest, done := b.tilde(l.Value, len(parts) == 1, ctx == ctxAssign)
			if done {
				b.lit1(rest, false, ctx)
				return b.parts(parts[1:], false, ctx)
			}
		}
	}
	return b.parts(parts, false, ctx)
}

// tilde expands the tilde prefix of s (a literal at the start of a word
// or after ':' in an assignment) and returns the rest of s. The prefix
// runs to the first '/' (or ':' in an assignment), or to the end of the
// word when s is its last part; a quoted character in it, or a part
// after it, leaves the tilde alone, as in ash.
func (b *builder) tilde(s string, last, assign bool) (string, bool) {
	end := len(s)
	for i := 1; i < len(s); i++ {
		if s[i] == '/' || assign && s[i] == ':' {
			end = i
			break
		}
	}
	if end == len(s) && !last {
		return s, false
	}
	user := s[1:end]
	if strings.ContainsAny(user, "\\\"'") {
		return s, false
	}
	var home string
	var ok bool
	if user == "" {
		home, ok = b.env.Get("HOME")
	} else {
		home, ok = b.env.HomeDir(user)
	}
	if !ok {
		return s, false
	}
	// The home directory is neither split nor globbed, but an empty one
	// leaves no field.
	b.lit(home, true)
	return s[end:], true
}

// parts expands word parts; quoted is true inside "...".
func (b *builder) parts(parts []syntax.WordPart, quoted bool, ctx int) error {
	for _, p := range parts {
		switch p := p.(type) {
		case *syntax.Lit:
			if quoted || ctx == ctxHeredoc || ctx == ctxArith {
				b.litQuoted(p.Value, ctx)
			} else {
				b.lit1(p.Value, false, ctx)
			}
		case *syntax.SglQuoted:
			b.mark()
			b.lit(p.Value, true)
			b.mark()
		case *syntax.DblQuoted:
			if len(p.Parts) == 1 && b.mode == modeFields {
				// "$@" with no parameters is no field at all.
				if pe, ok := p.Parts[0].(*syntax.ParamExp); ok && pe.Name == "@" && pe.Op == syntax.OpNone && !pe.Length && len(b.env.Params()) == 0 {
					continue
				}
			}
			b.mark()
			if err := b.parts(p.Parts, true, ctx); err != nil {
				return err
			}
			b.mark()
		case *syntax.ParamExp:
			if err := b.param(p, quoted || ctx == ctxHeredoc || ctx == ctxArith); err != nil {
				return err
			}
		case *syntax.CmdSubst:
			out, err := b.env.CmdSubst(p.Stmts)
			if err != nil {
				return err
			}
			if strings.IndexByte(out, 0) >= 0 {
				// A shell string cannot hold NUL: ash drops them.
				out = strings.ReplaceAll(out, "\x00", "")
			}
			b.exp(strings.TrimRight(out, "\n"), quoted || ctx == ctxHeredoc)
		case *syntax.ArithExp:
			n, err := Arith(b.env, p.X)
			if err != nil {
				return err
			}
			var num [20]byte // the text is copied into the word: no string made
			b.exp(string(strconv.AppendInt(num[:0], n, 10)), quoted || ctx == ctxHeredoc)
		case *syntax.ProcSubst:
			ps, ok := b.env.(ProcSubster)
			if !ok {
				return &Error{Msg: "process substitution is not supported here"}
			}
			path, err := ps.ProcSubst(p)
			if err != nil {
				return err
			}
			b.exp(path, true)
		}
	}
	return nil
}

// lit1 appends unquoted literal text: a backslash quotes the character
// after it. In an assignment, a tilde after ':' is expanded; in the word
// of an unquoted ${x-word}, the text is split like an expansion.
func (b *builder) lit1(s string, _ bool, ctx int) {
	for len(s) > 0 {
		i := strings.IndexByte(s, '\\')
		j := -1
		if ctx == ctxAssign {
			j = strings.Index(s, ":~")
		}
		if j >= 0 && (i < 0 || j < i) {
			b.plain(s[:j+1], ctx)
			rest, done := b.tilde(s[j+1:], true, true)
			if !done {
				b.plain(s[j+1:j+2], ctx)
				rest = s[j+2:]
			}
			s = rest
			continue
		}
		if i < 0 {
			b.plain(s, ctx)
			return
		}
		b.plain(s[:i], ctx)
		if i+1 < len(s) {
			b.litByte(s[i+1], true)
			s = s[i+2:]
		} else {
			// A lone trailing backslash stays.
			b.plain(`\`, ctx)
			s = ""
		}
	}
}

func (b *builder) plain(s string, ctx int) {
	if s == "" {
		return
	}
	if ctx == ctxParamWord {
		b.exp(s, false)
	} else {
		b.lit(s, false)
	}
}

// litQuoted appends text inside "..." (or a here-document, or $((...))):
// a backslash is removed only before the characters it quotes there.
func (b *builder) litQuoted(s string, ctx int) {
	for len(s) > 0 {
		i := strings.IndexByte(s, '\\')
		if i < 0 || i+1 >= len(s) {
			b.lit(s, true)
			return
		}
		b.lit(s[:i], true)
		switch c := s[i+1]; {
		case c == '$' || c == '`' || c == '\\' || c == '\n' || c == '"' && ctx != ctxHeredoc:
			b.litByte(c, true)
		default:
			b.lit(s[i:i+2], true)
		}
		s = s[i+2:]
	}
}
