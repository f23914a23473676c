package regex

import (
	"fmt"
	"strings"
)

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
