package bzip2w

import (
	"bytes"
	"math"
	"math/bits"
)

// The fallback sort is bzip2 1.0.8's own for repetitive blocks
// (fallbackSort: Manber and Myers' doubling, each bucket of rotations
// equal on their first h bytes sorted by the bucket of the rotation h
// further on). A periodic block's is taken step for step, so that the
// rotations it leaves equal are in bzip2's order and origPtr is
// bzip2's too; any other block has one sorted order, reached sooner
// from 10 bytes deep.
//
// bzip2 holds each rotation's key (eclass, the bucket of the rotation h
// further on) in a second array of 4 bytes a byte, laid over its block.
// Here it fits in the arrays the coder already has, sa and the block:
// a block is under 2^20 bytes, so a start and a bucket take 20 bits
// each, 40 bits a byte of block, which are sa's 32 and the block's 8.
// sa[k]'s low 20 bits are rotation k's key (read at random, so in one
// word); its high 12 bits and b[k] are the start of the k-th rotation in
// sorted order (read in sequence). The block is rebuilt at the end from
// its byte counts and the sorted order, as bzip2 rebuilds its own, and
// the bucket heads are a bit each in ftab, as in bzip2.

const (
	classBits = 20 // of sa[k]: rotation k's bucket
	classMask = 1<<classBits - 1
	// maxFallback is the longest block the packing holds (blocks
	// are 899,985 bytes at most).
	maxFallback = 1 << classBits
	// smallSort is bzip2's FALLBACK_QSORT_SMALL_THRESH: ranges of up
	// to this many rotations are sorted by insertion.
	smallSort = 10
	// depth is where the fallback starts on a block that is not
	// periodic: two bytes of radix and a word of quicksort.
	depth = 10
)

// periodic reports whether b[:n] is a pattern repeated over the whole
// block (a period p dividing n, p < n): then, and only then, some
// rotations are equal, and their order is the sort's own.
func periodic(b []byte, n int) bool {
	for d := 1; d*d <= n; d++ {
		if n%d != 0 {
			continue
		}
		for _, p := range [2]int{d, n / d} {
			if p < n && bytes.Equal(b[:n-p], b[p:n]) {
				return true
			}
		}
	}
	return false
}

// packed is sa and the block, holding the sorted starts (fmap) and each
// rotation's key (class) as above.
type packed struct {
	w []int32
	b []byte
}

// fmap is the start of the i-th rotation in sorted order.
func (p packed) fmap(i int) int32 {
	return int32(uint32(p.w[i])>>classBits<<8) | int32(p.b[i])
}

// class is rotation k's key.
func (p packed) class(k int32) int32 { return p.w[k] & classMask }

// key is the key of the i-th rotation in sorted order.
func (p packed) key(i int) int32 { return p.class(p.fmap(i)) }

// The bucket heads, a bit for each place in sorted order.
func setBit(bh []int32, k int) { bh[k>>5] |= 1 << (k & 31) }

func isSet(bh []int32, k int) bool { return bh[k>>5]>>(k&31)&1 != 0 }

// nextClear is the first place from k on whose bit is clear.
func nextClear(bh []int32, k int) int {
	w := k >> 5
	if x := ^uint32(bh[w]) >> (k & 31); x != 0 {
		return k + bits.TrailingZeros32(x)
	}
	for w++; bh[w] == -1; w++ {
	}
	return w<<5 + bits.TrailingZeros32(^uint32(bh[w]))
}

// nextSet is the first place from k on whose bit is set.
func nextSet(bh []int32, k int) int {
	w := k >> 5
	if x := uint32(bh[w]) >> (k & 31); x != 0 {
		return k + bits.TrailingZeros32(x)
	}
	for w++; bh[w] == 0; w++ {
	}
	return w<<5 + bits.TrailingZeros32(uint32(bh[w]))
}

// fallback sorts the rotations of b[:n] into s.sa[:n] as bzip2's
// fallbackSort does, leaving b as it was.
func (s *sorter) fallback(b []byte, n int) {
	if n >= maxFallback {
		panic("bzip2w: block too long for the fallback sort")
	}
	if s.ftab == nil {
		s.ftab = make([]int32, 65537)
	}
	sa := s.sa[:n]
	var count [256]int32
	for _, c := range b[:n] {
		count[c]++
	}
	bh := s.ftab[:n/32+3] // to bit n+63
	h := int32(1)
	if periodic(b, n) {
		// bzip2's start, so that equal rotations end in its order: a
		// radix on the first byte, the starts going down within a
		// bucket.
		var head [256]int32
		sum := int32(0)
		for c := range 256 {
			sum += count[c]
			head[c] = sum
		}
		for i := range n {
			c := b[i]
			head[c]--
			sa[head[c]] = int32(i)
		}
		clear(bh)
		for _, h := range head {
			setBit(bh, int(h))
		}
	} else {
		// No two rotations are equal, so the sorted order is the
		// same however it is reached: the first rounds (h = 1 to 8,
		// of large buckets) are skipped by sorting on the first
		// depth bytes with the quicksort, cheap whatever the block.
		h = depth
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
		clear(bh)
		setBit(bh, 0)
		for i := 1; i < n; i++ {
			if x, y := int(sa[i-1]), int(sa[i]); !bytes.Equal(b[x:x+depth], b[y:y+depth]) {
				setBit(bh, i)
			}
		}
	}
	// Past the end, set and clear bits in turn stop both searches.
	for i := range 32 {
		setBit(bh, n+2*i)
	}
	// From here the block is its byte counts (it is rebuilt at the
	// end), and b holds the starts' low bytes.
	for k, v := range sa {
		b[k] = byte(v)
		sa[k] = int32(uint32(v) >> 8 << classBits)
	}
	p := packed{sa, b[:n]}
	bn := b[:n] // sa's length, known to the compiler
	fmap := func(i int) int32 {
		return int32(uint32(sa[i])>>classBits<<8 | uint32(bn[i]))
	}

	for {
		// Each rotation's bucket (the head of its place's bucket),
		// stored as the key of the rotation h before it.
		j, hn := int32(0), h%int32(n) // h > n only from depth on a tiny block
		for i := range n {
			if isSet(bh, i) {
				j = int32(i)
			}
			k := fmap(i) - hn
			if k < 0 {
				k += int32(n)
			}
			sa[k] = sa[k]&^classMask | j
		}
		notDone, split := 0, false
		for r := -1; ; {
			// The next bucket of more than one rotation: [l, r].
			l := nextClear(bh, r+1) - 1
			if l >= n {
				break
			}
			r = nextSet(bh, l+1) - 1
			if r >= n {
				break
			}
			if r > l {
				notDone += r - l + 1
				if r-l < smallSort {
					p.simpleSort(l, r) // as qsort3 would, without its stack
				} else {
					p.qsort3(l, r)
				}
				cc := p.key(l)
				for i := l + 1; i <= r; i++ {
					if k := sa[fmap(i)] & classMask; k != cc {
						setBit(bh, i)
						cc = k
						split = true
					}
				}
			}
		}
		h *= 2
		// A round that split no bucket leaves none for later ones to
		// split (rotations equal on h bytes were equal on 2h, so on
		// 4h...), and a bucket of equal keys stays as it is: bzip2
		// goes on to h > n (20 rounds at 900 kB) moving nothing.
		if h > int32(n) || notDone == 0 || !split {
			break
		}
	}

	// sa in plain starts, and the block again, byte by byte in sorted
	// order.
	for i := range sa {
		sa[i] = fmap(i)
	}
	c := 0
	for _, v := range sa {
		for count[c] == 0 {
			c++
		}
		count[c]--
		b[v] = byte(c)
	}
	for i := range overshoot {
		b[n+i] = b[i%n]
	}
}

// qsort3 sorts places lo to hi (inclusive) on their keys: bzip2's
// fallbackQSort3, a three-way quicksort whose pivot is picked by a
// small pseudo-random sequence, with its stack and its order, so that
// equal keys end where bzip2 leaves them.
func (p packed) qsort3(lo, hi int) {
	// The accessors again, on local slices the compiler keeps in
	// registers and knows to be of one length: a third faster.
	w, b := p.w, p.b[:len(p.w)]
	key := func(i int) int32 {
		return w[uint32(w[i])>>classBits<<8|uint32(b[i])] & classMask
	}
	swap := func(i, j int) {
		x, y := w[i], w[j]
		d := (x ^ y) &^ classMask
		w[i], w[j] = x^d, y^d
		b[i], b[j] = b[j], b[i]
	}
	type span struct{ lo, hi int }
	var stack [100]span
	stack[0] = span{lo, hi}
	sp := 1
	r := uint32(0)
	for sp > 0 {
		sp--
		lo, hi := stack[sp].lo, stack[sp].hi
		if hi-lo < smallSort {
			p.simpleSort(lo, hi)
			continue
		}
		r = (r*7621 + 1) % 32768
		var med int32
		switch r % 3 {
		case 0:
			med = key(lo)
		case 1:
			med = key((lo + hi) >> 1)
		default:
			med = key(hi)
		}
		unLo, ltLo, unHi, gtHi := lo, lo, hi, hi
		for {
			for unLo <= unHi {
				k := key(unLo)
				if k == med {
					if unLo != ltLo {
						swap(unLo, ltLo)
					}
					ltLo++
					unLo++
					continue
				}
				if k > med {
					break
				}
				unLo++
			}
			for unLo <= unHi {
				k := key(unHi)
				if k == med {
					if unHi != gtHi {
						swap(unHi, gtHi)
					}
					gtHi--
					unHi--
					continue
				}
				if k < med {
					break
				}
				unHi--
			}
			if unLo > unHi {
				break
			}
			swap(unLo, unHi)
			unLo++
			unHi--
		}
		if gtHi < ltLo {
			continue // all equal
		}
		// The equal keys, gathered at both ends, go to the middle.
		m := min(ltLo-lo, unLo-ltLo)
		for i := range m {
			swap(lo+i, unLo-m+i)
		}
		m = min(hi-gtHi, gtHi-unHi)
		for i := range m {
			swap(unLo+i, hi-m+1+i)
		}
		n := lo + unLo - ltLo - 1
		m = hi - (gtHi - unHi) + 1
		if n-lo > hi-m {
			stack[sp], stack[sp+1] = span{lo, n}, span{m, hi}
		} else {
			stack[sp], stack[sp+1] = span{m, hi}, span{lo, n}
		}
		sp += 2
	}
}

// simpleSort is bzip2's fallbackSimpleSort: insertion from the end, in
// steps of 4 then of 1. On local slices, as qsort3.
func (p packed) simpleSort(lo, hi int) {
	if lo == hi {
		return
	}
	w, b := p.w, p.b[:len(p.w)]
	for _, step := range [2]int{4, 1} {
		if step == 4 && hi-lo <= 3 {
			continue
		}
		for i := hi - step; i >= lo; i-- {
			// The i-th start, v, in its two parts.
			hiBits, lowByte := w[i]&^classMask, b[i]
			k := w[uint32(hiBits)>>(classBits-8)|uint32(lowByte)] & classMask
			j := i + step
			for ; j <= hi; j += step {
				x, y := w[j]&^classMask, b[j]
				if k <= w[uint32(x)>>(classBits-8)|uint32(y)]&classMask {
					break
				}
				w[j-step] = w[j-step]&classMask | x
				b[j-step] = y
			}
			if j != i+step {
				w[j-step] = w[j-step]&classMask | hiBits
				b[j-step] = lowByte
			}
		}
	}
}
