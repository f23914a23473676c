// Package gzmember reads a stream of concatenated gzip members one member
// at a time, handing each member's compressed bytes (header and trailer
// included) to hashes: apk's v2 packages and indexes sign and identify
// whole members (apk.md sections 2.1 and 2.5), so the boundaries matter.
//
// It inflates with internal/inflate straight from its own buffer, which
// the decoder consumes no further than the end of a member's DEFLATE
// data (compress/gzip's buffered reader would read past it), so that
// exactly a member's bytes reach its hashes.
package gzmember

import (
	"encoding/binary"
	"hash"
	"hash/crc32"
	"io"

	"gobox/internal/inflate"
)

// Error is a damaged stream; apk reports all of them as "IO ERROR".
type Error string

func (e Error) Error() string { return string(e) }

// Errors of a damaged stream.
const (
	ErrNotGzip  = Error("not a gzip member")
	ErrCorrupt  = Error("corrupted data")
	ErrTrailer  = Error("crc or length error")
	ErrTruncate = Error("unexpected end of file")
)

// MaxHeaderField caps a name or comment in a member header.
const MaxHeaderField = 64 << 10

// Reader reads the members of a gzip stream.
type Reader struct {
	src    io.Reader
	buf    []byte
	pos    int // next unread byte
	end    int // end of valid bytes
	mark   int // bytes buf[mark:pos] are consumed but not hashed yet
	rerr   error
	hashes []hash.Hash
	n      int64 // compressed bytes consumed

	fr      *inflate.Reader
	in      bool // inside a member's data
	crc     uint32
	size    uint32
	err     error
	members int
	start   int64 // offset where the current member started
}

// NewReader returns a reader of the members of r.
func NewReader(r io.Reader) *Reader {
	return &Reader{src: r, buf: make([]byte, 32<<10)}
}

// Offset returns how many compressed bytes have been consumed.
func (r *Reader) Offset() int64 { return r.n }

// Members returns how many members were started.
func (r *Reader) Members() int { return r.members }

// MemberStart returns the offset at which the current member began.
func (r *Reader) MemberStart() int64 { return r.start }

// flush hands the consumed bytes not yet hashed to the hashes.
func (r *Reader) flush() {
	if r.mark < r.pos {
		for _, h := range r.hashes {
			h.Write(r.buf[r.mark:r.pos])
		}
	}
	r.mark = r.pos
}

// fill reads more input after the unconsumed bytes, which move to the
// start of the buffer. It reports false when the source gave nothing
// or the buffer is full.
func (r *Reader) fill() bool {
	r.flush()
	r.end = copy(r.buf, r.buf[r.pos:r.end])
	r.pos, r.mark = 0, 0
	for tries := 0; r.rerr == nil && r.end < len(r.buf) && tries < 100; tries++ {
		m, err := r.src.Read(r.buf[r.end:])
		r.end += m
		r.rerr = err
		if m > 0 {
			return true
		}
	}
	if r.rerr == nil && r.end < len(r.buf) {
		r.rerr = io.ErrNoProgress
	}
	return false
}

// ReadByte reads a byte of the header or the trailer.
func (r *Reader) ReadByte() (byte, error) {
	if r.pos == r.end && !r.fill() {
		return 0, r.srcErr()
	}
	c := r.buf[r.pos]
	r.pos++
	r.n++
	return c, nil
}

// source is the Reader's buffer as the decoder's inflate.Source: what
// it discards is consumed, counted and (at the next flush) hashed.
type source struct{ r *Reader }

func (s source) Buffered() int { return s.r.end - s.r.pos }

func (s source) Peek(n int) ([]byte, error) {
	r := s.r
	for r.end-r.pos < n {
		if !r.fill() {
			if r.end-r.pos < n && r.rerr == nil {
				return r.buf[r.pos:r.end], errBufferFull
			}
			break
		}
	}
	if r.end-r.pos < n {
		return r.buf[r.pos:r.end], r.srcErr()
	}
	return r.buf[r.pos : r.pos+n], nil
}

func (s source) Discard(n int) (int, error) {
	r := s.r
	if n > r.end-r.pos {
		n = r.end - r.pos
	}
	r.pos += n
	r.n += int64(n)
	return n, nil
}

// errBufferFull is a Peek of more than the buffer holds.
const errBufferFull = Error("buffer full")

func (r *Reader) srcErr() error {
	if r.rerr == nil || r.rerr == io.EOF {
		return io.EOF
	}
	return r.rerr
}

// atEOF reports whether the input has no more bytes.
func (r *Reader) atEOF() bool {
	if r.pos < r.end {
		return false
	}
	return !r.fill()
}

// Next starts the next member, whose compressed bytes go to hashes. At
// the end of the input it returns io.EOF. The current member must have
// been read to its end.
func (r *Reader) Next(hashes ...hash.Hash) error {
	if r.in {
		return ErrCorrupt
	}
	if r.err != nil && r.err != io.EOF {
		return r.err
	}
	r.flush()
	if r.atEOF() {
		if err := r.srcErr(); err != io.EOF {
			return err
		}
		return io.EOF
	}
	r.hashes = hashes
	r.start = r.n
	r.members++
	if err := r.header(); err != nil {
		r.err = err
		return err
	}
	if r.fr == nil {
		r.fr = inflate.NewReader(source{r})
	} else {
		r.fr.Reset(source{r})
	}
	r.in, r.crc, r.size, r.err = true, 0, 0, nil
	return nil
}

// SetHashes replaces the hashes that receive the rest of the current
// member's compressed bytes (bytes consumed so far go to the old ones).
func (r *Reader) SetHashes(hashes ...hash.Hash) {
	r.flush()
	r.hashes = hashes
}

func (r *Reader) need(n int) ([]byte, error) {
	out := make([]byte, n)
	for i := range out {
		c, err := r.ReadByte()
		if err != nil {
			return nil, truncated(err)
		}
		out[i] = c
	}
	return out, nil
}

func truncated(err error) error {
	if err == io.EOF {
		return ErrTruncate
	}
	return err
}

// header reads a member header (RFC 1952).
func (r *Reader) header() error {
	h, err := r.need(10)
	if err != nil {
		return err
	}
	if h[0] != 0x1f || h[1] != 0x8b || h[2] != 8 {
		return ErrNotGzip
	}
	flags := h[3]
	if flags&4 != 0 {
		x, err := r.need(2)
		if err != nil {
			return err
		}
		if _, err := r.need(int(binary.LittleEndian.Uint16(x))); err != nil {
			return err
		}
	}
	for _, bit := range []byte{8, 16} {
		if flags&bit == 0 {
			continue
		}
		for i := 0; ; i++ {
			c, err := r.ReadByte()
			if err != nil {
				return truncated(err)
			}
			if c == 0 {
				break
			}
			if i > MaxHeaderField {
				return ErrCorrupt
			}
		}
	}
	if flags&2 != 0 {
		if _, err := r.need(2); err != nil {
			return err
		}
	}
	return nil
}

// Read reads the current member's decompressed data; io.EOF at the end
// of the member, once its trailer checked out.
func (r *Reader) Read(p []byte) (int, error) {
	if !r.in {
		if r.err != nil {
			return 0, r.err
		}
		return 0, io.EOF
	}
	n, err := r.fr.Read(p)
	r.crc = crc32.Update(r.crc, crc32.IEEETable, p[:n])
	r.size += uint32(n)
	if err == nil {
		return n, nil
	}
	r.in = false
	if err != io.EOF {
		if err == io.ErrUnexpectedEOF {
			err = ErrTruncate
		} else if err == inflate.ErrCorrupt {
			err = ErrCorrupt
		}
		r.err = err
		return n, err
	}
	t, terr := r.need(8)
	if terr != nil {
		r.err = terr
		return n, terr
	}
	if binary.LittleEndian.Uint32(t[:4]) != r.crc || binary.LittleEndian.Uint32(t[4:]) != r.size {
		r.err = ErrTrailer
		return n, ErrTrailer
	}
	r.flush()
	r.err = io.EOF
	return n, io.EOF
}

// Tail reads what follows the last member and reports whether it is
// empty or only zero bytes (padding).
func (r *Reader) Tail() (zeros bool, err error) {
	r.flush()
	r.hashes = nil
	for {
		if r.atEOF() {
			return true, nil
		}
		for _, c := range r.buf[r.pos:r.end] {
			if c != 0 {
				return false, nil
			}
		}
		r.n += int64(r.end - r.pos)
		r.pos = r.end
	}
}
