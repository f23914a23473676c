// Package lzmadec decodes LZMA: the raw LZMA1 stream of the .lzma
// format and the LZMA2 chunks of .xz blocks, written from the format's
// specification (the LZMA SDK's lzma-specification.txt and
// xz-file-format.txt).
//
// The decoder is written for speed: the range coder's range and code
// live in local variables of one loop, probabilities are uint16s in
// fixed arrays indexed by masked values (no bounds checks), the bits of
// the trees (literals, lengths, distances) are decoded without a branch
// on their values, most with the next bit's probability loaded before
// the bit that picks it is known, and the dictionary is one flat []byte
// ring from which matches are copied in bulk. A Decoder keeps its
// dictionary and tables across Resets, so a stream of many blocks
// allocates once.
//
// Damaged input gives ErrCorrupt or ErrTruncated, never a panic, and
// the dictionary is only as large as the caller allows.
package lzmadec

// Error is damaged input (constants: no start-up work).
type Error string

func (e Error) Error() string { return string(e) }

const (
	// ErrCorrupt is damaged data.
	ErrCorrupt = Error("corrupted data")
	// ErrTruncated is input that ends before the stream does.
	ErrTruncated = Error("unexpected EOF")
	// ErrProps is an invalid lc/lp/pb properties byte.
	ErrProps = Error("invalid properties")
	// errEOS is the end marker: not an error for LZMA1 streams.
	errEOS = Error("end of stream marker")
)

const (
	// pad is how far past the input's end a symbol may read before the
	// loop notices: a symbol decodes at most 48 bits (a match: 2 flags,
	// 10 of length, 6 of slot, 26 direct and 4 align), each of which
	// reads at most one byte.
	pad = 64
	// minDict is the smallest dictionary a Decoder allocates.
	minDict  = 4096
	probInit = 1 << 10
)

// lenProbs are the probabilities of a match length coder.
type lenProbs struct {
	choice, choice2 uint16
	low             [16][8]uint16
	mid             [16][8]uint16
	high            [256]uint16
}

// probs are the probabilities other than the literal coder's, in arrays
// sized to the mask that indexes them.
type probs struct {
	isMatch    [256]uint16 // state<<4 | posState
	isRep      [16]uint16
	isRepG0    [16]uint16
	isRepG1    [16]uint16
	isRepG2    [16]uint16
	isRep0Long [256]uint16
	posSlot    [4][64]uint16
	posSpecial [128]uint16
	align      [16]uint16
	lenDec     lenProbs
	repLenDec  lenProbs
}

// litProbs are one literal context's probabilities: 0x300 used, sized
// 0x400 so that a matched literal's index (below 0x300) needs no check.
type litProbs [0x400]uint16

// Props are the lc, lp and pb properties of an LZMA stream.
type Props struct{ LC, LP, PB uint }

// DecodeProps splits the properties byte (pb*5+lp)*9+lc.
func DecodeProps(b byte) (Props, error) {
	if b >= 9*5*5 {
		return Props{}, ErrProps
	}
	return Props{LC: uint(b % 9), LP: uint(b / 9 % 5), PB: uint(b / 45)}, nil
}

// Decoder is the LZMA state and dictionary shared by the LZMA1 and
// LZMA2 readers and the flat block decoder.
type Decoder struct {
	p     probs
	lit   []litProbs
	props Props

	state                  uint32
	rep0, rep1, rep2, rep3 uint32
	rng, code              uint32
	pend                   int // bytes of a match cut short by the output limit

	dict     []byte // the ring (or the caller's flat buffer)
	ring     []byte // the ring this Decoder owns, kept across Resets
	pos      int    // where the next byte goes
	full     int    // bytes decoded since the dictionary was reset
	dictSize int    // the largest distance allowed, as the header says
	posOff   int    // pos where the dictionary was last reset (flat mode)

	tail []byte // a padded copy of a flat block's last chunk
}

func fill(p []uint16) {
	for i := range p {
		p[i] = probInit
	}
}

// resetState sets new properties (or keeps them) and resets the
// probabilities and the state machine.
func (d *Decoder) resetState(pr Props) {
	d.props = pr
	n := 1 << (pr.LC + pr.LP)
	if cap(d.lit) < n {
		d.lit = make([]litProbs, n)
	}
	d.lit = d.lit[:n]
	for i := range d.lit {
		fill(d.lit[i][:0x300])
	}
	p := &d.p
	fill(p.isMatch[:])
	fill(p.isRep[:])
	fill(p.isRepG0[:])
	fill(p.isRepG1[:])
	fill(p.isRepG2[:])
	fill(p.isRep0Long[:])
	for i := range p.posSlot {
		fill(p.posSlot[i][:])
	}
	fill(p.posSpecial[:])
	fill(p.align[:])
	for _, l := range []*lenProbs{&p.lenDec, &p.repLenDec} {
		l.choice, l.choice2 = probInit, probInit
		for i := range l.low {
			fill(l.low[i][:])
			fill(l.mid[i][:])
		}
		fill(l.high[:])
	}
	d.state, d.rep0, d.rep1, d.rep2, d.rep3 = 0, 0, 0, 0, 0
	d.pend = 0
}

// setRing makes the dictionary a ring of at least size bytes (a
// multiple of 16, so that positions within it keep the low bits the
// position state needs), reusing the last one when it is large enough.
func (d *Decoder) setRing(size int) {
	d.dictSize = max(size, minDict) // as the specification says
	n := (d.dictSize + 15) &^ 15
	if cap(d.ring) < n {
		d.ring = nil // let the old one go before allocating
		d.ring = make([]byte, n)
	}
	d.dict = d.ring[:n]
	d.pos, d.full, d.posOff = 0, 0, 0
}

// initRC starts the range decoder on the five bytes at in[ip:]. The
// first is always 0 from an encoder; like BusyBox (and xz-embedded)
// the decoder does not insist.
func (d *Decoder) initRC(in []byte, ip int) (int, error) {
	if len(in)-ip < 5 {
		return ip, ErrTruncated
	}
	d.code = uint32(in[ip+1])<<24 | uint32(in[ip+2])<<16 | uint32(in[ip+3])<<8 | uint32(in[ip+4])
	d.rng = 0xffffffff
	return ip + 5, nil
}

// finishRC does the normalisation the last bit left pending, so that
// what was consumed is what the encoder wrote.
func (d *Decoder) finishRC(in []byte, ip int) int {
	if d.rng < 1<<24 {
		d.rng <<= 8
		d.code = d.code<<8 | uint32(in[ip])
		ip++
	}
	return ip
}

// flushPend copies what is left of a match cut short, up to limit.
func (d *Decoder) flushPend(limit int) {
	n := min(d.pend, limit-d.pos)
	d.pend -= n
	d.pos = copyMatch(d.dict, d.pos, int(d.rep0), n)
	d.full += n
}

// copyMatch copies n bytes from distance dist+1 behind pos to pos, in
// bulk: the source may wrap around the ring's end, and when it overlaps
// the destination each copy doubles what the next may take.
func copyMatch(dict []byte, pos, dist, n int) int {
	src := pos - dist - 1
	if src < 0 {
		src += len(dict)
	}
	for n > 0 {
		k := min(n, len(dict)-src)
		if src < pos && pos-src < k {
			// Overlapping: the source repeats with period pos-src.
			if pos-src == 1 {
				b := dict[src]
				s := dict[pos : pos+k]
				for i := range s {
					s[i] = b
				}
				pos += k
			} else {
				end := pos + k
				for pos < end {
					pos += copy(dict[pos:end], dict[src:pos])
				}
			}
		} else if k <= 8 {
			s := dict[src : src+k]
			t := dict[pos : pos+k]
			//lint:ignore S1001 for the short matches that dominate, a loop beats copy's call
			for i := range s {
				t[i] = s[i]
			}
			pos += k
		} else {
			pos += copy(dict[pos:pos+k], dict[src:src+k])
		}
		n -= k
		src = 0
	}
	return pos
}
