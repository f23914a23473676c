package bzip2w

const (
	maxAlpha     = 258   // RUNA, RUNB, 255 MTF positions, EOB
	maxTables    = 6     // Huffman tables a block may have
	groupSize    = 50    // symbols coded with one table
	maxSelectors = 18002 // bzip2 1.0.8's bound (2 + 900,000/50)
	iterations   = 4     // refinements of the tables, as bzip2's BZ_N_ITERS
	maxCodeLen   = 17    // bzip2 1.0.3 and later encode with at most 17 bits
)

// coder turns a block (after the first stage, RLE1) into its bits: the
// BWT, move-to-front with RUNA/RUNB runs of zeros, Huffman coding with
// 2 to 6 tables, each step as bzip2 1.0.8 takes it so that the bytes
// come out the same. It holds the sorter's arrays (4 bytes per byte of
// block) and small tables, reused from block to block.
type coder struct {
	sorter
	freq      [maxAlpha]int32
	rfreq     [maxTables][maxAlpha]int32
	lens      [maxTables][maxAlpha]uint8
	codes     [maxTables][maxAlpha]uint32
	selectors []uint8
}

// encode appends blk's bits to out: the block header with crc (already
// finished) and everything after it.
func (c *coder) encode(out *bitBuf, data []byte, inUse *[256]bool, crc uint32) {
	n := len(data)
	// The sorter reads the block's start again after its end.
	b := data[:n+overshoot]
	for i := range overshoot {
		b[n+i] = b[i%n]
	}
	origPtr := c.bwt(b, n)

	out.put(24, blockMagic>>24)
	out.put(24, blockMagic&0xffffff)
	out.put(32, crc)
	out.put(1, 0) // not randomised
	out.put(24, uint32(origPtr))

	// The symbol map: which 16-byte ranges are used, then which bytes.
	var seq [256]uint8
	nInUse := 0
	used16 := uint32(0)
	for i, u := range inUse {
		if u {
			seq[i] = uint8(nInUse)
			nInUse++
			used16 |= 1 << (15 - i/16)
		}
	}
	out.put(16, used16)
	for r := range 16 {
		if used16&(1<<(15-r)) == 0 {
			continue
		}
		m := uint32(0)
		for j := range 16 {
			if inUse[r*16+j] {
				m |= 1 << (15 - j)
			}
		}
		out.put(16, m)
	}

	mtf := c.moveToFront(data, n, &seq, nInUse)
	c.huffman(out, mtf, nInUse+2)
}

// moveToFront codes the BWT's last column (the byte before each sorted
// rotation) as move-to-front positions with runs of zeros in bijective
// base 2 (RUNA 1, RUNB 2), ending with EOB, into s.sa itself: the
// symbols written never overtake the rotations read.
func (c *coder) moveToFront(data []byte, n int, seq *[256]uint8, nInUse int) []int32 {
	sa := c.sa[:n+1] // EOB may take one slot more than the rotations
	c.freq = [maxAlpha]int32{}
	var list [256]uint8
	for i := range list {
		list[i] = uint8(i)
	}
	wr, zeros := 0, 0
	flush := func() {
		zeros--
		for {
			sym := int32(zeros & 1) // RUNA 0, RUNB 1
			sa[wr] = sym
			wr++
			c.freq[sym]++
			if zeros < 2 {
				break
			}
			zeros = (zeros - 2) / 2
		}
		zeros = 0
	}
	for i := range n {
		j := int(sa[i]) - 1
		if j < 0 {
			j += n
		}
		v := seq[data[j]]
		if list[0] == v {
			zeros++
			continue
		}
		if zeros > 0 {
			flush()
		}
		k := 1
		for list[k] != v {
			k++
		}
		copy(list[1:k+1], list[:k])
		list[0] = v
		sa[wr] = int32(k + 1)
		wr++
		c.freq[k+1]++
	}
	if zeros > 0 {
		flush()
	}
	eob := int32(nInUse + 1)
	sa[wr] = eob
	wr++
	c.freq[eob]++
	return sa[:wr]
}

// huffman chooses the tables and codes the symbols, as bzip2 1.0.8's
// sendMTFValues does.
func (c *coder) huffman(out *bitBuf, mtf []int32, alpha int) {
	nMTF := len(mtf)
	var nTables int
	switch {
	case nMTF < 200:
		nTables = 2
	case nMTF < 600:
		nTables = 3
	case nMTF < 1200:
		nTables = 4
	case nMTF < 2400:
		nTables = 5
	default:
		nTables = 6
	}
	const cheap, dear = 0, 15
	for t := range maxTables {
		for v := range alpha {
			c.lens[t][v] = dear
		}
	}
	// The first tables: the symbols split into nTables ranges of about
	// equal frequency, each table cheap for its own range only.
	remaining := nMTF
	gs := 0
	for part := nTables; part > 0; part-- {
		target := remaining / part
		ge, sum := gs-1, 0
		for sum < target && ge < alpha-1 {
			ge++
			sum += int(c.freq[ge])
		}
		if ge > gs && part != nTables && part != 1 && (nTables-part)%2 == 1 {
			sum -= int(c.freq[ge])
			ge--
		}
		for v := range alpha {
			if v >= gs && v <= ge {
				c.lens[part-1][v] = cheap
			} else {
				c.lens[part-1][v] = dear
			}
		}
		gs = ge + 1
		remaining -= sum
	}

	nSel := (nMTF + groupSize - 1) / groupSize
	if cap(c.selectors) < nSel {
		c.selectors = make([]uint8, nSel, maxSelectors)
	}
	sel := c.selectors[:nSel]
	for range iterations {
		for t := range nTables {
			c.rfreq[t] = [maxAlpha]int32{}
		}
		for g := range nSel {
			group := mtf[g*groupSize : min(nMTF, (g+1)*groupSize)]
			var cost [maxTables]int
			for _, v := range group {
				for t := range nTables {
					cost[t] += int(c.lens[t][v])
				}
			}
			best := 0
			for t := 1; t < nTables; t++ {
				if cost[t] < cost[best] {
					best = t
				}
			}
			sel[g] = uint8(best)
			for _, v := range group {
				c.rfreq[best][v]++
			}
		}
		for t := range nTables {
			codeLengths(c.lens[t][:alpha], c.rfreq[t][:alpha], maxCodeLen)
		}
	}
	for t := range nTables {
		assignCodes(c.codes[t][:alpha], c.lens[t][:alpha])
	}

	out.put(3, uint32(nTables))
	out.put(15, uint32(nSel))
	// The selectors, move-to-front coded, each in unary.
	var pos [maxTables]uint8
	for i := range pos {
		pos[i] = uint8(i)
	}
	for _, s := range sel {
		j := 0
		for pos[j] != s {
			j++
		}
		copy(pos[1:j+1], pos[:j])
		pos[0] = s
		out.put(uint(j+1), (1<<(j+1))-2)
	}
	// The tables: a first length, then each symbol's as steps of +-1.
	for t := range nTables {
		l := c.lens[t][:alpha]
		cur := l[0]
		out.put(5, uint32(cur))
		for _, li := range l {
			for cur < li {
				out.put(2, 2)
				cur++
			}
			for cur > li {
				out.put(2, 3)
				cur--
			}
			out.put(1, 0)
		}
	}
	for g, s := range sel {
		lens, codes := &c.lens[s], &c.codes[s]
		for _, v := range mtf[g*groupSize : min(nMTF, (g+1)*groupSize)] {
			out.put(uint(lens[v]), codes[v])
		}
	}
}

// bitBuf gathers bits, high bit first.
type bitBuf struct {
	b   []byte
	acc uint64
	n   uint // bits in acc not yet in b (fewer than 8)
}

// put appends the low n (at most 32) bits of v.
func (w *bitBuf) put(n uint, v uint32) {
	w.acc = w.acc<<n | uint64(v)
	w.n += n
	for w.n >= 8 {
		w.n -= 8
		w.b = append(w.b, byte(w.acc>>w.n))
	}
}

// finish pads the last byte and returns the bytes and the bit count.
func (w *bitBuf) finish() ([]byte, int) {
	nbits := len(w.b)*8 + int(w.n)
	if w.n > 0 {
		w.b = append(w.b, byte(w.acc<<(8-w.n)))
	}
	return w.b, nbits
}

func (w *bitBuf) reset() {
	w.b, w.acc, w.n = w.b[:0], 0, 0
}
