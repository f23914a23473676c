package pattern

import (
	"unicode"
	"unicode/utf8"
)

// set is a compiled bracket expression.
type set struct {
	neg     bool
	ascii   [2]uint64 // members below 128, classes included
	ranges  []runeRange
	classes []func(rune) bool
}

type runeRange struct{ lo, hi rune }

func (s *set) match(r rune) bool {
	if r < utf8.RuneSelf {
		return (s.ascii[r>>6]&(1<<(r&63)) != 0) != s.neg
	}
	in := false
	for _, rg := range s.ranges {
		if r >= rg.lo && r <= rg.hi {
			in = true
			break
		}
	}
	if !in {
		for _, f := range s.classes {
			if f(r) {
				in = true
				break
			}
		}
	}
	return in != s.neg
}

func (s *set) add(lo, hi rune) {
	for r := lo; r <= hi && r < utf8.RuneSelf; r++ {
		s.ascii[r>>6] |= 1 << (r & 63)
	}
	if hi >= utf8.RuneSelf {
		if lo < utf8.RuneSelf {
			lo = utf8.RuneSelf
		}
		s.ranges = append(s.ranges, runeRange{lo, hi})
	}
}

func (s *set) addClass(f func(rune) bool) {
	for r := rune(0); r < utf8.RuneSelf; r++ {
		if f(r) {
			s.ascii[r>>6] |= 1 << (r & 63)
		}
	}
	s.classes = append(s.classes, f)
}

// bracketLen returns the length of the bracket expression at the start of
// p ("[" included), or 0 when it is not closed and "[" is literal. As in
// musl, a "]" right after "[" or "[!" is a member, "[:", "[." and "[="
// run to their ":]", ".]", "=]". A backslash quotes the next character,
// so "\]" does not close the bracket (POSIX and glibc; musl takes the
// backslash as an ordinary member).
func bracketLen(p string) int {
	k := 1
	if k < len(p) && (p[k] == '!' || p[k] == '^') {
		k++
	}
	if k < len(p) && p[k] == ']' {
		k++
	}
	for ; k < len(p) && p[k] != ']'; k++ {
		if p[k] == '\\' {
			k++
			continue
		}
		if k+1 < len(p) && p[k] == '[' && (p[k+1] == ':' || p[k+1] == '.' || p[k+1] == '=') {
			z := p[k+1]
			k += 2
			if k < len(p) {
				k++
			}
			for k < len(p) && (p[k-1] != z || p[k] != ']') {
				k++
			}
			if k == len(p) {
				return 0
			}
		}
	}
	if k >= len(p) {
		return 0
	}
	return k + 1
}

// parseBracket compiles the bracket expression at the start of p and
// returns it with its length, or n == 0 when "[" is literal. Membership
// follows musl's match_bracket (Alpine 3.20): every character is a
// member; "x-y" adds the range when x <= y, and y is then read again as
// a member and as the start of a following range; "[.x.]" and "[=x=]"
// add nothing; an unknown class matches nothing. A backslash quotes the
// next character, which is then a plain member or range end (POSIX and
// glibc, where musl takes the backslash as a member).
func parseBracket(p string, bytes bool) (*set, int) {
	n := bracketLen(p)
	if n == 0 {
		return nil, 0
	}
	b := p[:n] // "[ ... ]"
	s := &set{}
	i := 1
	if b[i] == '!' || b[i] == '^' {
		s.neg = true
		i++
	}
	if b[i] == ']' || b[i] == '-' {
		s.add(rune(b[i]), rune(b[i]))
		i++
	}
	prev := rune(b[i-1]) // musl's range start before any member is read
	for i < n && b[i] != ']' {
		if b[i] == '-' && i+1 < n && b[i+1] != ']' {
			hi, _ := member(b[i+1:], bytes)
			if prev <= hi {
				s.add(prev, hi)
			}
			i++
			continue
		}
		if b[i] == '[' && i+1 < n && (b[i+1] == ':' || b[i+1] == '.' || b[i+1] == '=') {
			z := b[i+1]
			p0 := i + 2
			j := i + 3
			for j < n && (b[j-1] != z || b[j] != ']') {
				j++
			}
			if z == ':' && j-1-p0 < 16 && j-1 >= p0 {
				s.addClass(class(b[p0 : j-1]))
			}
			i = j + 1
			continue
		}
		r, l := member(b[i:], bytes)
		prev = r
		s.add(r, r)
		i += l
	}
	return s, n
}

// member reads a character of a bracket expression, a backslash quoting
// the next one (bracketLen made sure one follows).
func member(s string, bytes bool) (rune, int) {
	if s[0] == '\\' && len(s) > 1 {
		r, n := decodeChar(s[1:], bytes)
		return r, n + 1
	}
	return decodeChar(s, bytes)
}

// class returns the test of a character class name, as musl's
// iswctype(wctype(name)); an unknown name matches nothing.
func class(name string) func(rune) bool {
	switch name {
	case "alnum":
		return func(r rune) bool { return isAlpha(r) || isDigit(r) }
	case "alpha":
		return isAlpha
	case "blank":
		return func(r rune) bool {
			return r == ' ' || r == '\t' || (r >= 0x80 && unicode.Is(unicode.Zs, r) && r != 0xA0 && r != 0x2007 && r != 0x202F)
		}
	case "cntrl":
		return func(r rune) bool {
			return r < 0x20 || r == 0x7f || (r >= 0x80 && unicode.IsControl(r)) || r == 0x2028 || r == 0x2029
		}
	case "digit":
		return isDigit
	case "graph":
		return func(r rune) bool { return isPrint(r) && !isSpace(r) }
	case "lower":
		return func(r rune) bool { return unicode.IsLower(r) }
	case "print":
		return isPrint
	case "punct":
		return func(r rune) bool { return isPrint(r) && !isSpace(r) && !isAlpha(r) && !isDigit(r) }
	case "space":
		return isSpace
	case "upper":
		return func(r rune) bool { return unicode.IsUpper(r) }
	case "xdigit":
		return func(r rune) bool {
			return r >= '0' && r <= '9' || r >= 'a' && r <= 'f' || r >= 'A' && r <= 'F'
		}
	}
	return func(rune) bool { return false }
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func isAlpha(r rune) bool {
	if r < utf8.RuneSelf {
		return r|0x20 >= 'a' && r|0x20 <= 'z'
	}
	return unicode.IsLetter(r)
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\v', '\f', '\r':
		return true
	}
	return r >= 0x80 && r != 0xA0 && r != 0x2007 && r != 0x202F && unicode.IsSpace(r)
}

func isPrint(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 0x20 && r < 0x7f
	}
	if r >= 0xd800 && r < 0xe000 {
		return false // a surrogate: a stray byte (see decode), as musl's iswprint
	}
	return !unicode.IsControl(r) && r != 0x2028 && r != 0x2029 && r != 0xFFF9 && r != 0xFFFA && r != 0xFFFB
}
