package cpiofmt

import (
	"bufio"
	"context"
	"fmt"
	"io"

	"gobox/internal/fastcopy"
)

// Errors of the writer (constants, so that nothing runs at start-up).
const (
	// ErrTooLarge is a value that the format cannot hold (a file of 4
	// GiB or more in newc, of 8 GiB or more in odc).
	ErrTooLarge Error = "too large for the archive format"
	// ErrWriteTooLong is data beyond the size the header promised.
	ErrWriteTooLong Error = "write too long"
	// ErrMissingData is a header written before the previous entry's
	// data was complete.
	ErrMissingData Error = "missing data"
)

// Writer writes a cpio archive: WriteHeader, then the entry's data by
// Write or CopyFrom, and Close for the trailer.
type Writer struct {
	w      io.Writer
	bw     *bufio.Writer
	format Format
	off    int64
	remain int64 // data bytes the current header promised
	pad    int64 // alignment after the data
	hdr    []byte
	link   []byte // a symlink's target, written as its data
	err    error
	// Pad512 pads the archive to a multiple of 512 bytes after the
	// trailer, as GNU cpio does (BusyBox does not).
	Pad512 bool
}

// NewWriter returns a Writer of format f (Newc, CRC or ODC) to w.
func NewWriter(w io.Writer, f Format) *Writer {
	return &Writer{w: w, bw: bufio.NewWriterSize(w, 64<<10), format: f}
}

// Offset returns how many bytes have been written.
func (cw *Writer) Offset() int64 { return cw.off }

func (cw *Writer) write(b []byte) error {
	if cw.err != nil {
		return cw.err
	}
	n, err := cw.bw.Write(b)
	cw.off += int64(n)
	if err != nil {
		cw.err = err
	}
	return err
}

// finish checks that the previous entry's data is complete and pads it.
func (cw *Writer) finish() error {
	if cw.remain > 0 {
		return ErrMissingData
	}
	if cw.pad > 0 {
		var z [4]byte
		err := cw.write(z[:cw.pad])
		cw.pad = 0
		return err
	}
	return nil
}

// WriteHeader writes h; the data that follows is h.Size bytes, except
// for a symlink, whose target (h.Linkname) is written here as its data.
func (cw *Writer) WriteHeader(h *Header) error {
	if err := cw.finish(); err != nil {
		return err
	}
	return header(cw, h, h.Name, h.Linkname, false)
}

// WriteHeaderBytes is WriteHeader with the name and the symlink target
// given as bytes (h.Name and h.Linkname are not looked at): a writer
// of many entries (cpio -o) needs no string for them.
func (cw *Writer) WriteHeaderBytes(h *Header, name, linkname []byte) error {
	if err := cw.finish(); err != nil {
		return err
	}
	return header(cw, h, name, linkname, false)
}

func header[S ~string | ~[]byte](cw *Writer, h *Header, name, linkname S, trailer bool) error {
	size := h.Size
	link := h.Type() == TypeLink && !trailer
	if link {
		cw.link = append(cw.link[:0], linkname...)
		size = int64(len(cw.link))
	}
	b := cw.hdr[:0]
	namesize := len(name) + 1
	switch cw.format {
	case Newc, CRC:
		if size > 0xffffffff || h.Mtime < 0 || h.Mtime > 0xffffffff {
			return ErrTooLarge
		}
		magic := "070701"
		check := uint32(0)
		if cw.format == CRC {
			magic = "070702"
			check = h.Check
			if link {
				check = Checksum(0, cw.link)
			}
		}
		b = append(b, magic...)
		for _, v := range [...]uint32{h.Ino, h.Mode, h.UID, h.GID, h.Nlink, uint32(h.Mtime), uint32(size),
			h.DevMajor, h.DevMinor, h.RdevMajor, h.RdevMinor, uint32(namesize), check} {
			b = appendHex8(b, v)
		}
	case ODC:
		if size > 0o77777777777 || h.Mtime < 0 || h.Mtime > 0o77777777777 {
			return ErrTooLarge
		}
		// Identities and ids wider than their fields are cut, as GNU
		// cpio cuts them.
		const m6 = 0o777777
		b = fmt.Appendf(b, "070707%06o%06o%06o%06o%06o%06o%06o%011o%06o%011o",
			joinDev(h.DevMajor, h.DevMinor)&m6, h.Ino&m6, h.Mode&m6, h.UID&m6, h.GID&m6, h.Nlink&m6,
			joinDev(h.RdevMajor, h.RdevMinor)&m6, h.Mtime, namesize, size)
	default:
		return fmt.Errorf("cpio: can't write the %s format", cw.format)
	}
	b = append(b, name...)
	b = append(b, 0)
	if cw.format != ODC {
		for len(b)&3 != 0 {
			b = append(b, 0)
		}
	}
	cw.hdr = b
	if err := cw.write(b); err != nil {
		return err
	}
	cw.remain = size
	if cw.format != ODC {
		cw.pad = -size & 3
	}
	if link {
		_, err := cw.Write(cw.link)
		return err
	}
	return nil
}

// Write writes data of the current entry.
func (cw *Writer) Write(p []byte) (int, error) {
	if int64(len(p)) > cw.remain {
		return 0, ErrWriteTooLong
	}
	if err := cw.write(p); err != nil {
		return 0, err
	}
	cw.remain -= int64(len(p))
	return len(p), nil
}

// CopyFrom copies the current entry's data from src, by the kernel
// (internal/fastcopy) when both ends are files. A source that ends
// early is io.ErrUnexpectedEOF; the errors of fastcopy come as they are.
func (cw *Writer) CopyFrom(ctx context.Context, src io.Reader, c *fastcopy.Copier) (int64, error) {
	if cw.err != nil {
		return 0, cw.err
	}
	if cw.remain == 0 {
		return 0, nil
	}
	if err := cw.bw.Flush(); err != nil {
		cw.err = err
		return 0, &fastcopy.WriteError{Err: err}
	}
	if c == nil {
		c = &fastcopy.Copier{}
	}
	n, err := c.CopyN(ctx, cw.w, src, cw.remain)
	cw.off += n
	cw.remain -= n
	if err != nil {
		cw.err = err
		return n, err
	}
	if cw.remain > 0 {
		return n, io.ErrUnexpectedEOF
	}
	return n, nil
}

// Close writes the trailer and flushes the archive; it does not close
// the underlying writer.
func (cw *Writer) Close() error {
	if err := cw.finish(); err != nil {
		return err
	}
	t := Header{Name: Trailer}
	if cw.format == ODC {
		t.Nlink = 1
	}
	if err := header(cw, &t, t.Name, "", true); err != nil {
		return err
	}
	if cw.Pad512 {
		if n := -cw.off & 511; n > 0 {
			if err := cw.write(make([]byte, n)); err != nil {
				return err
			}
		}
	}
	if cw.err != nil {
		return cw.err
	}
	if err := cw.bw.Flush(); err != nil {
		cw.err = err
		return err
	}
	return nil
}

// appendHex8 appends v as 8 upper-case hexadecimal digits, as GNU cpio
// and BusyBox write newc fields.
func appendHex8(b []byte, v uint32) []byte {
	const digits = "0123456789ABCDEF"
	for i := 28; i >= 0; i -= 4 {
		b = append(b, digits[v>>uint(i)&15])
	}
	return b
}
