// Package diffalgo finds what changed between two sequences of lines,
// choosing the same changes as BusyBox's diff (editors/diff.c): Harold
// Stone's longest-common-subsequence algorithm as OpenBSD's diff has it,
// on line hashes, after trimming the common prefix and suffix.
//
// BusyBox's choice of hunks differs from GNU diff's wherever a change can
// be written several ways (which of two equal lines is kept, where an
// insertion goes). Scripts and tests compare diff output byte for byte,
// so this package reproduces BusyBox's choices exactly, quirks included:
// the candidate search gives up after max(256, sqrt(N)) tries per line
// unless Minimal is set (diff -d), and lines whose hashes collide are
// matched first and checked afterwards (Verify), which can leave a
// correct but longer diff, as in BusyBox.
//
// Lines are numbered from 1, as in diff's output. The result of Match is
// the match vector J: J[i] is the line of the new sequence that line i of
// the old one is kept as, or 0 when it is deleted. Hunks groups the
// changes it implies into the hunks of a unified diff.
//
// Memory is proportional to the number of lines (a few words per line),
// never to their length: callers hash lines as they stream them and keep
// only the hashes, and read lines again to verify and print them.
package diffalgo

import (
	"runtime"
	"slices"
)

// Hash is the hash BusyBox's diff gives a line: each byte b (or token,
// for callers that fold white space or case) is added as
// h = h*127 + b, starting from 0. Callers that need BusyBox's exact
// matches hash the line with its newline, or with the token 0x1ff in its
// place when the last line has none.
func Hash(h uint32, b uint32) uint32 { return h*127 + b }

// cand is a k-candidate of Stone's algorithm: lines x and y match, and
// pred is the candidate before it in the common subsequence. Line
// numbers and indexes here are int32, as C's int in BusyBox: there are
// about as many candidates as lines, and with class, member and klist
// they are most of diff's memory (a line's position already has to fit
// in 32 bits of the sort keys).
type cand struct {
	x, y, pred int32
}

// Match returns the match vector J of old and new, given the hash of each
// line (old[0] is line 1). J has len(old)+2 entries: J[0] = 0, J[i] for
// each line of old, and J[len(old)+1] = len(new)+1. minimal removes the
// limit on the candidates tried per line (diff -d), which can find a
// smaller set of changes on large inputs. Hashes are compared only on
// their low 31 bits, as in BusyBox; check the matches with Verify.
//
// Match works in old's and new's storage, as BusyBox overlays its class
// and member arrays on its line arrays: their contents are lost, and
// they must not share storage. Given a capacity of two more than their
// length, it allocates nothing else per line but the sort keys, J,
// klist and the candidates.
func Match(old, new []uint32, minimal bool) []int32 {
	n0, n1 := len(old), len(new)
	pref, suff := 0, 0
	for pref < n0 && pref < n1 && old[pref]&0x7fffffff == new[pref]&0x7fffffff {
		pref++
	}
	for suff < n0-pref && suff < n1-pref && old[n0-1-suff]&0x7fffffff == new[n1-1-suff]&0x7fffffff {
		suff++
	}
	// The lines between prefix and suffix, sorted by hash and then by
	// position (1-based within that part): each is one uint64, the hash
	// above the position, so that they sort as plain numbers.
	sorted := func(h []uint32) []uint64 {
		keys := make([]uint64, len(h)+1)
		for i, v := range h {
			keys[i+1] = uint64(v&0x7fffffff)<<32 | uint64(i+1)
		}
		slices.Sort(keys[1:])
		return keys
	}
	a := sorted(old[pref : n0-suff])
	b := sorted(new[pref : n1-suff])
	slen0, slen1 := len(a)-1, len(b)-1
	// The keys hold the hashes now: their storage takes the classes.
	member := overlay(new, slen1+2)
	class := overlay(old, slen0+2)
	clear(class)
	equiv(a, slen0, b, slen1, class, member)
	// The keys are garbage now, and the largest part of the heap: a
	// collection here lets J, klist and the candidates take their pages
	// (diff of two 800,000-line files: 24 MB private instead of 33 MB;
	// the collector would start only once the heap had grown by GOGC
	// percent). It costs well under a millisecond; small inputs skip it.
	if slen0+slen1 >= forceGC {
		runtime.GC()
	}
	J := make([]int32, n0+2)
	delta := n1 - n0
	for i := 0; i <= n0; i++ {
		switch {
		case i <= pref:
			J[i] = int32(i)
		case i > n0-suff:
			J[i] = int32(i + delta)
		}
	}
	stone(class, slen0, member, J, pref, min(slen0, slen1), minimal)
	J[n0+1] = int32(n1 + 1)
	return J
}

// forceGC is the number of lines (both sides) from which Match collects
// its sort keys (8 bytes a line) as soon as they are garbage.
const forceGC = 1 << 17

// overlay returns h's storage as n entries, or new storage if it is too
// small. Its entries are int32 values stored as uint32 (Go converts
// slices of one to the other only through unsafe): class and member
// read them back with int32().
func overlay(h []uint32, n int) []uint32 {
	if cap(h) >= n {
		return h[:n]
	}
	return make([]uint32, n)
}

// equiv gives each line of a (sorted keys: hash, position) in class, at
// its position, the index in b (sorted likewise) of the first line of
// its class of equal hashes, or 0; and lays b's classes out in c: each
// class's positions in order, the first negated, ending with -1.
func equiv(a []uint64, n int, b []uint64, m int, class, c []uint32) {
	i, j := 1, 1
	for i <= n && j <= m {
		va, vb := a[i]>>32, b[j]>>32
		switch {
		case va < vb:
			i++
		case va == vb:
			class[a[i]&0xffffffff] = uint32(j)
			i++
		default:
			j++
		}
	}
	j = 0
	for j++; j <= m; j++ {
		c[j] = uint32(-int32(b[j] & 0xffffffff))
		// BusyBox stops at a sentinel value 0 past the end, which a
		// class of hash 0 (blank lines under -w) runs through into
		// memory past the array: it then matches lines that do not
		// exist and prints garbage. Stopping at m is what it means.
		for j < m && b[j+1]>>32 == b[j]>>32 {
			j++
			c[j] = uint32(b[j] & 0xffffffff)
		}
	}
	c[j] = uint32(0xffffffff) // -1
}

// isqrt is libbb's integer square root: the largest x with x*x <= n.
func isqrt(n uint64) uint64 {
	var x uint64
	for shift := 62; shift >= 0; shift -= 2 {
		x = x<<1 + 1
		if x*x > n>>uint(shift) {
			x--
		}
	}
	return x
}

// search finds where y goes among the k-candidates (binary search on
// their y), as BusyBox's search.
func search(c []int32, k int, y int32, list []cand) int {
	if list[c[k]].y < y {
		return k + 1
	}
	i, j := 0, k+1
	for {
		l := (i + j) >> 1
		if l <= i {
			return l + 1
		}
		t := list[c[l]].y
		switch {
		case t > y:
			j = l
		case t < y:
			i = l
		default:
			return l
		}
	}
}

// stone finds a longest common subsequence of the n lines of class (each
// the start of its class in member, or 0) and records it in J, offset by
// the common prefix pref. At most most lines can be common: the
// candidates' first allocation, as there are about as many as matches.
func stone(a []uint32, n int, b []uint32, J []int32, pref, most int, minimal bool) {
	bound := uint64(1<<63 - 1)
	if !minimal {
		bound = max(256, isqrt(uint64(n)))
	}
	clist := make([]cand, 1, most+1)
	klist := make([]int32, most+2)
	k := 0
	for x := 1; x <= n; x++ {
		j := int32(a[x])
		if j == 0 {
			continue
		}
		oldl := 0
		var numtries uint64
		c := cand{x: int32(x), y: -int32(b[j]), pred: klist[0]}
		for {
			if c.y > clist[c.pred].y {
				l := search(klist, k, c.y, clist)
				if l != oldl+1 {
					c.pred = klist[l-1]
				}
				if l > k || clist[klist[l]].y > c.y {
					clist = append(clist, c)
					tc := klist[l]
					klist[l] = int32(len(clist) - 1)
					if l > k {
						k++
						break
					}
					c.pred = tc
					oldl = l
					numtries++
				}
			}
			j++
			c.y = int32(b[j])
			if c.y <= 0 || numtries >= bound {
				break
			}
		}
	}
	for q := clist[klist[k]]; q.y != 0; q = clist[q.pred] {
		J[int(q.x)+pref] = q.y + int32(pref)
	}
}

// Verify breaks the matches of J between lines that equal says differ
// (their hashes collided). It walks J as BusyBox does, each run of
// consecutive matches in order, so that a caller reading lines from a
// file reads forward; like BusyBox, it leaves unchecked a match that
// starts a new run right after another run ends, which only a second
// collision could make wrong.
func Verify(J []int32, equal func(i, j int) bool) {
	n := len(J) - 2
	for i := 1; i <= n; i++ {
		if J[i] == 0 {
			continue
		}
		for j := J[i]; i <= n && J[i] == j; i, j = i+1, j+1 {
			if !equal(i, int(j)) {
				J[i] = 0
			}
		}
	}
}

// Change is one change: lines A..B of the old sequence replaced by lines
// C..D of the new one. B is A-1 when nothing is deleted (lines are
// inserted after line B), D is C-1 when nothing is inserted.
type Change struct {
	A, B, C, D int
}

// Hunks calls fn with each hunk of a unified diff with context lines of
// context around each change: the changes, in order, whose gaps are at
// most 2*context unchanged lines. J is Match's result (after Verify); it
// is modified. fn's error stops the walk and is returned.
func Hunks(J []int32, context int, fn func([]Change) error) error {
	n := len(J) - 2
	ct := 2*context + 1
	var vec []Change
	i := 1
	for {
		for {
			var v Change
			for v.A = i; v.A <= n && J[v.A] == J[v.A-1]+1; v.A++ {
			}
			v.C = int(J[v.A-1]) + 1
			for v.B = v.A - 1; v.B < n && J[v.B+1] == 0; v.B++ {
			}
			v.D = int(J[v.B+1]) - 1
			if v.A <= v.B || v.C <= v.D {
				if len(vec) > 0 {
					last := vec[len(vec)-1]
					if v.A > last.B+ct && v.C > last.D+ct {
						break
					}
				}
				vec = append(vec, v)
			}
			i = v.B + 1
			if i > n {
				break
			}
			J[v.B] = int32(v.D)
		}
		if len(vec) > 0 {
			if err := fn(vec); err != nil {
				return err
			}
			vec = vec[:0]
		}
		if i > n {
			return nil
		}
	}
}

// Span returns the lines a hunk covers with its context, as the unified
// header "@@ -A,B +C,D @@" gives them: old lines A..B and new lines C..D
// (B < A, D < C for none), for sequences of n and m lines.
func Span(h []Change, context, n, m int) Change {
	first, last := h[0], h[len(h)-1]
	return Change{
		A: max(1, first.A-context), B: min(n, last.B+context),
		C: max(1, first.C-context), D: min(m, last.D+context),
	}
}

// Strings compares two sequences of strings and returns the changes,
// one Change per run of changed lines (no context merged), in BusyBox's
// choice.
func Strings(old, new []string) []Change {
	hash := func(s []string) []uint32 {
		h := make([]uint32, len(s), len(s)+2) // Match's arrays fit in it
		for i, l := range s {
			var v uint32
			for k := 0; k < len(l); k++ {
				v = Hash(v, uint32(l[k]))
			}
			h[i] = v
		}
		return h
	}
	J := Match(hash(old), hash(new), false)
	Verify(J, func(i, j int) bool { return old[i-1] == new[j-1] })
	var out []Change
	Hunks(J, 0, func(h []Change) error {
		out = append(out, h...)
		return nil
	})
	return out
}
