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
)

// Buffer keeps the last n units of what it reads. Make one with New.
type Buffer struct {
	n     uint64
	unit  Unit
	queue []*chunk
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
		if b.unit == Lines {
			c := uint64(bytes.Count(p, []byte{'\n'}))
			last.nl += c
			b.nl += c
		}
	}
	return n, err
}

// last returns the chunk that the next read fills, adding one to the
// queue when the last is full.
func (b *Buffer) last() *chunk {
	if k := len(b.queue); k > 0 && len(b.queue[k-1].b) < cap(b.queue[k-1].b) {
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
	for len(b.queue) > 0 {
		c := b.queue[0]
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
				k = bytes.LastIndexByte(p, '\n') + 1
			default:
				k = nthNewline(p, nl)
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
			b.queue[0] = nil
			b.queue = b.queue[1:] // append moves the queue when it must grow
			c.b, c.start, c.nl = c.b[:0], 0, 0
			b.free = append(b.free, c)
		}
		if w != nil {
			if _, err := w.Write(p[:k]); err != nil {
				return err
			}
		}
	}
	return nil
}

// nthNewline returns the length of p up to its nth newline; p has more.
func nthNewline(p []byte, n uint64) int {
	k := 0
	for ; n > 0; n-- {
		k += bytes.IndexByte(p[k:], '\n') + 1
	}
	return k
}

// WriteEnd writes the last n lines or bytes read (all of it when there
// are fewer) to w.
func (b *Buffer) WriteEnd(w io.Writer) error {
	i, off := b.split()
	for ; i < len(b.queue); i++ {
		c := b.queue[i]
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
	si, soff := b.split()
	for i := 0; i <= si && i < len(b.queue); i++ {
		c := b.queue[i]
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

// split returns where the end starts: a chunk of the queue and an offset
// in what it holds.
func (b *Buffer) split() (int, int) {
	if b.unit == Bytes {
		skip := uint64(0)
		if b.size > b.n {
			skip = b.size - b.n
		}
		for i, c := range b.queue {
			if held := uint64(len(c.b) - c.start); skip < held {
				return i, int(skip)
			} else {
				skip -= held
			}
		}
		return len(b.queue), 0
	}
	if b.n == 0 {
		return len(b.queue), 0
	}
	need := b.n
	end := true // no byte seen yet, from the end
	for i := len(b.queue) - 1; i >= 0; i-- {
		c := b.queue[i]
		p := c.b[c.start:]
		if end && len(p) > 0 {
			if p[len(p)-1] == '\n' {
				// The newline that ends the last line starts no line.
				p = p[:len(p)-1]
			}
			end = false
		}
		for {
			j := bytes.LastIndexByte(p, '\n')
			if j < 0 {
				break
			}
			if need--; need == 0 {
				return i, j + 1
			}
			p = p[:j]
		}
	}
	return 0, 0
}
