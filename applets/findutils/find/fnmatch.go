package find

import (
	"unicode"
	"unicode/utf8"
)

// matcher is musl's fnmatch(3) with no flags or with FNM_CASEFOLD, the
// matching of BusyBox's -name, -iname, -path and -ipath: "*" and "?"
// match any character, "/" and a leading "." included; [...] takes "!"
// or "^" negation, ranges and [:class:]; a backslash quotes the next
// character (inside brackets it is an ordinary one).
//
// It follows musl's algorithm, quirks included, so that the same names
// match: the pattern splits at its stars into a head, matched first, a
// tail, matched at the end of the name, and the segments between, each
// matched at its leftmost place. In a UTF-8 locale characters are
// decoded, and a byte that is no UTF-8 ends the name as far as the head
// and the tail are concerned ("?" matches "x\351y", "x?y" does not) and
// makes a pattern holding one match nothing; in the C locale every byte
// is a character of its own, those above 127 with no class and no case.
type matcher struct {
	utf8 bool // the locale is UTF-8 (wcwidth.UTF8)
	fold bool // FNM_CASEFOLD (-iname, -ipath)
}

// Pattern tokens besides characters (which are >= 0, or -1 for a byte
// that is no UTF-8).
const (
	pEnd         = 0
	pUnmatchable = -2
	pBracket     = -3
	pQuestion    = -4
	pStar        = -5
)

// char decodes the character at the start of s as mbtowc would: its
// value and length, -1 and 1 for a byte that is no UTF-8.
func (m *matcher) char(s string) (int, int) {
	c := s[0]
	if c < utf8.RuneSelf {
		return int(c), 1
	}
	if !m.utf8 {
		// musl's C locale: a code unit of its own (CODEUNIT).
		return 0xdf00 | int(c), 1
	}
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError && n <= 1 {
		return -1, 1
	}
	return int(r), n
}

// strNext returns the character at the start of s and its length: 0, 0
// at the end.
func (m *matcher) strNext(s string) (int, int) {
	if s == "" {
		return 0, 0
	}
	return m.char(s)
}

// patNext returns the token at the start of pattern p and its length:
// a character, or pEnd, pStar, pQuestion, pBracket (the length then
// covers the whole bracket expression), pUnmatchable (no UTF-8).
func (m *matcher) patNext(p string) (int, int) {
	if p == "" {
		return pEnd, 0
	}
	switch p[0] {
	case '\\':
		if len(p) > 1 {
			c, n := m.char(p[1:])
			if c < 0 {
				return pUnmatchable, 0
			}
			return c, n + 1
		}
	case '[':
		k := 1
		if k < len(p) && (p[k] == '^' || p[k] == '!') {
			k++
		}
		if k < len(p) && p[k] == ']' {
			k++
		}
		for ; k < len(p) && p[k] != ']'; k++ {
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
					break
				}
			}
		}
		if k == len(p) {
			return '[', 1 // no closing bracket: an ordinary '['
		}
		return pBracket, k + 1
	case '*':
		return pStar, 1
	case '?':
		return pQuestion, 1
	}
	c, n := m.char(p)
	if c < 0 {
		return pUnmatchable, 0
	}
	return c, n
}

// casefold is musl's: the upper case of k, or its lower case if that is
// k itself.
func (m *matcher) casefold(k int) int {
	if !m.fold || k < 0 {
		return k
	}
	if k == 0xdf {
		return 0x1e9e // musl's towupper of ß, which Unicode leaves alone
	}
	if u := int(unicode.ToUpper(rune(k))); u != k {
		return u
	}
	return int(unicode.ToLower(rune(k)))
}

// one matches character k (kfold its other case) against the token c
// whose text is tok.
func (m *matcher) one(c int, tok string, k, kfold int) bool {
	switch c {
	case pBracket:
		return m.bracket(tok, k, kfold)
	case pQuestion:
		return true
	}
	return k == c || kfold == c
}

// bracket matches k against the bracket expression b ("[...]", closing
// bracket included) as musl's match_bracket does: a range's end is also
// taken as a character of its own and starts the next range ("[z-a]"
// matches z and a, "[a-c-e]" a to e), and one whose end is not ASCII
// then meets the end's last byte, which is no character, and the
// expression fails to match, negated or not.
func (m *matcher) bracket(b string, k, kfold int) bool {
	p := 1
	inv := false
	if b[p] == '^' || b[p] == '!' {
		inv = true
		p++
	}
	if b[p] == ']' {
		if k == ']' {
			return !inv
		}
		p++
	} else if b[p] == '-' {
		if k == '-' {
			return !inv
		}
		p++
	}
	wc := int(b[p-1])
	for ; b[p] != ']'; p++ {
		if b[p] == '-' && b[p+1] != ']' {
			wc2, l := m.char(b[p+1:])
			if wc2 < 0 {
				return false
			}
			// musl compares as unsigned: k of -1 is above every range.
			if wc <= wc2 && (uint32(k)-uint32(wc) <= uint32(wc2-wc) || uint32(kfold)-uint32(wc) <= uint32(wc2-wc)) {
				return !inv
			}
			p += l - 1
			continue
		}
		if b[p] == '[' && (b[p+1] == ':' || b[p+1] == '.' || b[p+1] == '=') {
			z := b[p+1]
			p0 := p + 2
			p += 3
			for b[p-1] != z || b[p] != ']' {
				p++
			}
			if z == ':' && p-1-p0 < 16 {
				class := b[p0 : p-1]
				if m.isClass(k, class) || m.isClass(kfold, class) {
					return !inv
				}
			}
			continue
		}
		var l int
		wc, l = m.char(b[p:])
		if wc < 0 {
			return false
		}
		p += l - 1
		if wc == k || wc == kfold {
			return !inv
		}
	}
	return inv
}

// isClass is iswctype(k, wctype(class)): false for an unknown class and
// for what is no character of the locale.
func (m *matcher) isClass(k int, class string) bool {
	if k < 0 || (!m.utf8 && k >= utf8.RuneSelf) {
		return false
	}
	r := rune(k)
	switch class {
	case "alnum":
		return unicode.IsLetter(r) || unicode.IsDigit(r)
	case "alpha":
		return unicode.IsLetter(r)
	case "blank":
		return r == ' ' || r == '\t'
	case "cntrl":
		return unicode.IsControl(r) || r == 0x2028 || r == 0x2029
	case "digit":
		return r >= '0' && r <= '9'
	case "graph":
		return unicode.IsGraphic(r) && !unicode.IsSpace(r)
	case "lower":
		return unicode.IsLower(r)
	case "print":
		return unicode.IsPrint(r) || r == ' '
	case "punct":
		return unicode.IsPunct(r) || unicode.IsSymbol(r)
	case "space":
		return r == ' ' || r >= '\t' && r <= '\r' || r > 0x7f && unicode.IsSpace(r) && r != 0x85 && r != 0xa0
	case "upper":
		return unicode.IsUpper(r)
	case "xdigit":
		return r >= '0' && r <= '9' || r >= 'a' && r <= 'f' || r >= 'A' && r <= 'F'
	}
	return false
}

// match reports whether str matches pattern pat.
func (m *matcher) match(pat, str string) bool {
	// The head: up to the first star.
	for {
		c, pinc := m.patNext(pat)
		if c == pUnmatchable {
			return false
		}
		if c == pStar {
			pat = pat[1:]
			break
		}
		k, sinc := m.strNext(str)
		if k <= 0 {
			return c == pEnd
		}
		if !m.one(c, pat[:pinc], k, m.casefold(k)) {
			return false
		}
		str = str[sinc:]
		pat = pat[pinc:]
	}

	// The tail: after the last star, and how many characters it needs.
	ptail, tailcnt := 0, 0
	for p := 0; p < len(pat); {
		c, pinc := m.patNext(pat[p:])
		switch c {
		case pUnmatchable:
			return false
		case pStar:
			tailcnt, ptail = 0, p+1
		default:
			tailcnt++
		}
		p += pinc
	}
	if len(str) < tailcnt {
		return false
	}
	s := len(str)
	for ; s > 0 && tailcnt > 0; tailcnt-- {
		if str[s-1] < utf8.RuneSelf || !m.utf8 {
			s--
			continue
		}
		for {
			s--
			if str[s]-0x80 >= 0x40 || s == 0 {
				break
			}
		}
	}
	if tailcnt > 0 {
		return false
	}
	stail := s
	for p := ptail; ; {
		c, pinc := m.patNext(pat[p:])
		tok := pat[p : p+pinc]
		p += pinc
		k, sinc := m.strNext(str[s:])
		if k <= 0 {
			if c != pEnd {
				return false
			}
			break
		}
		s += sinc
		if !m.one(c, tok, k, m.casefold(k)) {
			return false
		}
	}

	// The segments between the stars, each at its leftmost place.
	str, pat = str[:stail], pat[:ptail]
	for pat != "" {
		p, s := 0, 0
		c := 0
		for {
			var pinc int
			c, pinc = m.patNext(pat[p:])
			tok := pat[p : p+pinc]
			p += pinc
			if c == pStar {
				pat, str = pat[p:], str[s:]
				break
			}
			k, sinc := m.strNext(str[s:])
			if k == 0 {
				return false
			}
			if !m.one(c, tok, k, m.casefold(k)) {
				break
			}
			s += sinc
		}
		if c == pStar {
			continue
		}
		// No match here: one character further, or past every byte
		// that is no UTF-8.
		if k, sinc := m.strNext(str); k > 0 {
			str = str[sinc:]
		} else {
			for str = str[1:]; str != ""; str = str[1:] {
				if k, _ := m.strNext(str); k >= 0 {
					break
				}
			}
		}
	}
	return true
}
