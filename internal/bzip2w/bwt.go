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
// derived from them, under a work budget. Small blocks, and repetitive
// ones (long repeats, short periods), which exhaust the budget or put
// many rotations deep (mkqs), are sorted instead by bzip2's fallback
// sort (fallback.go), in the same arrays. Equal rotations (a
// periodic block's) are left to it too, so that they come out in
// bzip2's order: the bytes are bzip2's whichever path sorted a block.
type sorter struct {
	sa []int32 // the rotations' starts, in sorted order
	// room is the largest block it is given (0: unknown): sa is made
	// that big at once, so that a block a few bytes longer than the
	// first does not make it again.
	room int
	ftab []int32 // the radix sort's 65536 buckets; the fallback's bits
	done []bool  // the buckets sorted
	work int     // budget left for the quicksort
	// longest is the most bytes two rotations may be found to share
	// before the quicksort gives up.
	longest int
}

// smallBlock: blocks shorter than this go straight to the fallback sort,
// as in bzip2 1.0.8.
const smallBlock = 10000

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
	if n < smallBlock || !s.quickSort(b, n) {
		s.fallback(b, n)
	}
	for i, p := range sa {
		if p == 0 {
			return i
		}
	}
	return 0
}

// quickSort is the usual path; false when the budget ran out or two
// rotations were found equal, leaving s.sa to be sorted another way.
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
	// Twice the repeat whose pairs take the budget (len^2/64).
	s.longest = 2 * int(math.Sqrt(64*float64(s.work)))
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
// partitioned on a word, or 16 bytes of two compared) before the
// fallback sort takes over.
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
// radix quicksort on bytes d to d+7, small groups by insertion, up to
// byte limit (n: to the end).
func (s *sorter) mkqs(b []byte, n int, sa []int32, d, limit int) bool {
	for len(sa) > 1 {
		if d >= limit {
			// Deep enough; or, at n, equal rotations (a periodic
			// block), left to the fallback.
			return limit < n
		}
		if len(sa) < 12 && limit == n {
			s.insertion(b, n, sa, d)
			return s.work >= 0
		}
		s.work -= len(sa)
		if s.work < 0 || len(sa) > 1000 && (d > 2048 || len(sa)*d > 16*n) {
			// Many rotations this much alike: a periodic or very
			// repetitive block, which would take the whole budget.
			// (Of 100 blocks of log lines or of a binary, none had
			// a group of more than 1000 rotations past depth 64, nor
			// one whose size times its depth passed 0.12n: y\n
			// repeated has two groups of n/2 down to the end.)
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
// for the bytes found equal. Equal rotations (a periodic block) use up
// the budget: their order is the fallback sort's.
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
		if n-left > s.longest {
			// A repeat this long costs more than the whole budget
			// to sort by comparing (each of its pairs compared down
			// to its end, about len^2/64 over the buckets not
			// derived): give up now, not seconds later.
			s.work = -1
			return false
		}
		if i += k; i >= n {
			i -= n
		}
		if j += k; j >= n {
			j -= n
		}
	}
	s.work = -1
	return false
}
