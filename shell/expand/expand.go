package expand

import (
	"strings"
	"sync"

	"gobox/shell/arith"
	"gobox/shell/pattern"
	"gobox/shell/syntax"
)

// Error is an expansion error that ends a non-interactive shell, as ash's
// do: "x: parameter not set", "arithmetic syntax error", "syntax error:
// bad substitution". Errors from the Env (a readonly variable, a failed
// command substitution) are returned as they are.
type Error struct {
	Msg string
	// Syntax marks "syntax error: bad substitution": ash reports it
	// with the line its parser has reached (the next one, after a
	// newline), not the line of the command.
	Syntax bool
}

func (e *Error) Error() string { return e.Msg }

// ProcSubster is implemented by an Env that can run <(list) and >(list):
// it starts the list and returns the /dev/fd/N path of the pipe.
type ProcSubster interface {
	ProcSubst(ps *syntax.ProcSubst) (string, error)
}

// Expansion modes.
const (
	modeFields  = iota // split and glob (command words)
	modeLiteral        // one string: quote removal only
	modePattern        // one pattern: quoted characters escaped
)

// Per-byte marks of the fields buffer.
const (
	mQuoted = 1 << iota // quoted: never splits, literal in a pattern
	mMark               // a quote mark: no character, keeps an empty field
	mSep                // a "$@" separator: no character, always splits
)

// region is the output of one unquoted expansion, subject to splitting
// (nulOnly: a quoted "$@", split only at its separators).
type region struct {
	beg, end int
	nulOnly  bool
}

// builder accumulates the expansion of one word.
type builder struct {
	env     Env
	mode    int
	buf     []byte
	marks   []byte // modeFields only
	regions []region
	ifs     string
	ifsSet  bool
	ifsRead bool
	ifsMap  byteSet
}

// byteSet is a set of bytes (the IFS characters).
type byteSet [4]uint64

func makeSet(s string) byteSet {
	var bs byteSet
	for i := 0; i < len(s); i++ {
		bs[s[i]>>6] |= 1 << (s[i] & 63)
	}
	return bs
}

func (bs *byteSet) has(c byte) bool { return bs[c>>6]&(1<<(c&63)) != 0 }

var builders = sync.Pool{New: func() any { return new(builder) }}

func getBuilder(env Env, mode int) *builder {
	b := builders.Get().(*builder)
	b.env = env
	b.mode = mode
	b.buf = b.buf[:0]
	b.marks = b.marks[:0]
	b.regions = b.regions[:0]
	b.ifsRead = false
	return b
}

func putBuilder(b *builder) {
	if cap(b.buf) > 64<<10 {
		return
	}
	b.env = nil
	builders.Put(b)
}

// readIFS loads $IFS once per word.
func (b *builder) readIFS() {
	if !b.ifsRead {
		b.ifs, b.ifsSet = b.env.Get("IFS")
		if !b.ifsSet {
			b.ifs = " \t\n"
		}
		b.ifsMap = makeSet(b.ifs)
		b.ifsRead = true
	}
}

// lit appends source text (not subject to splitting).
func (b *builder) lit(s string, quoted bool) {
	switch b.mode {
	case modeFields:
		b.buf = append(b.buf, s...)
		m := byte(0)
		if quoted {
			m = mQuoted
		}
		for range len(s) {
			b.marks = append(b.marks, m)
		}
	case modePattern:
		if quoted {
			b.quoteMeta(s)
		} else {
			b.buf = append(b.buf, s...)
		}
	default:
		b.buf = append(b.buf, s...)
	}
}

func (b *builder) litByte(c byte, quoted bool) {
	switch b.mode {
	case modeFields:
		b.buf = append(b.buf, c)
		m := byte(0)
		if quoted {
			m = mQuoted
		}
		b.marks = append(b.marks, m)
	case modePattern:
		if quoted && isGlobMeta(c) {
			b.buf = append(b.buf, '\\')
		}
		b.buf = append(b.buf, c)
	default:
		b.buf = append(b.buf, c)
	}
}

func (b *builder) quoteMeta(s string) {
	for i := 0; i < len(s); i++ {
		if isGlobMeta(s[i]) {
			b.buf = append(b.buf, '\\')
		}
		b.buf = append(b.buf, s[i])
	}
}

// isGlobMeta lists the characters ash escapes in a quoted part of a
// pattern.
func isGlobMeta(c byte) bool {
	switch c {
	case '*', '?', '[', ']', '\\', '-', '!', '^':
		return true
	}
	return false
}

// exp appends the result of an expansion. Unquoted, it is subject to
// field splitting; a NUL byte in it is a "$@" separator (ash's own
// trick: a shell value never holds NUL).
func (b *builder) exp(s string, quoted bool) {
	start := len(b.buf)
	b.region(start, b.expText(s, quoted), quoted)
}

// expList is exp of the strings of list joined with sep, made in place.
func (b *builder) expList(list []string, sep string, quoted bool) {
	start := len(b.buf)
	hasSep := false
	for i, s := range list {
		if i > 0 && b.expText(sep, quoted) {
			hasSep = true
		}
		if b.expText(s, quoted) {
			hasSep = true
		}
	}
	b.region(start, hasSep, quoted)
}

// expText appends an expansion's text and reports whether it held a
// "$@" separator (in fields mode).
func (b *builder) expText(s string, quoted bool) (hasSep bool) {
	switch b.mode {
	case modeFields:
		b.buf = append(b.buf, s...)
		m := byte(0)
		if quoted {
			m = mQuoted
		}
		for i := 0; i < len(s); i++ {
			if s[i] == 0 {
				b.marks = append(b.marks, mSep)
				hasSep = true
			} else {
				b.marks = append(b.marks, m)
			}
		}
	case modePattern:
		if quoted {
			b.quoteMeta(s)
		} else {
			b.buf = append(b.buf, s...)
		}
	default:
		b.buf = append(b.buf, s...)
	}
	return hasSep
}

// region marks buf[start:] as an expansion's output for field splitting.
func (b *builder) region(start int, hasSep, quoted bool) {
	if b.mode != modeFields {
		return
	}
	if !quoted {
		b.regions = append(b.regions, region{beg: start, end: len(b.buf)})
	} else if hasSep {
		b.regions = append(b.regions, region{beg: start, end: len(b.buf), nulOnly: true})
	}
}

// mark records a quote: "" keeps an empty field.
func (b *builder) mark() {
	if b.mode == modeFields {
		b.buf = append(b.buf, 0)
		b.marks = append(b.marks, mMark)
	}
}

// Fields expands command words (and for-loop items): every expansion,
// field splitting, pathname expansion and quote removal. A word may give
// no field ("$@" with no parameters, an unquoted empty expansion) or
// several.
func Fields(env Env, words []*syntax.Word) ([]string, error) {
	return AppendFields(make([]string, 0, len(words)), env, words)
}

// AppendFields is Fields appending to out: a caller that consumes the
// fields at once (a builtin's arguments) reuses one slice.
func AppendFields(out []string, env Env, words []*syntax.Word) ([]string, error) {
	for _, w := range words {
		if s, ok := plainLit(w); ok {
			out = append(out, s)
			continue
		}
		if len(w.Parts) == 1 {
			if s, ok, err := quick(env, w.Parts[0], true); err != nil {
				return out, err
			} else if ok {
				if s != "" || isQuoted(w.Parts[0]) {
					out = append(out, s)
				}
				continue
			}
			if v, ok, err := splitVar(env, w.Parts[0], out); err != nil {
				return out, err
			} else if ok {
				out = v
				continue
			}
		}
		var err error
		if out, err = fieldsOf(env, w, out); err != nil {
			return out, err
		}
	}
	return out, nil
}

// quick expands the common one-part words without a builder: "$x",
// $x, $((...)), "text", 'text'. In fields mode an unquoted result must
// hold no IFS or pattern character, else ok is false and the caller
// takes the long way.
func quick(env Env, part syntax.WordPart, fields bool) (string, bool, error) {
	quoted := false
	if dq, ok := part.(*syntax.DblQuoted); ok {
		if len(dq.Parts) != 1 {
			return "", false, nil
		}
		quoted = true
		part = dq.Parts[0]
	}
	switch p := part.(type) {
	case *syntax.SglQuoted:
		return p.Value, !quoted, nil
	case *syntax.Lit:
		if !quoted || strings.IndexByte(p.Value, '\\') >= 0 {
			return "", false, nil
		}
		return p.Value, true, nil
	case *syntax.ParamExp:
		trim := p.Op >= syntax.OpTrimPrefix && p.Op <= syntax.OpTrimLongSuffix
		if p.Op != syntax.OpNone && !trim || p.Length || isList(p.Name) || p.Name == "" {
			return "", false, nil
		}
		var v string
		var set bool
		if c := p.Name[0]; c >= '1' && c <= '9' {
			return "", false, nil
		}
		v, set = env.Get(p.Name)
		if !set && env.Nounset() {
			return "", true, &Error{Msg: p.Name + ": parameter not set"}
		}
		if trim {
			pat, err := patternOf(env, p.Arg)
			if err != nil {
				return "", true, err
			}
			switch p.Op {
			case syntax.OpTrimPrefix:
				v = pat.TrimPrefix(v, false)
			case syntax.OpTrimLongPrefix:
				v = pat.TrimPrefix(v, true)
			case syntax.OpTrimSuffix:
				v = pat.TrimSuffix(v, false)
			default:
				v = pat.TrimSuffix(v, true)
			}
		}
		if fields && !quoted && v != "" && !plainField(env, v) {
			return "", false, nil
		}
		return v, true, nil
	case *syntax.ArithExp:
		n, err := Arith(env, p.X)
		if err != nil {
			return "", true, err
		}
		v := formatInt(env, n)
		if fields && !quoted && !plainField(env, v) {
			return "", false, nil
		}
		return v, true, nil
	}
	return "", false, nil
}

// plainField reports whether an unquoted expansion result is one field
// as it is: no IFS character, nothing for pathname expansion.
func plainField(env Env, v string) bool {
	if strings.ContainsAny(v, "*?[") {
		return false
	}
	ifs, set := env.Get("IFS")
	if !set {
		ifs = " \t\n"
	}
	return !strings.ContainsAny(v, ifs)
}

// splitVar is the fast path of an unquoted $x whose value needs
// splitting but no pathname expansion: its fields are slices of the
// value, split as ash's ifsbreakup splits one region.
func splitVar(env Env, part syntax.WordPart, out []string) ([]string, bool, error) {
	p, ok := part.(*syntax.ParamExp)
	if !ok || p.Op != syntax.OpNone || p.Length || isList(p.Name) || p.Name == "" || p.Name[0] >= '1' && p.Name[0] <= '9' {
		return out, false, nil
	}
	v, set := env.Get(p.Name)
	if !set && env.Nounset() {
		return out, true, &Error{Msg: p.Name + ": parameter not set"}
	}
	if !env.Noglob() && strings.ContainsAny(v, "*?[") {
		return out, false, nil
	}
	ifs, ifsSet := env.Get("IFS")
	if !ifsSet {
		ifs = " \t\n"
	}
	return splitIFS(v, makeSet(ifs), out), true, nil
}

// splitIFS splits v at IFS characters: runs of IFS white space are one
// separator and are ignored at the ends; each other IFS character ends
// a field (with the white space around it).
func splitIFS(v string, ifs byteSet, out []string) []string {
	start := 0
	for p := 0; p < len(v); {
		c := v[p]
		if !ifs.has(c) {
			p++
			continue
		}
		space := isDefIFS(c)
		if p == start && space {
			p++
			start = p
			continue
		}
		out = append(out, v[start:p])
		p++
		for p < len(v) {
			c = v[p]
			if !ifs.has(c) {
				break
			}
			if !isDefIFS(c) {
				if !space {
					break
				}
				space = false
			}
			p++
		}
		start = p
	}
	if start < len(v) {
		out = append(out, v[start:])
	}
	return out
}

func isQuoted(p syntax.WordPart) bool {
	switch p.(type) {
	case *syntax.DblQuoted, *syntax.SglQuoted:
		return true
	}
	return false
}

// plainLit is the fast path of a word that is one literal with nothing
// to expand.
func plainLit(w *syntax.Word) (string, bool) {
	if len(w.Parts) != 1 {
		return "", false
	}
	l, ok := w.Parts[0].(*syntax.Lit)
	if !ok {
		return "", false
	}
	v := l.Value
	if len(v) > 0 && v[0] == '~' {
		return "", false
	}
	for i := 0; i < len(v); i++ {
		switch v[i] {
		case '\\', '*', '?':
			return "", false
		case '[':
			if strings.IndexByte(v[i:], ']') >= 0 {
				return "", false
			}
		}
	}
	return v, true
}

func fieldsOf(env Env, w *syntax.Word, out []string) ([]string, error) {
	b := getBuilder(env, modeFields)
	defer putBuilder(b)
	if err := b.word(w.Parts, ctxWord); err != nil {
		return out, err
	}
	return b.finish(out), nil
}

// Literal expands a word to one string without field splitting or
// pathname expansion: redirection targets, case words, here-strings.
func Literal(env Env, w *syntax.Word) (string, error) {
	if len(w.Parts) == 1 {
		if l, ok := w.Parts[0].(*syntax.Lit); ok && !strings.ContainsRune(l.Value, '\\') && !strings.HasPrefix(l.Value, "~") {
			return l.Value, nil
		}
		if s, ok, err := quick(env, w.Parts[0], false); ok || err != nil {
			return s, err
		}
	}
	return literal(env, w.Parts, ctxWord)
}

// Assign expands the value of an assignment (name=value, and the
// operands of export, readonly and local that the parser reads as
// assignments): as Literal, plus tilde expansion after each ":".
func Assign(env Env, w *syntax.Word) (string, error) {
	if len(w.Parts) == 1 {
		if l, ok := w.Parts[0].(*syntax.Lit); ok && !strings.ContainsAny(l.Value, "\\~") {
			return l.Value, nil
		}
		if s, ok, err := quick(env, w.Parts[0], false); ok || err != nil {
			return s, err
		}
	}
	return literal(env, w.Parts, ctxAssign)
}

func literal(env Env, parts []syntax.WordPart, ctx int) (string, error) {
	b := getBuilder(env, modeLiteral)
	defer putBuilder(b)
	if err := b.word(parts, ctx); err != nil {
		return "", err
	}
	return string(b.buf), nil
}

// Heredoc expands the body of an unquoted here-document: parameters,
// command substitutions and arithmetic; a backslash quotes only $, `, \
// and newline.
func Heredoc(env Env, w *syntax.Word) (string, error) {
	b := getBuilder(env, modeLiteral)
	defer putBuilder(b)
	if err := b.parts(w.Parts, true, ctxHeredoc); err != nil {
		return "", err
	}
	return string(b.buf), nil
}

// Pattern expands a case pattern (or the pattern of ${x#pat}) and
// compiles it: quoted characters match themselves, unquoted expansions
// keep their special characters.
func Pattern(env Env, w *syntax.Word) (*pattern.Pattern, error) {
	if len(w.Parts) == 1 {
		if l, ok := w.Parts[0].(*syntax.Lit); ok && !strings.HasPrefix(l.Value, "~") {
			return compilePattern(env, l.Value), nil
		}
	}
	s, err := patternText(env, w.Parts)
	if err != nil {
		return nil, err
	}
	return compilePattern(env, s), nil
}

// compilePattern compiles for the shell's locale. A pattern of literal
// ASCII text and stars matches alike in UTF-8 and in the C locale, so
// only the others look the locale up.
func compilePattern(env Env, s string) *pattern.Pattern {
	if byLocale(s) && !utf8Locale(env) {
		return pattern.CompileBytes(s)
	}
	return pattern.Compile(s)
}

func byLocale(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '?' || c == '[' || c >= 0x80 {
			return true
		}
	}
	return false
}

// patternOf is Pattern for a word that may be absent (${x#}).
func patternOf(env Env, w *syntax.Word) (*pattern.Pattern, error) {
	if w == nil {
		return pattern.Compile(""), nil
	}
	return Pattern(env, w)
}

func patternText(env Env, parts []syntax.WordPart) (string, error) {
	b := getBuilder(env, modePattern)
	defer putBuilder(b)
	if err := b.word(parts, ctxWord); err != nil {
		return "", err
	}
	return string(b.buf), nil
}

// Arith expands the text of $((...)) and evaluates it.
func Arith(env Env, w *syntax.Word) (int64, error) {
	var s string
	if len(w.Parts) == 1 {
		if l, ok := w.Parts[0].(*syntax.Lit); ok && !strings.ContainsRune(l.Value, '\\') {
			s = l.Value
		}
	}
	if s == "" {
		var err error
		if s, err = arithText(env, w); err != nil {
			return 0, err
		}
	}
	return ArithString(env, s)
}

func arithText(env Env, w *syntax.Word) (string, error) {
	b := getBuilder(env, modeLiteral)
	defer putBuilder(b)
	if err := b.parts(w.Parts, true, ctxArith); err != nil {
		return "", err
	}
	return string(b.buf), nil
}

// ArithString evaluates s as arithmetic (let's operands), reading and
// assigning variables through env.
func ArithString(env Env, s string) (int64, error) {
	// Env's Get and Set are arith.Vars's.
	n, err := arith.Eval(s, env)
	if ae, ok := err.(*arith.Error); ok {
		return n, &Error{Msg: ae.Msg}
	}
	return n, err
}

// finish splits the word at IFS as ash's ifsbreakup does, expands
// pathnames, and appends the fields to out.
func (b *builder) finish(out []string) []string {
	buf, marks := b.buf, b.marks
	start := 0
	if len(b.regions) > 0 {
		b.readIFS()
		nulOnly := false
		for _, r := range b.regions {
			afterNul := nulOnly
			nulOnly = r.nulOnly
			ifsSpace := false
			p := r.beg
			for p < r.end {
				q := p
				if !b.isIFS(p, nulOnly) {
					p++
					continue
				}
				if !(afterNul || nulOnly) {
					ifsSpace = marks[p] == mSep || isDefIFS(buf[p])
				}
				if q == start && ifsSpace {
					p++
					start = p
					continue
				}
				out = b.field(out, start, q)
				p++
				if !nulOnly {
					for p < r.end {
						q = p
						if !b.isIFS(p, false) {
							break
						}
						if marks[p] != mSep && !isDefIFS(buf[p]) {
							if !ifsSpace {
								break
							}
							ifsSpace = false
						}
						p++
					}
				}
				start = p
			}
		}
		if nulOnly {
			return b.field(out, start, len(buf))
		}
	}
	if start >= len(buf) {
		return out
	}
	return b.field(out, start, len(buf))
}

func isDefIFS(c byte) bool { return c == ' ' || c == '\t' || c == '\n' }

// isIFS reports whether the byte at p separates fields.
func (b *builder) isIFS(p int, nulOnly bool) bool {
	m := b.marks[p]
	if m == mSep {
		return true
	}
	if nulOnly || m != 0 {
		return false
	}
	return b.ifsMap.has(b.buf[p])
}

// field appends buf[start:end] as one field, pathname-expanded when it
// holds an unquoted special character.
func (b *builder) field(out []string, start, end int) []string {
	buf, marks := b.buf[start:end], b.marks[start:end]
	glob := false
	plain := true
	for i, c := range buf {
		switch marks[i] {
		case 0:
			if c == '*' || c == '?' || c == '[' {
				glob = true
			}
		case mMark, mSep:
			plain = false
		}
	}
	if glob && !b.env.Noglob() {
		var pat []byte
		for i, c := range buf {
			switch marks[i] {
			case mMark, mSep:
				continue
			case mQuoted:
				if isGlobMeta(c) {
					pat = append(pat, '\\')
				}
			}
			pat = append(pat, c)
		}
		if ps := string(pat); pattern.HasMeta(ps) {
			var m []string
			if byLocale(ps) && !utf8Locale(b.env) {
				m = pattern.GlobBytes(b.env.Dir(), ps)
			} else {
				m = pattern.Glob(b.env.Dir(), ps)
			}
			if m != nil {
				return append(out, m...)
			}
		}
	}
	if plain {
		return append(out, string(buf))
	}
	s := make([]byte, 0, len(buf))
	for i, c := range buf {
		if marks[i] != mMark && marks[i] != mSep {
			s = append(s, c)
		}
	}
	return append(out, string(s))
}
