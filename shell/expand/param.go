package expand

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"gobox/shell/pattern"
	"gobox/shell/syntax"
)

var errBadSubst = &Error{Msg: "syntax error: bad substitution", Syntax: true}

// value looks a parameter up. "$@" and "$*" are the parameters joined
// with sep (ash joins them, then applies any operator to the whole);
// they are always set, and null when the join is empty.
func (b *builder) value(name string, sep string) (string, bool) {
	switch name {
	case "@", "*":
		return strings.Join(b.env.Params(), sep), true
	}
	if c := name[0]; c >= '1' && c <= '9' {
		n, err := strconv.Atoi(name)
		params := b.env.Params()
		if err != nil || n > len(params) {
			return "", false
		}
		return params[n-1], true
	}
	return b.env.Get(name)
}

// listSep is the separator of "$@" and "$*" in this place: NUL (a field
// break) where they make fields, else the first character of IFS, a
// space when IFS is unset, nothing when it is empty.
func (b *builder) listSep(name string, quoted, length bool) string {
	if b.mode == modeFields && !length && (!quoted || name == "@") {
		b.readIFS()
		if quoted || b.ifsSet {
			return "\x00"
		}
		return " "
	}
	b.readIFS()
	if !b.ifsSet {
		return " "
	}
	if b.ifs == "" {
		return ""
	}
	return b.ifs[:1]
}

func isList(name string) bool { return name == "@" || name == "*" }

// param expands ${...} and $name.
func (b *builder) param(pe *syntax.ParamExp, quoted bool) error {
	if pe.Op == syntax.OpBad {
		return errBadSubst
	}
	name := pe.Name
	if name == "" {
		return errBadSubst
	}
	sep := ""
	if isList(name) {
		sep = b.listSep(name, quoted, pe.Length)
		if pe.Op == syntax.OpNone && !pe.Length {
			// The parameters go into the word as their join would,
			// without the join.
			b.expList(b.env.Params(), sep, quoted)
			return nil
		}
	}
	val, set := b.value(name, sep)
	switch pe.Op {
	case syntax.OpDefault, syntax.OpAlt, syntax.OpAssign, syntax.OpError:
	default:
		if !set && !isList(name) && b.env.Nounset() {
			return &Error{Msg: name + ": parameter not set"}
		}
	}
	if pe.Length {
		var num [20]byte
		b.exp(string(strconv.AppendInt(num[:0], int64(length(b.env, name, val)), 10)), quoted)
		return nil
	}
	null := !set || pe.Colon && val == ""
	switch pe.Op {
	case syntax.OpNone:
		b.exp(val, quoted)
	case syntax.OpDefault:
		if null {
			return b.paramWord(pe.Arg, quoted)
		}
		b.exp(val, quoted)
	case syntax.OpAlt:
		if !null {
			return b.paramWord(pe.Arg, quoted)
		}
	case syntax.OpAssign:
		if !null {
			b.exp(val, quoted)
			return nil
		}
		if !isName(name) {
			return &Error{Msg: name + ": bad variable name"}
		}
		s, err := b.subLiteral(pe.Arg)
		if err != nil {
			return err
		}
		if err := b.env.Set(name, s); err != nil {
			return err
		}
		b.exp(s, quoted)
	case syntax.OpError:
		if !null {
			b.exp(val, quoted)
			return nil
		}
		if pe.Arg == nil || len(pe.Arg.Parts) == 0 {
			msg := name + ": parameter not set"
			if pe.Colon {
				msg += " or null"
			}
			return &Error{Msg: msg}
		}
		s, err := b.subLiteral(pe.Arg)
		if err != nil {
			return err
		}
		return &Error{Msg: name + ": " + s}
	case syntax.OpTrimPrefix, syntax.OpTrimLongPrefix, syntax.OpTrimSuffix, syntax.OpTrimLongSuffix:
		p, err := b.subPattern(pe.Arg)
		if err != nil {
			return err
		}
		switch pe.Op {
		case syntax.OpTrimPrefix:
			val = p.TrimPrefix(val, false)
		case syntax.OpTrimLongPrefix:
			val = p.TrimPrefix(val, true)
		case syntax.OpTrimSuffix:
			val = p.TrimSuffix(val, false)
		default:
			val = p.TrimSuffix(val, true)
		}
		b.exp(val, quoted)
	case syntax.OpReplace, syntax.OpReplaceAll, syntax.OpReplacePrefix, syntax.OpReplaceSuffix:
		arg, replw := pe.Arg, pe.Repl
		if (arg == nil || len(arg.Parts) == 0) && replw != nil {
			// ash: the pattern is never empty, a '/' right after
			// "${v/" or "${v//" is its first character.
			arg, replw = splitSlash(replw)
		}
		p, err := b.subPattern(arg)
		if err != nil {
			return err
		}
		repl := ""
		if replw != nil {
			if repl, err = b.subLiteral(replw); err != nil {
				return err
			}
		}
		switch {
		case !set:
			// ash: no replacement in an unset variable (set and
			// empty, ${v/*/w} is w).
		case pe.Op == syntax.OpReplace && isList(name) && sep == "\x00":
			// ash copies what follows the match as a C string: the
			// "$@" it made ends at the next separator.
			if i, j, ok := p.Find(val); ok {
				tail, _, _ := strings.Cut(val[j:], "\x00")
				val = val[:i] + repl + tail
			}
		case pe.Op == syntax.OpReplace:
			val = p.Replace(val, repl, false)
		case pe.Op == syntax.OpReplaceAll:
			val = p.Replace(val, repl, true)
		case pe.Op == syntax.OpReplacePrefix:
			if p.String() != "" {
				if s := p.TrimPrefix(val, true); s != val || p.Match("") {
					val = repl + s
				}
			}
		default:
			if p.String() != "" {
				if s := p.TrimSuffix(val, true); s != val || p.Match("") {
					val = s + repl
				}
			}
		}
		b.exp(val, quoted)
	case syntax.OpSlice:
		s, err := b.slice(val, pe)
		if err != nil {
			return err
		}
		b.exp(s, quoted)
	default:
		return errBadSubst
	}
	return nil
}

// paramWord expands the word of ${x-word} and ${x+word} in place: in
// double quotes it is quoted; unquoted, its text splits like the value
// of a variable (ash: ${x:-a:b} with IFS=: is two fields).
func (b *builder) paramWord(w *syntax.Word, quoted bool) error {
	if w == nil {
		return nil
	}
	if quoted {
		return b.parts(w.Parts, true, ctxWord)
	}
	return b.word(w.Parts, ctxParamWord)
}

// subLiteral expands a word of a ${...} (the value of ${x=w}, the
// message of ${x?w}, the replacement of ${x/p/r}) to one string.
func (b *builder) subLiteral(w *syntax.Word) (string, error) {
	if w == nil {
		return "", nil
	}
	return literal(b.env, w.Parts, ctxWord)
}

// subPattern expands and compiles the pattern of ${x#p} and ${x/p/r}.
func (b *builder) subPattern(w *syntax.Word) (*pattern.Pattern, error) {
	return patternOf(b.env, w)
}

// slice is ${x:off[:len]}, on bytes as in ash: off and len are
// arithmetic, expanded first and split at the first ':' of the result.
func (b *builder) slice(val string, pe *syntax.ParamExp) (string, error) {
	text, err := b.subLiteral(pe.Offset)
	if err != nil {
		return "", err
	}
	if pe.Count != nil {
		c, err := b.subLiteral(pe.Count)
		if err != nil {
			return "", err
		}
		text += ":" + c
	}
	offText, countText, hasCount := strings.Cut(text, ":")
	off, err := ArithString(b.env, offText)
	if err != nil {
		return "", err
	}
	origLen := int64(len(val))
	n := origLen
	if hasCount {
		if n, err = ArithString(b.env, countText); err != nil {
			return "", err
		}
	}
	// ash computes in C int.
	pos, ln, ol := int64(int32(off)), int64(int32(n)), origLen
	if pos < 0 {
		pos += ol
	}
	if uint64(pos) >= uint64(ol) {
		pos, ln = 0, 0
	}
	if ln < 0 {
		ln += ol - pos
	}
	if uint64(ln) > uint64(ol-pos) {
		ln = ol - pos
	}
	return val[pos : pos+ln], nil
}

func isName(s string) bool {
	if s == "" || s[0] >= '0' && s[0] <= '9' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '_' && !(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// splitSlash turns the replacement word of "${v//pat/rep}" as read with
// an empty pattern into "/" plus its text up to the next unquoted '/'
// (the pattern) and the rest (the replacement, nil when there is none).
func splitSlash(w *syntax.Word) (*syntax.Word, *syntax.Word) {
	pat := &syntax.Word{Pos: w.Pos, Parts: []syntax.WordPart{&syntax.Lit{Value: "/"}}}
	for i, part := range w.Parts {
		l, ok := part.(*syntax.Lit)
		if !ok {
			continue
		}
		for j := 0; j < len(l.Value); j++ {
			switch l.Value[j] {
			case '\\':
				j++
			case '/':
				pat.Parts = append(pat.Parts, w.Parts[:i]...)
				if j > 0 {
					pat.Parts = append(pat.Parts, &syntax.Lit{Value: l.Value[:j]})
				}
				rep := &syntax.Word{Pos: w.Pos}
				if j+1 < len(l.Value) {
					rep.Parts = append(rep.Parts, &syntax.Lit{Value: l.Value[j+1:]})
				}
				rep.Parts = append(rep.Parts, w.Parts[i+1:]...)
				return pat, rep
			}
		}
	}
	pat.Parts = append(pat.Parts, w.Parts...)
	return pat, nil
}

// length is ${#name}: characters in a UTF-8 locale, bytes in the C
// locale, for an invalid UTF-8 string and for "$@" (as ash counts).
func length(env Env, name, val string) int {
	if isList(name) || !utf8Locale(env) {
		return len(val)
	}
	for i := 0; i < len(val); i++ {
		if val[i] >= utf8.RuneSelf {
			if !utf8.ValidString(val) {
				return len(val)
			}
			return utf8.RuneCountInString(val)
		}
	}
	return len(val)
}

// utf8Locale reports whether the shell's locale is UTF-8, as ash finds
// it: the first of LC_ALL, LC_CTYPE and LANG that is set, handed to
// musl's setlocale, which knows only C (and POSIX) and UTF-8; none set
// is musl's default, UTF-8.
func utf8Locale(env Env) bool {
	if l, ok := env.(Localer); ok {
		return l.UTF8()
	}
	for _, name := range [...]string{"LC_ALL", "LC_CTYPE", "LANG"} {
		if v, ok := env.Get(name); ok {
			return v != "C" && v != "POSIX"
		}
	}
	return true
}
