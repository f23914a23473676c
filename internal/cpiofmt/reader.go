package cpiofmt

import (
	"context"
	"encoding/binary"
	"io"
	"os"

	"gobox/internal/fastcopy"
)

// Header sizes of the formats.
const (
	newcSize = 110
	odcSize  = 76
	binSize  = 26
)

// Reader reads the entries of a cpio archive in order. Next returns each
// entry's header; Read or CopyTo take its data, and Next skips what is
// left of it. The reader holds one buffer, whatever the archive.
type Reader struct {
	r io.Reader
	// f is r when it is a file: data is copied by the kernel (CopyTo),
	// and skipped by seeking when the file is seekable.
	f    *os.File
	seek bool

	buf        []byte // read-ahead from r
	start, end int    // unread bytes are buf[start:end]
	rerr       error  // what the last read of r returned, io.EOF included

	off     int64 // bytes of the archive consumed
	remain  int64 // data bytes of the current entry not yet read
	align   int64 // alignment of the last header's format
	err     error // sticky error
	done    bool  // the trailer or the end of the input was met
	trailer bool  // ... and it was the trailer

	// The entry at hand, reused from entry to entry (Scan).
	hdr        Header
	name, link []byte
}

// NewReader returns a Reader of the archive r.
func NewReader(r io.Reader) *Reader {
	cr := &Reader{r: r, buf: make([]byte, 64<<10), align: 1}
	if f, ok := r.(*os.File); ok {
		cr.f = f
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
			if _, err := f.Seek(0, io.SeekCurrent); err == nil {
				cr.seek = true
			}
		}
	}
	return cr
}

// Offset returns how many bytes of the archive have been consumed: after
// Next returned io.EOF at the trailer, the archive's length up to the
// trailer's name (what BusyBox counts its blocks by).
func (cr *Reader) Offset() int64 { return cr.off }

// Trailer reports whether the archive ended with its trailer entry
// rather than at the end of the input.
func (cr *Reader) Trailer() bool { return cr.trailer }

// Remaining returns how many data bytes of the current entry are left.
func (cr *Reader) Remaining() int64 { return cr.remain }

// fill reads until n bytes are buffered or the input ends, and returns
// how many are buffered. n must not exceed the buffer.
func (cr *Reader) fill(n int) int {
	if cr.end-cr.start >= n {
		return cr.end - cr.start
	}
	if cr.start > 0 {
		copy(cr.buf, cr.buf[cr.start:cr.end])
		cr.end -= cr.start
		cr.start = 0
	}
	for cr.end < n && cr.rerr == nil {
		m, err := cr.r.Read(cr.buf[cr.end:])
		cr.end += m
		if err != nil {
			cr.rerr = err
		}
	}
	return cr.end
}

// shortErr is the error of input that ended early: a failed read's
// own error, or ErrShortRead.
func (cr *Reader) shortErr() error {
	if cr.rerr != nil && cr.rerr != io.EOF {
		return cr.rerr
	}
	return ErrShortRead
}

func (cr *Reader) fail(err error) error {
	cr.err = err
	return err
}

// take consumes n buffered bytes.
func (cr *Reader) take(n int) []byte {
	b := cr.buf[cr.start : cr.start+n]
	cr.start += n
	cr.off += int64(n)
	return b
}

// discard skips n bytes, seeking where it can. Input that ends first is
// not an error: the next header then finds the end, as BusyBox's skip
// by reading finds it.
func (cr *Reader) discard(n int64) error {
	c := min(n, int64(cr.end-cr.start))
	cr.start += int(c)
	cr.off += c
	n -= c
	if n == 0 {
		return nil
	}
	if cr.seek && cr.rerr == nil {
		if _, err := cr.f.Seek(n, io.SeekCurrent); err == nil {
			cr.off += n
			return nil
		}
		cr.seek = false
	}
	for n > 0 {
		if cr.rerr != nil {
			if cr.rerr != io.EOF {
				return cr.rerr
			}
			return nil
		}
		cr.start, cr.end = 0, 0
		cr.fill(int(min(n, int64(len(cr.buf)))))
		c := min(n, int64(cr.end))
		cr.start = int(c)
		cr.off += c
		n -= c
	}
	return nil
}

// Next skips what is left of the current entry and returns the next
// entry's header, a copy the caller may keep. It returns io.EOF at the
// trailer (Trailer then reports true) or where the input ends before a
// header; an Error for a damaged or cut header, and the read's own
// error for a failing read.
func (cr *Reader) Next() (*Header, error) {
	h, err := cr.Scan()
	if err != nil {
		return nil, err
	}
	c := *h
	c.Name, c.Linkname = string(cr.name), string(cr.link)
	return &c, nil
}

// Name returns the name of the entry that Scan returned, in the
// reader's buffer.
func (cr *Reader) Name() []byte { return cr.name }

// Linkname returns the target of the symlink that Scan returned (empty
// for other entries), in the reader's buffer.
func (cr *Reader) Linkname() []byte { return cr.link }

// Scan is Next without allocating per entry, for a reader of many
// entries (cpio -i): the header is the reader's own, and its Name and
// Linkname are left empty: the names are Name and Linkname. All stay
// valid until the next call of Scan or Next.
func (cr *Reader) Scan() (*Header, error) {
	if cr.err != nil {
		return nil, cr.err
	}
	if cr.done {
		return nil, io.EOF
	}
	skip := cr.remain
	cr.remain = 0
	if pad := (cr.off + skip) & (cr.align - 1); pad != 0 {
		skip += cr.align - pad
	}
	if skip > 0 {
		if err := cr.discard(skip); err != nil {
			return nil, cr.fail(err)
		}
	}
	n := cr.fill(6)
	if n == 0 {
		if cr.rerr != nil && cr.rerr != io.EOF {
			return nil, cr.fail(cr.rerr)
		}
		cr.done = true
		return nil, io.EOF
	}
	b := cr.buf[cr.start:cr.end]
	format, size := Newc, newcSize
	switch {
	case n >= 6 && string(b[:6]) == "070701":
	case n >= 6 && string(b[:6]) == "070702":
		format = CRC
	case n >= 6 && string(b[:6]) == "070707":
		format, size = ODC, odcSize
	case n >= 2 && (b[0] == 0xc7 && b[1] == 0x71 || b[0] == 0x71 && b[1] == 0xc7):
		format, size = Binary, binSize
	default:
		// BusyBox reads a whole header before it looks at the magic.
		if cr.fill(newcSize) < newcSize {
			return nil, cr.fail(cr.shortErr())
		}
		return nil, cr.fail(ErrUnsupported)
	}
	if cr.fill(size) < size {
		return nil, cr.fail(cr.shortErr())
	}
	raw := cr.take(size)
	h := &cr.hdr
	*h = Header{Format: format}
	cr.link = cr.link[:0]
	var namesize, align int64
	var ok bool
	switch format {
	case Newc, CRC:
		namesize, ok = parseNewc(h, raw)
		align = 4
	case ODC:
		namesize, ok = parseODC(h, raw)
		align = 1
	default:
		namesize, ok = parseBinary(h, raw)
		align = 2
	}
	if !ok {
		return nil, cr.fail(ErrDamaged)
	}
	cr.align = align
	if namesize <= 0 || namesize > MaxName {
		return nil, cr.fail(ErrDamaged)
	}
	if cr.fill(int(namesize)) < int(namesize) {
		return nil, cr.fail(cr.shortErr())
	}
	cr.name = append(cr.name[:0], cbytes(cr.take(int(namesize)))...)
	if pad := cr.off & (align - 1); pad != 0 {
		if err := cr.discard(align - pad); err != nil {
			return nil, cr.fail(err)
		}
	}
	if string(cr.name) == Trailer {
		cr.done, cr.trailer = true, true
		return nil, io.EOF
	}
	if h.Size < 0 {
		return nil, cr.fail(ErrDamaged)
	}
	cr.remain = h.Size
	if h.Type() == TypeLink {
		if h.Size > MaxName {
			return nil, cr.fail(ErrDamaged)
		}
		if cr.fill(int(h.Size)) < int(h.Size) {
			return nil, cr.fail(cr.shortErr())
		}
		cr.link = append(cr.link[:0], cbytes(cr.take(int(h.Size)))...)
		cr.remain = 0
	}
	return h, nil
}

// cbytes is b up to its first NUL.
func cbytes(b []byte) []byte {
	for i, c := range b {
		if c == 0 {
			return b[:i]
		}
	}
	return b
}

// hex parses an 8-digit hexadecimal field.
func hex(b []byte) (uint32, bool) {
	var v uint32
	for _, c := range b {
		switch {
		case c >= '0' && c <= '9':
			v = v<<4 | uint32(c-'0')
		case c >= 'a' && c <= 'f':
			v = v<<4 | uint32(c-'a'+10)
		case c >= 'A' && c <= 'F':
			v = v<<4 | uint32(c-'A'+10)
		default:
			return 0, false
		}
	}
	return v, true
}

// octal parses an octal field.
func octal(b []byte) (int64, bool) {
	var v int64
	for _, c := range b {
		if c < '0' || c > '7' {
			return 0, false
		}
		v = v<<3 | int64(c-'0')
	}
	return v, true
}

func parseNewc(h *Header, raw []byte) (namesize int64, ok bool) {
	var f [13]uint32
	for i := range f {
		if f[i], ok = hex(raw[6+8*i : 14+8*i]); !ok {
			return 0, false
		}
	}
	h.Ino, h.Mode, h.UID, h.GID, h.Nlink = f[0], f[1], f[2], f[3], f[4]
	h.Mtime, h.Size = int64(f[5]), int64(f[6])
	h.DevMajor, h.DevMinor, h.RdevMajor, h.RdevMinor = f[7], f[8], f[9], f[10]
	h.Check = f[12]
	return int64(f[11]), true
}

func parseODC(h *Header, raw []byte) (namesize int64, ok bool) {
	// The widths of the fields after the magic.
	odcFields := [...]int{6, 6, 6, 6, 6, 6, 6, 11, 6, 11}
	var f [len(odcFields)]int64
	p := 6
	for i, w := range odcFields {
		if f[i], ok = octal(raw[p : p+w]); !ok {
			return 0, false
		}
		p += w
	}
	h.DevMajor, h.DevMinor = splitDev(uint64(f[0]))
	h.Ino, h.Mode, h.UID, h.GID, h.Nlink = uint32(f[1]), uint32(f[2]), uint32(f[3]), uint32(f[4]), uint32(f[5])
	h.RdevMajor, h.RdevMinor = splitDev(uint64(f[6]))
	h.Mtime, h.Size = f[7], f[9]
	return f[8], true
}

func parseBinary(h *Header, raw []byte) (namesize int64, ok bool) {
	var bo binary.ByteOrder = binary.LittleEndian
	if raw[0] == 0x71 {
		bo = binary.BigEndian
	}
	var f [13]uint32
	for i := range f {
		f[i] = uint32(bo.Uint16(raw[2*i:]))
	}
	h.DevMajor, h.DevMinor = f[1]>>8, f[1]&0xff
	h.Ino, h.Mode, h.UID, h.GID, h.Nlink = f[2], f[3], f[4], f[5], f[6]
	h.RdevMajor, h.RdevMinor = f[7]>>8, f[7]&0xff
	h.Mtime = int64(f[8]<<16 | f[9])
	h.Size = int64(f[11]<<16 | f[12])
	return int64(f[10]), true
}

// splitDev splits a Linux device number.
func splitDev(dev uint64) (major, minor uint32) {
	major = uint32((dev>>8)&0xfff | (dev>>32)&^0xfff)
	minor = uint32(dev&0xff | (dev>>12)&^0xff)
	return major, minor
}

// joinDev makes a Linux device number.
func joinDev(major, minor uint32) uint64 {
	ma, mi := uint64(major), uint64(minor)
	return ma&0xfff<<8 | ma&^0xfff<<32 | mi&0xff | mi&^0xff<<12
}

// Read reads the current entry's data. Input that ends before the data
// does is ErrShortRead.
func (cr *Reader) Read(p []byte) (int, error) {
	if cr.err != nil {
		return 0, cr.err
	}
	if cr.remain == 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > cr.remain {
		p = p[:cr.remain]
	}
	if cr.start == cr.end {
		if cr.rerr != nil {
			return 0, cr.fail(cr.shortErr())
		}
		if len(p) >= len(cr.buf) {
			n, err := cr.r.Read(p)
			cr.off += int64(n)
			cr.remain -= int64(n)
			if err != nil {
				cr.rerr = err
				if n == 0 {
					return 0, cr.fail(cr.shortErr())
				}
			}
			return n, nil
		}
		cr.start, cr.end = 0, 0
		if cr.fill(1) == 0 {
			return 0, cr.fail(cr.shortErr())
		}
	}
	n := copy(p, cr.buf[cr.start:cr.end])
	cr.start += n
	cr.off += int64(n)
	cr.remain -= int64(n)
	return n, nil
}

// CopyTo copies the rest of the current entry's data to w, by the
// kernel (internal/fastcopy) when both are files. A source that ends
// early is ErrShortRead; a failure to write is a *fastcopy.WriteError.
func (cr *Reader) CopyTo(ctx context.Context, w io.Writer, c *fastcopy.Copier) (int64, error) {
	if cr.err != nil {
		return 0, cr.err
	}
	var done int64
	if cr.start < cr.end && cr.remain > 0 {
		b := cr.buf[cr.start:cr.end]
		if int64(len(b)) > cr.remain {
			b = b[:cr.remain]
		}
		m, err := w.Write(b)
		cr.start += m
		cr.off += int64(m)
		cr.remain -= int64(m)
		done += int64(m)
		if err != nil {
			return done, &fastcopy.WriteError{Err: err}
		}
	}
	if cr.remain == 0 {
		return done, nil
	}
	if cr.rerr != nil {
		return done, cr.fail(cr.shortErr())
	}
	if c == nil {
		c = &fastcopy.Copier{}
	}
	var src io.Reader = cr.r
	if cr.f != nil {
		src = cr.f
	}
	m, err := c.CopyN(ctx, w, src, cr.remain)
	done += m
	cr.off += m
	cr.remain -= m
	if err != nil {
		if re, ok := err.(*fastcopy.ReadError); ok {
			return done, cr.fail(re.Err)
		}
		return done, err
	}
	if cr.remain > 0 {
		cr.rerr = io.EOF
		return done, cr.fail(ErrShortRead)
	}
	return done, nil
}
