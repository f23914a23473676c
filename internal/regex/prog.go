package regex

// instOp is an instruction of the program the backtracker and the DFA run.
type instOp uint8

const (
	iMatch   instOp = iota
	iRune           // the character r (any case variant with fold)
	iClass          // a character of cls
	iSplit          // go on at x, and failing that at y
	iJmp            // go on at x
	iSave           // record the position in capture slot n
	iAssert         // the zero-width assertion n
	iBackref        // the text of subexpression n again
)

type inst struct {
	op   instOp
	fold bool
	r    rune
	cls  *class
	x, y int
	n    int
	memo int // iSplit: its index in the visited set
}

// prog is a compiled program with what the matcher needs to know of it.
type prog struct {
	insts    []inst
	nsplit   int
	ncap     int   // capture slots: 2 per subexpression, group 0 included
	refSlots []int // capture slots that backreferences read
	anchored bool  // every match starts at a ^ or \` at the start of text
	foldRefs bool  // backreferences compare without regard to case (ICase)
}

// compileProg compiles the syntax tree for the engines. Without caps the
// subexpressions record nothing (only the whole match is tracked): the
// program for questions that need no subexpressions, a third shorter
// where groups are small, and so fewer states for every engine. A
// pattern with backreferences needs caps.
func compileProg(n *node, nsub int, flags Flags, caps bool) *prog {
	c := &progCompiler{fold: flags&ICase != 0, caps: caps}
	c.emit(inst{op: iSave, n: 0})
	c.gen(n)
	c.emit(inst{op: iSave, n: 1})
	c.emit(inst{op: iMatch})
	p := &prog{insts: c.insts, nsplit: c.nsplit, ncap: 2, foldRefs: flags&ICase != 0}
	if caps {
		p.ncap = 2 * (nsub + 1)
	}
	seen := map[int]bool{}
	n.walk(func(x *node) {
		if x.op == opBackref && !seen[x.n] {
			seen[x.n] = true
			p.refSlots = append(p.refSlots, 2*x.n, 2*x.n+1)
		}
	})
	p.anchored = flags&Newline == 0 && startsAnchored(n)
	return p
}

// startsAnchored reports whether every match of n begins with ^ or \`.
func startsAnchored(n *node) bool {
	switch n.op {
	case opAssert:
		a := assertion(n.n)
		return a == aBOL || a == aBOT
	case opCat:
		return len(n.subs) > 0 && startsAnchored(n.subs[0])
	case opGroup:
		return startsAnchored(n.subs[0])
	case opAlt:
		for _, s := range n.subs {
			if !startsAnchored(s) {
				return false
			}
		}
		return true
	case opRepeat:
		return n.min > 0 && startsAnchored(n.subs[0])
	}
	return false
}

type progCompiler struct {
	insts  []inst
	nsplit int
	fold   bool
	caps   bool // record subexpressions
}

func (c *progCompiler) emit(i inst) int {
	if i.op == iSplit {
		i.memo = c.nsplit
		c.nsplit++
	}
	c.insts = append(c.insts, i)
	return len(c.insts) - 1
}

func (c *progCompiler) gen(n *node) {
	switch n.op {
	case opEmpty:
	case opLit:
		c.emit(inst{op: iRune, r: n.r, fold: c.fold})
	case opClass:
		if r, ok := n.cls.single(); ok && !c.fold {
			c.emit(inst{op: iRune, r: r})
			return
		}
		c.emit(inst{op: iClass, cls: n.cls})
	case opCat:
		for _, s := range n.subs {
			c.gen(s)
		}
	case opAlt:
		if cls := charAlt(n, c.fold); cls != nil {
			c.emit(inst{op: iClass, cls: cls})
			return
		}
		var jumps []int
		for i, s := range n.subs {
			if i == len(n.subs)-1 {
				c.gen(s)
				break
			}
			split := c.emit(inst{op: iSplit})
			c.insts[split].x = len(c.insts)
			c.gen(s)
			jumps = append(jumps, c.emit(inst{op: iJmp}))
			c.insts[split].y = len(c.insts)
		}
		for _, j := range jumps {
			c.insts[j].x = len(c.insts)
		}
	case opRepeat:
		c.genRepeat(n)
	case opGroup:
		if !c.caps {
			c.gen(n.subs[0])
			return
		}
		c.emit(inst{op: iSave, n: 2 * n.n})
		c.gen(n.subs[0])
		c.emit(inst{op: iSave, n: 2*n.n + 1})
	case opBackref:
		c.emit(inst{op: iBackref, n: n.n})
	case opAssert:
		c.emit(inst{op: iAssert, n: n.n})
	}
}

// charAlt returns, for an alternation of single characters and bracket
// expressions (a|b|[0-9]), the one class that matches what it matches,
// as Go's compiler does: one instruction instead of a split per branch,
// for every engine (a third of the DFA's closure work and the
// backtracker's states in (a|b)*a(a|b){16}). No branch captures, and a
// character takes at most one path that matters, so the submatches are
// the same. nil when n is not such an alternation.
func charAlt(n *node, fold bool) *class {
	var pairs []rune
	for _, s := range n.subs {
		switch {
		case s.op == opLit:
			pairs = append(pairs, s.r, s.r)
		case s.op == opClass && !s.cls.neg && s.cls.fold == fold:
			pairs = append(pairs, s.cls.ranges...)
		default:
			return nil
		}
	}
	return newClass(pairs, false, fold)
}

// genRepeat compiles x{m,n} as Go's regexp does after simplifying it,
// so that both engines agree on subexpressions: x{m,} is m-1 copies of x
// and then x+ (x* for m = 0), x{m,n} is m copies and then n-m nested
// optional ones; every iteration is tried before skipping it (greedy).
func (c *progCompiler) genRepeat(n *node) {
	sub := n.subs[0]
	if n.max < 0 {
		if n.min == 0 {
			c.genStar(sub)
			return
		}
		for i := 1; i < n.min; i++ {
			c.gen(sub)
		}
		c.genPlus(sub)
		return
	}
	for i := 0; i < n.min; i++ {
		c.gen(sub)
	}
	var splits []int
	for i := n.min; i < n.max; i++ {
		s := c.emit(inst{op: iSplit})
		c.insts[s].x = len(c.insts)
		splits = append(splits, s)
		c.gen(sub)
	}
	for _, s := range splits {
		c.insts[s].y = len(c.insts)
	}
}

// genPlus compiles x+: x, then back to x or on.
func (c *progCompiler) genPlus(sub *node) {
	body := len(c.insts)
	c.gen(sub)
	again := c.emit(inst{op: iSplit, x: body})
	c.insts[again].y = len(c.insts)
}

// genStar compiles x*. When x can match the empty string it is (x+)?,
// as in Go's compiler (golang.org/issue/46123), so that one empty
// iteration is taken before the loop gives up: (a*)* against "b" sets
// the subexpression to the empty string at 0.
func (c *progCompiler) genStar(sub *node) {
	if sub.nullable() {
		enter := c.emit(inst{op: iSplit})
		c.insts[enter].x = len(c.insts)
		c.genPlus(sub)
		c.insts[enter].y = len(c.insts)
		return
	}
	loop := c.emit(inst{op: iSplit})
	c.insts[loop].x = len(c.insts)
	c.gen(sub)
	c.emit(inst{op: iJmp, x: loop})
	c.insts[loop].y = len(c.insts)
}
