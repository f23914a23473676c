package inflate

import "math/bits"

// A table entry is a uint32 that says everything a symbol needs, so a
// symbol costs one lookup (two for a code longer than the primary
// table's bits):
//
//	bits 0-4    the code's length in bits
//	bits 8-12   the code's length plus its extra bits (length and
//	            distance symbols); for a sub-table pointer, the
//	            sub-table's bits
//	bits 13-15  the kind: fLit, fSub or fEnd (none: a length or a
//	            distance)
//	bits 16-31  the value: a literal byte, a length or distance base, a
//	            sub-table's offset, or for fEnd what ended (vEOB, vInvalid,
//	            vBad)
const (
	fLit = 1 << 15 // a literal byte
	fSub = 1 << 14 // a pointer to a sub-table for codes longer than the primary bits
	fEnd = 1 << 13 // end of block, or a symbol that is an error

	vEOB     = 0 // end of block (symbol 256)
	vInvalid = 1 // no code has these bits (an incomplete code)
	vBad     = 2 // a symbol DEFLATE reserves: lengths 286, 287, distances 30, 31

	// invalid is the entry of bits that no code has: its length is
	// zero, so it is known as soon as it is looked up (as compress/flate
	// finds it).
	invalid = fEnd | vInvalid<<16
)

// Primary table bits and table sizes. A sub-table is at most 2^(15 -
// primary bits) entries and there is at most one per symbol whose code
// is longer than the primary bits, which bounds the sizes.
const (
	litBits  = 11
	distBits = 8
	clBits   = 7 // code-length codes are at most 7 bits: no sub-tables
	litSize  = 1<<litBits + 288<<(15-litBits)
	distSize = 1<<distBits + 32<<(15-distBits)
)

// Kinds of alphabet.
const (
	kLit  = iota // literals, end of block and lengths (0-287)
	kDist        // distances (0-31)
	kCL          // code lengths of a dynamic block's header (0-18)
)

// entry returns the entry of symbol sym with a code of l bits.
func entry(kind int, sym int, l uint32) uint32 {
	switch kind {
	case kLit:
		switch {
		case sym < 256:
			return fLit | uint32(sym)<<16 | l<<8 | l
		case sym == 256:
			return fEnd | vEOB<<16 | l<<8 | l
		case sym < 265:
			return uint32(sym-254)<<16 | l<<8 | l
		case sym < 285:
			x := uint32(sym-261) >> 2
			base := (uint32(sym-265)&3+4)<<x + 3
			return base<<16 | (l+x)<<8 | l
		case sym == 285:
			return 258<<16 | l<<8 | l
		}
		return fEnd | vBad<<16 | l<<8 | l
	case kDist:
		switch {
		case sym < 4:
			return uint32(sym+1)<<16 | l<<8 | l
		case sym < 30:
			x := uint32(sym-2) >> 1
			base := 1<<(x+1) + 1 + (uint32(sym)&1)<<x
			return base<<16 | (l+x)<<8 | l
		}
		return fEnd | vBad<<16 | l<<8 | l
	}
	return uint32(sym)<<16 | l<<8 | l
}

// build fills t with the decoding table of the canonical code of
// lengths lens (RFC 1951 3.2.2), the primary table indexed by the next
// tb bits of input, least significant first. It accepts what
// compress/flate accepts: a complete code, no code at all, or a single
// code of one bit; anything else (over-subscribed or incomplete) is
// not ok. min is the shortest code's length (0 for no code).
func build(t []uint32, lens []uint8, tb uint, kind int) (min uint, ok bool) {
	var count [16]uint16
	for _, l := range lens {
		count[l]++
	}
	count[0] = 0
	max := uint(15)
	for max > 0 && count[max] == 0 {
		max--
	}
	primary := t[:1<<tb]
	if max == 0 {
		for i := range primary {
			primary[i] = invalid
		}
		return 0, true
	}
	min = 1
	for count[min] == 0 {
		min++
	}
	code := 0
	for i := min; i <= max; i++ {
		code = code<<1 + int(count[i])
	}
	if code != 1<<max {
		if code != 1 || max != 1 {
			return 0, false
		}
		// One code of one bit: the other bit is no code.
		for i := range primary {
			primary[i] = invalid
		}
	}

	// Symbols in code order: by length, then by value.
	var offs [17]uint16
	for l := 1; l < 16; l++ {
		offs[l+1] = offs[l] + count[l]
	}
	var sorted [288]uint16
	for sym, l := range lens {
		if l != 0 {
			sorted[offs[l]] = uint16(sym)
			offs[l]++
		}
	}

	rem := count
	mask := 1<<tb - 1
	next := 1 << tb // next free sub-table slot
	prefix := -1    // primary index of the current sub-table
	var sub, subBits uint
	idx := 0
	code = 0
	for l := min; l <= max; l++ {
		for c := count[l]; c > 0; c-- {
			sym := sorted[idx]
			idx++
			e := entry(kind, int(sym), uint32(l))
			rev := int(bits.Reverse16(uint16(code)) >> (16 - l))
			if l <= tb {
				for i := rev; i < 1<<tb; i += 1 << l {
					t[i] = e
				}
			} else {
				if p := rev & mask; p != prefix {
					// A new sub-table, as large as the codes that
					// share this prefix need (zlib's inflate_table).
					prefix = p
					cur := l - tb
					left := 1 << cur
					for cur+tb < max {
						left -= int(rem[cur+tb])
						if left <= 0 {
							break
						}
						cur++
						left <<= 1
					}
					sub, subBits = uint(next), cur
					next += 1 << cur
					t[p] = fSub | uint32(sub)<<16 | uint32(subBits)<<8 | uint32(tb)
				}
				for i := rev >> tb; i < 1<<subBits; i += 1 << (l - tb) {
					t[int(sub)+i] = e
				}
			}
			rem[l]--
			code++
		}
		code <<= 1
	}
	return min, true
}

// fixedLens fills lens with the fixed code's lengths (RFC 1951 3.2.6):
// 288 literal/length codes, then 32 distance codes of 5 bits.
func fixedLens(lens []uint8) {
	for i := range lens[:288] {
		switch {
		case i < 144:
			lens[i] = 8
		case i < 256:
			lens[i] = 9
		case i < 280:
			lens[i] = 7
		default:
			lens[i] = 8
		}
	}
	for i := 288; i < 320; i++ {
		lens[i] = 5
	}
}
