package lzmadec

// This file is the hot loop. The range coder's state (rng, code, ip) is
// passed to and returned from small functions the compiler inlines, so
// that it stays in registers; probabilities are indexed by masked
// values so that their bounds checks go away. The flags that choose
// between kinds of symbol (isMatch, isRep...) are decoded with a branch
// (bit): the code branches on them anyway, and bitB measured no faster
// there. The bits of the trees, whose values a CPU cannot predict, are
// decoded without a branch (bitB, bitP).

// bit decodes one bit with probability *p, normalising first.
func bit(p *uint16, rng, code uint32, in []byte, ip int) (uint32, uint32, int, uint32) {
	if rng < 1<<24 {
		rng <<= 8
		code = code<<8 | uint32(in[ip])
		ip++
	}
	v := uint32(*p)
	bound := (rng >> 11) * v
	if code < bound {
		*p = uint16(v + (2048-v)>>5)
		return bound, code, ip, 0
	}
	*p = uint16(v - v>>5)
	return rng - bound, code - bound, ip, 1
}

// norm reads a byte of input when the range has become too small.
func norm(rng, code uint32, in []byte, ip int) (uint32, uint32, int) {
	if rng < 1<<24 {
		rng <<= 8
		code = code<<8 | uint32(in[ip])
		ip++
	}
	return rng, code, ip
}

// bitB decodes one bit (after norm) without a branch on its value, for
// the trees whose bits a CPU cannot predict. The bit comes from a SETcc
// and the range and code from CMOVs: Go makes CMOVs only where the
// result feeds no load's address, and its tracing of that stops at a
// bool. The probability moves by p -= (p + (b-1)&-2017) >> 5 (an
// arithmetic shift), which is p += (2048-p)>>5 for a 0 and p -= p>>5
// for a 1.
func bitB(p *uint16, rng, code uint32) (uint32, uint32, uint32) {
	v := uint32(*p)
	bound := (rng >> 11) * v
	var b uint32
	if code >= bound {
		b = 1
	}
	*p = uint16(int32(v) - (int32(v)+int32((b-1)&0xfffff81f))>>5)
	rng, c := rng-bound, code-bound
	if code < bound {
		rng, c = bound, code
	}
	return rng, c, b
}

// bitP is bitB for a tree whose probability v the caller loaded, with
// the next bit's two candidates v0 and v1 (the children of this node),
// of which it returns the one this bit selects: loading them before
// this bit is known takes the load off the chain of dependent steps.
func bitP(p *uint16, v, v0, v1, rng, code uint32) (uint32, uint32, uint32, uint32) {
	bound := (rng >> 11) * v
	var b uint32
	if code >= bound {
		b = 1
	}
	*p = uint16(int32(v) - (int32(v)+int32((b-1)&0xfffff81f))>>5)
	rng, c := rng-bound, code-bound
	if code < bound {
		rng, c, v1 = bound, code, v0
	}
	return rng, c, b, v1
}

// tree3 decodes a 3-bit tree.
func tree3(p *[8]uint16, rng, code uint32, in []byte, ip int) (uint32, uint32, int, uint32) {
	sym := uint32(1)
	v := uint32(p[1])
	var b uint32
	for sym < 8 {
		v0, v1 := uint32(p[(sym<<1)&7]), uint32(p[(sym<<1|1)&7])
		rng, code, ip = norm(rng, code, in, ip)
		rng, code, b, v = bitP(&p[sym&7], v, v0, v1, rng, code)
		sym = sym<<1 | b
	}
	return rng, code, ip, sym - 8
}

// decodeLen decodes a match length minus 2.
func decodeLen(l *lenProbs, posState uint32, rng, code uint32, in []byte, ip int) (uint32, uint32, int, uint32) {
	var b uint32
	rng, code, ip, b = bit(&l.choice, rng, code, in, ip)
	if b == 0 {
		return tree3(&l.low[posState&15], rng, code, in, ip)
	}
	rng, code, ip, b = bit(&l.choice2, rng, code, in, ip)
	if b == 0 {
		rng, code, ip, b = tree3(&l.mid[posState&15], rng, code, in, ip)
		return rng, code, ip, b + 8
	}
	sym := uint32(1)
	v := uint32(l.high[1])
	for sym < 0x100 {
		v0, v1 := uint32(l.high[(sym<<1)&0xff]), uint32(l.high[(sym<<1|1)&0xff])
		rng, code, ip = norm(rng, code, in, ip)
		rng, code, b, v = bitP(&l.high[sym&0xff], v, v0, v1, rng, code)
		sym = sym<<1 | b
	}
	return rng, code, ip, sym - 0x100 + 16
}

// decodeDist decodes a match distance (minus one) for a length of
// l+2.
func decodeDist(p *probs, l uint32, rng, code uint32, in []byte, ip int) (uint32, uint32, int, uint32) {
	var b uint32
	slotP := &p.posSlot[min(l, 3)&3]
	slot := uint32(1)
	v := uint32(slotP[1])
	for slot < 64 {
		v0, v1 := uint32(slotP[(slot<<1)&63]), uint32(slotP[(slot<<1|1)&63])
		rng, code, ip = norm(rng, code, in, ip)
		rng, code, b, v = bitP(&slotP[slot&63], v, v0, v1, rng, code)
		slot = slot<<1 | b
	}
	slot -= 64
	if slot < 4 {
		return rng, code, ip, slot
	}
	n := slot>>1 - 1
	dist := (2 | slot&1) << n
	if slot < 14 {
		// Reverse bit tree from posSpecial[dist-slot].
		base := dist - slot
		m := uint32(1)
		for i := uint32(0); i < n; i++ {
			rng, code, ip = norm(rng, code, in, ip)
			rng, code, b = bitB(&p.posSpecial[(base+m)&127], rng, code)
			m = m<<1 | b
			dist |= b << i
		}
		return rng, code, ip, dist
	}
	// Direct bits, shifted in below the slot's top two, then four
	// reverse-coded align bits.
	dist = 2 | slot&1
	for i := n - 4; i > 0; i-- {
		rng, code, ip = norm(rng, code, in, ip)
		rng >>= 1
		code -= rng
		t := 0 - code>>31 // all ones for a 0
		code += rng & t
		dist = dist<<1 + t + 1
	}
	dist <<= 4
	m := uint32(1)
	for i := uint32(0); i < 4; i++ {
		rng, code, ip = norm(rng, code, in, ip)
		rng, code, b = bitB(&p.align[m&15], rng, code)
		m = m<<1 | b
		dist |= b << i
	}
	return rng, code, ip, dist
}

// litState is the state after a literal, by the state before it (a
// string: a table with no start-up work).
const litState = "\x00\x00\x00\x00\x01\x02\x03\x04\x05\x06\x04\x05\x00\x00\x00\x00"

// decode decodes symbols into d.dict from in[ip:] until the output
// reaches limit (a match cut short there is left in d.pend), or ip has
// passed inLimit before a symbol starts, or an end marker (errEOS). in
// must have pad readable bytes past inLimit. It returns the new ip.
func (d *Decoder) decode(in []byte, ip, inLimit, limit int) (int, error) {
	dict := d.dict
	if limit > len(dict) {
		limit = len(dict)
	}
	if d.pend > 0 {
		d.flushPend(limit)
	}
	p := &d.p
	lit := d.lit
	pos, full, posOff := d.pos, d.full, d.posOff
	dictSize := d.dictSize
	rng, code := d.rng, d.code
	state := d.state
	rep0 := d.rep0
	lc := d.props.LC
	lpMask := uint32(1)<<d.props.LP - 1
	pbMask := uint32(1)<<d.props.PB - 1
	var err error
	var b uint32
	for pos < limit && ip <= inLimit {
		posState := uint32(pos-posOff) & pbMask
		rng, code, ip, b = bit(&p.isMatch[(state<<4|posState)&0xff], rng, code, in, ip)
		if b == 0 {
			// A literal.
			prev := uint32(0)
			if full > 0 {
				if pos > 0 {
					prev = uint32(dict[pos-1])
				} else {
					prev = uint32(dict[len(dict)-1])
				}
			}
			lp := &lit[(uint32(pos-posOff)&lpMask)<<lc|prev>>(8-lc)]
			var sym uint32
			if state < 7 {
				rng, code, ip, sym = literal(lp, rng, code, in, ip)
			} else {
				// A literal after a match is coded with the byte at
				// rep0 while the bits agree.
				src := pos - int(rep0) - 1
				if src < 0 {
					src += len(dict)
				}
				rng, code, ip, sym = matchedLiteral(lp, uint32(dict[src]), rng, code, in, ip)
			}
			dict[pos] = byte(sym)
			pos++
			full++
			state = uint32(litState[state&15])
			continue
		}
		var length uint32
		rng, code, ip, b = bit(&p.isRep[state&15], rng, code, in, ip)
		if b == 0 {
			// A match with a new distance.
			d.rep3, d.rep2, d.rep1 = d.rep2, d.rep1, rep0
			rng, code, ip, length = decodeLen(&p.lenDec, posState, rng, code, in, ip)
			if state < 7 {
				state = 7
			} else {
				state = 10
			}
			rng, code, ip, rep0 = decodeDist(p, length, rng, code, in, ip)
			if rep0 == 0xffffffff {
				err = errEOS
				break
			}
		} else {
			rng, code, ip, b = bit(&p.isRepG0[state&15], rng, code, in, ip)
			if b == 0 {
				rng, code, ip, b = bit(&p.isRep0Long[(state<<4|posState)&0xff], rng, code, in, ip)
				if b == 0 {
					// A short rep: one byte from rep0.
					if int(rep0) >= full || int(rep0) >= dictSize {
						err = ErrCorrupt
						break
					}
					if state < 7 {
						state = 9
					} else {
						state = 11
					}
					src := pos - int(rep0) - 1
					if src < 0 {
						src += len(dict)
					}
					dict[pos] = dict[src]
					pos++
					full++
					continue
				}
			} else {
				var dist uint32
				rng, code, ip, b = bit(&p.isRepG1[state&15], rng, code, in, ip)
				if b == 0 {
					dist = d.rep1
				} else {
					rng, code, ip, b = bit(&p.isRepG2[state&15], rng, code, in, ip)
					if b == 0 {
						dist = d.rep2
					} else {
						dist = d.rep3
						d.rep3 = d.rep2
					}
					d.rep2 = d.rep1
				}
				d.rep1 = rep0
				rep0 = dist
			}
			rng, code, ip, length = decodeLen(&p.repLenDec, posState, rng, code, in, ip)
			if state < 7 {
				state = 8
			} else {
				state = 11
			}
		}
		if int(rep0) >= full || int(rep0) >= dictSize {
			err = ErrCorrupt
			break
		}
		n := int(length) + 2
		if n > limit-pos {
			d.pend = n - (limit - pos)
			n = limit - pos
		}
		full += n
		if int(rep0) < pos && n <= 16 && int(rep0)+1 >= n {
			// The common short match, in one piece: a byte loop.
			s := dict[pos-int(rep0)-1:][:n] // as long as t: no checks below
			t := dict[pos:][:n]
			for i := range t {
				t[i] = s[i]
			}
			pos += n
		} else {
			pos = copyMatch(dict, pos, int(rep0), n)
		}
	}
	d.pos, d.full = pos, full
	d.rng, d.code = rng, code
	d.state = state
	d.rep0 = rep0
	return ip, err
}

// literal decodes a literal's eight bits; a function of its own so that
// its loop has the registers to itself.
func literal(lp *litProbs, rng, code uint32, in []byte, ip int) (uint32, uint32, int, uint32) {
	sym := uint32(1)
	v := uint32(lp[1])
	var b uint32
	for sym < 0x100 {
		v0, v1 := uint32(lp[(sym<<1)&0x3ff]), uint32(lp[(sym<<1|1)&0x3ff])
		rng, code, ip = norm(rng, code, in, ip)
		rng, code, b, v = bitP(&lp[sym&0xff], v, v0, v1, rng, code)
		sym = sym<<1 | b
	}
	return rng, code, ip, sym
}

// matchedLiteral decodes a literal coded with the byte at rep0 (match)
// as context while their bits agree.
func matchedLiteral(lp *litProbs, match, rng, code uint32, in []byte, ip int) (uint32, uint32, int, uint32) {
	sym := uint32(1)
	offs := uint32(0x100)
	match <<= 1
	mbit := match & offs
	i := offs + mbit + sym
	v := uint32(lp[i&0x3ff])
	var b uint32
	for sym < 0x100 {
		// As in literal, the next bit's candidates are loaded early:
		// each child's index, with offs as that bit would leave it.
		m2 := match << 1
		o0, o1 := offs&^mbit, offs&mbit
		v0 := uint32(lp[(o0+m2&o0+sym<<1)&0x3ff])
		v1 := uint32(lp[(o1+m2&o1+sym<<1+1)&0x3ff])
		rng, code, ip = norm(rng, code, in, ip)
		rng, code, b, v = bitP(&lp[i&0x3ff], v, v0, v1, rng, code)
		sym = sym<<1 | b
		// Past the first bit that differs from match's, offs is 0.
		offs &= mbit ^ (b - 1)
		match = m2
		mbit = match & offs
		i = offs + mbit + sym
	}
	return rng, code, ip, sym
}
