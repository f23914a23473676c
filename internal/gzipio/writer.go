package gzipio

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"runtime"
	"sync"
	"syscall"

	"gobox/internal/deflate"
)

// BlockSize is how much input each block the Writer compresses on its
// own holds at levels 4 to 9 (-6 is the default): half of pigz's 128
// KiB, which levels 1 to 3 keep. Each block is primed with the 32 KiB
// before it, hashed again (some 60 us), which costs little of the time
// of a lazy level's 64 KiB (2% more CPU than 128 KiB at -6) but a
// greedy level's more (15% at -1, 35% with blocks of 32 KiB); half the
// blocks save 3*64 KiB in flight on two CPUs. The ratio is the same
// (blocks of DEFLATE end every 16K symbols anyway).
const BlockSize = 64 << 10

// blockSize is the size of the blocks at level.
func blockSize(level int) int {
	if level <= 3 {
		return 2 * BlockSize
	}
	return BlockSize
}

// outMax is about the most a block of bs bytes compresses to, the room
// its output has in the mapping: input that does not compress is coded
// at some 8 bits a byte, plus block headers, or stored (5 bytes per 32
// KiB). Text uses a fifth of it, and the pages it does not touch cost
// nothing; more (a long name in the header) is appended on the heap.
func outMax(bs int) int {
	return bs + bs/8 + 4<<10
}

// dictSize is DEFLATE's window: each block starts primed with this much
// of the input before it, so cutting the input costs almost no ratio.
const dictSize = 32 << 10

// Writer compresses into a gzip stream of one member, pigz's way: the
// input is cut into blocks (blockSize), each compressed with a DEFLATE
// compressor primed with the previous 32 KiB of input and ended by a
// sync flush (the last by the final block), and the blocks are written
// in order. The output is the same bytes whatever the number of CPUs,
// and what one block makes is what a single compressor makes, so an
// input of one block (or a single CPU) is compressed on the caller's
// goroutine.
//
// Memory is what bounds it: a compressor is 257 KiB (internal/deflate,
// zlib's sizes), so there are exactly as many as CPUs, one per
// compressing goroutine, each reused block after block; blocks are
// reused too, in turn, and GOMAXPROCS+1 exist (one being filled while
// each CPU compresses one), so a run makes no garbage per block. A
// block's dictionary is read from the input of the block before it,
// which is not refilled until then.
//
// The compressors' tables and the blocks' input and output are one
// mapping of anonymous memory, outside the garbage-collected heap: on
// the heap they would take it past the 1 MB at which gobox's applets
// collect (GOGC 25), and the collector's first cycle costs some 0.45 MB
// of its own; output grown by append (input that does not compress)
// would be garbage. Pages of the mapping that are never used (a
// compressor per CPU on a one-block input, the room for output that
// text does not fill) are never touched, so they cost nothing.
//
// Close must be called, after an error too: it ends the goroutines and
// unmaps the memory.
type Writer struct {
	w         io.Writer
	level     int
	procs     int
	max       int    // blocks allowed to exist
	head      []byte // the member's header, until the first block takes it
	crc, size uint32
	cur       *block
	prev      *block   // the block dispatched last: its input primes cur's
	ring      []*block // the blocks, used in turn
	next      int      // the ring's next block to fill
	own       *compressor
	mem       []byte    // compressors' tables, then blocks' input
	mapped    bool      // mem is a mapping, to unmap on Close
	peek      [512]byte // ReadFrom's read past a full block
	err       error
	closed    bool

	started bool
	jobs    chan *block   // to the compressing goroutines
	queue   chan *block   // to the writing goroutine, in input order
	done    chan struct{} // the writing goroutine ended
	mu      sync.Mutex
	werr    error // the first error the writing goroutine met
}

var errClosed = errors.New("write after close")

// block is one piece of input and what it compresses to.
type block struct {
	in    []byte
	prev  *block // the block before, whose input's tail primes this one
	out   []byte
	last  bool
	tail  [8]byte // the member's trailer, after the last block
	err   error
	ready chan struct{} // a token once out is complete
	// A token once out is written, and one once the next block is
	// primed from in: with both, the block may be refilled.
	reuse chan struct{}
}

// NewWriter starts a member with header h (its Name, ModTime, OS and
// Level) written to w. Nothing is written before the first block is
// compressed: Close writes the rest.
func NewWriter(w io.Writer, h Header) (*Writer, error) {
	return newWriter(w, h, runtime.GOMAXPROCS(0))
}

// newWriter is NewWriter compressing on procs goroutines.
func newWriter(w io.Writer, h Header, procs int) (*Writer, error) {
	level := h.Level
	if level == 0 {
		level = 6
	}
	if level < 1 || level > 9 {
		return nil, errors.New("invalid compression level")
	}
	zw := &Writer{w: w, level: level, procs: procs, max: procs + 1}
	b := make([]byte, 10, 10+len(h.Name)+1)
	b[0], b[1], b[2] = 0x1f, 0x8b, 8
	if h.Name != "" {
		b[3] |= flagName
	}
	if !h.ModTime.IsZero() && h.ModTime.Unix() > 0 && h.ModTime.Unix() < 1<<32 {
		binary.LittleEndian.PutUint32(b[4:8], uint32(h.ModTime.Unix()))
	}
	switch level {
	case 9:
		b[8] = 2 // slowest, best compression
	case 1:
		b[8] = 4 // fastest
	}
	b[9] = h.OS
	if h.OS == 0 {
		b[9] = OSUnix
	}
	if h.Name != "" {
		b = append(append(b, h.Name...), 0)
	}
	zw.head = b
	return zw, nil
}

// Write compresses p.
func (zw *Writer) Write(p []byte) (int, error) {
	n := 0
	for len(p) > 0 {
		b, err := zw.space()
		if err != nil {
			return n, err
		}
		k := copy(b.in[len(b.in):cap(b.in)], p)
		zw.add(b, k)
		n += k
		p = p[k:]
	}
	return n, nil
}

// ReadFrom compresses what it reads from r up to EOF, reading into the
// blocks themselves (no buffer of its own, no copy). io.Copy uses it.
func (zw *Writer) ReadFrom(r io.Reader) (int64, error) {
	var n int64
	for {
		if err := zw.check(); err != nil {
			return n, err
		}
		var k int
		var rerr error
		if b := zw.cur; b != nil && len(b.in) < cap(b.in) {
			k, rerr = r.Read(b.in[len(b.in):cap(b.in)])
			zw.add(b, k)
		} else {
			// A full block is the last one unless more input comes
			// (the last block is never empty): a small read tells.
			k, rerr = r.Read(zw.peek[:])
			if _, err := zw.Write(zw.peek[:k]); err != nil {
				return n, err
			}
		}
		n += int64(k)
		if rerr == io.EOF {
			return n, nil
		}
		if rerr != nil {
			return n, rerr
		}
	}
}

// check returns the error that ends the writes, if any.
func (zw *Writer) check() error {
	if zw.closed && zw.err == nil {
		return errClosed
	}
	if zw.err == nil {
		zw.err = zw.writeErr()
	}
	return zw.err
}

// space returns the block that takes the next input, with room in it.
func (zw *Writer) space() (*block, error) {
	if err := zw.check(); err != nil {
		return nil, err
	}
	// A full block waits for more input, so that the last one is never
	// empty and one block's input needs no goroutine.
	if zw.cur != nil && len(zw.cur.in) == cap(zw.cur.in) {
		zw.dispatch(false)
	}
	if zw.cur == nil {
		zw.cur = zw.getBlock()
	}
	return zw.cur, nil
}

// add counts k bytes just put in b's input.
func (zw *Writer) add(b *block, k int) {
	p := b.in[len(b.in) : len(b.in)+k]
	b.in = b.in[:len(b.in)+k]
	zw.crc = crc32.Update(zw.crc, crc32.IEEETable, p)
	zw.size += uint32(k)
}

// writeErr is the writing goroutine's error, if any.
func (zw *Writer) writeErr() error {
	zw.mu.Lock()
	defer zw.mu.Unlock()
	return zw.werr
}

// getBlock returns the ring's next block, empty: a new one while fewer
// than max exist, else the oldest once it is written and its tail has
// primed the block after it.
func (zw *Writer) getBlock() *block {
	var b *block
	if len(zw.ring) < zw.max {
		bs := blockSize(zw.level)
		mem := zw.memory()[zw.procs*deflate.MemSize+len(zw.ring)*(bs+outMax(bs)):]
		b = &block{
			in:    mem[:0:bs],
			out:   mem[bs : bs : bs+outMax(bs)],
			ready: make(chan struct{}, 1),
			reuse: make(chan struct{}, 2),
		}
		zw.ring = append(zw.ring, b)
	} else {
		b = zw.ring[zw.next]
		<-b.reuse
		<-b.reuse
	}
	zw.next = (zw.next + 1) % zw.max
	b.in, b.last, b.err = b.in[:0], false, nil
	return b
}

// dispatch hands the current block over to be compressed and written.
func (zw *Writer) dispatch(last bool) {
	b := zw.cur
	zw.cur, b.prev, zw.prev = nil, zw.prev, b
	b.last = last
	b.out = append(b.out[:0], zw.head...)
	zw.head = nil
	if last {
		binary.LittleEndian.PutUint32(b.tail[0:4], zw.crc)
		binary.LittleEndian.PutUint32(b.tail[4:8], zw.size)
	}
	if zw.procs <= 1 || (last && !zw.started) {
		// One CPU, or all the input in one block: no goroutine pays.
		if zw.own == nil {
			zw.own = zw.newCompressor(0)
		}
		zw.own.compress(b)
		if b.err == nil {
			_, b.err = zw.w.Write(b.out)
		}
		zw.err = b.err
		b.reuse <- struct{}{}
		return
	}
	if !zw.started {
		zw.start()
	}
	zw.jobs <- b
	zw.queue <- b
}

// start starts procs compressing goroutines, each with a compressor of
// its own, and the writing one.
func (zw *Writer) start() {
	zw.started = true
	zw.jobs = make(chan *block, zw.max)
	zw.queue = make(chan *block, zw.max)
	zw.done = make(chan struct{})
	for i := range zw.procs {
		go func() {
			var c *compressor
			for b := range zw.jobs {
				if c == nil {
					c = zw.newCompressor(i)
				}
				c.compress(b)
				b.ready <- struct{}{}
			}
		}()
	}
	go zw.writeBlocks()
}

// writeBlocks writes the compressed blocks in input order. After an
// error it goes on taking them, so that nothing waits for it.
func (zw *Writer) writeBlocks() {
	defer close(zw.done)
	var err error
	for b := range zw.queue {
		<-b.ready
		if err == nil {
			err = b.err
			if err == nil {
				_, err = zw.w.Write(b.out)
			}
			if err != nil {
				zw.mu.Lock()
				zw.werr = err
				zw.mu.Unlock()
			}
		}
		b.reuse <- struct{}{}
	}
}

// compressor is a DEFLATE compressor reused block after block.
type compressor struct {
	c *deflate.Compressor
}

// newCompressor makes the compressor of goroutine i, its tables in the
// i'th part of the memory (the caller's goroutine uses the first, only
// when there are no others).
func (zw *Writer) newCompressor(i int) *compressor {
	mem := zw.mem[i*deflate.MemSize : (i+1)*deflate.MemSize]
	c, _ := deflate.NewIn(zw.level, mem) // the level was checked by newWriter
	return &compressor{c}
}

// memory returns the memory of the compressors and blocks, mapping it
// on first use (made on the heap if it cannot be mapped).
func (zw *Writer) memory() []byte {
	if zw.mem == nil {
		bs := blockSize(zw.level)
		n := zw.procs*deflate.MemSize + zw.max*(bs+outMax(bs))
		m, err := syscall.Mmap(-1, 0, n, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANONYMOUS)
		if err != nil {
			m = make([]byte, n)
		}
		zw.mem, zw.mapped = m, err == nil
	}
	return zw.mem
}

// unmap releases the memory, once nothing uses it.
func (zw *Writer) unmap() {
	if zw.mapped {
		syscall.Munmap(zw.mem)
	}
	for _, b := range zw.ring {
		b.in, b.out = nil, nil
	}
	zw.mem, zw.mapped, zw.own = nil, false, nil
}

// compress compresses a block after what b.out holds: a sync flush ends
// it, so the next block's output follows on a byte boundary, and the
// last one ends the DEFLATE stream and is followed by the trailer.
func (c *compressor) compress(b *block) {
	var dict []byte
	if b.prev != nil {
		in := b.prev.in
		dict = in[max(0, len(in)-dictSize):]
	}
	c.c.Reset(dict)
	// Reset copied the dictionary into the compressor's window.
	if b.prev != nil {
		b.prev.reuse <- struct{}{}
		b.prev = nil
	}
	b.out = c.c.Append(b.out, b.in)
	if b.last {
		b.out = append(c.c.Close(b.out), b.tail[:]...)
	} else {
		b.out = c.c.Flush(b.out)
	}
	b.err = nil
}

// Close ends the member (its trailer) and writes what is left; it does
// not close the underlying writer.
func (zw *Writer) Close() error {
	if zw.closed {
		return zw.err
	}
	zw.closed = true
	if zw.err == nil {
		zw.err = zw.writeErr()
	}
	if zw.err == nil {
		if zw.cur == nil {
			zw.cur = zw.getBlock()
		}
		zw.dispatch(true)
	}
	if zw.started {
		close(zw.jobs)
		close(zw.queue)
		<-zw.done
		if zw.err == nil {
			zw.err = zw.werr
		}
	}
	// Every block was compressed (the writing goroutine waited for
	// each), and nothing reads the memory after Close.
	zw.unmap()
	return zw.err
}
