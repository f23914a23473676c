package lzmadec

import (
	"io"
)

// LZMA2 is a sequence of chunks, each starting with a control byte:
// 0 ends the data, 1 and 2 are stored chunks (1 resetting the
// dictionary), 0x80 and above LZMA chunks whose bits 5-6 say what they
// reset (nothing, the state, the state with new properties, or all of
// that and the dictionary) and whose bits 0-4 are the top of their
// uncompressed size.

// chunk is a parsed chunk header.
type chunk struct {
	end   bool
	lzma  bool
	usize int // uncompressed size
	csize int // compressed size of an LZMA chunk
	hsize int // the header's size
}

// chunkFlags are the rules of the chunk sequence: a dictionary reset
// first, properties after each dictionary reset.
type chunkFlags struct{ needDict, needProps bool }

// parseChunk reads the chunk header at the front of h (at least 6 bytes
// when there are that many) and applies its resets. reset is called
// with the dictionary reset before the state is touched.
func (d *Decoder) parseChunk(h []byte, f *chunkFlags, resetDict func()) (chunk, error) {
	if len(h) == 0 {
		return chunk{}, ErrTruncated
	}
	c := h[0]
	if c == 0 {
		return chunk{end: true, hsize: 1}, nil
	}
	if c >= 0xe0 || c == 1 {
		f.needProps, f.needDict = true, false
		resetDict()
	} else if f.needDict {
		return chunk{}, ErrCorrupt
	}
	if c < 0x80 {
		if c > 2 {
			return chunk{}, ErrCorrupt
		}
		if len(h) < 3 {
			return chunk{}, ErrTruncated
		}
		return chunk{usize: int(h[1])<<8 | int(h[2]) + 1, hsize: 3}, nil
	}
	k := chunk{lzma: true, hsize: 5}
	if c >= 0xc0 {
		k.hsize = 6
	}
	if len(h) < k.hsize {
		return chunk{}, ErrTruncated
	}
	k.usize = int(c&0x1f)<<16 | int(h[1])<<8 | int(h[2]) + 1
	k.csize = int(h[3])<<8 | int(h[4]) + 1
	switch {
	case c >= 0xc0:
		pr, err := DecodeProps(h[5])
		if err != nil || pr.LC+pr.LP > 4 {
			return chunk{}, ErrCorrupt
		}
		f.needProps = false
		d.resetState(pr)
	case f.needProps:
		return chunk{}, ErrCorrupt
	case c >= 0xa0:
		d.resetState(d.props)
	}
	return k, nil
}

// endChunk checks that an LZMA chunk ended where its header said: all
// of its input used, the range coder finished, no match left over.
func (d *Decoder) endChunk(in []byte, ip, end int) error {
	if ip <= end {
		ip = d.finishRC(in, ip)
	}
	if ip != end || d.code != 0 || d.pend != 0 {
		return ErrCorrupt
	}
	return nil
}

// Reader2 decompresses an LZMA2 stream, reading exactly its bytes from
// the source (so that the container's data after it is left there).
type Reader2 struct {
	d       Decoder
	r       io.Reader
	buf     []byte // the current LZMA chunk's input, with pad bytes after
	ip, end int
	k       chunk
	left    int // uncompressed bytes of the chunk still to come
	flushed int // dict[:flushed] of the ring has been returned
	f       chunkFlags
	err     error
}

// NewReader2 reads an LZMA2 stream from r with a dictionary of
// dictSize bytes (the largest distance allowed).
func NewReader2(r io.Reader, dictSize int) *Reader2 {
	z := &Reader2{}
	z.Reset(r, dictSize)
	return z
}

// Reset starts a new stream, reusing the dictionary when it is large
// enough.
func (z *Reader2) Reset(r io.Reader, dictSize int) {
	z.r = r
	if z.buf == nil {
		z.buf = make([]byte, 1<<16+pad)
	}
	z.d.setRing(dictSize)
	z.ip, z.end, z.k, z.left, z.flushed = 0, 0, chunk{}, 0, 0
	z.f = chunkFlags{needDict: true, needProps: true}
	z.err = nil
}

// Read returns decompressed data; io.EOF after the end chunk.
func (z *Reader2) Read(p []byte) (int, error) {
	d := &z.d
	for {
		if z.flushed < d.pos {
			n := copy(p, d.dict[z.flushed:d.pos])
			z.flushed += n
			return n, nil
		}
		if z.err != nil {
			return 0, z.err
		}
		if d.pos == len(d.dict) {
			d.pos, z.flushed = 0, 0
		}
		if z.left == 0 {
			if z.k.lzma {
				if z.err = d.endChunk(z.buf, z.ip, z.end); z.err != nil {
					continue
				}
			}
			z.err = z.nextChunk()
			continue
		}
		if !z.k.lzma {
			n := min(z.left, len(d.dict)-d.pos)
			m, err := io.ReadFull(z.r, d.dict[d.pos:d.pos+n])
			d.pos += m
			d.full += m
			z.left -= m
			if err != nil {
				z.err = truncated(err)
			}
			continue
		}
		// Steps of 128 KiB: what is decoded is still in the cache when
		// it is read out.
		limit := min(len(d.dict), d.pos+z.left, d.pos+128<<10)
		before := d.pos
		var err error
		z.ip, err = d.decode(z.buf, z.ip, z.end, limit)
		z.left -= d.pos - before
		if err != nil || z.ip > z.end || d.pos < limit {
			z.err = ErrCorrupt
		}
	}
}

// truncated is what a read's error means for the stream: an early end
// is truncation, other errors are the reader's own.
func truncated(err error) error {
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return ErrTruncated
	}
	return err
}

// nextChunk reads a chunk header and, for an LZMA chunk, its input.
func (z *Reader2) nextChunk() error {
	d := &z.d
	var h [6]byte
	if _, err := io.ReadFull(z.r, h[:1]); err != nil {
		return truncated(err)
	}
	n := 1
	switch c := h[0]; {
	case c >= 0xc0:
		n = 6
	case c >= 0x80:
		n = 5
	case c == 1 || c == 2:
		n = 3
	}
	if _, err := io.ReadFull(z.r, h[1:n]); err != nil {
		return truncated(err)
	}
	k, err := d.parseChunk(h[:n], &z.f, func() { d.pos, d.full, z.flushed = 0, 0, 0 })
	if err != nil {
		return err
	}
	if k.end {
		return io.EOF
	}
	z.k, z.left = k, k.usize
	if !k.lzma {
		return nil
	}
	if _, err := io.ReadFull(z.r, z.buf[:k.csize]); err != nil {
		return truncated(err)
	}
	clear(z.buf[k.csize : k.csize+pad])
	z.end = k.csize
	z.ip, err = d.initRC(z.buf[:k.csize], 0)
	return err
}

// DecodeLZMA2 decodes the LZMA2 stream at the front of src into dst,
// which must be its exact uncompressed size: dst is the dictionary, so
// nothing is copied. dictSize is the largest distance allowed. It
// returns how many bytes of src the stream took, end chunk included.
func (d *Decoder) DecodeLZMA2(dst, src []byte, dictSize int) (int, error) {
	d.dict, d.dictSize = dst, max(dictSize, minDict)
	d.pos, d.full, d.posOff = 0, 0, 0
	defer func() { d.dict = nil }()
	f := chunkFlags{needDict: true, needProps: true}
	sp := 0
	for {
		k, err := d.parseChunk(src[sp:], &f, func() { d.full, d.posOff = 0, d.pos })
		if err != nil {
			return sp, err
		}
		sp += k.hsize
		if k.end {
			if d.pos != len(dst) {
				return sp, ErrCorrupt
			}
			return sp, nil
		}
		if k.usize > len(dst)-d.pos {
			return sp, ErrCorrupt
		}
		if !k.lzma {
			if len(src)-sp < k.usize {
				return sp, ErrTruncated
			}
			copy(dst[d.pos:], src[sp:sp+k.usize])
			d.pos += k.usize
			d.full += k.usize
			sp += k.usize
			continue
		}
		if len(src)-sp < k.csize {
			return sp, ErrTruncated
		}
		// Decode in place when pad bytes follow the chunk, else from a
		// padded copy.
		in, ip := src, sp
		if len(src)-sp < k.csize+pad {
			if d.tail == nil {
				d.tail = make([]byte, 1<<16+pad)
			}
			in, ip = d.tail, 0
			copy(in, src[sp:sp+k.csize])
			clear(in[k.csize : k.csize+pad])
		}
		end := ip + k.csize
		if ip, err = d.initRC(in[:end], ip); err != nil {
			return sp, err
		}
		limit := d.pos + k.usize
		ip, err = d.decode(in, ip, end, limit)
		if err != nil || ip > end || d.pos != limit {
			return sp, ErrCorrupt
		}
		if err := d.endChunk(in, ip, end); err != nil {
			return sp, err
		}
		sp += k.csize
	}
}
