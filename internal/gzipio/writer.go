package gzipio

import (
	"bufio"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"runtime"
	"sync"
)

// BlockSize is how much input each block the Writer compresses on its
// own holds: pigz's default.
const BlockSize = 128 << 10

// dictSize is DEFLATE's window: each block starts primed with this much
// of the input before it, so cutting the input costs almost no ratio.
const dictSize = 32 << 10

// Writer compresses into a gzip stream of one member, pigz's way: the
// input is cut into blocks of BlockSize, each compressed on a goroutine
// of its own with a DEFLATE compressor primed with the previous 32 KiB
// of input and ended by a sync flush (the last by the final block), and
// the blocks are written in order. The output is the same bytes whatever
// the number of CPUs, and what one block makes is what a single
// compressor makes, so an input of one block (or a single CPU) is
// compressed on the caller's goroutine. At most GOMAXPROCS+2 blocks are
// in flight.
//
// Close must be called, after an error too: it ends the goroutines.
type Writer struct {
	bw        *bufio.Writer
	level     int
	procs     int
	max       int // blocks allowed to exist
	crc, size uint32
	cur       *block
	hist      []byte // the last dictSize bytes of input before cur
	err       error
	closed    bool

	started bool
	nblocks int
	jobs    chan *block   // to the compressing goroutines
	queue   chan *block   // to the writing goroutine, in input order
	free    chan *block   // written blocks, for reuse
	done    chan struct{} // the writing goroutine ended
	mu      sync.Mutex
	werr    error // the first error the writing goroutine met
}

var errClosed = errors.New("write after close")

// block is one piece of input and what it compresses to.
type block struct {
	in    []byte
	dict  []byte
	out   bytes.Buffer
	last  bool
	err   error
	ready chan struct{} // a token once out is complete
}

// NewWriter starts a member with header h (its Name, ModTime, OS and
// Level) written to w. It buffers: Close flushes.
func NewWriter(w io.Writer, h Header) (*Writer, error) {
	return newWriter(w, h, runtime.GOMAXPROCS(0))
}

// newWriter is NewWriter compressing on procs goroutines.
func newWriter(w io.Writer, h Header, procs int) (*Writer, error) {
	level := h.Level
	if level == 0 {
		level = 6
	}
	if level < flate.HuffmanOnly || level > flate.BestCompression {
		return nil, errors.New("invalid compression level")
	}
	zw := &Writer{bw: bufio.NewWriterSize(w, 64<<10), level: level, procs: procs, max: procs + 2}
	var b [10]byte
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
	zw.bw.Write(b[:])
	if h.Name != "" {
		zw.bw.WriteString(h.Name)
		zw.bw.WriteByte(0)
	}
	return zw, nil
}

// Write compresses p.
func (zw *Writer) Write(p []byte) (int, error) {
	if zw.closed && zw.err == nil {
		return 0, errClosed
	}
	n := 0
	for len(p) > 0 {
		if zw.err == nil {
			zw.err = zw.writeErr()
		}
		if zw.err != nil {
			return n, zw.err
		}
		// A full block waits for more input, so that the last one is
		// never empty and one block's input needs no goroutine.
		if zw.cur != nil && len(zw.cur.in) == BlockSize {
			zw.dispatch(false)
		}
		if zw.cur == nil {
			zw.cur = zw.getBlock()
		}
		b := zw.cur
		k := min(len(p), BlockSize-len(b.in))
		b.in = append(b.in, p[:k]...)
		zw.crc = crc32.Update(zw.crc, crc32.IEEETable, p[:k])
		zw.size += uint32(k)
		n += k
		p = p[k:]
	}
	return n, nil
}

// writeErr is the writing goroutine's error, if any.
func (zw *Writer) writeErr() error {
	zw.mu.Lock()
	defer zw.mu.Unlock()
	return zw.werr
}

// getBlock returns an empty block: a written one, a new one while fewer
// than max exist, or the next one written.
func (zw *Writer) getBlock() *block {
	var b *block
	select {
	case b = <-zw.free:
	default:
		if zw.nblocks < zw.max {
			zw.nblocks++
			b = &block{in: make([]byte, 0, BlockSize), ready: make(chan struct{}, 1)}
		} else {
			b = <-zw.free
		}
	}
	b.in, b.last, b.err = b.in[:0], false, nil
	return b
}

// dispatch hands the current block over to be compressed and written,
// with the input before it as its dictionary.
func (zw *Writer) dispatch(last bool) {
	b := zw.cur
	zw.cur = nil
	b.last = last
	b.dict = append(b.dict[:0], zw.hist...)
	zw.hist = append(zw.hist, b.in...)
	if len(zw.hist) > dictSize {
		zw.hist = zw.hist[:copy(zw.hist, zw.hist[len(zw.hist)-dictSize:])]
	}
	if zw.procs <= 1 || (last && !zw.started) {
		// One CPU, or all the input in one block: no goroutine pays.
		zw.compress(b)
		if b.err == nil {
			_, b.err = zw.bw.Write(b.out.Bytes())
		}
		zw.err = b.err
		zw.recycle(b)
		return
	}
	if !zw.started {
		zw.start()
	}
	zw.jobs <- b
	zw.queue <- b
}

// recycle keeps a block written on the caller's goroutine for reuse.
func (zw *Writer) recycle(b *block) {
	if zw.free == nil {
		zw.free = make(chan *block, zw.max)
	}
	zw.free <- b
}

// start starts procs compressing goroutines and the writing one.
func (zw *Writer) start() {
	zw.started = true
	if zw.free == nil {
		zw.free = make(chan *block, zw.max)
	}
	zw.jobs = make(chan *block, zw.max)
	zw.queue = make(chan *block, zw.max)
	zw.done = make(chan struct{})
	for range zw.procs {
		go func() {
			for b := range zw.jobs {
				zw.compress(b)
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
				_, err = zw.bw.Write(b.out.Bytes())
			}
			if err != nil {
				zw.mu.Lock()
				zw.werr = err
				zw.mu.Unlock()
			}
		}
		zw.free <- b
	}
}

// compress compresses a block: a sync flush ends it, so the next
// block's output follows on a byte boundary, and the last one ends the
// DEFLATE stream.
func (zw *Writer) compress(b *block) {
	b.out.Reset()
	fw, err := flate.NewWriterDict(&b.out, zw.level, b.dict)
	if err == nil {
		_, err = fw.Write(b.in)
	}
	if err == nil {
		if b.last {
			err = fw.Close()
		} else {
			err = fw.Flush()
		}
	}
	b.err = err
}

// Close ends the member (its trailer) and flushes the output; it does
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
	if zw.err != nil {
		return zw.err
	}
	var t [8]byte
	binary.LittleEndian.PutUint32(t[0:4], zw.crc)
	binary.LittleEndian.PutUint32(t[4:8], zw.size)
	zw.bw.Write(t[:])
	zw.err = zw.bw.Flush()
	return zw.err
}
