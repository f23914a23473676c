package regex

import (
	"slices"
	"sync"
	"unicode/utf8"
)

// The lazy DFA answers "is there a match" (grep's question, and the
// first one sed asks of each line) at a few nanoseconds a byte or less,
// several times faster than Go's regexp, which has no DFA. It runs the
// backtracker's program as a set of instructions: a DFA state is the set
// of instructions waiting to consume a character, with what the last
// character was (a word character, a newline, nothing: the start of the
// text), which the assertions need. The assertions are evaluated when the
// next character is known, in the closure before consuming it, so ^ $ \b
// \< \> and the rest cost nothing extra. States are built as the text
// needs them and cached with their transitions, in one flat table for
// ASCII bytes and a map per state for other characters, so the inner loop
// over ASCII text is one table lookup per byte. The cache is bounded;
// when it fills it is emptied and rebuilt from the current state.
//
// Backreferences have no DFA; for those patterns the DFA runs a superset
// of the pattern (see superset) to rule text out before the backtracker.

// maxDFAStates bounds the cache of one DFA (about 600 bytes a state).
const maxDFAStates = 4096

// Context bits of a DFA state: what precedes the next character.
const (
	ctxStart   uint8 = 1 << iota // the start of the text (and not REG_NOTBOL)
	ctxWord                      // a word character
	ctxNewline                   // a newline
)

// A transition is the next state's offset in the table (its number times
// 128) shifted left by one, with tMatch set when a match ended before the
// character; tUnknown marks one not computed yet.
const (
	tMatch   = 1
	tUnknown = -1
	stride   = utf8.RuneSelf
)

type dstate struct {
	pcs   []int32 // instructions waiting for a character, sorted
	ctx   uint8
	eot   int8 // a match at the end of the text: -1 unknown, 0 no, 1 yes
	other map[rune]int32
}

type dfa struct {
	mu       sync.Mutex
	p        *prog
	newline  bool
	anchored bool // no new match starts after the first position
	states   []*dstate
	trans    []int32 // stride entries a state
	index    map[string]int32
	start    [ctxStart | ctxWord | ctxNewline + 1]int32 // start state by context, -1 unknown
	resets   int                                        // times the cache filled up
	failed   bool                                       // it fills too often: use another engine
	// scratch for closures
	stack []int32
	seen  []uint32
	gen   uint32
	kern  []int32
	cons  []int32
	key   []byte
}

func newDFA(p *prog, flags Flags) *dfa {
	d := &dfa{p: p, newline: flags&Newline != 0, anchored: p.anchored, index: map[string]int32{}, seen: make([]uint32, len(p.insts))}
	d.reset()
	return d
}

// newAnchoredDFA returns a DFA for matches that start where it starts.
func newAnchoredDFA(p *prog, flags Flags) *dfa {
	d := newDFA(p, flags)
	d.anchored = true
	return d
}

func (d *dfa) reset() {
	d.states = d.states[:0]
	d.trans = d.trans[:0]
	clear(d.index)
	for i := range d.start {
		d.start[i] = -1
	}
}

// ctxBefore describes the character before in[i] (or the start of text).
func ctxBefore(in string, i int, notBOL bool) uint8 {
	if i == 0 {
		if notBOL {
			return 0
		}
		return ctxStart
	}
	r := lastRune(in[:i])
	var ctx uint8
	if isWordRune(r) {
		ctx |= ctxWord
	}
	if r == '\n' {
		ctx |= ctxNewline
	}
	return ctx
}

// maxResets is how many times a DFA's cache may fill before the DFA gives
// up: a pattern like (a|b)*a(a|b){12} has exponentially many states, and
// rebuilding them costs more than an NFA simulation.
const maxResets = 32

// match returns where the first match to end in in[from:] ends, -1 if
// there is none, with the text before from as context (the search may
// skip ahead to where a match can start). ok is false when the DFA has
// given up on this pattern.
func (d *dfa) match(in string, from int, notBOL bool) (end int, ok bool) {
	if !d.mu.TryLock() {
		// In use by another goroutine: a private DFA for this call.
		d = newDFA(d.p, d.flags())
	} else {
		defer d.mu.Unlock()
	}
	if d.failed {
		return -1, false
	}
	ctx := ctxBefore(in, from, notBOL)
	if d.anchored && ctx&ctxStart == 0 {
		return -1, true
	}
	s := d.start[ctx]
	if s < 0 {
		s = d.state([]int32{0}, ctx) * stride
		d.start[ctx] = s
	}
	trans := d.trans
	anchored := d.anchored
	for i := from; i < len(in); {
		// The common step: an ASCII byte, a known transition, no match.
		c := in[i]
		if c < utf8.RuneSelf && !anchored {
			if t := trans[s+int32(c)]; t >= 0 && t&tMatch == 0 {
				s = t >> 1
				i++
				continue
			}
		}
		var t int32
		at := i
		if c < utf8.RuneSelf {
			if t = trans[s+int32(c)]; t < 0 {
				t = d.step(s, rune(c))
				trans = d.trans
			}
			i++
		} else {
			r, w := utf8.DecodeRuneInString(in[i:])
			var ok bool
			if t, ok = d.states[s/stride].other[r]; !ok {
				t = d.step(s, r)
				trans = d.trans
			}
			i += w
		}
		if t&tMatch != 0 {
			return at, true
		}
		if d.failed {
			return -1, false
		}
		s = t >> 1
		if anchored && len(d.states[s/stride].pcs) == 0 {
			return -1, true // nothing left to match, and no new start
		}
	}
	st := d.states[s/stride]
	if st.eot < 0 {
		m, _ := d.closure(st.pcs, st.ctx, -1)
		st.eot = 0
		if m {
			st.eot = 1
		}
	}
	if st.eot == 1 {
		return len(in), true
	}
	return -1, true
}

// longest runs an anchored DFA from from and returns where the longest
// match starting there ends (-1: none), and the bytes it examined. ok is
// false when the DFA has given up. For an anchored DFA only.
func (d *dfa) longest(in string, from int, notBOL bool) (end, work int, ok bool) {
	if !d.mu.TryLock() {
		d = newAnchoredDFA(d.p, d.flags())
	} else {
		defer d.mu.Unlock()
	}
	if d.failed {
		return -1, 0, false
	}
	ctx := ctxBefore(in, from, notBOL)
	s := d.start[ctx]
	if s < 0 {
		s = d.state([]int32{0}, ctx) * stride
		d.start[ctx] = s
	}
	end = -1
	trans := d.trans
	i := from
	for i < len(in) {
		var t int32
		at := i
		if c := in[i]; c < utf8.RuneSelf {
			t = trans[s+int32(c)]
			if t < 0 {
				t = d.step(s, rune(c))
				trans = d.trans
			}
			i++
		} else {
			r, w := utf8.DecodeRuneInString(in[i:])
			var ok bool
			if t, ok = d.states[s/stride].other[r]; !ok {
				t = d.step(s, r)
				trans = d.trans
			}
			i += w
		}
		if d.failed {
			return -1, i - from, false
		}
		if t&tMatch != 0 {
			end = at
		}
		s = t >> 1
		if len(d.states[s/stride].pcs) == 0 {
			return end, i - from, true
		}
	}
	st := d.states[s/stride]
	if st.eot < 0 {
		m, _ := d.closure(st.pcs, st.ctx, -1)
		st.eot = 0
		if m {
			st.eot = 1
		}
	}
	if st.eot == 1 {
		end = len(in)
	}
	return end, i - from, true
}

func (d *dfa) flags() Flags {
	if d.newline {
		return Newline
	}
	return 0
}

// step computes and caches the transition of the state at offset s on r.
func (d *dfa) step(s int32, r rune) int32 {
	st := d.states[s/stride]
	matched, cons := d.closure(st.pcs, st.ctx, r)
	kern := d.kern[:0]
	for _, pc := range cons {
		i := &d.p.insts[pc]
		ok := false
		switch i.op {
		case iRune:
			ok = r == i.r || i.fold && equalFold(r, i.r)
		case iClass:
			ok = i.cls.match(r)
		}
		if ok {
			kern = append(kern, pc+1)
		}
	}
	slices.Sort(kern)
	kern = slices.Compact(kern)
	d.kern = kern
	var ctx uint8
	if isWordRune(r) {
		ctx |= ctxWord
	}
	if r == '\n' {
		ctx |= ctxNewline
	}
	if len(d.states) >= maxDFAStates {
		// Empty the cache, keeping the state we are in.
		pcs, sctx := slices.Clone(st.pcs), st.ctx
		d.reset()
		if d.resets++; d.resets > maxResets {
			d.failed = true
		}
		s = d.state(pcs, sctx) * stride
		st = d.states[s/stride]
	}
	t := d.state(kern, ctx) * stride << 1
	if matched {
		t |= tMatch
	}
	if r < utf8.RuneSelf {
		d.trans[s+r] = t
	} else {
		if st.other == nil {
			st.other = map[rune]int32{}
		}
		st.other[r] = t
	}
	return t
}

// state returns the number of the state (pcs, ctx), creating it.
func (d *dfa) state(pcs []int32, ctx uint8) int32 {
	key := append(d.key[:0], ctx)
	for _, pc := range pcs {
		key = append(key, byte(pc), byte(pc>>8), byte(pc>>16), byte(pc>>24))
	}
	d.key = key
	if s, ok := d.index[string(key)]; ok {
		return s
	}
	s := int32(len(d.states))
	d.states = append(d.states, &dstate{pcs: slices.Clone(pcs), ctx: ctx, eot: -1})
	for range stride {
		d.trans = append(d.trans, tUnknown)
	}
	d.index[string(key)] = s
	return s
}

// closure follows the empty transitions from pcs (and from the start of
// the program, for an unanchored search) before the character next (-1:
// the end of the text), after a character described by ctx. It returns
// whether a match is reached and the instructions that consume a
// character.
func (d *dfa) closure(pcs []int32, ctx uint8, next rune) (bool, []int32) {
	d.gen++
	if d.gen == 0 {
		clear(d.seen)
		d.gen = 1
	}
	stack := d.stack[:0]
	cons := d.cons[:0]
	matched := false
	stack = append(stack, pcs...)
	if !d.anchored || ctx&ctxStart != 0 {
		stack = append(stack, 0)
	}
	for len(stack) > 0 {
		pc := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if d.seen[pc] == d.gen {
			continue
		}
		d.seen[pc] = d.gen
		i := &d.p.insts[pc]
		switch i.op {
		case iMatch:
			matched = true
		case iRune, iClass:
			cons = append(cons, pc)
		case iSplit:
			stack = append(stack, int32(i.y), int32(i.x))
		case iJmp:
			stack = append(stack, int32(i.x))
		case iSave:
			stack = append(stack, pc+1)
		case iAssert:
			if d.assert(assertion(i.n), ctx, next) {
				stack = append(stack, pc+1)
			}
		}
	}
	d.stack, d.cons = stack, cons
	return matched, cons
}

// assert evaluates an assertion between a character described by ctx and
// next (-1: the end of the text).
func (d *dfa) assert(a assertion, ctx uint8, next rune) bool {
	switch a {
	case aBOL:
		return ctx&ctxStart != 0 || d.newline && ctx&ctxNewline != 0
	case aEOL:
		return next < 0 || d.newline && next == '\n'
	case aBOT:
		return ctx&ctxStart != 0
	case aEOT:
		return next < 0
	}
	before := ctx&ctxWord != 0
	after := next >= 0 && isWordRune(next)
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
