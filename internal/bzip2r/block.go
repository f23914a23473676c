package bzip2r

import (
	"encoding/binary"

	"gobox/internal/crc32msb"
)

const (
	blockMagic = 0x314159265359 // π: a block starts
	endMagic   = 0x177245385090 // √π: the stream ends
	maxBlock   = 900000         // symbols in a block at level 9
	maxGroups  = 6
	maxAlpha   = 258 // 256 MTF values + RUNA/RUNB - 1 + EOB
	maxCodeLen = 20
	lutBits    = 10 // bits looked up at once by a Huffman table

	// maxBlockBytes bounds a block's compressed size: its header,
	// 32767 selectors, six tables and 900,001 symbols of 20 bits.
	maxBlockBytes = 2400 << 10
	// blockLook is what a block usually needs after its start.
	blockLook = 1200 << 10
)

// huffTable decodes one of a block's Huffman codes: lut resolves codes
// of up to lutBits bits at once (symbol<<5 | length; 0: look further),
// limit/base/perm are bzip2's canonical decoding for the longer ones.
type huffTable struct {
	lut    [1 << lutBits]uint16
	limit  [maxCodeLen + 2]int32
	base   [maxCodeLen + 2]int32
	perm   [maxAlpha]uint16
	minLen int
	maxLen int
	alpha  int
}

// build makes the table from the code lengths, as bzip2's
// hbCreateDecodeTables does: codes are canonical, shorter first and in
// symbol order within a length. A code that is not a prefix code still
// decodes as bzip2's would (and is usually caught by the CRC).
func (t *huffTable) build(lens []uint8) {
	t.alpha = len(lens)
	t.minLen, t.maxLen = maxCodeLen, 0
	for _, l := range lens {
		t.minLen = min(t.minLen, int(l))
		t.maxLen = max(t.maxLen, int(l))
	}
	pp := 0
	for i := t.minLen; i <= t.maxLen; i++ {
		for j, l := range lens {
			if int(l) == i {
				t.perm[pp] = uint16(j)
				pp++
			}
		}
	}
	var base [maxCodeLen + 2]int32
	for _, l := range lens {
		base[l+1]++
	}
	for i := 1; i < len(base); i++ {
		base[i] += base[i-1]
	}
	vec := int32(0)
	for i := range t.limit {
		t.limit[i] = -1
	}
	for i := t.minLen; i <= t.maxLen; i++ {
		vec += base[i+1] - base[i]
		t.limit[i] = vec - 1
		vec <<= 1
	}
	t.base = base
	for i := t.minLen + 1; i <= t.maxLen; i++ {
		t.base[i] = (t.limit[i-1]+1)<<1 - base[i]
	}
	for v := range t.lut {
		t.lut[v] = 0
		for zn := t.minLen; zn <= min(t.maxLen, lutBits); zn++ {
			zv := int32(v >> (lutBits - zn))
			if zv <= t.limit[zn] {
				idx := zv - t.base[zn]
				if idx >= 0 && int(idx) < t.alpha {
					t.lut[v] = t.perm[idx]<<5 | uint16(zn)
				}
				break
			}
		}
	}
}

// slow decodes a code longer than lutBits (or a bad one) from the top
// of bits, which holds at least maxCodeLen valid bits; it returns the
// symbol and length, or length 0 for a code that is not in the table.
func (t *huffTable) slow(bits uint64) (int, uint) {
	for zn := t.minLen; zn <= t.maxLen; zn++ {
		zv := int32(bits >> (64 - zn))
		if zv <= t.limit[zn] {
			idx := zv - t.base[zn]
			if idx < 0 || int(idx) >= t.alpha {
				return 0, 0
			}
			return int(t.perm[idx]), uint(zn)
		}
	}
	return 0, 0
}

// decoder decodes one block at a time; it is reused from block to block
// (its tt is the big allocation).
type decoder struct {
	tt     []uint32 // the BWT'd block: byte in the low 8 bits, next index above
	sel    []byte
	tables [maxGroups]huffTable
	crcTab *[256]uint32

	// What decode found.
	blockCRC uint32
	origPtr  int
	count    int

	// more, if set, reads on when the data given to decode runs out
	// (one block after the other: the input streams through a small
	// window rather than a whole block's): given the data and the next
	// byte wanted, it returns data holding that byte at the index
	// returned and more after it, or false at the end of the input.
	more  func(data []byte, pos int) ([]byte, int, bool)
	base  int64 // bytes of data dropped by more since decode began
	avail int64 // the end of the data seen, in bytes from its start

	// The inverse BWT and RLE1 under way (emit).
	pos  uint32
	left int
	last int
	run  int
	rep  int
	crc  uint32
}

func newDecoder(crcTab *[256]uint32) *decoder {
	return &decoder{crcTab: crcTab}
}

// bitAt is the bit (from the first byte decode was given) before the
// n bits loaded ahead of byte pos of the current data.
func (d *decoder) bitAt(pos int, n uint) int64 {
	return (d.base+int64(pos))*8 - int64(n)
}

// grow asks more for the data after pos, when fewer than 8 bytes are
// left; it returns the data and pos to go on with.
func (d *decoder) grow(data []byte, pos int) ([]byte, int) {
	if d.more == nil || pos > len(data) {
		return data, pos
	}
	nd, np, ok := d.more(data, pos)
	if !ok {
		return data, pos
	}
	d.base += int64(pos - np)
	d.avail = d.base + int64(len(nd))
	return nd, np
}

// decode reads the block whose magic starts bitOff bits into data, up to
// limit symbols, and readies emit. It returns the bit (from data[0])
// where the block ends; errShort if data ends before the block does.
func (d *decoder) decode(data []byte, bitOff uint, limit int) (int64, error) {
	d.base, d.avail = 0, int64(len(data))
	end, used, err := d.decodeBlock(data, bitOff, limit)
	if err != nil && used+maxCodeLen > d.avail*8 {
		// The damage was seen in bits past the data: the input ended
		// first (BusyBox stops at the end of its input).
		err = errShort
	}
	return end, err
}

// decodeBlock is decode; on failure it also says how many bits it used.
func (d *decoder) decodeBlock(data []byte, bitOff uint, limit int) (end, used int64, err error) {
	// The bit buffer: bits holds n valid bits from its top; pos is the
	// next byte of data to load (it may pass the end, loading zeros).
	var (
		bits uint64
		n    uint
		pos  int
	)
	refill := func() {
		if pos+8 > len(data) {
			data, pos = d.grow(data, pos)
		}
		if pos+8 <= len(data) {
			v := binary.BigEndian.Uint64(data[pos:])
			bits |= v >> n
			k := (63 - n) >> 3
			pos += int(k)
			n += k * 8
			return
		}
		for n <= 56 {
			var c byte
			if pos < len(data) {
				c = data[pos]
			}
			pos++
			bits |= uint64(c) << (56 - n)
			n += 8
		}
	}
	get := func(k uint) uint32 {
		if n < k {
			refill()
		}
		v := uint32(bits >> (64 - k))
		bits <<= k
		n -= k
		return v
	}
	overrun := func() bool { return int64(pos)*8-int64(n) > int64(len(data))*8 }

	get(bitOff)
	if uint64(get(24))<<24|uint64(get(24)) != blockMagic {
		return 0, d.bitAt(pos, n), ErrNotBzip
	}
	d.blockCRC = get(32)
	if get(1) != 0 {
		// A randomised block (bzip2 before 0.9.5): BusyBox refuses it.
		return 0, d.bitAt(pos, n), ErrObsolete
	}
	d.origPtr = int(get(24))
	if d.origPtr > limit {
		return 0, d.bitAt(pos, n), ErrData
	}

	// The symbol map: which bytes occur, in 16 groups of 16.
	var seq [256]byte
	nSym := 0
	inUse := get(16)
	for g := range 16 {
		if inUse&(0x8000>>g) == 0 {
			continue
		}
		m := get(16)
		for i := range 16 {
			if m&(0x8000>>i) != 0 {
				seq[nSym] = byte(g*16 + i)
				nSym++
			}
		}
	}
	if nSym == 0 {
		return 0, d.bitAt(pos, n), ErrData
	}
	alpha := nSym + 2
	eob := alpha - 1

	groups := int(get(3))
	if groups < 2 || groups > maxGroups {
		return 0, d.bitAt(pos, n), ErrData
	}
	nSel := int(get(15))
	if nSel == 0 {
		return 0, d.bitAt(pos, n), ErrData
	}
	if cap(d.sel) < nSel {
		d.sel = make([]byte, nSel, 32768)
	}
	sel := d.sel[:nSel]
	mtfSel := [maxGroups]byte{0, 1, 2, 3, 4, 5}
	for i := range sel {
		j := 0
		for get(1) != 0 {
			j++
			if j >= groups {
				return 0, d.bitAt(pos, n), ErrData
			}
		}
		v := mtfSel[j]
		copy(mtfSel[1:j+1], mtfSel[:j])
		mtfSel[0] = v
		sel[i] = v
		if i&1023 == 0 && overrun() {
			return 0, d.bitAt(pos, n), errShort
		}
	}

	var lens [maxAlpha]uint8
	for g := range groups {
		t := int(get(5))
		for s := range alpha {
			for {
				if t < 1 || t > maxCodeLen {
					return 0, d.bitAt(pos, n), ErrData
				}
				if get(1) == 0 {
					break
				}
				if get(1) == 0 {
					t++
				} else {
					t--
				}
			}
			lens[s] = uint8(t)
		}
		d.tables[g].build(lens[:alpha])
	}
	if overrun() {
		return 0, d.bitAt(pos, n), errShort
	}

	// The symbols: MTF indexes, with runs of the front byte as RUNA and
	// RUNB digits (bijective base 2), up to EOB.
	if cap(d.tt) < limit {
		d.tt = make([]uint32, limit)
	}
	tt := d.tt[:limit]
	var mtf [256]byte
	for i := range mtf {
		mtf[i] = byte(i)
	}
	var cnt [256]int
	count := 0
	runAcc, runShift := 0, uint(0)
	selIdx, groupLeft := 0, 0
	var t *huffTable
	// The hot loop keeps the bit buffer in locals of its own (the
	// closures' captured ones live in memory).
	lb, ln, lp, ld := bits, n, pos, data
	for {
		if groupLeft == 0 {
			if selIdx >= nSel {
				return 0, d.bitAt(lp, ln), ErrData
			}
			if int64(lp)*8-int64(ln) > int64(len(ld))*8 {
				return 0, d.bitAt(lp, ln), errShort
			}
			t = &d.tables[sel[selIdx]]
			selIdx++
			groupLeft = 50
		}
		groupLeft--
		if ln < 32 {
			if lp+8 > len(ld) && d.more != nil {
				ld, lp = d.grow(ld, lp)
			}
			if lp+8 <= len(ld) {
				v := binary.BigEndian.Uint64(ld[lp:])
				lb |= v >> ln
				k := (63 - ln) >> 3
				lp += int(k)
				ln += k * 8
			} else {
				for ln <= 56 {
					var c byte
					if lp < len(ld) {
						c = ld[lp]
					}
					lp++
					lb |= uint64(c) << (56 - ln)
					ln += 8
				}
			}
		}
		var sym int
		if e := t.lut[lb>>(64-lutBits)]; e&31 != 0 {
			l := uint(e & 31)
			sym = int(e >> 5)
			lb <<= l
			ln -= l
		} else {
			s, l := t.slow(lb)
			if l == 0 {
				return 0, d.bitAt(lp, ln), ErrData
			}
			sym = s
			lb <<= l
			ln -= l
		}
		if sym <= 1 {
			runAcc += (sym + 1) << runShift
			runShift++
			if runAcc > limit {
				return 0, d.bitAt(lp, ln), ErrData
			}
			continue
		}
		if runShift > 0 {
			b := seq[mtf[0]]
			if count+runAcc > limit {
				return 0, d.bitAt(lp, ln), ErrData
			}
			cnt[b] += runAcc
			fill := tt[count : count+runAcc]
			for i := range fill {
				fill[i] = uint32(b)
			}
			count += runAcc
			runAcc, runShift = 0, 0
		}
		if sym == eob {
			break
		}
		if sym > eob {
			return 0, d.bitAt(lp, ln), ErrData
		}
		var v byte
		if j := uint(sym - 1); j < 8 {
			// Most indexes are small: move the front eight bytes as
			// one word.
			w := binary.LittleEndian.Uint64(mtf[:8])
			v = byte(w >> (8 * j))
			m := uint64(1)<<(8*(j+1)) - 1
			binary.LittleEndian.PutUint64(mtf[:8], (w<<8)&m|w&^m|uint64(v))
		} else {
			j &= 0xff
			v = mtf[j]
			copy(mtf[1:j+1], mtf[:j])
			mtf[0] = v
		}
		b := seq[v]
		if count >= limit {
			return 0, d.bitAt(lp, ln), ErrData
		}
		tt[count] = uint32(b)
		cnt[b]++
		count++
	}
	bits, n, pos, data = lb, ln, lp, ld
	if overrun() {
		return 0, d.bitAt(pos, n), errShort
	}
	if d.origPtr >= count {
		return 0, d.bitAt(pos, n), ErrData
	}
	d.count = count

	// The inverse BWT's links: the k-th occurrence of byte b in the
	// block follows, in the text, the k-th row starting with b.
	var start [256]int
	sum := 0
	for b, c := range cnt {
		start[b] = sum
		sum += c
	}
	tt = tt[:count]
	for i, e := range tt {
		b := byte(e)
		tt[start[b]] |= uint32(i) << 8
		start[b]++
	}
	d.pos = tt[d.origPtr] >> 8
	d.left = count
	d.last = -1
	d.run = 0
	d.rep = 0
	d.crc = 0xffffffff
	return d.bitAt(pos, n), 0, nil
}

// emit writes the block's next bytes into p (the inverse BWT and the
// RLE1 expansion in one pass) and returns how many; 0 when the block is
// done, when blockCRC says whether it came out right.
func (d *decoder) emit(p []byte) int {
	tt := d.tt[:d.count]
	ct := d.crcTab
	pos, left, last, run, rep, crc := d.pos, d.left, d.last, d.run, d.rep, d.crc
	o := 0
	for o < len(p) {
		if rep > 0 {
			k := min(rep, len(p)-o)
			b := byte(last)
			for i := range p[o : o+k] {
				p[o+i] = b
				crc = crc<<8 ^ ct[byte(crc>>24)^b]
			}
			o += k
			rep -= k
			continue
		}
		if left == 0 {
			break
		}
		e := tt[pos]
		pos = e >> 8
		b := byte(e)
		left--
		if run == 4 {
			// After four equal bytes, one more is a count of repeats.
			rep = int(b)
			run = 0
			continue
		}
		if int(b) == last {
			run++
		} else {
			last = int(b)
			run = 1
		}
		p[o] = b
		// The CRC's chain of work is not the inverse BWT's: it goes
		// on while the next load is under way.
		crc = crc<<8 ^ ct[byte(crc>>24)^b]
		o++
	}
	d.pos, d.left, d.last, d.run, d.rep, d.crc = pos, left, last, run, rep, crc
	return o
}

// done reports whether the block is all emitted, and then whether its
// CRC is right.
func (d *decoder) done() (done, ok bool) {
	if d.left > 0 || d.rep > 0 {
		return false, false
	}
	return true, ^d.crc == d.blockCRC
}

// crcTable is bzip2's CRC-32: the polynomial 0x04c11db7, MSB first.
func crcTable() *[256]uint32 {
	t := new([256]uint32)
	crc32msb.Fill(t)
	return t
}
