package lzmadec

import "io"

// Reader1 decompresses a raw LZMA1 stream (the data of a .lzma file
// after its 13-byte header): to its known size, or to its end marker
// when the size is unknown. It may read past the stream's end.
type Reader1 struct {
	d       Decoder
	r       io.Reader
	buf     []byte // input in buf[ip:end], pad bytes readable after
	ip, end int
	eof     bool  // r has no more
	started bool  // the range coder has its first bytes
	size    int64 // uncompressed bytes still to come, -1 unknown
	flushed int
	err     error
}

// NewReader1 reads a raw LZMA1 stream with properties props (lc, lp,
// pb), a dictionary of dictSize bytes and size bytes of output (-1:
// unknown, ended by the end marker). The caller bounds dictSize.
func NewReader1(r io.Reader, props Props, dictSize int, size int64) *Reader1 {
	z := &Reader1{r: r, buf: make([]byte, 1<<16+pad), size: size}
	z.d.setRing(dictSize)
	z.d.resetState(props)
	return z
}

// fill moves the unread input to the front and reads more.
func (z *Reader1) fill() {
	n := copy(z.buf, z.buf[z.ip:z.end])
	z.ip, z.end = 0, n
	for z.end < len(z.buf)-pad && !z.eof {
		m, err := z.r.Read(z.buf[z.end : len(z.buf)-pad])
		z.end += m
		if err == io.EOF {
			z.eof = true
		} else if err != nil {
			z.err = err
			return
		}
		if m > 0 {
			break
		}
	}
	clear(z.buf[z.end : z.end+pad])
}

// Read returns decompressed data.
func (z *Reader1) Read(p []byte) (int, error) {
	d := &z.d
	for {
		// Data is returned a whole window at a time (and at the end),
		// as BusyBox's unlzma writes it: damaged data loses the window
		// it was filling.
		if z.flushed < d.pos && (d.pos == len(d.dict) || z.err == io.EOF) {
			n := copy(p, d.dict[z.flushed:d.pos])
			z.flushed += n
			return n, nil
		}
		if z.err != nil {
			return 0, z.err
		}
		if z.size == 0 && z.started {
			// BusyBox reads the range coder's first bytes even then.
			z.err = io.EOF
			continue
		}
		if d.pos == len(d.dict) {
			d.pos, z.flushed = 0, 0
		}
		inLimit := z.end - pad
		if z.eof {
			inLimit = z.end
		}
		if !z.started {
			if z.end-z.ip < 5 && !z.eof {
				z.fill()
				continue
			}
			z.started = true
			z.ip, z.err = d.initRC(z.buf[:z.end], z.ip)
			continue
		}
		if z.ip > inLimit {
			if !z.eof {
				z.fill()
				continue
			}
			z.err = ErrTruncated
			continue
		}
		limit := len(d.dict)
		if z.size >= 0 && z.size < int64(limit-d.pos) {
			limit = d.pos + int(z.size)
		}
		before := d.pos
		var err error
		z.ip, err = d.decode(z.buf, z.ip, inLimit, limit)
		if z.size >= 0 {
			z.size -= int64(d.pos - before)
		}
		switch {
		case err == errEOS:
			if z.size > 0 || d.pend > 0 {
				z.err = ErrCorrupt
			} else {
				z.err = io.EOF
			}
		case err != nil:
			z.err = err
		case z.ip > z.end:
			z.err = ErrTruncated
		}
		if z.err != nil && z.err != io.EOF {
			// The last symbol may have been decoded from what was not
			// input; and BusyBox's unlzma does not write the window it
			// was filling when the data turns out damaged either.
			z.flushed = d.pos
		}
	}
}
