// Package bzip2w writes bzip2 streams. The block coder is gobox's own
// (block.go, bwt.go, fallback.go, huffman.go) and takes each step as
// bzip2 1.0.8 does, block boundaries included, so that the bytes are
// bzip2's (and BusyBox's, whose bzip2 is the same code) at every level,
// a periodic block's too (its equal rotations, and so origPtr, are in
// the order of bzip2's fallback sort, which bzip2 takes for them).
//
// By default (NewWriter) blocks are coded one after the other, with no
// goroutine, in bzip2 1.0.8's memory: one coder of 4 bytes per byte of
// block (the sorted rotations in 32-bit indexes, then the move-to-front
// symbols in their place), the block itself (at most 900 kB after the
// first stage, which Write applies as the input comes, so a long run of
// one byte costs no more than any other input) and its bits, written
// out in pieces. A repetitive block takes bzip2's fallback sort, in the
// same arrays: no more memory than any other.
//
// On request (NewWriterN) blocks are coded in parallel: bzip2's blocks
// are independent, so each is coded in a goroutine of its own, up to
// threads at once, and laid end to end, bit by bit, into one stream
// with the combined CRC; the output is the same whatever the number of
// threads. A stream starts with one coder and takes more only once it
// has shown itself long (serialBlocks). Coders and blocks are reused,
// so that a long stream makes next to no garbage and the heap stays at
// what is live.
package bzip2w

import (
	"errors"
	"io"
	"runtime"

	"gobox/internal/crc32msb"
)

const (
	blockMagic = 0x314159265359 // pi: a block starts
	endMagic   = 0x177245385090 // sqrt(pi): the stream ends
)

// Writer compresses into an io.Writer. Close finishes the stream but
// does not close the underlying writer.
type Writer struct {
	w     io.Writer
	level int
	limit int    // bzip2's nblockMAX: a block is full at this many bytes
	procs int    // blocks coded at once, once the stream is long; 1: no goroutine
	one   *coder // the coder of a Writer of one thread
	crcs  *[256]uint32

	cur    *block // the block being filled
	run    int    // the byte of the run not yet in a block, or -1
	runLen int    // its length, 1 to 255

	pending []*block // blocks being coded, in order
	sealed  int      // blocks handed out so far
	// Coders and blocks for reuse: each holds up to megabytes.
	coders chan *coder
	blocks chan *block
	made   int // coders made, for tests
	out    bitWriter
	crc    uint32 // the stream's CRC so far
	err    error
	closed bool
}

// block is one block's input after the first stage, then its bits.
type block struct {
	data  []byte
	inUse [256]bool
	crc   uint32 // bzip2's CRC of the block's input, not yet inverted
	out   bitBuf
	bits  []byte
	nbits int
	done  chan struct{}
}

const (
	// serialBlocks is how many blocks a stream codes one at a time
	// before it takes a second coder: input under 3.6 MB at level 9
	// (most files) never pays for one.
	serialBlocks = 4
)

// NewWriter returns a Writer compressing at level 1..9 (block sizes of
// 100 to 900 kB) one block after the other, with no goroutine.
func NewWriter(w io.Writer, level int) *Writer {
	return NewWriterN(w, level, 1)
}

// NewWriterN is NewWriter coding up to threads blocks at once once the
// stream is long (serialBlocks); 0: as many as GOMAXPROCS. Each block
// coded at once costs a coder and its block. The bytes written are the
// same whatever threads is.
func NewWriterN(w io.Writer, level, threads int) *Writer {
	if level < 1 || level > 9 {
		level = 9
	}
	if threads <= 0 {
		threads = runtime.GOMAXPROCS(0)
	}
	z := &Writer{
		w:      w,
		level:  level,
		limit:  level*100000 - 19,
		procs:  threads,
		crcs:   new([256]uint32),
		run:    -1,
		out:    bitWriter{w: w},
		coders: make(chan *coder, threads),
		blocks: make(chan *block, threads+1),
	}
	crc32msb.Fill(z.crcs) // bzip2's CRC-32
	z.cur = z.newBlock()
	return z
}

// maxBlock is the most bytes a block holds: a run flushed into an
// almost full block adds up to 5 bytes.
func (z *Writer) maxBlock() int { return z.limit + 4 }

func (z *Writer) newBlock() *block {
	var b *block
	select {
	case b = <-z.blocks:
		b.data = b.data[:0]
		b.inUse = [256]bool{}
	default:
		b = &block{
			data: make([]byte, 0, z.maxBlock()+1+overshoot),
			done: make(chan struct{}, 1),
		}
		// Room for an incompressible block's bits (about 0.5% more
		// than the block, and the tables), made at once: grown by
		// append to 0.9 MB they left 3.5 MB of garbage behind, and
		// the heap grew by that (10 MB private on random data, now
		// 7.5). The pages a smaller block's bits never reach cost
		// nothing.
		b.out.b = make([]byte, 0, z.maxBlock()+z.maxBlock()/32+32<<10)
	}
	b.crc = 0xffffffff
	return b
}

// inFlight is how many blocks may be coded or waiting at once: one for
// a short stream, then procs.
func (z *Writer) inFlight() int {
	if z.sealed < serialBlocks {
		return 1
	}
	return z.procs
}

// Write compresses p. bzip2's first stage is done here: runs of 4 to
// 255 equal bytes become 4 bytes and a count. As in bzip2 1.0.8, a run
// enters the block when it ends, and a block is full (and coded) once
// it holds limit bytes, the run then in progress going to the next.
func (z *Writer) Write(p []byte) (int, error) {
	if z.err != nil {
		return 0, z.err
	}
	if z.closed {
		return 0, errors.New("bzip2: write after close")
	}
	for i, c := range p {
		if int(c) == z.run && z.runLen < 255 {
			z.runLen++
			continue
		}
		if z.run >= 0 {
			z.flushRun()
			if len(z.cur.data) >= z.limit {
				if err := z.seal(); err != nil {
					return i, err
				}
			}
		}
		z.run, z.runLen = int(c), 1
	}
	return len(p), nil
}

// flushRun puts the run in progress into the block.
func (z *Writer) flushRun() {
	b, c := z.cur, byte(z.run)
	b.inUse[c] = true
	crc := b.crc
	for range z.runLen {
		crc = crc<<8 ^ z.crcs[byte(crc>>24)^c]
	}
	b.crc = crc
	if n := z.runLen; n < 4 {
		for range n {
			b.data = append(b.data, c)
		}
	} else {
		b.data = append(b.data, c, c, c, c, byte(n-4))
		b.inUse[n-4] = true
	}
	z.run = -1
}

// seal hands the block gathered to a goroutine, writing out the oldest
// blocks first while too many are in flight; with one thread, it codes
// and writes it here, and the block is filled again.
func (z *Writer) seal() error {
	if z.procs == 1 {
		if z.one == nil {
			z.one = &coder{}
			z.one.room = z.maxBlock()
			z.made++
		}
		b := z.cur
		b.out.reset()
		z.one.encode(&b.out, b.data, &b.inUse, ^b.crc)
		b.bits, b.nbits = b.out.finish()
		z.sealed++
		if err := z.lay(b); err != nil {
			return err
		}
		z.cur = z.newBlock()
		return nil
	}
	for len(z.pending) >= z.inFlight() {
		if err := z.writeOldest(); err != nil {
			return err
		}
	}
	var c *coder
	select {
	case c = <-z.coders:
	default:
		c = new(coder)
		c.room = z.maxBlock()
		z.made++
	}
	b := z.cur
	go func() {
		b.out.reset()
		c.encode(&b.out, b.data, &b.inUse, ^b.crc)
		b.bits, b.nbits = b.out.finish()
		select {
		case z.coders <- c:
		default:
		}
		b.done <- struct{}{}
	}()
	z.pending = append(z.pending, b)
	z.sealed++
	z.cur = z.newBlock()
	return nil
}

// writeOldest waits for the oldest block and lays it into the stream.
func (z *Writer) writeOldest() error {
	b := z.pending[0]
	<-b.done
	z.pending = z.pending[1:]
	return z.lay(b)
}

// layChunk is the most bytes of a block's bits copied into the stream
// before they are written, so that a block's bits are not held twice.
const layChunk = 64 << 10

// lay writes coded block b into the stream and frees it.
func (z *Writer) lay(b *block) error {
	if !z.out.started {
		z.header()
	}
	z.crc = (z.crc<<1 | z.crc>>31) ^ ^b.crc
	bits, nbits := b.bits, b.nbits
	var err error
	for nbits > 0 && err == nil {
		k := min(nbits, layChunk*8)
		z.out.writeBits(bits, k)
		bits, nbits = bits[k/8:], nbits-k
		err = z.out.flush(false)
	}
	select { // the bits are copied: the block is free
	case z.blocks <- b:
	default:
	}
	if err != nil {
		z.err = err
	}
	return err
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
		if z.run >= 0 {
			z.flushRun()
		}
		if len(z.cur.data) > 0 {
			z.err = z.seal()
		}
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
