package xzio

import (
	"bytes"
	"hash"
	"io"
	"runtime"

	"gobox/internal/writebehind"
)

// WriteTo decodes into w. Decoding, the critical path of a single-block
// stream, stays in the caller's goroutine; the streamed blocks' checks
// are computed, and the data written, by a goroutine of its own a few
// buffers behind, so that neither waits on the other (CRC-64 alone is
// about 4% of decoding a block). The order of effects is the
// sequential path's: a block's data is written before its check is
// compared, and nothing after a failed check is written.
func (x *Reader) WriteTo(w io.Writer) (int64, error) {
	if runtime.GOMAXPROCS(0) == 1 {
		return io.CopyBuffer(w, struct{ io.Reader }{x}, make([]byte, wtChunk))
	}
	q := writebehind.New(wtDepth)
	var bufs [wtDepth + 2]wtBuf // used in turn: see writebehind
	var total int64             // the writer's, read after Close
	x.events = true
	defer func() { x.events = false }()
	var err error
	for i := 0; err == nil; i++ {
		c := &bufs[i%len(bufs)]
		if c.b == nil {
			c.b = make([]byte, wtChunk)
		}
		x.evs = c.evs[:0]
		n := 0
		for n < len(c.b) && err == nil {
			var m int
			m, err = x.Read(c.b[n:])
			n += m
		}
		c.n, c.evs = n, x.evs
		x.evs = nil
		if !q.Do(func() error { return writeChunk(w, c, &total) }) {
			break
		}
	}
	if werr := q.Close(); werr != nil {
		return total, werr
	}
	if err == io.EOF {
		err = nil
	}
	return total, err
}

const (
	wtChunk = 128 << 10 // bytes a buffer holds
	wtDepth = 1         // buffers queued for the writer
)

// wtBuf is decoded data on its way to the writer, with the checks it
// feeds and ends, in stream order.
type wtBuf struct {
	b   []byte
	n   int
	evs []wtEvent
}

// wtEvent is n bytes of data for h, or (want non-nil) the end of h's
// block, whose check must equal want.
type wtEvent struct {
	h    hash.Hash
	n    int
	want []byte
}

// writeChunk writes one buffer's data, comparing each check that ends
// in it once the data before it is written.
func writeChunk(w io.Writer, c *wtBuf, total *int64) error {
	off, written := 0, 0
	flush := func() error {
		if off == written {
			return nil
		}
		m, err := w.Write(c.b[written:off])
		*total += int64(m)
		written = off
		return err
	}
	for _, e := range c.evs {
		if e.want == nil {
			if e.h != nil {
				e.h.Write(c.b[off : off+e.n])
			}
			off += e.n
			continue
		}
		if err := flush(); err != nil {
			return err
		}
		if !bytes.Equal(checkBytes(e.h), e.want) {
			return errCorrupt
		}
	}
	off = c.n
	return flush()
}

// event records n bytes of data for h (nil: already checked) returned
// by Read, for WriteTo's writer.
func (x *Reader) event(h hash.Hash, n int) {
	if !x.events {
		return
	}
	if k := len(x.evs); k > 0 && x.evs[k-1].want == nil && x.evs[k-1].h == h {
		x.evs[k-1].n += n
		return
	}
	x.evs = append(x.evs, wtEvent{h: h, n: n})
}
