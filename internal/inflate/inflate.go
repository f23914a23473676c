// Package inflate decodes DEFLATE (RFC 1951), written for speed: it is
// gobox's decoder for gunzip, zcat, tar -z, unzip and apk, where
// compress/flate's per-byte ReadByte through an interface and its
// two-level chunk tables were most of the time.
//
// The techniques are zlib's inflate_fast and libdeflate's: a 64-bit bit
// buffer refilled 8 bytes at a time straight from the source's buffer,
// one table lookup per symbol with the length and distance extra bits
// folded into the entry (a sub-table for codes longer than the primary
// bits), and matches copied 8 bytes at a time into an output buffer
// with slack. Near the end of the input or of the output buffer a
// careful path decodes a symbol at a time, reading a byte only when a
// symbol needs it, so that errors, and the end of the stream, fall
// exactly where compress/flate puts them: the same input gives the
// same output, the same error or success, and leaves the same bytes
// unread in the source (the gzip trailer, the next member). Where zlib
// and compress/flate disagree it follows compress/flate: a single
// one-bit code is accepted for every alphabet (zlib refuses it for the
// code-length code), and a literal/length code without an end-of-block
// code is accepted (zlib refuses it; such a block never ends, so the
// input runs out).
//
// Memory is bounded: a Reader holds its tables (about 45 KiB) and one
// output buffer, the 32 KiB window plus 128 KiB of new output (160 KiB:
// Read and WriteTo hand out up to 128 KiB at a time, and sliding the
// window costs a 32 KiB copy per 128 KiB). Nothing is computed at
// start-up: the fixed code's tables are built when a block uses them.
package inflate

import (
	"encoding/binary"
	"io"
)

// Error is damaged input (a constant: no start-up work).
type Error string

func (e Error) Error() string { return string(e) }

// ErrCorrupt is input that is no DEFLATE stream. Input that ends before
// the stream does is io.ErrUnexpectedEOF, and an error of the source
// other than io.EOF is returned as it came, as compress/flate does.
const ErrCorrupt = Error("inflate: corrupt input")

// Source is the buffered input a Reader decodes in place: *bufio.Reader
// is one. Peek(n) returns the next n bytes without consuming them
// (fewer, with an error, when the input ends or n is more than the
// buffer holds), Buffered how many can be peeked without reading, and
// Discard consumes. The Reader discards only the bytes of the stream,
// up to the byte that holds its last bit.
type Source interface {
	Peek(n int) ([]byte, error)
	Discard(n int) (int, error)
	Buffered() int
}

const (
	window = 32 << 10               // DEFLATE's largest distance
	outEnd = window + 128<<10       // output decoded before it is handed out
	slack  = 16                     // room for copies 8 bytes at a time past outEnd
	inPad  = 8                      // input the fast loop needs past a refill
	fastW  = outEnd - 258 - 2*8 - 1 // the fast loop writes a match and two literals per turn
)

// States between blocks and calls.
const (
	stHeader = iota // at a block's header
	stStored        // inside a stored block
	stHuff          // inside a compressed block
	stDone          // after the final block
)

// Reader decompresses a DEFLATE stream from a Source.
type Reader struct {
	src    Source
	in     []byte // the source's buffered bytes, peeked; in[:pos] are read
	pos    int
	bits   uint64 // bit buffer, next bit lowest; bits above nbits may be set
	nbits  uint   // valid bits in bits; the whole bytes among them are in[pos-nbits/8:pos]
	srcErr error  // why the source gave no more bytes

	out []byte // out[:w] is output, of which out[r:w] is not handed out yet
	w   int
	r   int

	state    int
	final    bool
	stored   int // bytes left in a stored block
	copyLen  int // a match cut by the end of the output buffer
	copyDist int
	err      error

	fixed      bool // the tables hold the fixed code
	lmin, dmin uint // compress/flate's minimum bits before a lookup
	lt         [litSize]uint32
	dt         [distSize]uint32
	ct         [1 << clBits]uint32
	lens       [320]uint8
}

// NewReader returns a Reader of the DEFLATE stream at the start of src.
func NewReader(src Source) *Reader {
	d := &Reader{out: make([]byte, outEnd+slack)}
	d.Reset(src)
	return d
}

// Reset makes d read a new stream from src, keeping its buffers.
func (d *Reader) Reset(src Source) {
	d.src, d.in, d.pos, d.bits, d.nbits, d.srcErr = src, nil, 0, 0, 0, nil
	d.w, d.r = 0, 0
	d.state, d.final, d.stored, d.copyLen, d.copyDist, d.err = stHeader, false, 0, 0, 0, nil
}

// Close does nothing: it makes a Reader an io.ReadCloser.
func (d *Reader) Close() error { return nil }

// Read decompresses into p. After the final block it returns io.EOF.
func (d *Reader) Read(p []byte) (int, error) {
	for {
		if d.r < d.w {
			n := copy(p, d.out[d.r:d.w])
			d.r += n
			return n, nil
		}
		if d.err != nil {
			return 0, d.err
		}
		d.decode()
	}
}

// WriteTo decompresses the rest of the stream into w, in pieces of up
// to 128 KiB.
func (d *Reader) WriteTo(w io.Writer) (int64, error) {
	var total int64
	for {
		if d.r < d.w {
			n, err := w.Write(d.out[d.r:d.w])
			d.r += n
			total += int64(n)
			if err != nil {
				return total, err
			}
			if d.r < d.w {
				return total, io.ErrShortWrite
			}
		}
		if d.err != nil {
			if d.err == io.EOF {
				return total, nil
			}
			return total, d.err
		}
		d.decode()
	}
}

// decode decompresses until the output buffer is full, the stream
// ends, or an error. All output has been handed out.
func (d *Reader) decode() {
	if d.w >= outEnd {
		copy(d.out, d.out[d.w-window:d.w])
		d.w, d.r = window, window
	}
	for d.err == nil && d.w < outEnd {
		switch d.state {
		case stHeader:
			d.header()
		case stStored:
			d.storedCopy()
		case stHuff:
			d.huffman()
		default:
			d.err = io.EOF
		}
	}
}

// more makes more input bytes available: it consumes the bytes read,
// keeps those still in the bit buffer, and peeks what the source has.
// It reports false, with srcErr set, when the source has no more.
func (d *Reader) more() bool {
	if d.srcErr != nil {
		return false
	}
	keep := int(d.nbits / 8)
	if n := d.pos - keep; n > 0 {
		if _, err := d.src.Discard(n); err != nil {
			d.srcErr = err
			return false
		}
	}
	d.in, d.pos = d.in[:0], keep
	n := d.src.Buffered()
	if n <= keep {
		n = keep + 1
	}
	p, err := d.src.Peek(n)
	if len(p) <= keep {
		if err == nil {
			err = io.ErrNoProgress
		}
		d.srcErr = err
		d.in = p
		return false
	}
	if b := d.src.Buffered(); b > len(p) {
		p, _ = d.src.Peek(b)
	}
	d.in = p
	return true
}

// fail sets the error for input that ran out where the stream needs
// more (compress/flate's words: io.ErrUnexpectedEOF, or the source's
// own error).
func (d *Reader) fail() {
	if d.srcErr == io.EOF || d.srcErr == nil {
		d.err = io.ErrUnexpectedEOF
		return
	}
	d.err = d.srcErr
}

// need loads input a byte at a time until n bits are buffered.
func (d *Reader) need(n uint) bool {
	for d.nbits < n {
		if d.pos >= len(d.in) && !d.more() {
			d.fail()
			return false
		}
		d.bits |= uint64(d.in[d.pos]) << d.nbits
		d.pos++
		d.nbits += 8
	}
	return true
}

func (d *Reader) consume(n uint) {
	d.bits >>= n
	d.nbits -= n
}

// sym decodes a symbol of table t (primary bits tb) carefully: it
// reads min bits, then a byte more as long as the code found is longer
// than the bits read, as compress/flate's huffSym does, so that the
// input ending inside a code is io.ErrUnexpectedEOF exactly where
// compress/flate says so. The code's bits are not consumed.
func (d *Reader) sym(t []uint32, tb uint, min uint) (uint32, bool) {
	if !d.need(min) {
		return 0, false
	}
	for {
		b := d.bits & (1<<d.nbits - 1)
		e := t[b&(1<<tb-1)]
		if e&fSub != 0 {
			e = t[e>>16+uint32(b>>tb)&(1<<(e>>8&31)-1)]
		}
		if uint(e&31) <= d.nbits {
			return e, true
		}
		if !d.need(d.nbits + 8) {
			return 0, false
		}
	}
}

// header reads a block's header and sets up its decoding.
func (d *Reader) header() {
	if !d.need(3) {
		return
	}
	d.final = d.bits&1 != 0
	typ := d.bits >> 1 & 3
	d.consume(3)
	switch typ {
	case 0:
		// To a byte boundary, then the whole bytes left in the bit
		// buffer go back to the input.
		d.consume(d.nbits % 8)
		d.pos -= int(d.nbits / 8)
		d.bits, d.nbits = 0, 0
		if !d.need(32) {
			return
		}
		n, nn := d.bits&0xffff, d.bits>>16&0xffff
		d.consume(32)
		if n != ^nn&0xffff {
			d.err = ErrCorrupt
			return
		}
		if n == 0 {
			d.endBlock()
			return
		}
		d.stored, d.state = int(n), stStored
	case 1:
		if !d.fixed {
			fixedLens(d.lens[:])
			d.lmin, _ = build(d.lt[:], d.lens[:288], litBits, kLit)
			d.dmin, _ = build(d.dt[:], d.lens[288:320], distBits, kDist)
			d.fixed = true
		}
		d.state = stHuff
	case 2:
		if d.dynamic() {
			d.state = stHuff
		}
	default:
		d.err = ErrCorrupt
	}
}

// codeOrder is the order of the code-length code's lengths.
const codeOrder = "\x10\x11\x12\x00\x08\x07\x09\x06\x0a\x05\x0b\x04\x0c\x03\x0d\x02\x0e\x01\x0f"

// dynamic reads a dynamic block's code lengths and builds its tables,
// checking in compress/flate's order.
func (d *Reader) dynamic() bool {
	if !d.need(14) {
		return false
	}
	nlit := int(d.bits&0x1f) + 257
	ndist := int(d.bits>>5&0x1f) + 1
	nclen := int(d.bits>>10&0xf) + 4
	if nlit > 286 || ndist > 30 {
		d.err = ErrCorrupt
		return false
	}
	d.consume(14)
	d.fixed = false
	var cl [19]uint8
	for i := 0; i < nclen; i++ {
		if !d.need(3) {
			return false
		}
		cl[codeOrder[i]] = uint8(d.bits & 7)
		d.consume(3)
	}
	cmin, ok := build(d.ct[:], cl[:], clBits, kCL)
	if !ok {
		d.err = ErrCorrupt
		return false
	}
	lens := d.lens[:nlit+ndist]
	for i := 0; i < len(lens); {
		e, ok := d.sym(d.ct[:], clBits, cmin)
		if !ok {
			return false
		}
		if e&fEnd != 0 {
			d.err = ErrCorrupt
			return false
		}
		d.consume(uint(e & 31))
		x := uint8(e >> 16)
		if x < 16 {
			lens[i] = x
			i++
			continue
		}
		var rep int
		var nb uint
		var v uint8
		switch x {
		case 16:
			if i == 0 {
				d.err = ErrCorrupt
				return false
			}
			rep, nb, v = 3, 2, lens[i-1]
		case 17:
			rep, nb = 3, 3
		default:
			rep, nb = 11, 7
		}
		if !d.need(nb) {
			return false
		}
		rep += int(d.bits & (1<<nb - 1))
		d.consume(nb)
		if i+rep > len(lens) {
			d.err = ErrCorrupt
			return false
		}
		for ; rep > 0; rep-- {
			lens[i] = v
			i++
		}
	}
	lmin, ok := build(d.lt[:], lens[:nlit], litBits, kLit)
	var dmin uint
	if ok {
		dmin, ok = build(d.dt[:], lens[nlit:], distBits, kDist)
	}
	if !ok {
		d.err = ErrCorrupt
		return false
	}
	// compress/flate reads at least the end-of-block code's length
	// before a lookup.
	if l := uint(lens[256]); lmin < l {
		lmin = l
	}
	d.lmin, d.dmin = lmin, dmin
	return true
}

// endBlock ends a block; after the final one it consumes the stream's
// bytes from the source.
func (d *Reader) endBlock() {
	if !d.final {
		d.state = stHeader
		return
	}
	d.state = stDone
	if n := d.pos - int(d.nbits/8); n > 0 {
		if _, err := d.src.Discard(n); err != nil {
			d.err = err
			return
		}
	}
	d.in, d.pos, d.bits, d.nbits = nil, 0, 0, 0
	d.err = io.EOF
}

// storedCopy copies a stored block's bytes.
func (d *Reader) storedCopy() {
	for d.stored > 0 && d.w < outEnd {
		if d.pos >= len(d.in) && !d.more() {
			d.fail()
			return
		}
		end := d.w + d.stored
		if end > outEnd {
			end = outEnd
		}
		n := copy(d.out[d.w:end], d.in[d.pos:])
		d.pos += n
		d.w += n
		d.stored -= n
	}
	if d.stored == 0 {
		d.endBlock()
	}
}

// huffman decodes a compressed block: the fast loop while there is
// input and output room enough, else a symbol at a time.
func (d *Reader) huffman() {
	for d.err == nil && d.state == stHuff {
		if d.copyLen > 0 {
			d.pendingCopy()
			if d.copyLen > 0 {
				return
			}
		}
		if d.w >= outEnd {
			return
		}
		if d.pos+inPad <= len(d.in) && d.w <= fastW {
			d.fast()
			continue
		}
		d.slowSymbol()
	}
}

// pendingCopy copies what fits of the match in copyLen, copyDist.
func (d *Reader) pendingCopy() {
	n := d.copyLen
	if n > outEnd-d.w {
		n = outEnd - d.w
	}
	out, w, src := d.out, d.w, d.w-d.copyDist
	if d.copyDist >= n {
		copy(out[w:w+n], out[src:src+n])
	} else {
		for i := 0; i < n; i++ {
			out[w+i] = out[src+i]
		}
	}
	d.w += n
	d.copyLen -= n
}

// slowSymbol decodes one symbol (and a match's distance) carefully.
func (d *Reader) slowSymbol() {
	e, ok := d.sym(d.lt[:], litBits, d.lmin)
	if !ok {
		return
	}
	if e&fLit != 0 {
		d.consume(uint(e & 31))
		d.out[d.w] = byte(e >> 16)
		d.w++
		return
	}
	if e&fEnd != 0 {
		if e>>16 != vEOB {
			d.err = ErrCorrupt
			return
		}
		d.consume(uint(e & 31))
		d.endBlock()
		return
	}
	d.consume(uint(e & 31))
	x := uint(e>>8&31) - uint(e&31)
	if !d.need(x) {
		return
	}
	length := int(e>>16) + int(d.bits&(1<<x-1))
	d.consume(x)
	e, ok = d.sym(d.dt[:], distBits, d.dmin)
	if !ok {
		return
	}
	if e&fEnd != 0 {
		d.err = ErrCorrupt
		return
	}
	d.consume(uint(e & 31))
	x = uint(e>>8&31) - uint(e&31)
	if !d.need(x) {
		return
	}
	dist := int(e>>16) + int(d.bits&(1<<x-1))
	d.consume(x)
	if dist > d.w {
		d.err = ErrCorrupt
		return
	}
	d.copyLen, d.copyDist = length, dist
	d.pendingCopy()
}

// fast decodes symbols while at least inPad input bytes are left after
// a refill and a match and two literals fit in the output buffer. A
// refill loads 56 bits or more, enough for a length and a distance with
// their extra bits (48 at most), or for three literals (45).
func (d *Reader) fast() {
	in, out := d.in, d.out
	lt, dt := &d.lt, &d.dt
	bits, nbits, pos, w := d.bits, d.nbits, d.pos, d.w
	inEnd := len(in) - inPad
	for pos <= inEnd && w <= fastW {
		bits |= binary.LittleEndian.Uint64(in[pos:]) << nbits
		pos += int(63-nbits) >> 3
		nbits |= 56

		e := lt[bits&(1<<litBits-1)]
		if e&fSub != 0 {
			e = lt[e>>16+uint32(bits>>litBits)&(1<<(e>>8&31)-1)]
		}
		if e&fLit != 0 {
			bits >>= e & 31
			nbits -= uint(e & 31)
			out[w] = byte(e >> 16)
			w++
			// Up to two more literals from the same refill.
			e = lt[bits&(1<<litBits-1)]
			if e&fLit == 0 {
				continue
			}
			bits >>= e & 31
			nbits -= uint(e & 31)
			out[w] = byte(e >> 16)
			w++
			e = lt[bits&(1<<litBits-1)]
			if e&fLit == 0 {
				continue
			}
			bits >>= e & 31
			nbits -= uint(e & 31)
			out[w] = byte(e >> 16)
			w++
			continue
		}
		if e&fEnd != 0 {
			if e>>16 != vEOB {
				d.err = ErrCorrupt
				break
			}
			bits >>= e & 31
			nbits -= uint(e & 31)
			d.bits, d.nbits, d.pos, d.w = bits, nbits, pos, w
			d.endBlock()
			return
		}
		total := e >> 8 & 31
		length := int(e>>16) + int((bits&(1<<total-1))>>(e&31))
		bits >>= total
		nbits -= uint(total)

		e = dt[bits&(1<<distBits-1)]
		if e&fSub != 0 {
			e = dt[e>>16+uint32(bits>>distBits)&(1<<(e>>8&31)-1)]
		}
		if e&fEnd != 0 {
			d.err = ErrCorrupt
			break
		}
		total = e >> 8 & 31
		dist := int(e>>16) + int((bits&(1<<total-1))>>(e&31))
		bits >>= total
		nbits -= uint(total)
		if dist > w {
			d.err = ErrCorrupt
			break
		}

		src := w - dist
		if dist >= 8 {
			// 8 bytes at a time: each piece's source was written
			// before it is read, and up to 7 bytes past the match
			// land in the slack.
			for n := 0; n < length; n += 8 {
				binary.LittleEndian.PutUint64(out[w+n:], binary.LittleEndian.Uint64(out[src+n:]))
			}
		} else if dist == 1 {
			v := uint64(out[src]) * 0x0101010101010101
			for n := 0; n < length; n += 8 {
				binary.LittleEndian.PutUint64(out[w+n:], v)
			}
		} else {
			for n := 0; n < length; n++ {
				out[w+n] = out[src+n]
			}
		}
		w += length
	}
	d.bits, d.nbits, d.pos, d.w = bits, nbits, pos, w
}
