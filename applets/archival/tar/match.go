package tar

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// fnmatch flags, as musl's.
const (
	fnmPathname   = 1 << 0 // "/" is matched only by "/"
	fnmLeadingDir = 1 << 3 // the pattern may match a leading part of the name followed by "/"
)

// excluded reports whether name matches one of the --exclude and -X
// patterns, anchored as GNU tar and BusyBox's creation anchor them: a
// pattern that starts with "/" from the start of the name, any other at
// the start of any of its components; a pattern that matches a leading
// part of the name excludes what is below it.
func excluded(patterns []string, name string) bool {
	for _, p := range patterns {
		if strings.HasPrefix(p, "/") {
			if fnmatch(p, name, fnmPathname|fnmLeadingDir) {
				return true
			}
			continue
		}
		for i := 0; i < len(name); i++ {
			if (i == 0 || name[i-1] == '/') && name[i] != '/' && fnmatch(p, name[i:], fnmPathname|fnmLeadingDir) {
				return true
			}
		}
	}
	return false
}

// accepted reports whether name is selected by the accept list (true
// when the list is empty), and marks the patterns that select it. A
// pattern selects a name whose leading components, as many as the
// pattern has, it matches (BusyBox's find_list_entry2): "dir" selects
// "dir/file".
func accepted(patterns []pattern, name string) bool {
	if len(patterns) == 0 {
		return true
	}
	ok := false
	for i := range patterns {
		p := &patterns[i]
		slashes := strings.Count(p.pat, "/")
		end := len(name)
		for j := 0; j < len(name); j++ {
			if name[j] == '/' {
				if slashes == 0 {
					end = j
					break
				}
				slashes--
			}
		}
		if fnmatch(p.pat, name[:end], 0) {
			p.matched = true
			ok = true
		}
	}
	return ok
}

// fnmatch is musl's fnmatch(3) with the flags tar uses: "*" "?" and
// bracket expressions ([!a-z], [[:alpha:]]), a backslash quoting the
// next character.
func fnmatch(pat, str string, flags int) bool {
	if flags&fnmPathname != 0 {
		for {
			s := strings.IndexByte(str, '/')
			if s < 0 {
				s = len(str)
			}
			p, c, inc := componentEnd(pat)
			atSlash := s < len(str)
			if c != atSlash && (!atSlash || flags&fnmLeadingDir == 0) {
				return false
			}
			if !match(pat[:p], str[:s]) {
				return false
			}
			if !c {
				return true
			}
			str, pat = str[s+1:], pat[p+inc:]
		}
	}
	if flags&fnmLeadingDir != 0 {
		for i := 0; i < len(str); i++ {
			if str[i] == '/' && match(pat, str[:i]) {
				return true
			}
		}
	}
	return match(pat, str)
}

// componentEnd finds the end of the pattern's first component: the
// offset of its "/" (an unbracketed one; an escaped one counts), whether
// there is one, and its length.
func componentEnd(pat string) (end int, slash bool, inc int) {
	for i := 0; i < len(pat); {
		tok, n := patToken(pat[i:])
		if tok.kind == tokChar && tok.r == '/' {
			return i, true, n
		}
		i += n
	}
	return len(pat), false, 0
}

// Pattern token kinds.
const (
	tokChar    = iota
	tokAny     // ?
	tokStar    // *
	tokBracket // [...]
	tokBad     // a byte that is no UTF-8: matches nothing
)

type token struct {
	kind int
	r    rune
	set  string // a bracket expression without its brackets
}

// patToken reads one token at the start of p and returns its length.
func patToken(p string) (token, int) {
	switch p[0] {
	case '\\':
		if len(p) > 1 {
			r, n := utf8.DecodeRuneInString(p[1:])
			if r == utf8.RuneError && n <= 1 {
				return token{kind: tokBad}, 2
			}
			return token{kind: tokChar, r: r}, 1 + n
		}
	case '*':
		return token{kind: tokStar}, 1
	case '?':
		return token{kind: tokAny}, 1
	case '[':
		if end := bracketEnd(p); end > 0 {
			return token{kind: tokBracket, set: p[1:end]}, end + 1
		}
		return token{kind: tokChar, r: '['}, 1
	}
	r, n := utf8.DecodeRuneInString(p)
	if r == utf8.RuneError && n <= 1 {
		return token{kind: tokBad}, 1
	}
	return token{kind: tokChar, r: r}, n
}

// bracketEnd returns the offset of the "]" closing the bracket
// expression at the start of p, or 0 if it is not closed.
func bracketEnd(p string) int {
	k := 1
	if k < len(p) && (p[k] == '!' || p[k] == '^') {
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
				return 0
			}
		}
	}
	if k >= len(p) {
		return 0
	}
	return k
}

// match matches the whole of s against pat, with no flags: "*" may
// match "/".
func match(pat, s string) bool {
	var starP, starS = -1, -1
	pi, si := 0, 0
	for {
		if pi < len(pat) {
			tok, n := patToken(pat[pi:])
			if tok.kind == tokStar {
				starP, starS = pi+n, si
				pi += n
				continue
			}
			if si < len(s) {
				r, m := utf8.DecodeRuneInString(s[si:])
				bad := r == utf8.RuneError && m <= 1
				if tokMatches(tok, r, bad) {
					pi += n
					si += m
					continue
				}
			}
		} else if si == len(s) {
			return true
		}
		// Backtrack: the last star takes one more character.
		if starP < 0 || starS >= len(s) {
			return false
		}
		_, m := utf8.DecodeRuneInString(s[starS:])
		starS += m
		pi, si = starP, starS
	}
}

// tokMatches reports whether one character r of the name matches tok
// (bad: r is a byte that is no UTF-8).
func tokMatches(tok token, r rune, bad bool) bool {
	switch tok.kind {
	case tokAny:
		return true
	case tokChar:
		return !bad && r == tok.r
	case tokBracket:
		return !bad && matchBracket(tok.set, r)
	}
	return false
}

// matchBracket matches r against a bracket expression's contents, as
// musl's match_bracket: a leading "!" or "^" inverts, a leading "]" or
// "-" is literal, ranges, and [:class:] names.
func matchBracket(set string, r rune) bool {
	inv := false
	if set != "" && (set[0] == '!' || set[0] == '^') {
		inv, set = true, set[1:]
	}
	var prev rune
	i := 0
	if set != "" && (set[0] == ']' || set[0] == '-') {
		if rune(set[0]) == r {
			return !inv
		}
		prev, i = rune(set[0]), 1
	}
	for i < len(set) {
		if set[i] == '-' && i+1 < len(set) {
			hi, n := utf8.DecodeRuneInString(set[i+1:])
			if prev <= hi && r >= prev && r <= hi {
				return !inv
			}
			i += 1 + n
			continue
		}
		if set[i] == '[' && i+1 < len(set) && (set[i+1] == ':' || set[i+1] == '.' || set[i+1] == '=') {
			z := set[i+1]
			end := strings.Index(set[i+2:], string(z)+"]")
			if end < 0 {
				return inv
			}
			name := set[i+2 : i+2+end]
			if z == ':' && isClass(name, r) {
				return !inv
			}
			i += 2 + end + 2
			continue
		}
		c, n := utf8.DecodeRuneInString(set[i:])
		if c == r {
			return !inv
		}
		prev = c
		i += n
	}
	return inv
}

// isClass reports whether r is in the character class name.
func isClass(name string, r rune) bool {
	switch name {
	case "alnum":
		return unicode.IsLetter(r) || unicode.IsDigit(r)
	case "alpha":
		return unicode.IsLetter(r)
	case "blank":
		return r == ' ' || r == '\t'
	case "cntrl":
		return unicode.IsControl(r)
	case "digit":
		return r >= '0' && r <= '9'
	case "graph":
		return unicode.IsGraphic(r) && !unicode.IsSpace(r)
	case "lower":
		return unicode.IsLower(r)
	case "print":
		return unicode.IsPrint(r)
	case "punct":
		return unicode.IsPunct(r) || unicode.IsSymbol(r)
	case "space":
		return unicode.IsSpace(r)
	case "upper":
		return unicode.IsUpper(r)
	case "xdigit":
		return r >= '0' && r <= '9' || r >= 'a' && r <= 'f' || r >= 'A' && r <= 'F'
	}
	return false
}
