package regex

import (
	"unicode"
	"unicode/utf8"
)

// The backtracking engine gives subexpressions from the start the DFA
// found, runs patterns with backreferences, which no other engine can,
// and searches a short text where the DFA gave up (a long one goes to the
// Pike VM). It explores every path from a start position in priority
// order (the preferred branch of an alternation, one more iteration of a
// loop, first), keeps the longest match and, among equally long ones, the
// first found: the rule of the Pike VM, and of Go's regexp in its
// leftmost-longest mode, so that they give the same submatches for the
// same pattern.
//
// A state is the instruction, the position and, when the pattern has
// backreferences, the positions of the subexpressions they read. A state
// seen before cannot lead to a longer match, nor to an equally long one
// found earlier, so it is not explored twice; this bounds the work by the
// number of states (linear in the text without backreferences) and stops
// loops over empty iterations. With backreferences the set costs a map
// lookup per branch, so it is kept only once a search has taken more
// steps than a quick search would.

// job is a backtracking stack entry: resume at pc and pos, or, with
// slot >= 0, restore capture slot to old.
type job struct {
	pc, pos   int
	slot, old int
}

// memoKey is a state of a program with backreferences (or of one too
// large for the bit set).
type memoKey struct {
	pc, pos int32
	caps    [2 * 9]int32
}

// machine is the scratch space of one search, reused through a pool.
type machine struct {
	p       *prog
	in      string
	notBOL  bool
	newline bool
	caps    []int
	best    []int
	matched bool
	stack   []job
	visited []uint64
	memo    map[memoKey]struct{}
	useMemo bool
	steps   int
	budget  int
	any     bool // any match will do (Match): stop at the first found
}

func newMachine(p *prog, flags Flags) *machine {
	return &machine{p: p, newline: flags&Newline != 0, caps: make([]int, p.ncap), best: make([]int, p.ncap)}
}

// search finds the leftmost-longest match in in at or after from and
// returns its capture slots (owned by the machine), or nil.
func (m *machine) search(in string, from int, notBOL bool, first *[256]bool) []int {
	m.in, m.notBOL = in, notBOL
	m.useMemo = false
	if len(m.p.refSlots) == 0 {
		m.startMemo()
	}
	m.budget = 1000 + 64*len(in)
	for {
		res, ok := m.scan(from, first)
		if ok {
			return res
		}
		// Over budget: search again, remembering states.
		m.useMemo = true
		m.memo = make(map[memoKey]struct{})
	}
}

// maxVisitedBits bounds the bit set of explored states; beyond it (a
// long text, a large pattern) a map holds only the states explored.
const maxVisitedBits = 32 << 20

// startMemo starts remembering states: in a bit set over instructions
// and positions without backreferences, else in a map.
func (m *machine) startMemo() {
	m.useMemo = true
	m.memo = nil
	if len(m.p.refSlots) > 0 || m.p.nsplit*(len(m.in)+1) > maxVisitedBits {
		m.memo = make(map[memoKey]struct{})
		return
	}
	m.resetVisited()
}

// scan tries each start position in turn; ok is false when the step
// budget ran out.
func (m *machine) scan(from int, first *[256]bool) (res []int, ok bool) {
	m.steps = 0
	for pos := from; pos <= len(m.in); {
		if first == nil || pos < len(m.in) && first[m.in[pos]] {
			found, ok := m.try(pos)
			if !ok {
				return nil, false
			}
			if found {
				return m.best, true
			}
		}
		if m.p.anchored || pos == len(m.in) {
			break
		}
		if c := m.in[pos]; c < utf8.RuneSelf {
			pos++
		} else {
			_, w := utf8.DecodeRuneInString(m.in[pos:])
			pos += w
		}
	}
	return nil, true
}

func (m *machine) resetVisited() {
	n := (m.p.nsplit*(len(m.in)+1) + 63) / 64
	if cap(m.visited) < n {
		m.visited = make([]uint64, n)
		return
	}
	m.visited = m.visited[:n]
	clear(m.visited)
}

// seen reports whether the state at split instruction i and pos was
// explored before, and marks it.
func (m *machine) seen(i *inst, pos int) bool {
	if !m.useMemo {
		return false
	}
	if m.memo == nil {
		k := i.memo*(len(m.in)+1) + pos
		w, b := k/64, uint64(1)<<(k%64)
		if m.visited[w]&b != 0 {
			return true
		}
		m.visited[w] |= b
		return false
	}
	key := memoKey{pc: int32(i.memo), pos: int32(pos)}
	for j, s := range m.p.refSlots {
		key.caps[j] = int32(m.caps[s])
	}
	if _, ok := m.memo[key]; ok {
		return true
	}
	m.memo[key] = struct{}{}
	return false
}

// try explores every path from start; found reports a match (in m.best).
func (m *machine) try(start int) (found, ok bool) {
	for i := range m.caps {
		m.caps[i] = -1
	}
	m.matched = false
	m.stack = append(m.stack[:0], job{pc: 0, pos: start, slot: -1})
	in := m.in
	insts := m.p.insts
	for len(m.stack) > 0 {
		j := m.stack[len(m.stack)-1]
		m.stack = m.stack[:len(m.stack)-1]
		if j.slot >= 0 {
			m.caps[j.slot] = j.old
			continue
		}
		pc, pos := j.pc, j.pos
	run:
		for {
			m.steps++
			if !m.useMemo && m.steps > m.budget {
				return false, false
			}
			i := &insts[pc]
			switch i.op {
			case iMatch:
				if !m.matched || pos > m.best[1] {
					m.matched = true
					copy(m.best, m.caps)
					m.best[1] = pos
					if pos == len(in) || m.any {
						return true, true // nothing can be longer, or no need
					}
				}
				break run
			case iRune:
				if pos >= len(in) {
					break run
				}
				r, w := rune(in[pos]), 1
				if r >= utf8.RuneSelf {
					r, w = utf8.DecodeRuneInString(in[pos:])
				}
				if r != i.r && (!i.fold || !equalFold(r, i.r)) {
					break run
				}
				pos += w
				pc++
			case iClass:
				if pos >= len(in) {
					break run
				}
				r, w := rune(in[pos]), 1
				if r >= utf8.RuneSelf {
					r, w = utf8.DecodeRuneInString(in[pos:])
				}
				if !i.cls.match(r) {
					break run
				}
				pos += w
				pc++
			case iSplit:
				if m.seen(i, pos) {
					break run
				}
				m.stack = append(m.stack, job{pc: i.y, pos: pos, slot: -1})
				pc = i.x
			case iJmp:
				pc = i.x
			case iSave:
				m.stack = append(m.stack, job{slot: i.n, old: m.caps[i.n]})
				m.caps[i.n] = pos
				pc++
			case iAssert:
				if !assertAt(in, pos, assertion(i.n), m.notBOL, m.newline) {
					break run
				}
				pc++
			case iBackref:
				s, e := m.caps[2*i.n], m.caps[2*i.n+1]
				if s < 0 || e < 0 {
					break run // a subexpression that did not take part matches nothing
				}
				n := e - s
				same := pos+n <= len(in) && in[pos:pos+n] == in[s:e]
				if !same && !m.p.foldRefs {
					break run
				}
				if !same || pos+n < len(in) && !utf8.RuneStart(in[pos+n]) {
					// Equal but for case, or the same bytes ending inside
					// a character of the text: compare characters.
					if n = refPrefix(in[pos:], in[s:e], m.p.foldRefs); n < 0 {
						break run
					}
				}
				pos += n
				pc++
			}
		}
	}
	return m.matched, true
}

// assertAt tests a zero-width assertion at pos in in; notBOL is
// REG_NOTBOL, newline REG_NEWLINE.
func assertAt(in string, pos int, a assertion, notBOL, newline bool) bool {
	switch a {
	case aBOL:
		if pos == 0 {
			return !notBOL
		}
		return newline && in[pos-1] == '\n'
	case aEOL:
		return pos == len(in) || newline && in[pos] == '\n'
	case aBOT:
		return pos == 0 && !notBOL
	case aEOT:
		return pos == len(in)
	}
	before := pos > 0 && isWordRune(lastRune(in[:pos]))
	after := pos < len(in) && isWordRune(firstRune(in[pos:]))
	switch a {
	case aWord:
		return before != after
	case aNotWord:
		return before == after
	case aBOW:
		return !before && after
	case aEOW:
		return before && !after
	}
	return false
}

func firstRune(s string) rune {
	if s[0] < utf8.RuneSelf {
		return rune(s[0])
	}
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func lastRune(s string) rune {
	if c := s[len(s)-1]; c < utf8.RuneSelf {
		return rune(c)
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// equalFold reports whether r and t are case variants of each other, by
// Unicode simple folding as Go's (?i) has it.
func equalFold(r, t rune) bool {
	if r == t {
		return true
	}
	for f := unicode.SimpleFold(t); f != t; f = unicode.SimpleFold(f) {
		if f == r {
			return true
		}
	}
	return false
}

// refPrefix returns the length of the prefix of text that has the
// characters of ref, regardless of case with fold (the Kelvin sign, three
// bytes, stands for a k), or -1. A byte that is not UTF-8 is a character
// that equals only itself.
func refPrefix(text, ref string, fold bool) int {
	n := 0
	for ref != "" {
		if n >= len(text) {
			return -1
		}
		r, w := utf8.DecodeRuneInString(ref)
		q, v := utf8.DecodeRuneInString(text[n:])
		switch {
		case r == utf8.RuneError && w == 1 || q == utf8.RuneError && v == 1:
			if w != 1 || v != 1 || ref[0] != text[n] {
				return -1
			}
		case r != q && (!fold || !equalFold(q, r)):
			return -1
		}
		ref, n = ref[w:], n+v
	}
	return n
}
