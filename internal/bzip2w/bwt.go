package bzip2w

import (
	"bytes"
	"encoding/binary"
	"math"
	"slices"
)

// overshoot is how many bytes of a block's start are copied after its
// end, so that a rotation's next bytes read straight on across the end.
const overshoot = 256

// sorter sorts the rotations of a block (the Burrows-Wheeler transform)
// in 32-bit indexes. The usual path is bzip2's own plan: a radix sort on
// the first two bytes, then buckets by a three-way radix quicksort on
// 8-byte words (small groups by comparing whole rotations), the rest
// derived from them, under a work budget. Repetitive blocks (long
// repeats, short periods) exhaust the budget, or put many rotations
// more than 2 kB deep, and are sorted instead by prefix doubling
// (Manber and Myers; Larsson and Sadakane), which takes O(n log n)
// whatever the input, at the cost of a second array of ranks. Which
// path sorted a block changes nothing but the order of equal rotations
// (a periodic block's), so the bytes are bzip2's for any other block.
type sorter struct {
	sa   []int32 // the rotations' starts, in sorted order
	rank []int32 // prefix doubling: each rotation's group
	// ranks lends the rank array, shared by the coders of a stream;
	// nil: each block makes its own.
	ranks chan []int32
	// room is the largest block it is given (0: unknown): sa is made
	// that big at once, so that a block a few bytes longer than the
	// first does not make it again.
	room int
	ftab []int32 // the radix sort's 65536 buckets
	done []bool  // the buckets sorted
	work int     // budget left for the quicksort
}

// bwt sorts the rotations of b[:n] into s.sa[:n] and returns where the
// block itself (rotation 0) landed. b holds n+overshoot bytes: its
// start repeated after its end.
func (s *sorter) bwt(b []byte, n int) int {
	if cap(s.sa) < n+1 {
		// One more for the move-to-front's EOB.
		s.sa = make([]int32, n+1, max(n, s.room)+1)
	}
	sa := s.sa[:n]
	if n < 2 {
		sa[0] = 0
		return 0
	}
	if !s.quickSort(b, n) {
		s.doubling(b, n)
	}
	for i, p := range sa {
		if p == 0 {
			return i
		}
	}
	return 0
}

// quickSort is the usual path; false when the budget ran out, leaving
// s.sa to be sorted another way.
//
// As in bzip2, not every bucket is sorted: once the rotations starting
// with byte c are all sorted, the order of those starting with (x, c),
// for every x, follows by stepping one byte back from each in turn
// (Seward's copying), both ends of the bucket towards the middle, so
// that (c, c) too follows from the others. The big buckets are taken
// smallest first, so that the largest are the ones derived.
func (s *sorter) quickSort(b []byte, n int) bool {
	s.radix(b, n)
	s.work = budget*n + 100_000
	sa, ftab := s.sa[:n], s.ftab
	start := func(k int) int32 {
		if k == 0 {
			return 0
		}
		return ftab[k-1]
	}
	if s.done == nil {
		s.done = make([]bool, 65536)
	}
	done := s.done
	clear(done)
	var order [256]uint8
	for i := range order {
		order[i] = uint8(i)
	}
	size := func(c uint8) int32 { return start(int(c)<<8+256) - start(int(c)<<8) }
	slices.SortStableFunc(order[:], func(x, y uint8) int { return int(size(x) - size(y)) })
	var bigDone [256]bool
	var first, last [256]int32
	for _, ss := range order {
		for j := range 256 {
			k := int(ss)<<8 | j
			if j == int(ss) || done[k] {
				continue
			}
			if lo, hi := start(k), ftab[k]; hi-lo > 1 && !s.mkqs(b, n, sa[lo:hi], 2, n) {
				return false
			}
			done[k] = true
		}
		for c := range 256 {
			k := c<<8 | int(ss)
			first[c], last[c] = start(k), ftab[k]-1
		}
		for i := start(int(ss) << 8); i < first[ss]; i++ {
			p := sa[i] - 1
			if p < 0 {
				p += int32(n)
			}
			if c := b[p]; !bigDone[c] {
				sa[first[c]] = p
				first[c]++
			}
		}
		for i := start(int(ss)<<8+256) - 1; i > last[ss]; i-- {
			p := sa[i] - 1
			if p < 0 {
				p += int32(n)
			}
			if c := b[p]; !bigDone[c] {
				sa[last[c]] = p
				last[c]--
			}
		}
		bigDone[ss] = true
		for c := range 256 {
			done[c<<8|int(ss)] = true
		}
	}
	return true
}

// budget is the work per byte of block the quicksort may do (a rotation
// partitioned on a word, or 16 bytes of two compared) before prefix
// doubling takes over.
const budget = 200

// radix sorts the rotations on their first two bytes, leaving each
// bucket's end in ftab.
func (s *sorter) radix(b []byte, n int) {
	if s.ftab == nil {
		s.ftab = make([]int32, 65537)
	}
	ftab := s.ftab
	clear(ftab)
	for i := range n {
		ftab[int(b[i])<<8|int(b[i+1])]++
	}
	sum := int32(0)
	for i := range 65536 {
		sum += ftab[i]
		ftab[i] = sum - ftab[i]
	}
	sa := s.sa[:n]
	for i := range n {
		k := int(b[i])<<8 | int(b[i+1])
		sa[ftab[k]] = int32(i)
		ftab[k]++
	}
}

// mkqs sorts rotations that agree on their first d bytes by a three-way
// radix quicksort on bytes d to d+7, small groups by insertion, up to byte limit
// (n: to the end).
func (s *sorter) mkqs(b []byte, n int, sa []int32, d, limit int) bool {
	for len(sa) > 1 {
		if d >= limit {
			return true // equal rotations (a periodic block), or deep enough
		}
		if len(sa) < 12 && limit == n {
			s.insertion(b, n, sa, d)
			return s.work >= 0
		}
		s.work -= len(sa)
		if s.work < 0 || len(sa) > 1000 && d > 2048 {
			// Many rotations this much alike: a periodic or very
			// repetitive block, which would take the whole budget.
			return false
		}
		// Eight bytes at a time: a group of long repeats goes down
		// eight times faster.
		at := func(p int32) uint64 {
			k := int(p) + d
			if k >= n {
				k -= n
			}
			return binary.BigEndian.Uint64(b[k:])
		}
		pivot := med3(at(sa[0]), at(sa[len(sa)/2]), at(sa[len(sa)-1]))
		lt, i, gt := 0, 0, len(sa)
		for i < gt {
			c := at(sa[i])
			switch {
			case c < pivot:
				sa[lt], sa[i] = sa[i], sa[lt]
				lt++
				i++
			case c > pivot:
				gt--
				sa[i], sa[gt] = sa[gt], sa[i]
			default:
				i++
			}
		}
		// Recurse into the two smaller parts and go on with the
		// largest, so that the recursion is at most log n deep.
		less, eq, more := sa[:lt], sa[lt:gt], sa[gt:]
		switch {
		case len(eq) >= len(less) && len(eq) >= len(more):
			if !s.mkqs(b, n, less, d, limit) || !s.mkqs(b, n, more, d, limit) {
				return false
			}
			sa, d = eq, d+8
		case len(less) >= len(more):
			if !s.mkqs(b, n, eq, d+8, limit) || !s.mkqs(b, n, more, d, limit) {
				return false
			}
			sa = less
		default:
			if !s.mkqs(b, n, less, d, limit) || !s.mkqs(b, n, eq, d+8, limit) {
				return false
			}
			sa = more
		}
	}
	return true
}

func med3(a, b, c uint64) uint64 {
	if a > b {
		a, b = b, a
	}
	if b > c {
		b = c
	}
	return max(a, b)
}

// insertion sorts a few rotations agreeing on their first d bytes.
func (s *sorter) insertion(b []byte, n int, sa []int32, d int) {
	for i := 1; i < len(sa); i++ {
		v := sa[i]
		j := i
		for j > 0 && s.less(b, n, v, sa[j-1], d) {
			sa[j] = sa[j-1]
			j--
		}
		sa[j] = v
	}
}

// less compares rotations x and y from byte d on, charging the budget
// for the bytes found equal.
func (s *sorter) less(b []byte, n int, x, y int32, d int) bool {
	i, j := int(x)+d, int(y)+d
	if i >= n {
		i -= n
	}
	if j >= n {
		j -= n
	}
	for left := n - d; left > 0; {
		k := min(left, overshoot)
		if c := bytes.Compare(b[i:i+k], b[j:j+k]); c != 0 {
			s.work--
			return c < 0
		}
		s.work -= k / 16
		left -= k
		if i += k; i >= n {
			i -= n
		}
		if j += k; j >= n {
			j -= n
		}
	}
	return false
}

// doubling sorts the rotations by prefix doubling (Larsson and
// Sadakane's qsufsort, on rotations): sorted on their first h bytes, each
// group of equals is sorted on the group of the rotation h further on,
// which sorts them on 2h bytes. rank holds each rotation's group (the
// index of the group's last member in sa) or, once alone, its place; a
// run of such sorted places in sa is replaced by its negated length, so
// that later passes step over it. Groups still together once h reaches
// n are equal rotations, in any order.
func (s *sorter) doubling(b []byte, n int) {
	// The ranks are the stream's, one array lent to one coder at a time
	// (ranks): a repetitive block waits for another's to be sorted
	// rather than hold 4 bytes a byte more for good.
	var rank []int32
	if s.ranks != nil {
		rank = <-s.ranks
		defer func() { s.ranks <- rank }()
	}
	if cap(rank) < n {
		rank = make([]int32, n)
	}
	s.rank = rank[:n]
	defer func() { s.rank = nil }()
	sa, rank := s.sa[:n], s.rank
	// The first depth bytes by the quicksort, with no budget: it stops
	// at depth, so it is cheap whatever the block.
	const depth = 10 // two bytes of radix and a word of quicksort
	s.radix(b, n)
	s.work = math.MaxInt
	lo := int32(0)
	for k := range 65536 {
		hi := s.ftab[k]
		if hi-lo > 1 {
			s.mkqs(b, n, sa[lo:hi], 2, depth)
		}
		lo = hi
	}
	for lo := 0; lo < n; {
		hi := lo + 1
		for hi < n && bytes.Equal(b[sa[lo]:sa[lo]+depth], b[sa[hi]:sa[hi]+depth]) {
			hi++
		}
		for _, p := range sa[lo:hi] {
			rank[p] = int32(hi - 1)
		}
		if hi-lo == 1 {
			sa[lo] = -1
		}
		lo = hi
	}
	for h := depth; h < n; h *= 2 {
		i, sorted := 0, 0 // sorted: minus the length of the sorted run before i
		for i < n {
			if x := sa[i]; x < 0 {
				i -= int(x)
				sorted += int(x)
				continue
			}
			if sorted < 0 {
				sa[i+sorted] = int32(sorted)
				sorted = 0
			}
			end := int(rank[sa[i]]) + 1
			s.split(sa[i:end], i, h, n)
			i = end
		}
		if sorted < 0 {
			sa[i+sorted] = int32(sorted)
		}
		if int(-sa[0]) == n {
			break
		}
	}
	// Equal rotations left together (a periodic block) take their
	// places in the order of their starts. bzip2 1.0.8's order for them
	// depends on its sorting path, so such a block may differ from its
	// in origPtr alone (either decodes the same).
	for i := 0; i < n; {
		if x := sa[i]; x < 0 {
			i -= int(x)
			continue
		}
		end := int(rank[sa[i]]) + 1
		slices.Sort(sa[i:end])
		for j := i; j < end; j++ {
			rank[sa[j]] = int32(j)
		}
		i = end
	}
	for i, r := range rank {
		sa[r] = int32(i)
	}
}

// split sorts the group g (at base in sa) on the group of the rotation
// h further on, and gives each new group its number.
func (s *sorter) split(g []int32, base, h, n int) {
	key := func(p int32) int32 {
		k := int(p) + h
		if k >= n {
			k -= n
		}
		return s.rank[k]
	}
	for len(g) >= 8 {
		a, b, c := key(g[0]), key(g[len(g)/2]), key(g[len(g)-1])
		if a > b {
			a, b = b, a
		}
		if b > c {
			b = c
		}
		pivot := max(a, b)
		lt, i, gt := 0, 0, len(g)
		for i < gt {
			k := key(g[i])
			switch {
			case k < pivot:
				g[lt], g[i] = g[i], g[lt]
				lt++
				i++
			case k > pivot:
				gt--
				g[i], g[gt] = g[gt], g[i]
			default:
				i++
			}
		}
		// In order: the smaller keys first, then the equal ones become
		// a group, then the larger.
		if lt > 0 {
			s.split(g[:lt], base, h, n)
		}
		s.group(g[lt:gt], base+lt)
		g, base = g[gt:], base+gt
	}
	// A few: take the smallest keys out, one set after another,
	// reading the keys afresh each time as qsufsort does.
	for len(g) > 0 {
		m := 1
		min := key(g[0])
		for i := 1; i < len(g); i++ {
			switch k := key(g[i]); {
			case k < min:
				min = k
				g[0], g[i] = g[i], g[0]
				m = 1
			case k == min:
				g[m], g[i] = g[i], g[m]
				m++
			}
		}
		s.group(g[:m], base)
		g, base = g[m:], base+m
	}
}

// group makes g (at base in sa) one group: a rotation alone is sorted.
func (s *sorter) group(g []int32, base int) {
	if len(g) == 0 {
		return
	}
	num := int32(base + len(g) - 1)
	for _, p := range g {
		s.rank[p] = num
	}
	if len(g) == 1 {
		g[0] = -1
	}
}
