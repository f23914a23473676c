// Package tailbuf keeps the end of a stream, its last N lines or bytes,
// in memory bounded by what those need: tail -n and -c of a pipe, and
// head's "all but the last N" (-n -N, -c -N).
//
// The data sits in a queue of fixed-size chunks. A read goes into the
// last chunk; whatever can no longer be part of the end is passed on at
// once (printed by head, dropped by tail), and a chunk passed on whole is
// reused for a later read. So memory is what BusyBox's tail keeps (the
// last N lines or bytes, and the line being read) plus at most two
// chunks, whatever the length of the stream, and no byte is copied twice.
package tailbuf

import (
	"bytes"
	"io"
)

// ChunkSize is the size of one chunk, and the most one read asks for:
// BusyBox's copy buffer as Alpine builds it (FEATURE_COPYBUF_KB=64).
const ChunkSize = 64 << 10

// Unit is what N counts.
type Unit int

// The units.
const (
	Lines Unit = iota // lines; a last line without a newline counts
	Bytes             // bytes
	// LinesOrNUL are lines that a newline or a NUL ends, as BusyBox's
	// bb_get_chunk_from_file reads them (head -n -N).
	LinesOrNUL
)

// Buffer keeps the last n units of what it reads. Make one with New.
type Buffer struct {
	n     uint64
	unit  Unit
	queue []*chunk // queue[head:] hold the data
	head  int
	free  []*chunk // chunks passed on whole, for the next reads
	size  uint64   // bytes held: in the queue and not passed on
	nl    uint64   // newlines held
}

// chunk is up to ChunkSize bytes of the stream; those before start were
// passed on.
type chunk struct {
	b     []byte // len is the data read; cap is ChunkSize
	start int
	nl    uint64 // newlines in b[start:]
}

// New returns a Buffer that keeps the last n lines or bytes.
func New(n uint64, unit Unit) *Buffer {
	return &Buffer{n: n, unit: unit}
}

// Fill does one read of r into the buffer and returns what Read
// returned. Call Spill after it to pass on what is no longer needed.
func (b *Buffer) Fill(r io.Reader) (int, error) {
	last := b.last()
	n, err := r.Read(last.b[len(last.b):cap(last.b)])
	if n > 0 {
		p := last.b[len(last.b) : len(last.b)+n]
		last.b = last.b[:len(last.b)+n]
		b.size += uint64(n)
		if b.unit != Bytes {
			c := b.ends(p)
			last.nl += c
			b.nl += c
		}
	}
	return n, err
}

// last returns the chunk that the next read fills, adding one to the
// queue when the last is full.
func (b *Buffer) last() *chunk {
	if k := len(b.queue); k > b.head && len(b.queue[k-1].b) < cap(b.queue[k-1].b) {
		return b.queue[k-1]
	}
	var c *chunk
	if k := len(b.free); k > 0 {
		c = b.free[k-1]
		b.free = b.free[:k-1]
	} else {
		c = &chunk{b: make([]byte, 0, ChunkSize)}
	}
	b.queue = append(b.queue, c)
	return c
}

// Spill passes what can no longer be part of the end to w, oldest first;
// with a nil w it is dropped. For lines that is every whole line but the
// last n: the end may yet start one line later, when the stream ends in
// a line without a newline. It returns w's first error.
func (b *Buffer) Spill(w io.Writer) error {
	for b.head < len(b.queue) {
		c := b.queue[b.head]
		p := c.b[c.start:]
		var k int     // bytes of c to pass on
		var nl uint64 // newlines among them
		if b.unit == Bytes {
			if b.size <= b.n {
				return nil
			}
			k = int(min(b.size-b.n, uint64(len(p))))
		} else {
			if b.nl <= b.n {
				return nil
			}
			switch nl = b.nl - b.n; {
			case nl > c.nl: // the lines to pass on go past c
				nl, k = c.nl, len(p)
			case nl == c.nl:
				k = b.lastEnd(p) + 1
			default:
				k = b.nthEnd(p, nl)
			}
		}
		if k == 0 {
			return nil
		}
		c.start += k
		c.nl -= nl
		b.size -= uint64(k)
		b.nl -= nl
		if c.start == cap(c.b) {
			// Passed on whole and full: reuse it.
			c.b, c.start, c.nl = c.b[:0], 0, 0
			b.free = append(b.free, c)
			b.dequeue()
		}
		if w != nil {
			if _, err := w.Write(p[:k]); err != nil {
				return err
			}
		}
	}
	return nil
}

// dequeue drops the first chunk of the queue, moving what is left to the
// front of the slice once that halves it.
func (b *Buffer) dequeue() {
	b.queue[b.head] = nil
	b.head++
	if b.head >= 16 && 2*b.head >= len(b.queue) || b.head == len(b.queue) {
		n := copy(b.queue, b.queue[b.head:])
		clear(b.queue[n:])
		b.queue = b.queue[:n]
		b.head = 0
	}
}

// ends counts the line ends in p.
func (b *Buffer) ends(p []byte) uint64 {
	n := bytes.Count(p, []byte{'\n'})
	if b.unit == LinesOrNUL {
		n += bytes.Count(p, []byte{0})
	}
	return uint64(n)
}

// lastEnd returns the index of the last line end in p, or -1.
func (b *Buffer) lastEnd(p []byte) int {
	i := bytes.LastIndexByte(p, '\n')
	if b.unit == LinesOrNUL {
		i = max(i, bytes.LastIndexByte(p[i+1:], 0)+i+1)
	}
	return i
}

// nthEnd returns the length of p up to its nth line end; p has more.
// Each kind of end is searched for once per byte.
func (b *Buffer) nthEnd(p []byte, n uint64) int {
	nl, nul := -1, len(p) // the next newline and NUL at or after k
	if b.unit == LinesOrNUL {
		nul = -1
	}
	k := 0
	for ; n > 0; n-- {
		if nl < k {
			nl = next(p, k, '\n')
		}
		if b.unit == LinesOrNUL && nul < k {
			nul = next(p, k, 0)
		}
		k = min(nl, nul) + 1
	}
	return k
}

// next returns the index of the first c in p at or after from, or len(p).
func next(p []byte, from int, c byte) int {
	if i := bytes.IndexByte(p[from:], c); i >= 0 {
		return from + i
	}
	return len(p)
}

// WriteEnd writes the last n lines or bytes read (all of it when there
// are fewer) to w.
func (b *Buffer) WriteEnd(w io.Writer) error {
	held := b.queue[b.head:]
	i, off := b.split()
	for ; i < len(held); i++ {
		c := held[i]
		if _, err := w.Write(c.b[c.start+off:]); err != nil {
			return err
		}
		off = 0
	}
	return nil
}

// WriteStart writes what the buffer holds before its last n lines or
// bytes to w: after what Spill passed on, the rest of all but the end.
func (b *Buffer) WriteStart(w io.Writer) error {
	held := b.queue[b.head:]
	si, soff := b.split()
	for i := 0; i <= si && i < len(held); i++ {
		c := held[i]
		p := c.b[c.start:]
		if i == si {
			p = p[:soff]
		}
		if len(p) == 0 {
			continue
		}
		if _, err := w.Write(p); err != nil {
			return err
		}
	}
	return nil
}

// split returns where the end starts: an index in the queue's chunks
// from its head, and an offset in what that chunk holds.
func (b *Buffer) split() (int, int) {
	held := b.queue[b.head:]
	if b.unit == Bytes {
		skip := uint64(0)
		if b.size > b.n {
			skip = b.size - b.n
		}
		for i, c := range held {
			if k := uint64(len(c.b) - c.start); skip < k {
				return i, int(skip)
			} else {
				skip -= k
			}
		}
		return len(held), 0
	}
	if b.n == 0 {
		return len(held), 0
	}
	need := b.n
	last := true // no byte seen yet, from the end
	for i := len(held) - 1; i >= 0; i-- {
		c := held[i]
		p := c.b[c.start:]
		if last && len(p) > 0 {
			if e := p[len(p)-1]; e == '\n' || e == 0 && b.unit == LinesOrNUL {
				// The end of the last line starts no line.
				p = p[:len(p)-1]
			}
			last = false
		}
		// The last newline and NUL before end, searched for again only
		// once passed, so that each byte is looked at once.
		nl, nul := len(p), -1
		if b.unit == LinesOrNUL {
			nul = len(p)
		}
		for end := len(p); ; {
			if nl >= end {
				nl = bytes.LastIndexByte(p[:end], '\n')
			}
			if nul >= end {
				nul = bytes.LastIndexByte(p[:end], 0)
			}
			j := max(nl, nul)
			if j < 0 {
				break
			}
			if need--; need == 0 {
				return i, j + 1
			}
			end = j
		}
	}
	return 0, 0
}
