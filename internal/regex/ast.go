package regex

// op is the kind of a syntax-tree node.
type op uint8

const (
	opEmpty   op = iota // matches the empty string
	opLit               // one character, r
	opClass             // a bracket expression or '.', cls
	opCat               // subs in sequence
	opAlt               // one of subs, the first preferred
	opRepeat            // subs[0] from min to max times (max -1: unbounded)
	opGroup             // subs[0], captured as subexpression n
	opBackref           // the text subexpression n matched
	opAssert            // the zero-width assertion n (an assertion value)
)

// assertion is an opAssert node's condition.
type assertion uint8

const (
	aBOL     assertion = iota // ^: start of text, or after '\n' with Newline
	aEOL                      // $: end of text, or before '\n' with Newline
	aBOT                      // \`: start of text
	aEOT                      // \': end of text
	aWord                     // \b: between a word and a non-word character
	aNotWord                  // \B: not at a word boundary
	aBOW                      // \<: start of a word
	aEOW                      // \>: end of a word
)

// node is one node of the syntax tree the parser builds and both engines
// compile from.
type node struct {
	op       op
	r        rune   // opLit
	cls      *class // opClass
	subs     []*node
	min, max int // opRepeat
	n        int // opGroup, opBackref: subexpression number; opAssert: assertion
}

// walk calls f on n and every node below it, parents first.
func (n *node) walk(f func(*node)) {
	f(n)
	for _, s := range n.subs {
		s.walk(f)
	}
}

// nullable reports whether n can match the empty string (assertions and
// backreferences are taken as possibly empty).
func (n *node) nullable() bool {
	switch n.op {
	case opLit, opClass:
		return false
	case opCat:
		for _, s := range n.subs {
			if !s.nullable() {
				return false
			}
		}
		return true
	case opAlt:
		for _, s := range n.subs {
			if s.nullable() {
				return true
			}
		}
		return false
	case opRepeat:
		return n.min == 0 || n.subs[0].nullable()
	case opGroup:
		return n.subs[0].nullable()
	}
	return true
}

// asciiWord reports whether r is an ASCII word character, [0-9A-Za-z_],
// which is what Go's \b tests.
func asciiWord(r rune) bool {
	return r == '_' || '0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
}

// superset returns a tree without backreferences that matches wherever
// n can: each backreference becomes a copy of its subexpression (which
// can match the same text, and more), without its assertions, which
// held where the subexpression was and need not where the copy is; one
// that refers to a subexpression around it becomes .*. The DFA runs it to
// rule out text before the backtracker runs the real pattern.
func superset(n *node) *node {
	groups := map[int]*node{}
	n.walk(func(x *node) {
		if x.op == opGroup {
			groups[x.n] = x
		}
	})
	return supersetOf(n, groups, false)
}

func supersetOf(n *node, groups map[int]*node, inCopy bool) *node {
	switch n.op {
	case opBackref:
		g := groups[n.n]
		if g == nil || contains(g, n) {
			any := &node{op: opClass, cls: newClass(nil, true, false)}
			return &node{op: opRepeat, min: 0, max: -1, subs: []*node{any}}
		}
		return supersetOf(g.subs[0], groups, true)
	case opAssert:
		if inCopy {
			return &node{op: opEmpty}
		}
		return n
	case opGroup:
		if inCopy {
			return supersetOf(n.subs[0], groups, true)
		}
	}
	if len(n.subs) == 0 {
		return n
	}
	c := *n
	c.subs = make([]*node, len(n.subs))
	for i, s := range n.subs {
		c.subs[i] = supersetOf(s, groups, inCopy)
	}
	return &c
}

// contains reports whether x is n or below it.
func contains(n, x *node) bool {
	found := false
	n.walk(func(y *node) { found = found || y == x })
	return found
}
