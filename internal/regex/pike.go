package regex

import "unicode/utf8"

// The Pike VM runs the program as a set of threads advanced together one
// character at a time, each with its own capture slots: Thompson's NFA
// simulation with submatches, as Pike and RE2 have it. It takes what the
// other two engines cannot bound: a pattern whose DFA gave up (one with
// exponentially many states) and a text too long for the backtracker's
// bit set of explored states. Its work is instructions times characters
// and its memory instructions times capture slots, whatever the text, so
// no pattern without backreferences costs more than that.
//
// Threads are kept in priority order (the preferred branch of an
// alternation, one more iteration of a loop, an earlier start first), and
// a thread that reaches an instruction another has reached at the same
// position is dropped: the one before it in priority order can do
// anything it can. That is the rule the backtracker's explored-state set
// applies, so the two give the same submatches: among the leftmost
// matches the longest, and among equally long ones the first in priority
// order.

// pikeThread is a thread waiting at a consuming instruction (or iMatch),
// with its capture slots at cap in its queue's caps.
type pikeThread struct {
	pc  int32
	cap int32
}

// pikeQueue is the threads of one position, in priority order.
type pikeQueue struct {
	threads []pikeThread
	caps    []int
}

func (q *pikeQueue) reset() {
	q.threads = q.threads[:0]
	q.caps = q.caps[:0]
}

// pike is the scratch space of one Pike VM search, reused through a pool.
type pike struct {
	p        *prog
	newline  bool
	ncap     int // slots tracked: 0 (is there a match), 2 (where) or all
	in       string
	notBOL   bool
	seen     []uint32 // seen[pc] == gen: pc is in the queue being built
	gen      uint32
	cur, nxt pikeQueue
	stack    []job
	work     []int // capture slots of the thread being followed
	best     []int
}

func newPike(p *prog, flags Flags) *pike {
	return &pike{p: p, newline: flags&Newline != 0, seen: make([]uint32, len(p.insts)),
		work: make([]int, p.ncap), best: make([]int, p.ncap)}
}

// release drops the text and the queues a long search grew, before the
// pool keeps m.
func (m *pike) release() {
	m.in = ""
	if cap(m.cur.caps)+cap(m.nxt.caps) > 1<<14 {
		m.cur, m.nxt = pikeQueue{}, pikeQueue{}
	}
}

// newGen empties the set of instructions reached.
func (m *pike) newGen() {
	m.gen++
	if m.gen == 0 {
		clear(m.seen)
		m.gen = 1
	}
}

// search finds the leftmost-longest match in in at or after from (only
// at from when anchored) and reports whether there is one; the first
// ncap capture slots of the match are then in m.best (0: any match will
// do, and the search stops at the first found). first, when not nil, is
// the bytes a match can start with.
func (m *pike) search(in string, from int, notBOL, anchored bool, ncap int, first *[256]bool) bool {
	m.in, m.notBOL, m.ncap = in, notBOL, ncap
	anchored = anchored || m.p.anchored
	insts := m.p.insts
	cur, nxt := &m.cur, &m.nxt
	cur.reset()
	matched := false
	pos := from
	m.newGen()
	m.start(cur, pos, first)
	for {
		if len(cur.threads) == 0 {
			if matched || anchored || pos >= len(in) {
				break
			}
			// Nothing running: skip to where a match can start.
			pos = nextRune(in, pos)
			for first != nil && pos < len(in) && !first[in[pos]] {
				pos = nextRune(in, pos)
			}
			if first != nil && pos >= len(in) {
				break // a pattern with first bytes has no empty match
			}
			m.newGen()
			m.start(cur, pos, first)
			continue
		}
		r, w := rune(-1), 0
		if pos < len(in) {
			if r, w = rune(in[pos]), 1; r >= utf8.RuneSelf {
				r, w = utf8.DecodeRuneInString(in[pos:])
			}
		}
		next := pos + w
		m.newGen()
		nxt.reset()
		for _, t := range cur.threads {
			caps := cur.caps[t.cap : int(t.cap)+ncap]
			if matched && caps[0] > m.best[0] {
				continue // starts after the match found: not leftmost
			}
			i := &insts[t.pc]
			switch i.op {
			case iMatch:
				if ncap == 0 {
					return true
				}
				if !matched || pos > m.best[1] {
					matched = true
					copy(m.best, caps)
					m.best[1] = pos
				}
			case iRune:
				if r >= 0 && (r == i.r || i.fold && equalFold(r, i.r)) {
					m.add(nxt, int(t.pc)+1, next, caps)
				}
			case iClass:
				if r >= 0 && i.cls.match(r) {
					m.add(nxt, int(t.pc)+1, next, caps)
				}
			}
		}
		if pos >= len(in) {
			break
		}
		pos = next
		if !matched && !anchored {
			m.start(nxt, pos, first)
		}
		cur, nxt = nxt, cur
	}
	return matched
}

// start adds a thread starting a match at pos, after those in q, when
// the byte there can start one.
func (m *pike) start(q *pikeQueue, pos int, first *[256]bool) {
	if first != nil && (pos >= len(m.in) || !first[m.in[pos]]) {
		return
	}
	caps := m.work[:m.ncap]
	for i := range caps {
		caps[i] = -1
	}
	m.add(q, 0, pos, caps)
}

// add follows the empty transitions from pc at pos with the capture
// slots caps (restored before it returns) and queues, in priority order,
// the threads that wait for a character or have matched.
func (m *pike) add(q *pikeQueue, pc, pos int, caps []int) {
	insts := m.p.insts
	m.stack = append(m.stack[:0], job{pc: pc, slot: -1})
	for len(m.stack) > 0 {
		j := m.stack[len(m.stack)-1]
		m.stack = m.stack[:len(m.stack)-1]
		if j.slot >= 0 {
			caps[j.slot] = j.old
			continue
		}
		pc := j.pc
	follow:
		for m.seen[pc] != m.gen {
			m.seen[pc] = m.gen
			i := &insts[pc]
			switch i.op {
			case iJmp:
				pc = i.x
			case iSplit:
				m.stack = append(m.stack, job{pc: i.y, slot: -1})
				pc = i.x
			case iSave:
				if i.n < len(caps) {
					m.stack = append(m.stack, job{slot: i.n, old: caps[i.n]})
					caps[i.n] = pos
				}
				pc++
			case iAssert:
				if !assertAt(m.in, pos, assertion(i.n), m.notBOL, m.newline) {
					break follow
				}
				pc++
			case iBackref:
				break follow // not for this engine: never given such a program
			default: // iMatch, iRune, iClass
				q.threads = append(q.threads, pikeThread{pc: int32(pc), cap: int32(len(q.caps))})
				q.caps = append(q.caps, caps...)
				break follow
			}
		}
	}
}

// nextRune returns the position of the character after the one at pos.
func nextRune(in string, pos int) int {
	if in[pos] < utf8.RuneSelf {
		return pos + 1
	}
	_, w := utf8.DecodeRuneInString(in[pos:])
	return pos + w
}
