package lzo

// Limits of LZO1X's match kinds.
const (
	m2MaxLen    = 8
	m4MaxLen    = 9
	m2MaxOffset = 0x0800
	m3MaxOffset = 0x4000
	m4MaxOffset = 0xbfff
	m3Marker    = 32
	m4Marker    = 16
)

// MaxCompressedLen is the most Compress can make of n bytes.
func MaxCompressedLen(n int) int { return n + n/16 + 64 + 3 }

// Compressor is LZO1X-1: one hash probe (two when the first misses) per
// position, no lazy matching. It keeps its dictionary between calls, as
// the LZO library's does between blocks compressed from the same buffer:
// an entry is only a candidate position, checked against the data before
// it is used, so what is left of an earlier block costs nothing but
// decides some matches the same way BusyBox's lzop does.
type Compressor struct {
	dict []int32 // hash -> position in src, or -1
	mask uint32
}

// NewCompressor returns an LZO1X-1 compressor whose dictionary has
// 1<<bits entries: 14 is LZO1X-1 (lzop's levels 2-6), 15 LZO1X-1(15)
// (level 1).
func NewCompressor(bits uint) *Compressor {
	c := &Compressor{dict: make([]int32, 1<<bits), mask: 1<<bits - 1}
	for i := range c.dict {
		c.dict[i] = -1
	}
	return c
}

// Compress appends the LZO1X-1 stream of src to dst and returns it.
func (c *Compressor) Compress(dst, src []byte) []byte {
	base, t := len(dst), len(src)
	if len(src) > m2MaxLen+5 {
		dst, t = c.compress(dst, src)
	}
	return endStream(dst, src[len(src)-t:], len(dst) == base)
}

// candidate reports whether the dictionary entry p may start a match for
// position ip, and its distance: it must lie before ip and within reach.
func candidate(p int32, ip int) (int, bool) {
	if p < 0 || int(p) >= ip || ip-int(p) > m4MaxOffset {
		return 0, false
	}
	return ip - int(p), true
}

// compress codes src but for a tail of literals, whose length it
// returns.
func (c *Compressor) compress(dst, src []byte) ([]byte, int) {
	inEnd := len(src)
	ipEnd := inEnd - m2MaxLen - 5
	dict, mask, high := c.dict, c.mask, (c.mask>>1)+1
	ii := 0
	ip := 4
	for {
		p := src[ip : ip+4 : ip+4]
		x := ((uint32(p[3])<<6^uint32(p[2]))<<5^uint32(p[1]))<<5 ^ uint32(p[0])
		d := (0x21 * x >> 5) & mask
		mpos := int(dict[d])
		off, ok := candidate(dict[d], ip)
		if ok && off > m2MaxOffset && src[mpos+3] != src[ip+3] {
			// A second probe at a related slot.
			d = (d & (mask & 0x7ff)) ^ (high | 0x1f)
			mpos = int(dict[d])
			off, ok = candidate(dict[d], ip)
			ok = ok && (off <= m2MaxOffset || src[mpos+3] == src[ip+3])
		}
		if !ok || src[mpos] != src[ip] || src[mpos+1] != src[ip+1] || src[mpos+2] != src[ip+2] {
			dict[d] = int32(ip)
			ip++
			if ip >= ipEnd {
				break
			}
			continue
		}
		dict[d] = int32(ip)
		if ip > ii {
			dst = literals(dst, src[ii:ip])
			ii = ip
		}
		// The match is 3 bytes at least; up to 8 it is coded short.
		ip += 3
		for ip < ii+m2MaxLen+1 && src[mpos+ip-ii] == src[ip] {
			ip++
		}
		mlen := ip - ii
		if mlen <= m2MaxLen {
			switch {
			case off <= m2MaxOffset:
				off--
				dst = append(dst, byte((mlen-1)<<5|(off&7)<<2), byte(off>>3))
			case off <= m3MaxOffset:
				off--
				dst = append(dst, byte(m3Marker|(mlen-2)))
				dst = append(dst, byte((off&63)<<2), byte(off>>6))
			default:
				off -= 0x4000
				dst = append(dst, byte(m4Marker|(off&0x4000)>>11|(mlen-2)))
				dst = append(dst, byte((off&63)<<2), byte(off>>6))
			}
		} else {
			for ip < inEnd && src[mpos+ip-ii] == src[ip] {
				ip++
			}
			mlen = ip - ii
			if off <= m3MaxOffset {
				off--
				if mlen <= 33 {
					dst = append(dst, byte(m3Marker|(mlen-2)))
				} else {
					dst = append(dst, m3Marker)
					dst = extend(dst, mlen-33)
				}
			} else {
				off -= 0x4000
				if mlen <= m4MaxLen {
					dst = append(dst, byte(m4Marker|(off&0x4000)>>11|(mlen-2)))
				} else {
					dst = append(dst, byte(m4Marker|(off&0x4000)>>11))
					dst = extend(dst, mlen-m4MaxLen)
				}
			}
			dst = append(dst, byte((off&63)<<2), byte(off>>6))
		}
		ii = ip
		if ip >= ipEnd {
			break
		}
	}
	return dst, inEnd - ii
}

// extend appends a length beyond a field's short values: a zero byte
// per 255, then the rest (never zero).
func extend(dst []byte, n int) []byte {
	for n > 255 {
		n -= 255
		dst = append(dst, 0)
	}
	return append(dst, byte(n))
}

// literals appends a run of literals that a match follows.
func literals(dst, lit []byte) []byte {
	switch t := len(lit); {
	case t <= 3:
		// Carried in the low bits of the previous match's last
		// instruction byte but one.
		dst[len(dst)-2] |= byte(t)
	case t <= 18:
		dst = append(dst, byte(t-3))
	default:
		dst = append(dst, 0)
		dst = extend(dst, t-18)
	}
	return append(dst, lit...)
}

// endStream appends the last literals and the end marker; start says
// whether the stream has nothing before them.
func endStream(dst, lit []byte, start bool) []byte {
	if t := len(lit); t > 0 {
		if start && t <= 238 {
			dst = append(dst, byte(17+t))
			dst = append(dst, lit...)
		} else {
			dst = literals(dst, lit)
		}
	}
	return append(dst, m4Marker|1, 0, 0)
}
