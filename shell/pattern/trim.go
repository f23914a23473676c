package pattern

import (
	"strings"
	"unicode/utf8"
)

// prefixEnd returns the end of the shortest (or longest) prefix of s that
// the pattern matches, or -1.
func (p *Pattern) prefixEnd(s string, longest bool) int {
	if p.isLit {
		if strings.HasPrefix(s, p.lit) {
			return len(p.lit)
		}
		return -1
	}
	if !p.star {
		if end, ok := p.matchSeq(p.head, s, 0); ok {
			return end
		}
		return -1
	}
	if !strings.HasPrefix(s, p.prefix) {
		return -1
	}
	if len(p.head) == 0 && len(p.mid) == 0 {
		// "*" or "*tail": the tail's place decides.
		if len(p.tail) == 0 {
			if longest {
				return len(s)
			}
			return 0
		}
		if len(p.tail) == 1 && p.tail[0].kind == tLit {
			var i int
			if longest {
				i = strings.LastIndex(s, p.tail[0].lit)
			} else {
				i = strings.Index(s, p.tail[0].lit)
			}
			if i < 0 {
				return -1
			}
			return i + len(p.tail[0].lit)
		}
	}
	if longest {
		for e := len(s); e >= 0; e-- {
			if p.isBoundary(s, e) && p.Match(s[:e]) {
				return e
			}
		}
		return -1
	}
	for e := 0; e <= len(s); e++ {
		if p.isBoundary(s, e) && p.Match(s[:e]) {
			return e
		}
	}
	return -1
}

// suffixStart returns the start of the shortest (or longest) suffix of s
// that the pattern matches, or -1.
func (p *Pattern) suffixStart(s string, longest bool) int {
	if p.isLit {
		if strings.HasSuffix(s, p.lit) {
			return len(s) - len(p.lit)
		}
		return -1
	}
	if !p.star {
		b := p.backRunes(s, p.headRunes)
		if b < 0 {
			return -1
		}
		if end, ok := p.matchSeq(p.head, s, b); ok && end == len(s) {
			return b
		}
		return -1
	}
	if !strings.HasSuffix(s, p.suffix) {
		return -1
	}
	if len(p.tail) == 0 && len(p.mid) == 0 {
		// "*" or "head*": the head's place decides.
		if len(p.head) == 0 {
			if longest {
				return 0
			}
			return len(s)
		}
		if len(p.head) == 1 && p.head[0].kind == tLit {
			if longest {
				return strings.Index(s, p.head[0].lit)
			}
			return strings.LastIndex(s, p.head[0].lit)
		}
	}
	if longest {
		for b := 0; b <= len(s); b++ {
			if p.isBoundary(s, b) && p.Match(s[b:]) {
				return b
			}
		}
		return -1
	}
	for b := len(s); b >= 0; b-- {
		if p.isBoundary(s, b) && p.Match(s[b:]) {
			return b
		}
	}
	return -1
}

// isBoundary reports whether i does not split a character of s: a
// continuation byte is inside one only when a valid sequence before it
// covers it (a stray byte is a character of its own).
func (p *Pattern) isBoundary(s string, i int) bool {
	if p.bytes || i == 0 || i >= len(s) || s[i] < 0x80 || s[i] >= 0xC0 {
		return true
	}
	for j := i - 1; j >= 0 && j >= i-3; j-- {
		if utf8.RuneStart(s[j]) {
			_, n := utf8.DecodeRuneInString(s[j:])
			return j+n <= i
		}
	}
	return true
}

// TrimPrefix is ${s#p} (longest false) and ${s##p} (longest true): s
// without the shortest or longest prefix the pattern matches, or s when
// none does.
func (p *Pattern) TrimPrefix(s string, longest bool) string {
	if e := p.prefixEnd(s, longest); e >= 0 {
		return s[e:]
	}
	return s
}

// TrimSuffix is ${s%p} (longest false) and ${s%%p} (longest true).
func (p *Pattern) TrimSuffix(s string, longest bool) string {
	if b := p.suffixStart(s, longest); b >= 0 {
		return s[:b]
	}
	return s
}

// Replace is ${s/p/repl} (all false) and ${s//p/repl} (all true), as ash
// does it: at each place from the left, the longest match is replaced;
// where nothing matches one character is kept. An empty pattern leaves s
// as it is. Where ash loops forever (a pattern of stars under //), the
// string is replaced once.
func (p *Pattern) Replace(s, repl string, all bool) string {
	if p.src == "" {
		return s
	}
	if p.isLit {
		if all {
			return strings.ReplaceAll(s, p.lit, repl)
		}
		return strings.Replace(s, p.lit, repl, 1)
	}
	var b strings.Builder
	idx := 0
	for idx <= len(s) {
		if idx == len(s) && idx > 0 {
			break // nothing more to match, but ash would try ""
		}
		e := p.prefixEnd(s[idx:], true)
		if e < 0 {
			if idx >= len(s) {
				break
			}
			if len(p.head) == 0 && p.star {
				// "*x" that fails here fails further on too.
				b.WriteString(s[idx:])
				return b.String()
			}
			n := p.runeLen(s, idx)
			b.WriteString(s[idx : idx+n])
			idx += n
			continue
		}
		b.WriteString(repl)
		idx += e
		if !all || e == 0 {
			// An empty match is only possible at the end.
			break
		}
	}
	if idx < len(s) {
		b.WriteString(s[idx:])
	}
	return b.String()
}

// Find returns where ${s/p/...} replaces: the first place from the left
// where the pattern matches, and the end of the longest match there; ok
// is false when it matches nowhere (or the pattern is empty).
func (p *Pattern) Find(s string) (start, end int, ok bool) {
	if p.src == "" {
		return 0, 0, false
	}
	if p.isLit {
		i := strings.Index(s, p.lit)
		if i < 0 {
			return 0, 0, false
		}
		return i, i + len(p.lit), true
	}
	for idx := 0; idx <= len(s); {
		if idx == len(s) && idx > 0 {
			break
		}
		if e := p.prefixEnd(s[idx:], true); e >= 0 {
			return idx, idx + e, true
		}
		if idx == len(s) || len(p.head) == 0 && p.star {
			break
		}
		idx += p.runeLen(s, idx)
	}
	return 0, 0, false
}
