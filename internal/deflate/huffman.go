package deflate

import (
	"encoding/binary"
	"math/bits"
	"slices"
)

// huffman is a block's codes and the scratch space that builds them,
// kept in the Compressor so that a block allocates nothing.
type huffman struct {
	litLen  [numLit]uint8
	litCode [numLit]uint16 // bit-reversed: DEFLATE sends codes first bit first
	distLen [numDist]uint8
	distCod [numDist]uint16
	clLen   [numCL]uint8
	clCode  [numCL]uint16
	clFreq  [numCL]uint32
	lenCode [256]uint32 // by match length-3: code and extra bits
	lenBits [256]uint8

	// The code lengths of the literal/length and distance codes,
	// run-length coded: a code-length symbol and its extra bits' value.
	rle  [numLit + numDist]uint16
	nrle int

	// Tree building: leaves sorted by frequency (frequency<<9 | symbol),
	// internal nodes' weights, the parent of each leaf and node, depths.
	sorted  [numLit]uint32
	weight  [numLit]uint32
	lparent [numLit]uint16
	nparent [numLit]uint16
	depth   [numLit]uint8
	count   [16]uint16
}

// clOrder is the order code-length code lengths are sent in.
func clOrder(i int) int {
	const order = "\x10\x11\x12\x00\x08\x07\x09\x06\x0a\x05\x0b\x04\x0c\x03\x0d\x02\x0e\x01\x0f"
	return int(order[i])
}

// buildLengths gives the symbols with a non-zero freq code lengths of at
// most maxBits, making a complete code of the fewest bits (a Huffman
// code, its overlong codes folded back as zlib does), at least two
// codes of one bit when fewer than two symbols occur.
func (h *huffman) buildLengths(freq []uint32, lens []uint8, maxBits int) {
	clear(lens)
	n := 0
	for s, f := range freq {
		if f != 0 {
			h.sorted[n] = f<<9 | uint32(s)
			n++
		}
	}
	if n < 2 {
		// Two one-bit codes: the symbol used (if any) and another.
		used := 0
		if n == 1 {
			used = int(h.sorted[0] & 511)
		}
		lens[used] = 1
		if used == 0 {
			lens[1] = 1
		} else {
			lens[0] = 1
		}
		return
	}
	sorted := h.sorted[:n]
	slices.Sort(sorted)
	// Huffman's algorithm with two queues: the leaves in order of
	// weight, and the internal nodes, made in order of weight too.
	leaf, node := 0, 0
	for k := 0; k < n-1; k++ {
		var w uint32
		for range 2 {
			if leaf < n && (node >= k || sorted[leaf]>>9 <= h.weight[node]) {
				w += sorted[leaf] >> 9
				h.lparent[leaf] = uint16(k)
				leaf++
			} else {
				w += h.weight[node]
				h.nparent[node] = uint16(k)
				node++
			}
		}
		h.weight[k] = w
	}
	h.depth[n-2] = 0
	for k := n - 3; k >= 0; k-- {
		h.depth[k] = h.depth[h.nparent[k]] + 1
	}
	clear(h.count[:])
	long := false
	for i := range n {
		d := int(h.depth[h.lparent[i]]) + 1
		if d > maxBits {
			long, d = true, maxBits
		}
		h.count[d]++
	}
	if long {
		// Codes cut to maxBits make the Kraft sum exceed 1: count the
		// excess (in units of 2^-maxBits), then remove it a unit at a
		// time: a leaf at the deepest level below maxBits becomes the
		// parent of itself and of a leaf from maxBits. There are
		// always such leaves: the excess is less than the codes cut.
		k := 0
		for d := 1; d <= maxBits; d++ {
			k += int(h.count[d]) << (maxBits - d)
		}
		for k > 1<<maxBits {
			d := maxBits - 1
			for h.count[d] == 0 {
				d--
			}
			h.count[d]--
			h.count[d+1] += 2
			h.count[maxBits]--
			k--
		}
	}
	// The least frequent leaves get the longest codes.
	i := 0
	for d := maxBits; d >= 1; d-- {
		for range h.count[d] {
			lens[sorted[i]&511] = uint8(d)
			i++
		}
	}
}

// buildCodes gives each symbol of lens its canonical code, bit-reversed.
func buildCodes(lens []uint8, codes []uint16) {
	var count, next [16]uint16
	for _, l := range lens {
		count[l]++
	}
	count[0] = 0
	code := uint16(0)
	for l := 1; l < 16; l++ {
		code = (code + count[l-1]) << 1
		next[l] = code
	}
	for s, l := range lens {
		if l != 0 {
			codes[s] = bits.Reverse16(next[l]) >> (16 - l)
			next[l]++
		}
	}
}

// runLengths codes the code lengths of the literal/length (hlit of
// them) and distance codes (hdist) with the code-length alphabet: 16
// repeats the previous length 3-6 times, 17 and 18 repeat a zero 3-10
// and 11-138 times. It counts the symbols in clFreq.
func (h *huffman) runLengths(hlit, hdist int) {
	clear(h.clFreq[:])
	h.nrle = 0
	emit := func(sym, extra int) {
		h.rle[h.nrle] = uint16(sym) | uint16(extra)<<8
		h.nrle++
		h.clFreq[sym]++
	}
	get := func(i int) uint8 {
		if i < hlit {
			return h.litLen[i]
		}
		return h.distLen[i-hlit]
	}
	total := hlit + hdist
	for i := 0; i < total; {
		l := get(i)
		run := 1
		for i+run < total && get(i+run) == l {
			run++
		}
		i += run
		if l == 0 {
			for run >= 11 {
				r := min(run, 138)
				emit(18, r-11)
				run -= r
			}
			if run >= 3 {
				emit(17, run-3)
				run = 0
			}
		} else {
			emit(int(l), 0)
			run--
			for run >= 3 {
				r := min(run, 6)
				emit(16, r-3)
				run -= r
			}
		}
		for ; run > 0; run-- {
			emit(int(l), 0)
		}
	}
}

// clExtra is the count of extra bits after code-length symbol s.
func clExtra(s int) uint {
	switch s {
	case 16:
		return 2
	case 17:
		return 3
	case 18:
		return 7
	}
	return 0
}

// fixedLitLen is the length of literal/length symbol s in the fixed code.
func fixedLitLen(s int) uint8 {
	switch {
	case s < 144:
		return 8
	case s < 256:
		return 9
	case s < 280:
		return 7
	}
	return 8
}

// flushBlock writes the block of the symbols gathered (last: the final
// block), the smallest of dynamic, fixed and stored, and empties it.
func (c *Compressor) flushBlock(last bool) {
	h := &c.huff
	c.litFreq[endBlock] = 1
	h.buildLengths(c.litFreq[:], h.litLen[:], 15)
	h.buildLengths(c.distFreq[:], h.distLen[:], 15)
	hlit := numLit
	for hlit > 257 && h.litLen[hlit-1] == 0 {
		hlit--
	}
	hdist := numDist
	for hdist > 1 && h.distLen[hdist-1] == 0 {
		hdist--
	}
	h.runLengths(hlit, hdist)
	h.buildLengths(h.clFreq[:], h.clLen[:], 7)
	hclen := numCL
	for hclen > 4 && h.clLen[clOrder(hclen-1)] == 0 {
		hclen--
	}

	// Sizes in bits, the 3 header bits aside: the extra bits of lengths
	// and distances are the same in both codes.
	var extra, dyn, fixed uint64
	for s := 257; s < numLit; s++ {
		if f := uint64(c.litFreq[s]); f != 0 {
			extra += f * uint64(lengthCodeExtra(s-257))
		}
	}
	for s, f := range c.distFreq {
		if f != 0 {
			extra += uint64(f) * uint64(distCodeExtra(s))
			dyn += uint64(f) * uint64(h.distLen[s])
			fixed += uint64(f) * 5
		}
	}
	for s, f := range c.litFreq {
		if f != 0 {
			dyn += uint64(f) * uint64(h.litLen[s])
			fixed += uint64(f) * uint64(fixedLitLen(s))
		}
	}
	dyn += 14 + 3*uint64(hclen)
	for _, r := range h.rle[:h.nrle] {
		s := int(r & 0xff)
		dyn += uint64(h.clLen[s]) + uint64(clExtra(s))
	}
	dynBytes := (dyn + extra + 3 + 7) >> 3
	fixedBytes := (fixed + extra + 3 + 7) >> 3
	best := min(dynBytes, fixedBytes)

	stored := c.strstart - c.blockStart
	switch {
	case c.blockStart >= 0 && uint64(stored+4+5*(stored/(maxStored+1))) <= best:
		p := c.win[c.blockStart:c.strstart]
		for len(p) > maxStored {
			c.storedBlock(p[:maxStored], false)
			p = p[maxStored:]
		}
		c.storedBlock(p, last)
	case fixedBytes <= dynBytes:
		c.fixedCodes()
		c.writeBits(uint64(b2u(last))|1<<1, 3)
		c.writeSyms(int(fixedBytes))
	default:
		buildCodes(h.litLen[:], h.litCode[:])
		buildCodes(h.distLen[:], h.distCod[:])
		buildCodes(h.clLen[:], h.clCode[:])
		c.writeBits(uint64(b2u(last))|2<<1, 3)
		c.writeBits(uint64(hlit-257)|uint64(hdist-1)<<5|uint64(hclen-4)<<10, 14)
		for i := range hclen {
			c.writeBits(uint64(h.clLen[clOrder(i)]), 3)
		}
		for _, r := range h.rle[:h.nrle] {
			s := int(r & 0xff)
			c.writeBits(uint64(h.clCode[s])|uint64(r>>8)<<h.clLen[s], uint(h.clLen[s])+clExtra(s))
		}
		c.writeSyms(int(dynBytes))
	}
	c.clearBlock()
	c.blockStart = c.strstart
}

// fixedCodes sets the block's codes to the fixed ones.
func (c *Compressor) fixedCodes() {
	h := &c.huff
	// The fixed code has 288 literal/length symbols: the two unused
	// ones move the 9-bit codes, so they count.
	var lens [numLit + 2]uint8
	var codes [numLit + 2]uint16
	for s := range lens {
		lens[s] = fixedLitLen(s)
	}
	buildCodes(lens[:], codes[:])
	copy(h.litLen[:], lens[:])
	copy(h.litCode[:], codes[:])
	for s := range h.distLen {
		h.distLen[s] = 5
	}
	buildCodes(h.distLen[:], h.distCod[:])
}

func b2u(b bool) uint32 {
	if b {
		return 1
	}
	return 0
}

// lengthCodeExtra is the count of extra bits of length code index i.
func lengthCodeExtra(i int) int {
	if i < 8 || i == 28 {
		return 0
	}
	return (i - 4) >> 2
}

// distCodeExtra is the count of extra bits of distance code i.
func distCodeExtra(i int) int {
	if i < 4 {
		return 0
	}
	return (i - 2) >> 1
}

// writeSyms writes the block's symbols and its end with the current
// codes, size bytes in all. Each symbol's bits (48 at most) join the
// few left in a 64-bit word, which is stored whole and advanced by the
// bytes completed: no test per symbol of how full the word is, the
// buffer grown once (by size and the 8 bytes a store may write past).
func (c *Compressor) writeSyms(size int) {
	h := &c.huff
	// A match's length code and extra bits, by length, for this block.
	for l := range h.lenCode {
		lc := 257 + lengthCode(uint32(l))
		eb, ev := lengthExtra(uint32(l))
		h.lenCode[l] = uint32(h.litCode[lc]) | ev<<h.litLen[lc]
		h.lenBits[l] = h.litLen[lc] + uint8(eb)
	}
	out := slices.Grow(c.out, size+16)
	buf := out[:cap(out)]
	pos := len(out)
	acc, nb := c.bits, c.nbits
	for nb >= 8 {
		buf[pos] = byte(acc)
		pos++
		acc >>= 8
		nb -= 8
	}
	syms := c.syms[:4*c.nsyms]
	for i := 0; i+3 < len(syms); i += 4 {
		s := binary.LittleEndian.Uint32(syms[i:])
		if d := s >> 16; d == 0 {
			acc |= uint64(h.litCode[s&0xff]) << nb
			nb += uint(h.litLen[s&0xff])
		} else {
			l := s & 0xff
			acc |= uint64(h.lenCode[l]) << nb
			nb += uint(h.lenBits[l])
			d--
			dc := distCode(d)
			eb, ev := distExtra(d)
			acc |= (uint64(h.distCod[dc]) | uint64(ev)<<h.distLen[dc]) << nb
			nb += uint(h.distLen[dc]) + eb
		}
		binary.LittleEndian.PutUint64(buf[pos:], acc)
		k := nb >> 3
		pos += int(k)
		acc >>= k * 8
		nb &= 7
	}
	c.bits, c.nbits, c.out = acc, nb, buf[:pos]
	c.writeBits(uint64(h.litCode[endBlock]), uint(h.litLen[endBlock]))
}

// writeBits writes the n (at most 32) low bits of v.
func (c *Compressor) writeBits(v uint64, n uint) {
	c.bits |= v << c.nbits
	c.nbits += n
	if c.nbits >= 32 {
		c.out = binary.LittleEndian.AppendUint32(c.out, uint32(c.bits))
		c.bits >>= 32
		c.nbits -= 32
	}
}

// alignBits writes the bits gathered, padded with zeros to a byte.
func (c *Compressor) alignBits() {
	for c.nbits > 0 {
		c.out = append(c.out, byte(c.bits))
		c.bits >>= 8
		c.nbits -= min(c.nbits, 8)
	}
	c.bits = 0
}

// storedBlock writes p (at most 65535 bytes) as a stored block.
func (c *Compressor) storedBlock(p []byte, last bool) {
	c.writeBits(uint64(b2u(last)), 3)
	c.alignBits()
	n := uint16(len(p))
	c.out = binary.LittleEndian.AppendUint16(c.out, n)
	c.out = binary.LittleEndian.AppendUint16(c.out, ^n)
	c.out = append(c.out, p...)
}
