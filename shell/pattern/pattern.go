// Package pattern implements the shell's glob patterns as Alpine's ash
// uses them: musl's fnmatch with no flags (so "*" and "?" match "/" and a
// leading "."), UTF-8 aware, for case, ${x#pat}, ${x/pat/rep} and
// pathname expansion.
//
// A pattern is text in which a backslash makes the next character literal
// (the expander writes quoted characters that way). Patterns are compiled
// once and kept in a small cache keyed by their text, so a loop that
// matches the same pattern does not compile it again.
//
// Where Alpine's ash differs from POSIX because of musl's fnmatch, this
// package follows POSIX (XCU 2.13) and glibc, as dash, bash and BusyBox's
// own test suite do (docs/compat/ash.md lists the cases):
//   - inside a bracket expression a backslash quotes the next character,
//     so [\]] matches "]" and [a\-c] is a, "-" and c (musl takes the
//     backslash as a member);
//   - a byte that is not part of valid UTF-8 is a character of its own:
//     "?", "*" and [!x] match it and a pattern holding one matches the
//     same byte (musl matches nothing there, so "cat uni?code" misses a
//     file named with a stray 0x81 byte).
//
// Two places differ from Alpine on purpose besides: ${v//*/x} (a pattern
// of stars under //) loops forever in ash and replaces once here; and
// where ash with musl lets "?" match a character and half of the next one
// (${s##?} on "hé"), characters are kept whole here.
package pattern

import (
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
)

// token kinds of a compiled pattern.
const (
	tLit  = iota // literal text (already unescaped)
	tAny         // ?
	tStar        // *
	tSet         // [...]
)

type token struct {
	kind  uint8
	runes int32  // runes a tLit matches (1 for tAny and tSet)
	lit   string // tLit
	set   *set   // tSet
}

// Pattern is a compiled pattern. It is immutable and safe for concurrent
// use.
type Pattern struct {
	src   string
	bytes bool // the C locale: a character is a byte

	// The pattern split at its stars: head matches at the start, tail at
	// the end, and each middle segment at its leftmost place in between
	// (musl's "sea of stars"). Without a star, head is everything.
	head, tail []token
	mid        [][]token
	star       bool
	headRunes  int // runes head and tail match (they hold no star)
	tailRunes  int

	lit    string // the whole pattern when it has no special character
	isLit  bool
	shape  uint8  // a common form matched without the general loop
	prefix string // literal text every match starts with ("" when unknown)
	suffix string // literal text every match ends with
}

// Shapes of patterns with a fast path.
const (
	shapeGeneral  = iota
	shapeAll      // *
	shapeSuffix   // *lit
	shapePrefix   // lit*
	shapeContains // *lit*
)

// String returns the pattern's source text.
func (p *Pattern) String() string { return p.src }

// Literal reports whether the pattern has no special character, and the
// text it matches.
func (p *Pattern) Literal() (string, bool) { return p.lit, p.isLit }

// cache of compiled patterns by text. Readers never lock; when it holds
// too many, it is replaced by an empty one (scripts use few patterns, and
// a pattern built from changing data must not grow it without bound).
type cache struct {
	m sync.Map
	n atomic.Int32
}

const cacheMax = 512

var patterns, bytePatterns atomic.Pointer[cache]

// Compile returns the compiled form of pat, from the cache when it was
// compiled before. Every text is a valid pattern: an unclosed bracket is
// a literal "[". Characters are UTF-8, as in musl's C.UTF-8 locale.
func Compile(pat string) *Pattern { return compileCached(&patterns, pat, false) }

// CompileBytes is Compile for the C locale, where each byte is a
// character (musl maps the bytes above 0x7f to characters of no class).
func CompileBytes(pat string) *Pattern { return compileCached(&bytePatterns, pat, true) }

func compileCached(cp *atomic.Pointer[cache], pat string, bytes bool) *Pattern {
	c := cp.Load()
	if c != nil {
		if v, ok := c.m.Load(pat); ok {
			return v.(*Pattern)
		}
	}
	p := compile(pat, bytes)
	if c == nil || c.n.Load() >= cacheMax {
		c = &cache{}
		cp.Store(c)
	}
	if _, loaded := c.m.LoadOrStore(pat, p); !loaded {
		c.n.Add(1)
	}
	return p
}

// Match reports whether name matches the pattern pat as a whole.
func Match(pat, name string) bool { return Compile(pat).Match(name) }

func compile(src string, bytes bool) *Pattern {
	p := &Pattern{src: src, bytes: bytes}
	var toks []token
	var lit []byte
	flush := func() {
		if len(lit) > 0 {
			n := len(lit)
			if !bytes {
				n = utf8.RuneCount(lit)
			}
			toks = append(toks, token{kind: tLit, lit: string(lit), runes: int32(n)})
			lit = lit[:0]
		}
	}
	special := false
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == '\\' && i+1 < len(src):
			i++
			n := 1
			if !bytes {
				_, n = utf8.DecodeRuneInString(src[i:])
			}
			lit = append(lit, src[i:i+n]...)
			i += n
			continue
		case c == '[':
			if s, n := parseBracket(src[i:], bytes); n > 0 {
				flush()
				toks = append(toks, token{kind: tSet, set: s, runes: 1})
				special = true
				i += n
				continue
			}
			lit = append(lit, '[')
		case c == '*':
			flush()
			if len(toks) == 0 || toks[len(toks)-1].kind != tStar {
				toks = append(toks, token{kind: tStar})
			}
			special = true
		case c == '?':
			flush()
			toks = append(toks, token{kind: tAny, runes: 1})
			special = true
		case c >= utf8.RuneSelf && !bytes:
			_, n := utf8.DecodeRuneInString(src[i:])
			lit = append(lit, src[i:i+n]...)
			i += n
			continue
		default:
			lit = append(lit, c)
		}
		i++
	}
	flush()
	if !special {
		p.isLit = true
		if len(toks) == 1 {
			p.lit = toks[0].lit
		}
	}
	first := -1
	last := -1
	for i, t := range toks {
		if t.kind == tStar {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 {
		p.head = toks
	} else {
		p.star = true
		p.head = toks[:first]
		p.tail = toks[last+1:]
		seg := []token(nil)
		for _, t := range toks[first+1 : last+1] {
			if t.kind == tStar {
				if len(seg) > 0 {
					p.mid = append(p.mid, seg)
				}
				seg = nil
				continue
			}
			seg = append(seg, t)
		}
	}
	switch {
	case !p.star:
	case len(p.head) == 0 && len(p.mid) == 0 && len(p.tail) == 0:
		p.shape = shapeAll
	case len(p.head) == 0 && len(p.mid) == 0 && len(p.tail) == 1 && p.tail[0].kind == tLit:
		p.shape = shapeSuffix
	case len(p.tail) == 0 && len(p.mid) == 0 && len(p.head) == 1 && p.head[0].kind == tLit:
		p.shape = shapePrefix
	case len(p.head) == 0 && len(p.tail) == 0 && len(p.mid) == 1 && len(p.mid[0]) == 1 && p.mid[0][0].kind == tLit:
		p.shape = shapeContains
		p.lit = p.mid[0][0].lit
	}
	p.headRunes = countRunes(p.head)
	p.tailRunes = countRunes(p.tail)
	if len(toks) > 0 && toks[0].kind == tLit {
		p.prefix = toks[0].lit
	}
	if len(toks) > 0 && toks[len(toks)-1].kind == tLit {
		p.suffix = toks[len(toks)-1].lit
	}
	return p
}

func countRunes(toks []token) int {
	n := 0
	for _, t := range toks {
		n += int(t.runes)
	}
	return n
}

// Match reports whether s matches the whole pattern.
func (p *Pattern) Match(s string) bool {
	if p.isLit {
		return s == p.lit
	}
	switch p.shape {
	case shapeAll:
		return true
	case shapeSuffix:
		return strings.HasSuffix(s, p.suffix)
	case shapePrefix:
		return strings.HasPrefix(s, p.prefix)
	case shapeContains:
		return strings.Contains(s, p.lit)
	}
	if !p.star {
		end, ok := p.matchSeq(p.head, s, 0)
		return ok && end == len(s)
	}
	// Quick rejects on the literal ends.
	if len(s) < len(p.prefix)+len(p.suffix) || !strings.HasPrefix(s, p.prefix) || !strings.HasSuffix(s, p.suffix) {
		return false
	}
	start, ok := p.matchSeq(p.head, s, 0)
	if !ok {
		return false
	}
	tailStart := len(s)
	if len(p.tail) > 0 {
		tailStart = p.backRunes(s, p.tailRunes)
		if tailStart < start {
			return false
		}
		if end, ok := p.matchSeq(p.tail, s, tailStart); !ok || end != len(s) {
			return false
		}
	}
	return p.matchMid(p.mid, s[:tailStart], start)
}

// matchMid finds each segment at its leftmost place from start on.
func (p *Pattern) matchMid(mid [][]token, s string, start int) bool {
	for _, seg := range mid {
		found := false
		for j := start; j <= len(s); {
			if seg[0].kind == tLit {
				k := strings.Index(s[j:], seg[0].lit)
				if k < 0 {
					return false
				}
				j += k
			}
			if end, ok := p.matchSeq(seg, s, j); ok {
				start = end
				found = true
				break
			}
			if j == len(s) {
				break
			}
			j += p.runeLen(s, j)
		}
		if !found {
			return false
		}
	}
	return true
}

// matchSeq matches star-free tokens at s[i:] and returns where they end.
func (p *Pattern) matchSeq(toks []token, s string, i int) (int, bool) {
	for _, t := range toks {
		switch t.kind {
		case tLit:
			if !strings.HasPrefix(s[i:], t.lit) {
				return 0, false
			}
			i += len(t.lit)
		case tAny:
			if i >= len(s) {
				return 0, false
			}
			_, n := p.decode(s, i)
			i += n
		case tSet:
			if i >= len(s) {
				return 0, false
			}
			r, n := p.decode(s, i)
			if !t.set.match(r) {
				return 0, false
			}
			i += n
		}
	}
	return i, true
}

// decode returns the character at s[i:] and its length. A byte above
// 0x7f that is not part of valid UTF-8 (any such byte in the C locale) is
// the character 0xdf80+(signed char)byte, as musl's C locale maps it: a
// surrogate (U+DF00 to U+DF7F), so no valid character and a member of no
// class, yet "?" matches it (glibc; musl matches nothing there in UTF-8).
func (p *Pattern) decode(s string, i int) (rune, int) {
	return decodeChar(s[i:], p.bytes)
}

func strayByte(c byte) rune { return 0xdf80 + rune(int8(c)) }

func decodeChar(s string, bytes bool) (rune, int) {
	c := s[0]
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	if bytes {
		return strayByte(c), 1
	}
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError && n <= 1 {
		return strayByte(c), 1
	}
	return r, n
}

func (p *Pattern) runeLen(s string, i int) int {
	if p.bytes {
		return 1
	}
	_, n := p.decode(s, i)
	return n
}

// backRunes returns the index n runes before the end of s (or -1).
func (p *Pattern) backRunes(s string, n int) int {
	if p.bytes {
		return len(s) - n
	}
	i := len(s)
	for ; n > 0; n-- {
		if i == 0 {
			return -1
		}
		// DecodeLastRune takes a stray byte as one, as decode does.
		_, l := utf8.DecodeLastRuneInString(s[:i])
		i -= l
	}
	return i
}

// HasMeta reports whether pat has an unescaped "*", "?", or a "[" with a
// "]" somewhere after it: ash's test for whether a word is a pattern at
// all in pathname expansion.
func HasMeta(pat string) bool {
	for i := 0; i < len(pat); i++ {
		switch pat[i] {
		case '\\':
			i++
		case '*', '?':
			return true
		case '[':
			if strings.IndexByte(pat[i+1:], ']') >= 0 {
				return true
			}
		}
	}
	return false
}

// QuoteMeta escapes s so that it matches only itself.
func QuoteMeta(s string) string {
	n := 0
	for i := 0; i < len(s); i++ {
		if isMeta(s[i]) {
			n++
		}
	}
	if n == 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + n)
	for i := 0; i < len(s); i++ {
		if isMeta(s[i]) {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func isMeta(c byte) bool {
	switch c {
	case '*', '?', '[', ']', '\\', '-', '!', '^':
		return true
	}
	return false
}
