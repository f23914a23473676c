// Package bzip2w writes bzip2 streams with their blocks compressed in
// parallel. bzip2's blocks are independent: each is compressed here as
// a stream of one block of its own by github.com/dsnet/compress/bzip2,
// in up to two goroutines, and the blocks are then laid end to end, bit
// by bit, into one stream with the combined CRC. The output is one
// ordinary stream, the same whatever the number of CPUs.
//
// Memory: a compressor holds some 17 MB at level 9 (a suffix array of
// ints over the block written twice), against bzip2 1.0.8's 8 MB in
// all, so the number of them bounds the peak. A stream starts with one
// and takes a second only once it has shown itself long (serialBlocks),
// never more (maxInFlight); compressors, chunks and output buffers are
// reused, so that a long stream makes no garbage and the heap stays at
// what is live instead of growing to twice that before each collection
// (with 2 CPUs and a compressor per CPU, 80 MB before; 38 MB now).
package bzip2w

import (
	"bytes"
	"errors"
	"io"
	"runtime"

	dsbzip2 "github.com/dsnet/compress/bzip2"
)

const (
	blockMagic = 0x314159265359 // pi: a block starts
	endMagic   = 0x177245385090 // sqrt(pi): the stream ends
)

// errBlock is the compressor not making one block of a chunk, which
// the chunk sizes rule out.
var errBlock = errors.New("bzip2: a chunk did not compress to one block")

// Writer compresses into an io.Writer. Close finishes the stream but
// does not close the underlying writer.
type Writer struct {
	w     io.Writer
	level int
	limit int // the first-stage (RLE1) bytes a block of level holds, less a margin
	procs int

	chunk   []byte // input for the next block
	rleLen  int    // its length after bzip2's first stage
	lastVal byte
	lastCnt int

	pending []chan result // blocks being compressed, in order
	sealed  int           // blocks handed out so far
	// Compressors, chunk and output buffers for reuse: each holds
	// megabytes or up to one.
	free   chan *dsbzip2.Writer
	chunks chan []byte
	bufs   chan *bytes.Buffer
	made   int // compressors made, for tests
	out    bitWriter
	crc    uint32 // the stream's CRC so far
	err    error
	closed bool
}

// result is one compressed block: its bits and its CRC.
type result struct {
	bits  []byte
	nbits int
	crc   uint32
	err   error
	chunk []byte        // the input, for reuse
	buf   *bytes.Buffer // holds bits, for reuse once they are written
}

const (
	// maxInFlight bounds the blocks compressed or waiting at once, so
	// the compressors (17 MB each): two take 2 CPUs' worth of work.
	maxInFlight = 2
	// serialBlocks is how many blocks a stream compresses one at a
	// time before it takes a second compressor: input under 3.6 MB at
	// level 9 (most files) never pays for one.
	serialBlocks = 4
)

// NewWriter returns a Writer compressing at level 1..9 (block sizes of
// 100 to 900 kB).
func NewWriter(w io.Writer, level int) *Writer {
	if level < 1 || level > 9 {
		level = 9
	}
	procs := runtime.GOMAXPROCS(0)
	return &Writer{
		w:      w,
		level:  level,
		limit:  level*100000 - 2,
		procs:  procs,
		out:    bitWriter{w: w},
		free:   make(chan *dsbzip2.Writer, maxInFlight),
		chunks: make(chan []byte, maxInFlight+1),
		bufs:   make(chan *bytes.Buffer, maxInFlight),
	}
}

// inFlight is how many blocks may be compressed or waiting at once: one
// for a short stream, then as many as CPUs up to maxInFlight.
func (z *Writer) inFlight() int {
	if z.sealed < serialBlocks {
		return 1
	}
	return max(1, min(z.procs, maxInFlight))
}

// Write compresses p.
func (z *Writer) Write(p []byte) (int, error) {
	if z.err != nil {
		return 0, z.err
	}
	if z.closed {
		return 0, errors.New("bzip2: write after close")
	}
	start := 0
	for i, b := range p {
		// The length of the block after the first stage, counted as
		// the compressor counts it (rle1.go): runs of 4 to 255 equal
		// bytes take 5.
		if b != z.lastVal || len(z.chunk)+i-start == 0 {
			z.lastCnt = 0
		}
		z.lastCnt++
		add := 0
		switch {
		case z.lastCnt < 4:
			add = 1
		case z.lastCnt == 4:
			add = 2
		case z.lastCnt >= 256:
			z.lastCnt, add = 1, 1
		}
		if z.rleLen+add > z.limit {
			z.chunk = append(z.chunk, p[start:i]...)
			start = i
			if err := z.seal(); err != nil {
				return i, err
			}
			z.lastCnt, add = 1, 1
		}
		z.rleLen += add
		z.lastVal = b
	}
	z.chunk = append(z.chunk, p[start:]...)
	return len(p), nil
}

// seal hands the chunk gathered to a goroutine, writing out the oldest
// blocks first while too many are in flight.
func (z *Writer) seal() error {
	if len(z.chunk) == 0 {
		return nil
	}
	for len(z.pending) >= z.inFlight() {
		if err := z.writeOldest(); err != nil {
			return err
		}
	}
	ch := make(chan result, 1)
	var zw *dsbzip2.Writer
	select {
	case zw = <-z.free:
	default:
		// Made here, not in the goroutine, so that made needs no lock.
		z.made++
	}
	var buf *bytes.Buffer
	select {
	case buf = <-z.bufs:
		buf.Reset()
	default:
		buf = new(bytes.Buffer)
	}
	go z.compressBlock(zw, buf, z.chunk, ch)
	z.pending = append(z.pending, ch)
	z.sealed++
	select {
	case z.chunk = <-z.chunks:
		z.chunk = z.chunk[:0]
	default:
		z.chunk = make([]byte, 0, z.level*100000)
	}
	z.rleLen = 0
	return nil
}

// writeOldest waits for the oldest block and lays it into the stream.
func (z *Writer) writeOldest() error {
	r := <-z.pending[0]
	z.pending = z.pending[1:]
	select {
	case z.chunks <- r.chunk:
	default:
	}
	if r.err != nil {
		z.err = r.err
		return r.err
	}
	if !z.out.started {
		z.header()
	}
	z.crc = (z.crc<<1 | z.crc>>31) ^ r.crc
	z.out.writeBits(r.bits, r.nbits)
	select { // the bits are copied: the buffer is free
	case z.bufs <- r.buf:
	default:
	}
	if err := z.out.flush(false); err != nil {
		z.err = err
		return err
	}
	return nil
}

func (z *Writer) header() {
	z.out.started = true
	z.out.buf = append(z.out.buf, 'B', 'Z', 'h', byte('0'+z.level))
}

// Close compresses what is left and ends the stream.
func (z *Writer) Close() error {
	if z.closed {
		return z.err
	}
	z.closed = true
	if z.err == nil {
		z.err = z.seal()
	}
	for len(z.pending) > 0 && z.err == nil {
		z.writeOldest()
	}
	if z.err != nil {
		// The goroutines still at work end on their own: each has
		// room to leave its result.
		z.pending = nil
		return z.err
	}
	if !z.out.started {
		z.header()
	}
	z.out.writeUint(endMagic, 48)
	z.out.writeUint(uint64(z.crc), 32)
	z.err = z.out.flush(true)
	return z.err
}

// compressBlock compresses chunk into buf as a stream of one block with
// zw (nil: a new compressor) and takes the block's bits and CRC out of it.
func (z *Writer) compressBlock(zw *dsbzip2.Writer, buf *bytes.Buffer, chunk []byte, ch chan<- result) {
	buf.Grow(len(chunk)/2 + 64)
	var err error
	if zw != nil {
		zw.Reset(buf)
	} else {
		zw, err = dsbzip2.NewWriter(buf, &dsbzip2.WriterConfig{Level: z.level})
	}
	if err == nil {
		_, err = zw.Write(chunk)
	}
	if err == nil {
		err = zw.Close()
	}
	if err != nil {
		ch <- result{err: err, chunk: chunk}
		return
	}
	select {
	case z.free <- zw:
	default:
	}
	bits, nbits, crc, err := oneBlock(buf.Bytes())
	ch <- result{bits: bits, nbits: nbits, crc: crc, err: err, chunk: chunk, buf: buf}
}

// oneBlock returns the block of the one-block stream s: its bits (from
// its magic to its end, which is not on a byte boundary) and its CRC.
func oneBlock(s []byte) ([]byte, int, uint32, error) {
	if len(s) < 4+10+10 || readBits(s, 32, 48) != blockMagic {
		return nil, 0, 0, errBlock
	}
	blockCRC := uint32(readBits(s, 80, 32))
	total := len(s) * 8
	for pad := 0; pad < 8; pad++ {
		end := total - pad - 80
		if readBits(s, end, 48) != endMagic {
			continue
		}
		// The stream's CRC is the block's when there is one block.
		if uint32(readBits(s, end+48, 32)) != blockCRC {
			return nil, 0, 0, errBlock
		}
		return s[4:], end - 32, blockCRC, nil
	}
	return nil, 0, 0, errBlock
}

// readBits reads n (at most 64) bits of s from bit off, high bit first.
func readBits(s []byte, off, n int) uint64 {
	var v uint64
	for i := range n {
		bit := off + i
		v = v<<1 | uint64(s[bit>>3]>>(7-bit&7)&1)
	}
	return v
}

// bitWriter lays bits end to end, high bit first, and writes whole
// bytes to w.
type bitWriter struct {
	w       io.Writer
	buf     []byte
	cur     byte // bits not yet a whole byte, from the top
	n       uint // how many
	started bool
}

// writeBits appends the first nbits bits of src.
func (b *bitWriter) writeBits(src []byte, nbits int) {
	full := nbits / 8
	if b.n == 0 {
		b.buf = append(b.buf, src[:full]...)
	} else {
		for _, c := range src[:full] {
			b.buf = append(b.buf, b.cur|c>>b.n)
			b.cur = c << (8 - b.n)
		}
	}
	if rem := nbits % 8; rem > 0 {
		b.writeUint(uint64(src[full]>>(8-rem)), uint(rem))
	}
}

// writeUint appends the low n bits of v.
func (b *bitWriter) writeUint(v uint64, n uint) {
	for n > 0 {
		n--
		b.cur |= byte(v>>n&1) << (7 - b.n)
		b.n++
		if b.n == 8 {
			b.buf = append(b.buf, b.cur)
			b.cur, b.n = 0, 0
		}
	}
}

// flush writes the whole bytes gathered; at the end, the last partial
// byte too, padded with zero bits.
func (b *bitWriter) flush(end bool) error {
	if end && b.n > 0 {
		b.buf = append(b.buf, b.cur)
		b.cur, b.n = 0, 0
	}
	if len(b.buf) == 0 {
		return nil
	}
	_, err := b.w.Write(b.buf)
	b.buf = b.buf[:0]
	return err
}
