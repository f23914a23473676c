package grep

import (
	"bytes"

	"gobox/internal/regex"
)

// A finder looks for the patterns in a buffer of whole lines at once
// rather than line by line, as GNU grep does: the lines before the first
// place where some pattern matches cannot be found by any, and are
// skipped in bulk (counted, kept for -B, printed by -v). The line where
// it matches is then matched on its own, exactly as BusyBox would
// (match.go), unless the match lies inside that line and no position is
// needed: then the line is found.
//
// A regular expression is searched for in the buffer compiled with
// Newline, where '.' and [^...] stop at a newline and ^ and $ match at
// one: a match inside one line is then the same match as on that line
// alone, and a line that has a match has one that the buffer search
// meets no later than it. A match that runs over a newline (\s can)
// only makes its first line a candidate, which matching it alone
// settles.
type finder struct {
	ms []memo
}

// searcher finds the first match of one pattern (or of a set of
// literals) in b: its span, or -1, -1; a searcher that finds only where
// a match may start gives an end of -1.
type searcher interface {
	search(b []byte) (so, eo int)
}

// memo remembers a searcher's last answer for the buffer being scanned:
// a match found is still the next one while the scan has not passed its
// start, and "none" holds for as much of the buffer as was searched.
type memo struct {
	s          searcher
	so, eo     int
	from, upto int
	valid      bool
}

func (m *memo) next(b []byte, from int) (int, int) {
	if m.valid && m.from <= from && (m.so >= from || m.so < 0 && len(b) <= m.upto) {
		return m.so, m.eo
	}
	so, eo := m.s.search(b[from:])
	if so >= 0 {
		so += from
		if eo >= 0 {
			eo += from
		}
	}
	m.so, m.eo, m.from, m.upto, m.valid = so, eo, from, len(b), true
	return so, eo
}

// reset forgets the answers: the buffer has changed.
func (f *finder) reset() {
	for i := range f.ms {
		f.ms[i].valid = false
	}
}

// next returns the span of the first match at or after from (a line
// start) in b, or -1, -1.
func (f *finder) next(b []byte, from int) (so, eo int) {
	so, eo = -1, -1
	for i := range f.ms {
		s, e := f.ms[i].next(b, from)
		if s >= 0 && (so < 0 || s < so) {
			so, eo = s, e
		}
	}
	return so, eo
}

type litSearch []byte

func (l litSearch) search(b []byte) (int, int) {
	i := bytes.Index(b, l)
	if i < 0 {
		return -1, -1
	}
	return i, i + len(l)
}

type foldSearch struct{ f *foldIndex }

func (s foldSearch) search(b []byte) (int, int) {
	i := s.f.index(b)
	if i < 0 {
		return -1, -1
	}
	return i, i + len(s.f.low)
}

type reSearch struct{ re *regex.Regexp }

func (s reSearch) search(b []byte) (int, int) {
	return s.re.FindIndex(b, false)
}

// candSearch finds a literal that every match of a pattern begins
// with: the line where it occurs is a candidate, never found by it (its
// span has no end).
type candSearch []byte

func (c candSearch) search(b []byte) (int, int) {
	return bytes.Index(b, c), -1
}

// manyLiterals is the number of literal patterns from which one scan
// for them all (multiLit) beats a substring search for each.
const manyLiterals = 8

// newFinder returns the finder for grep's patterns, or nil where lines
// must be matched one by one: an empty pattern (every line is a
// candidate), a regular expression with -z (its lines hold newlines) or
// with \` or \' (which a buffer moves), or one that does not compile
// (BusyBox reports that only when a line first needs the pattern; the
// line-by-line path does the same). A pattern with a backreference is
// matched by backtracking, which costs more over a buffer than over its
// lines: its literal prefix, if it has one, finds the candidate lines,
// as a prefix of three bytes or more does for any pattern.
func (g *grep) newFinder() *finder {
	allLit := true
	for _, p := range g.pats {
		if len(p.text) == 0 {
			return nil
		}
		allLit = allLit && p.lit
	}
	if allLit && len(g.pats) > manyLiterals {
		pats := make([][]byte, len(g.pats))
		for i, p := range g.pats {
			pats[i] = p.text
			if p.fold != nil {
				pats[i] = p.fold.low
			}
		}
		return &finder{ms: []memo{{s: newMultiLit(pats, g.opts.icase)}}}
	}
	f := &finder{}
	for _, p := range g.pats {
		s := g.searcher(p)
		if s == nil {
			return nil
		}
		f.ms = append(f.ms, memo{s: s})
	}
	return f
}

// searcher returns how the finder looks for p, or nil if it cannot.
func (g *grep) searcher(p *pattern) searcher {
	switch {
	case p.lit && p.fold != nil:
		return foldSearch{p.fold}
	case p.lit:
		return litSearch(p.text)
	case g.opts.nul || bytes.Contains(p.text, []byte("\\`")) || bytes.Contains(p.text, []byte("\\'")):
		return nil
	}
	re, err := regex.Compile(string(p.text), g.reFlags(regex.Newline|regex.NoSub))
	if err != nil {
		return nil
	}
	prefix, complete := re.LiteralPrefix()
	if g.opts.icase {
		prefix = ""
	}
	switch {
	case complete && prefix != "":
		return litSearch(prefix)
	case len(prefix) >= 3 || prefix != "" && hasBackref(p.text):
		// Measured: a substring search, then the candidate line
		// alone, is several times faster than the engine's search
		// of a buffer when the prefix is rare enough.
		return candSearch(prefix)
	case !hasBackref(p.text):
		return reSearch{re}
	}
	return nil
}

// hasBackref reports whether a pattern holds a backreference, \1 to \9.
func hasBackref(t []byte) bool {
	for i := 0; i+1 < len(t); i++ {
		if t[i] == '\\' {
			if '1' <= t[i+1] && t[i+1] <= '9' {
				return true
			}
			i++
		}
	}
	return false
}
