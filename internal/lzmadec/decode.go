package lzmadec

// This file is the hot loop. The range coder's state (rng, code, ip) is
// passed to and returned from small functions the compiler inlines, so
// that it stays in registers; probabilities are indexed by masked
// values so that their bounds checks go away.

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

// tree3 decodes a 3-bit tree.
func tree3(p *[8]uint16, rng, code uint32, in []byte, ip int) (uint32, uint32, int, uint32) {
	sym := uint32(1)
	var b uint32
	for sym < 8 {
		rng, code, ip, b = bit(&p[sym&7], rng, code, in, ip)
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
	for sym < 0x100 {
		rng, code, ip, b = bit(&l.high[sym&0xff], rng, code, in, ip)
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
	for slot < 64 {
		rng, code, ip, b = bit(&slotP[slot&63], rng, code, in, ip)
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
			rng, code, ip, b = bit(&p.posSpecial[(base+m)&127], rng, code, in, ip)
			m = m<<1 | b
			dist |= b << i
		}
		return rng, code, ip, dist
	}
	// Direct bits, then four reverse-coded align bits.
	for i := n - 4; i > 0; i-- {
		if rng < 1<<24 {
			rng <<= 8
			code = code<<8 | uint32(in[ip])
			ip++
		}
		rng >>= 1
		code -= rng
		t := 0 - code>>31
		code += rng & t
		dist += (t + 1) << (i + 3)
	}
	m := uint32(1)
	for i := uint32(0); i < 4; i++ {
		rng, code, ip, b = bit(&p.align[m&15], rng, code, in, ip)
		m = m<<1 | b
		dist |= b << i
	}
	return rng, code, ip, dist
}

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
			switch {
			case state < 4:
				state = 0
			case state < 10:
				state -= 3
			default:
				state -= 6
			}
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
			s := dict[pos-int(rep0)-1:]
			t := dict[pos : pos+n]
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
	for sym < 0x100 {
		pp := &lp[sym&0xff]
		if rng < 1<<24 {
			rng <<= 8
			code = code<<8 | uint32(in[ip])
			ip++
		}
		v := uint32(*pp)
		bound := (rng >> 11) * v
		if code < bound {
			rng = bound
			*pp = uint16(v + (2048-v)>>5)
			sym <<= 1
		} else {
			rng -= bound
			code -= bound
			*pp = uint16(v - v>>5)
			sym = sym<<1 | 1
		}
	}
	return rng, code, ip, sym
}

// matchedLiteral decodes a literal coded with the byte at rep0 (match)
// as context while their bits agree.
func matchedLiteral(lp *litProbs, match, rng, code uint32, in []byte, ip int) (uint32, uint32, int, uint32) {
	sym := uint32(1)
	offs := uint32(0x100)
	for sym < 0x100 {
		match <<= 1
		mbit := match & offs
		pp := &lp[(offs+mbit+sym)&0x3ff]
		if rng < 1<<24 {
			rng <<= 8
			code = code<<8 | uint32(in[ip])
			ip++
		}
		v := uint32(*pp)
		bound := (rng >> 11) * v
		if code < bound {
			rng = bound
			*pp = uint16(v + (2048-v)>>5)
			sym <<= 1
			offs &^= mbit
		} else {
			rng -= bound
			code -= bound
			*pp = uint16(v - v>>5)
			sym = sym<<1 | 1
			offs &= mbit
		}
	}
	return rng, code, ip, sym
}
