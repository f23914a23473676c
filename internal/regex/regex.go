// Package regex is gobox's one POSIX regular-expression engine: regcomp
// and regexec as BusyBox on Alpine (musl) has them, for grep, sed, expr,
// find -regex, awk and the shell's [[ =~ ]].
//
// # Syntax
//
// Basic (BRE) and extended (ERE, with Extended) syntax follow POSIX and
// musl's grammar: in a BRE \( \) \{m,n\} and backreferences \1..\9, a
// leading * is literal, ^ anchors only at the start of the pattern, of a
// \( group or of a \| branch, $ only at the end of one; in an ERE ( ) |
// + ? {m,n} and anchors everywhere. Bracket expressions take ranges,
// classes ([[:alpha:]] and the other eleven, with musl's Unicode
// meanings), ']' first and '-' first or last as literals. The extensions
// musl's TRE accepts are there: \+ \? \| in a BRE, \w \W \s \S \d \D, \t
// \n \r \f \a \e, \xHH and \x{HHHH}, \b \B \< \>, an escaped ordinary
// character standing for itself, empty branches and groups, a++. Errors
// are musl's regerror texts ("Invalid contents of {}", "Missing ']'"...).
//
// Where musl lacks what GNU has and scripts use, this package has GNU's:
// backreferences in an ERE (musl reads (a)\1 as "a1"), \` and \' (start
// and end of the text; literal characters to musl), one-character
// collating symbols and equivalence classes ([[.-.]], [[=a=]]; musl
// rejects every one). Where musl's matcher departs from POSIX and GNU it
// follows them: a backreference to a subexpression that did not take part
// matches nothing (musl: the empty string), with ICase a backreference
// matches regardless of case, \b is never true between two non-word
// characters at the edge of the text, and a line with bytes that are not
// UTF-8 can still match (musl matches nothing in it; here such a byte is
// a character of its own, U+FFFD to classes). Text is UTF-8, as in
// Alpine's default locale. ICase pairs characters by Unicode simple case
// folding, as Go's (?i) does, which joins a few that musl keeps apart
// (k and the Kelvin sign).
//
// # Matching
//
// A match is the leftmost, and of those the longest, as POSIX requires.
// Among equally long matches the subexpressions are those of the first
// in priority order (the left branch of an alternation, one more
// iteration of a loop): the rule of Go's regexp in its leftmost-longest
// mode and usually glibc's; musl's TRE picks differently in some
// ambiguous cases, such as (a|ab)(c|bcd) against "abcd".
//
// # Engines
//
// Go's regexp has no backreferences, no \< or \>, an ASCII-only \b, and
// no DFA (its NFA simulation runs at tens of MB/s on patterns without a
// literal prefix, no faster than BusyBox's TRE); and linking it would run
// its package init, and reach Unicode's category and script maps, at every
// exec of every applet. So the pattern is parsed here, into one syntax
// tree, compiled to a program (two when it has subexpressions: one that
// records them and a shorter one for questions that need only the whole
// match), and run by three engines of this package, chosen per call:
//
//   - A lazy DFA (dfa.go) over the program answers whether there is a
//     match and where the first one ends, at hundreds of MB/s to GB/s,
//     with the assertions (^ $ \b \< \>, Unicode word characters)
//     exact. Before it, a literal that every match starts with or
//     contains is looked for with package strings' vectorised search, and
//     a pattern that is one literal is a substring search. Match and
//     FindLine need nothing more. For positions, the same DFA run
//     anchored at each possible start up to the first match's end finds
//     the leftmost start and the longest match from it.
//   - Subexpressions come from a backtracking matcher (backtrack.go) run
//     from that start, which explores paths in priority order, keeps the
//     longest match and remembers the states it has explored in a bit
//     set, so its work is bounded by instructions times positions rather
//     than paths. It also searches a short text when the DFA gives up.
//   - A Pike VM (pike.go), Thompson's NFA simulation with capture slots
//     per thread, takes what would make the others slow: a text too long
//     for the backtracker's bit set (past 256 Kbit, instructions times
//     positions), and a pattern whose DFA gives up (one with exponentially
//     many states, such as (a|b)*a(a|b){14}, whose cache keeps filling).
//     Its work is instructions times characters and its memory
//     instructions times capture slots, whatever the pattern and text.
//     For subexpressions in a long text it first finds where the match
//     lies with the shorter program, then runs the other from its start.
//
// So without backreferences no search costs more than instructions times
// characters. Backreferences make matching NP-hard, so no automaton can
// do it: the backtracker matches them, and the states it remembers
// include the positions of the referenced subexpressions (a map, kept
// only once a search has taken more steps than a quick one would). The
// DFA first runs a superset of the pattern, each backreference replaced
// by a copy of its subexpression, and rules out the text where that
// cannot match. The engines that give subexpressions are built to give
// the same ones (the program compiles x* as Go's does, and threads and
// explored states both yield to the first in priority order), and the
// tests and the fuzz target hold them to it and, where it can express the
// pattern, to Go's regexp in its leftmost-longest mode, which the tests
// alone link.
package regex

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// Flags select the dialect and matching options, like regcomp's cflags.
type Flags uint

const (
	// Extended selects POSIX extended syntax (REG_EXTENDED); basic
	// syntax (BRE) otherwise.
	Extended Flags = 1 << iota
	// ICase matches letters without regard to case (REG_ICASE).
	ICase
	// Newline is REG_NEWLINE: '.' and non-matching bracket expressions
	// do not match '\n', and ^ and $ also match after and before one.
	Newline
	// NoSub is REG_NOSUB: the caller wants no submatch positions, which
	// lets the engine skip tracking them (FindSubmatchIndex then returns
	// the whole match only).
	NoSub
)

// Regexp is a compiled regular expression. It is safe for concurrent use.
type Regexp struct {
	expr  string
	flags Flags
	nsub  int
	tree  *node

	hasRefs  bool // the pattern has backreferences: the backtracker's alone
	lineWise bool // a match never spans lines (see findLines)

	dfa      *dfa        // the pattern's DFA, or with backreferences a superset's
	anchored func() *dfa // the pattern's DFA for matches from a given start
	needSubs bool        // FindSubmatchIndex reports subexpressions

	subs  *runner    // the program that records subexpressions
	bare  *runner    // the program that records only the match (subs if it must)
	first *[256]bool // the bytes a match can start with; nil: any

	prefix   string // every match starts with it
	complete bool   // the pattern is prefix
	required string // every match contains it
}

// Error is a compilation error; its text is musl's regerror message.
type Error struct {
	Code int    // REG_BADPAT, REG_EBRACK... as musl numbers them
	Msg  string // "Invalid regexp", "Missing ']'"...
}

func (e *Error) Error() string { return e.Msg }

// Compile parses pattern as a BRE, or an ERE with Extended.
func Compile(pattern string, flags Flags) (*Regexp, error) {
	tree, nsub, err := parse(pattern, flags)
	if err != nil {
		return nil, err
	}
	re := &Regexp{expr: pattern, flags: flags, nsub: nsub, tree: tree}
	re.inspect()
	re.subs = &runner{p: compileProg(tree, nsub, flags, true)}
	re.bare = re.subs
	if nsub > 0 && !re.hasRefs {
		re.bare = &runner{p: compileProg(tree, nsub, flags, false)}
	}
	if re.hasRefs {
		re.dfa = newDFA(compileProg(superset(tree), nsub, flags, false), flags)
	} else {
		re.dfa = newDFA(re.bare.p, flags)
	}
	re.anchored = sync.OnceValue(func() *dfa { return newAnchoredDFA(re.bare.p, flags) })
	re.needSubs = nsub > 0 && flags&NoSub == 0
	if set, nullable := firstBytes(tree, flags&ICase != 0); !nullable {
		re.first = set
	}
	re.prefix, re.complete = literalPrefix(tree, flags)
	if flags&ICase == 0 {
		re.required = requiredLiteral(tree)
	}
	return re, nil
}

// inspect notes what the tree has that decides which engines may run it.
func (re *Regexp) inspect() {
	re.lineWise = re.flags&Newline != 0
	re.tree.walk(func(n *node) {
		switch n.op {
		case opBackref:
			re.hasRefs = true
		case opLit:
			if n.r == '\n' {
				re.lineWise = false
			}
		case opClass:
			if n.cls.match('\n') {
				re.lineWise = false
			}
		case opAssert:
			if a := assertion(n.n); a == aBOT || a == aEOT {
				re.lineWise = false
			}
		}
	})
}

// MustCompile is Compile that panics on error, for patterns in code.
func MustCompile(pattern string, flags Flags) *Regexp {
	re, err := Compile(pattern, flags)
	if err != nil {
		panic("regex: Compile(" + pattern + "): " + err.Error())
	}
	return re
}

// String returns the source pattern.
func (re *Regexp) String() string { return re.expr }

// NumSubexp returns the number of parenthesized subexpressions.
func (re *Regexp) NumSubexp() int { return re.nsub }

// Match reports whether b contains a match.
func (re *Regexp) Match(b []byte) bool { return re.match(b2s(b)) }

// MatchString reports whether s contains a match.
func (re *Regexp) MatchString(s string) bool { return re.match(s) }

func (re *Regexp) match(s string) bool {
	if re.complete {
		return strings.Contains(s, re.prefix)
	}
	switch e := re.scan(s, 0, false); {
	case e == noMatch:
		return false
	case e >= 0 && !re.hasRefs:
		return true
	}
	// A match of the superset, or the DFA gave up: ask an engine that knows.
	return re.findIn(s, false, true) != nil
}

// FindSubmatchIndex returns the leftmost-longest match in b as pairs of
// byte offsets: [0:2] the whole match, [2i:2i+2] subexpression i (-1, -1
// when it did not take part). nil means no match. notBOL is REG_NOTBOL:
// the start of b is not the start of a line (sed's g flag, grep -o going
// on mid-line), so ^ does not match there.
func (re *Regexp) FindSubmatchIndex(b []byte, notBOL bool) []int {
	return re.find(b2s(b), notBOL)
}

// FindStringSubmatchIndex is FindSubmatchIndex on a string.
func (re *Regexp) FindStringSubmatchIndex(s string, notBOL bool) []int {
	return re.find(s, notBOL)
}

// FindIndex returns the bounds of the leftmost-longest match in b, or
// -1, -1. It is FindSubmatchIndex's first pair, for a caller that wants
// no more (grep -o, grep -w): for a pattern without subexpressions it
// allocates nothing, where a match a time in a long input would
// otherwise be garbage a time.
func (re *Regexp) FindIndex(b []byte, notBOL bool) (start, end int) {
	var buf [2]int
	m := re.findTo(buf[:0], b2s(b), notBOL)
	if m == nil {
		return -1, -1
	}
	return m[0], m[1]
}

// FindLine returns the bounds of the first line of b in which Match
// finds a match when given that line alone: b[start:end] is the line
// without its newline; -1, -1 when no line matches. Lines end at '\n',
// and the text after the last one is a line too, even when empty (leave
// a final newline out of b to leave that line out). It is grep's question
// about a buffer. For a pattern compiled with Newline that cannot match a
// newline (and has no \` or \'), the DFA answers it without working out
// where the match lies.
func (re *Regexp) FindLine(b []byte) (start, end int) {
	in := b2s(b)
	fast := re.lineWise || re.complete && !strings.Contains(re.prefix, "\n")
	for from := 0; fast && from <= len(in); {
		var e int
		if re.complete {
			if e = strings.Index(in[from:], re.prefix); e >= 0 {
				e += from
			}
		} else {
			e = re.scan(in, from, false)
		}
		if e == noMatch {
			return -1, -1
		}
		if e == unknown {
			break
		}
		ls, le := lineAround(in, e)
		if !re.hasRefs || re.findIn(in[ls:le], false, true) != nil {
			return ls, le
		}
		from = le + 1 // only a superset of a backreference pattern matched
	}
	for ls := 0; ls <= len(in); {
		le := strings.IndexByte(in[ls:], '\n')
		if le < 0 {
			le = len(in)
		} else {
			le += ls
		}
		if re.match(in[ls:le]) {
			return ls, le
		}
		ls = le + 1
	}
	return -1, -1
}

// lineAround returns the bounds of the line holding position i, without
// its newline.
func lineAround(in string, i int) (start, end int) {
	start = strings.LastIndexByte(in[:i], '\n') + 1
	end = strings.IndexByte(in[i:], '\n')
	if end < 0 {
		return start, len(in)
	}
	return start, i + end
}

// LiteralPrefix returns a literal string every match must begin with, and
// whether that string is the whole pattern (then matching is a substring
// search, and there are no subexpressions).
func (re *Regexp) LiteralPrefix() (prefix string, complete bool) {
	return re.prefix, re.complete
}

// Results of scan besides a position.
const (
	noMatch = -1
	unknown = -2 // the DFA gave up on the pattern
)

// scan returns where the first match in in[from:] ends (of the pattern,
// or for a pattern with backreferences of its superset), or noMatch, or
// unknown. A literal that every match starts with, or contains, is looked
// for first (with the SIMD substring search of package strings); the DFA
// starts where that prefix first occurs.
func (re *Regexp) scan(in string, from int, notBOL bool) int {
	switch {
	case re.prefix != "":
		i := strings.Index(in[from:], re.prefix)
		if i < 0 {
			return noMatch
		}
		from += i
	case re.required != "":
		if !strings.Contains(in[from:], re.required) {
			return noMatch
		}
	}
	e, ok := re.dfa.match(in, from, notBOL)
	if !ok {
		return unknown
	}
	return e
}

func (re *Regexp) find(in string, notBOL bool) []int {
	return re.findTo(nil, in, notBOL)
}

// findTo is find, which puts a match's bounds alone (a pattern without
// subexpressions to report) in dst's space.
func (re *Regexp) findTo(dst []int, in string, notBOL bool) []int {
	if re.complete {
		i := strings.Index(in, re.prefix)
		if i < 0 {
			return nil
		}
		return append(dst[:0], i, i+len(re.prefix))
	}
	if re.lineWise {
		return re.findLines(dst, in, notBOL)
	}
	e := re.scan(in, 0, notBOL)
	if e == noMatch {
		return nil
	}
	return re.locate(dst, in, notBOL, e)
}

// locate finds the leftmost-longest match in in, which has one (for a
// pattern with backreferences, its superset has one), the first ending at
// end (unknown: not known). The DFA finds where it lies, when it can: the
// first start at or before end from which the anchored DFA finds a match,
// and the longest match from there. Only subexpressions need an engine
// that tracks them, and then only from that start.
func (re *Regexp) locate(dst []int, in string, notBOL bool, end int) []int {
	if re.hasRefs || end < 0 {
		return re.findIn(in, notBOL, false)
	}
	s, e, ok := re.span(in, notBOL, end)
	if !ok {
		return re.findIn(in, notBOL, false)
	}
	if !re.needSubs {
		return append(dst[:0], s, e)
	}
	if !re.fitsBacktrack(in) {
		return re.pike(in, s, notBOL, true, false)
	}
	m := re.subs.machine(re.flags)
	m.any = false
	m.in, m.notBOL = in, notBOL
	m.startMemo()
	var out []int
	if found, _ := m.try(s); found {
		out = make([]int, len(m.best))
		copy(out, m.best)
		for i := 2; i < len(out); i += 2 {
			if out[i] < 0 || out[i+1] < 0 {
				out[i], out[i+1] = -1, -1
			}
		}
	}
	re.subs.release(m)
	if out == nil || out[0] != s || out[1] != e {
		// The engines disagree: cannot happen; trust the slower one.
		return re.findIn(in, notBOL, false)
	}
	return out
}

// span returns the leftmost-longest match's bounds by trying the
// anchored DFA at each possible start up to end. It gives up (ok false)
// when that costs more than a few passes over the text, as it can when
// many starts lead far before failing.
func (re *Regexp) span(in string, notBOL bool, end int) (start, stop int, ok bool) {
	d := re.anchored()
	budget := 4*len(in) + 256
	for s := 0; s <= end; {
		if re.first == nil || s < len(in) && re.first[in[s]] {
			e, work, ok := d.longest(in, s, notBOL)
			if !ok {
				return 0, 0, false
			}
			if e >= 0 {
				return s, e, true
			}
			if budget -= work + 1; budget < 0 {
				return 0, 0, false
			}
		}
		if s == len(in) {
			break
		}
		if c := in[s]; c < utf8.RuneSelf {
			s++
		} else {
			_, w := utf8.DecodeRuneInString(in[s:])
			s += w
		}
	}
	return 0, 0, false
}

// findLines is find for a pattern that matches within a line (Newline,
// no character that matches '\n', no \` or \'), in text that may hold
// many lines, as grep's buffers do. The leftmost match lies in the line
// where the DFA sees the first match end (one starting in an earlier line
// would end there, earlier), so only that line is searched for positions.
func (re *Regexp) findLines(dst []int, in string, notBOL bool) []int {
	for from := 0; from <= len(in); {
		e := re.scan(in, from, notBOL && from == 0)
		switch e {
		case noMatch:
			return nil
		case unknown:
			return re.findIn(in, notBOL, false)
		}
		ls, le := lineAround(in, e)
		if loc := re.locate(dst, in[ls:le], notBOL && ls == 0, e-ls); loc != nil {
			for i := range loc {
				if loc[i] >= 0 {
					loc[i] += ls
				}
			}
			return loc
		}
		// Only a superset matched this line (a pattern with backreferences).
		from = le + 1
	}
	return nil
}

// findIn runs an engine that gives positions when the DFA could not
// help: the backtracker for a pattern with backreferences or a text short
// enough for its set of explored states, the Pike VM otherwise. any asks
// only whether there is a match (a non-nil result).
func (re *Regexp) findIn(in string, notBOL, any bool) []int {
	if re.hasRefs || re.fitsBacktrack(in) {
		return re.backtrack(in, notBOL, any)
	}
	if any || !re.needSubs {
		return re.pike(in, 0, notBOL, false, any)
	}
	// Where the match lies, with the program that records nothing else
	// (most of a long text holds no match), then its subexpressions from
	// its start.
	loc := re.runPike(re.bare, in, 0, notBOL, false, 2)
	if loc == nil {
		return nil
	}
	return re.pike(in, loc[0], notBOL, true, false)
}

// maxBacktrackBits bounds the backtracker's bit set of explored states
// (instructions times positions) for a pattern without backreferences:
// past it, clearing and filling the set costs more than the Pike VM's
// steps, and the memory would grow with the text.
const maxBacktrackBits = 256 << 10

// fitsBacktrack reports whether the backtracker, rather than the Pike
// VM, should search in for a pattern without backreferences.
func (re *Regexp) fitsBacktrack(in string) bool {
	return re.subs.p.nsplit*(len(in)+1) <= maxBacktrackBits
}

// runner is a program with pools of the machines that run it.
type runner struct {
	p        *prog
	machines sync.Pool // backtrackers
	pikes    sync.Pool // Pike VMs
}

// runnerFor returns the program for a search: the one without
// subexpressions when only the match is wanted.
func (re *Regexp) runnerFor(any bool) *runner {
	if any || re.flags&NoSub != 0 {
		return re.bare
	}
	return re.subs
}

// pike searches in with the Pike VM, from start (only there when
// anchored).
func (re *Regexp) pike(in string, start int, notBOL, anchored, any bool) []int {
	r := re.runnerFor(any)
	ncap := r.p.ncap
	switch {
	case any:
		ncap = 0
	case re.flags&NoSub != 0:
		ncap = 2
	}
	return re.runPike(r, in, start, notBOL, anchored, ncap)
}

// runPike runs r's program in the Pike VM, tracking ncap capture slots
// (0: any match will do; the result is then empty, not nil).
func (re *Regexp) runPike(r *runner, in string, start int, notBOL, anchored bool, ncap int) []int {
	m, _ := r.pikes.Get().(*pike)
	if m == nil {
		m = newPike(r.p, re.flags)
	}
	var out []int
	if m.search(in, start, notBOL, anchored, ncap, re.first) {
		out = make([]int, ncap)
		copy(out, m.best)
		for i := 2; i < len(out); i += 2 {
			if out[i] < 0 || out[i+1] < 0 {
				out[i], out[i+1] = -1, -1
			}
		}
	}
	m.release()
	r.pikes.Put(m)
	return out
}

// backtrack searches in with the backtracking engine.
func (re *Regexp) backtrack(in string, notBOL, any bool) []int {
	r := re.runnerFor(any)
	m := r.machine(re.flags)
	m.any = any
	var out []int
	if caps := m.search(in, 0, notBOL, re.first); caps != nil {
		n := len(caps)
		if re.flags&NoSub != 0 {
			n = 2
		}
		out = make([]int, n)
		copy(out, caps)
		for i := 2; i < n; i += 2 {
			if out[i] < 0 || out[i+1] < 0 {
				out[i], out[i+1] = -1, -1
			}
		}
	}
	r.release(m)
	return out
}

// machine returns a backtracking machine from the pool; the caller puts
// it back.
func (r *runner) machine(flags Flags) *machine {
	m, _ := r.machines.Get().(*machine)
	if m == nil {
		m = newMachine(r.p, flags)
	}
	return m
}

// release returns a machine to the pool, without the text it searched
// and without a large bit set a long text needed.
func (r *runner) release(m *machine) {
	m.in = ""
	m.memo = nil
	if cap(m.visited) > 1<<15 {
		m.visited = nil
	}
	r.machines.Put(m)
}

// b2s views b as a string without copying; the engines only read it
// during the call.
func b2s(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// literalPrefix returns the literal text every match starts with, and
// whether that text is the whole pattern.
func literalPrefix(n *node, flags Flags) (string, bool) {
	if flags&ICase != 0 {
		return "", false
	}
	var b strings.Builder
	subs := []*node{n}
	if n.op == opCat {
		subs = n.subs
	}
	for _, s := range subs {
		if s.op != opLit {
			return b.String(), false
		}
		b.WriteRune(s.r)
	}
	return b.String(), b.Len() > 0
}

// requiredLiteral returns the longest literal text found in every match
// of n (empty if none is known).
func requiredLiteral(n *node) string {
	switch n.op {
	case opLit:
		return string(n.r)
	case opGroup:
		return requiredLiteral(n.subs[0])
	case opRepeat:
		if n.min > 0 {
			return requiredLiteral(n.subs[0])
		}
	case opCat:
		best, run := "", ""
		for _, s := range n.subs {
			if s.op == opLit {
				run += string(s.r)
				if len(run) > len(best) {
					best = run
				}
				continue
			}
			run = ""
			if r := requiredLiteral(s); len(r) > len(best) {
				best = r
			}
		}
		return best
	}
	return ""
}

// firstBytes returns the bytes a match of n can start with and whether n
// can match the empty string (then any position can start a match).
func firstBytes(n *node, icase bool) (*[256]bool, bool) {
	set := new([256]bool)
	nullable := addFirst(set, n, icase)
	return set, nullable
}

// addFirst adds n's possible first bytes to set and reports whether n
// can match without consuming a character.
func addFirst(set *[256]bool, n *node, icase bool) bool {
	switch n.op {
	case opLit:
		addRune(set, n.r)
		if icase {
			for f := foldNext(n.r); f != n.r; f = foldNext(f) {
				addRune(set, f)
			}
		}
		return false
	case opClass:
		for r := rune(0); r < 0x80; r++ {
			if n.cls.match(r) {
				set[r] = true
			}
		}
		for c := 0x80; c < 0x100; c++ {
			set[c] = true // conservative for everything beyond ASCII
		}
		return false
	case opCat:
		for _, s := range n.subs {
			if !addFirst(set, s, icase) {
				return false
			}
		}
		return true
	case opAlt:
		nullable := false
		for _, s := range n.subs {
			if addFirst(set, s, icase) {
				nullable = true
			}
		}
		return nullable
	case opRepeat:
		if n.max == 0 {
			return true
		}
		return addFirst(set, n.subs[0], icase) || n.min == 0
	case opGroup:
		return addFirst(set, n.subs[0], icase)
	case opBackref:
		for c := range set {
			set[c] = true
		}
	}
	return true // empty, assertions, backreferences
}

// addRune adds the first byte of r's encoding; U+FFFD stands for any
// byte that is not UTF-8 too.
func addRune(set *[256]bool, r rune) {
	if r == utf8.RuneError {
		for c := 0x80; c < 0x100; c++ {
			set[c] = true
		}
	}
	var buf [utf8.UTFMax]byte
	utf8.EncodeRune(buf[:], r)
	set[buf[0]] = true
}

// foldNext is the next case variant of r (r itself when it has none).
func foldNext(r rune) rune { return unicode.SimpleFold(r) }
