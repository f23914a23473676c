package regex

import (
	"fmt"
	"regexp"
	"strings"
)

// Go's regexp is a reference the tests hold the package's engines to,
// for the patterns it can express; it is not linked into gobox (its
// package init and Unicode tables would cost every exec). This file
// translates a syntax tree to Go's syntax.

// goFor returns Go's regexp for re, in Longest mode, that can search in
// (nil when Go's cannot: a backreference, a \< or \> that is not a
// plain word boundary, a word assertion on text that is not ASCII, where
// Go's \b is ASCII-only). It compiles it anew at each call: a cache
// would keep one per pattern the fuzzer tries.
func goFor(re *Regexp, in string, notBOL bool) *regexp.Regexp {
	if re.hasRefs || hasWordAssert(re.tree) && !isASCII(in) {
		return nil
	}
	o := goOpts{icase: re.flags&ICase != 0, newline: re.flags&Newline != 0, capture: re.flags&NoSub == 0, notBOL: notBOL}
	s, ok := goSyntax(re.tree, o)
	if !ok {
		return nil
	}
	g, err := regexp.Compile(s)
	if err != nil {
		return nil
	}
	g.Longest()
	return g
}

func hasWordAssert(n *node) bool {
	found := false
	n.walk(func(x *node) {
		if x.op == opAssert {
			switch assertion(x.n) {
			case aWord, aNotWord, aBOW, aEOW:
				found = true
			}
		}
	})
	return found
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// goOpts selects how a tree is written in Go's regexp syntax.
type goOpts struct {
	icase   bool
	newline bool
	notBOL  bool // REG_NOTBOL: ^ and \` cannot match at the start
	capture bool // write groups as capturing (not with NoSub)
}

// never is a Go expression that matches nothing.
const never = `[^\x00-\x{10FFFF}]`

// goSyntax writes n in Go's syntax; ok is false when Go's regexp cannot
// express it (a backreference, a \< or \> that is not a plain word
// boundary, ^ with both Newline and notBOL).
func goSyntax(n *node, o goOpts) (string, bool) {
	var b strings.Builder
	if o.icase {
		b.WriteString("(?i)")
	}
	if !writeGo(&b, n, o) {
		return "", false
	}
	return b.String(), true
}

func writeGo(b *strings.Builder, n *node, o goOpts) bool {
	switch n.op {
	case opEmpty:
		b.WriteString("(?:)")
	case opLit:
		writeGoRune(b, n.r)
	case opClass:
		writeGoClass(b, n.cls)
	case opCat:
		for i, s := range n.subs {
			if s.op == opAssert && (assertion(s.n) == aBOW || assertion(s.n) == aEOW) {
				// Go has only \b: \< before a word character and \> after
				// one are word boundaries.
				rest := &node{op: opCat, subs: n.subs[i+1:]}
				prev := &node{op: opCat, subs: n.subs[:i]}
				if assertion(s.n) == aBOW && !rest.firstWord(o.icase) || assertion(s.n) == aEOW && !prev.lastWord(o.icase) {
					return false
				}
				b.WriteString(`\b`)
				continue
			}
			if !writeGo(b, s, o) {
				return false
			}
		}
	case opAlt:
		b.WriteString("(?:")
		for i, s := range n.subs {
			if i > 0 {
				b.WriteByte('|')
			}
			if !writeGo(b, s, o) {
				return false
			}
		}
		b.WriteByte(')')
	case opRepeat:
		b.WriteString("(?:")
		if !writeGo(b, n.subs[0], o) {
			return false
		}
		b.WriteByte(')')
		switch {
		case n.min == 0 && n.max < 0:
			b.WriteByte('*')
		case n.min == 1 && n.max < 0:
			b.WriteByte('+')
		case n.min == 0 && n.max == 1:
			b.WriteByte('?')
		case n.max < 0:
			fmt.Fprintf(b, "{%d,}", n.min)
		case n.min == n.max:
			fmt.Fprintf(b, "{%d}", n.min)
		default:
			fmt.Fprintf(b, "{%d,%d}", n.min, n.max)
		}
	case opGroup:
		if o.capture {
			b.WriteByte('(')
		} else {
			b.WriteString("(?:")
		}
		if !writeGo(b, n.subs[0], o) {
			return false
		}
		b.WriteByte(')')
	case opBackref:
		return false
	case opAssert:
		return writeGoAssert(b, assertion(n.n), o)
	}
	return true
}

func writeGoAssert(b *strings.Builder, a assertion, o goOpts) bool {
	switch a {
	case aBOL:
		switch {
		case o.notBOL && o.newline:
			return false
		case o.notBOL:
			b.WriteString(never)
		case o.newline:
			b.WriteString(`(?m:^)`)
		default:
			b.WriteString(`\A`)
		}
	case aBOT:
		if o.notBOL {
			b.WriteString(never)
		} else {
			b.WriteString(`\A`)
		}
	case aEOL:
		if o.newline {
			b.WriteString(`(?m:$)`)
		} else {
			b.WriteString(`\z`)
		}
	case aEOT:
		b.WriteString(`\z`)
	case aWord, aNotWord, aBOW, aEOW:
		switch {
		case a == aNotWord:
			b.WriteString(`\B`)
		default:
			// \< and \> reach here only alone in a group or alternative.
			if a != aWord {
				return false
			}
			b.WriteString(`\b`)
		}
	}
	return true
}

func writeGoRune(b *strings.Builder, r rune) {
	switch {
	case r < 0x20 || r == 0x7f || r >= 0x80:
		fmt.Fprintf(b, `\x{%x}`, r)
	case strings.ContainsRune(`\.+*?()|[]{}^$`, r):
		b.WriteByte('\\')
		b.WriteRune(r)
	default:
		b.WriteRune(r)
	}
}

func writeGoClass(b *strings.Builder, c *class) {
	switch {
	case c.neg && len(c.ranges) == 0:
		b.WriteString(`(?s:.)`)
		return
	case c.neg && len(c.ranges) == 2 && c.ranges[0] == '\n' && c.ranges[1] == '\n':
		b.WriteString(`(?-s:.)`)
		return
	}
	b.WriteByte('[')
	if c.neg {
		b.WriteByte('^')
	}
	for i := 0; i < len(c.ranges); i += 2 {
		fmt.Fprintf(b, `\x{%x}`, c.ranges[i])
		if c.ranges[i+1] != c.ranges[i] {
			fmt.Fprintf(b, `-\x{%x}`, c.ranges[i+1])
		}
	}
	b.WriteByte(']')
}

// firstWord reports whether every match of n begins with a word
// character (so n is never empty): then \< before n is \b.
func (n *node) firstWord(icase bool) bool {
	switch n.op {
	case opLit:
		return asciiWord(n.r) && (!icase || asciiWord(foldASCII(n.r)))
	case opClass:
		return n.cls.allASCIIWord(icase)
	case opCat:
		for _, s := range n.subs {
			if s.op == opAssert || (s.op == opGroup && s.subs[0].op == opEmpty) {
				continue // zero-width, look through it
			}
			return s.firstWord(icase)
		}
		return false
	case opAlt:
		for _, s := range n.subs {
			if !s.firstWord(icase) {
				return false
			}
		}
		return len(n.subs) > 0
	case opRepeat:
		return n.min > 0 && n.subs[0].firstWord(icase)
	case opGroup:
		return n.subs[0].firstWord(icase)
	}
	return false
}

// lastWord reports whether every match of n ends with a word character:
// then \> after n is \b.
func (n *node) lastWord(icase bool) bool {
	switch n.op {
	case opLit, opClass, opAlt, opGroup:
		if n.op == opAlt || n.op == opGroup {
			for _, s := range n.subs {
				if !s.lastWord(icase) {
					return false
				}
			}
			return len(n.subs) > 0
		}
		return n.firstWord(icase)
	case opCat:
		for i := len(n.subs) - 1; i >= 0; i-- {
			s := n.subs[i]
			if s.op == opAssert || (s.op == opGroup && s.subs[0].op == opEmpty) {
				continue
			}
			return s.lastWord(icase)
		}
		return false
	case opRepeat:
		return n.min > 0 && n.subs[0].lastWord(icase)
	}
	return false
}

// foldASCII returns r in the other case if it is an ASCII letter.
func foldASCII(r rune) rune {
	switch {
	case 'a' <= r && r <= 'z':
		return r - 'a' + 'A'
	case 'A' <= r && r <= 'Z':
		return r - 'A' + 'a'
	}
	return r
}

// allASCIIWord reports whether every ASCII member of the class is a word
// character (see node.firstWord).
func (c *class) allASCIIWord(bool) bool {
	for r := rune(0); r < 128; r++ {
		if c.match(r) && !asciiWord(r) {
			return false
		}
	}
	return true
}
