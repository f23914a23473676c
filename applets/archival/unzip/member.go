package unzip

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"runtime"

	"gobox/internal/applet"
	"gobox/internal/codec"
	"gobox/internal/fastcopy"
	"gobox/internal/inflate"
	"gobox/internal/zipfmt"
)

// member is one member's data: src holds its bytes as stored, and
// CopyTo decompresses them, checks the CRC and the size, and writes.
type member struct {
	u        *unzipper
	h        *zipfmt.Header
	src      *limited // the member's bytes, as stored
	unixMode bool     // mode came from a Unix system
	mode     uint32   // st_mode from the central directory
	opened   func()   // called when the output file is open
}

// errTooBig stops a member that inflates past its declared size: a
// zip bomb, or a damaged archive.
const errTooBig = zipfmt.Error("member is larger than its declared size (zip bomb?)")

// decoder returns a reader of the member's uncompressed data.
func (m *member) decoder() (io.Reader, error) {
	h, u := m.h, m.u
	switch h.Method {
	case zipfmt.Store:
		return m.src, nil
	case zipfmt.Deflate:
		// src is a *limited, an inflate.Source: the decoder reads
		// the buffer in place and consumes no further than the end
		// of the stream. One decoder serves member after member.
		if d, ok := u.inflate.(*inflate.Reader); ok {
			d.Reset(m.src)
		} else {
			u.inflate = inflate.NewReader(m.src)
		}
		return u.inflate, nil
	case zipfmt.Bzip2:
		return newCodecReader("bzip2", m.src, h.Method)
	case zipfmt.XZ:
		return newCodecReader("xz", m.src, h.Method)
	case zipfmt.LZMA:
		// Zip's LZMA is two version bytes, the properties' length
		// and the properties, then the stream without a size: made
		// an .lzma header for the lzma reader.
		var hd [9]byte
		if _, err := io.ReadFull(m.src, hd[:]); err != nil || binary.LittleEndian.Uint16(hd[2:]) != 5 {
			return nil, corrupted("corrupted data")
		}
		alone := make([]byte, 13)
		copy(alone, hd[4:])
		size := uint64(1<<64 - 1)
		if h.Flags&2 == 0 {
			// No end marker: the size says where it ends.
			size = h.Size
		}
		binary.LittleEndian.PutUint64(alone[5:], size)
		return newCodecReader("lzma", io.MultiReader(bytes.NewReader(alone), m.src), h.Method)
	}
	return nil, zipfmt.Error(fmt.Sprintf("unsupported method %d", h.Method))
}

// newCodecReader opens the codec table's reader of a format, or says
// the method is unsupported while gobox has none.
func newCodecReader(name string, r io.Reader, method uint16) (io.Reader, error) {
	c := codec.ByName(name)
	if c == nil || c.NewReader == nil {
		return nil, zipfmt.Error(fmt.Sprintf("unsupported method %d", method))
	}
	rc, err := c.NewReader(r)
	if err != nil {
		return nil, dataError(err)
	}
	return rc, nil
}

// CopyTo writes the member's data to w: untar's Extractor calls it
// once the file is open (a *fastcopy.WriteError is a failed write).
func (m *member) CopyTo(ctx context.Context, w io.Writer, _ *fastcopy.Copier) (int64, error) {
	if m.opened != nil {
		m.opened()
	}
	h := m.h
	dec, err := m.decoder()
	if err != nil {
		return 0, m.u.fail(err)
	}
	if m.u.buf == nil {
		m.u.buf = make([]byte, 128<<10)
	}
	buf := m.u.buf
	declared := int64(h.Size)
	known := h.Size != zipfmt.Unknown && declared >= 0
	var total int64
	var sum uint32
	for {
		if ctx.Err() != nil {
			return total, ctx.Err()
		}
		// A new time slice for each 128 KiB of a large member too
		// (see unzipper.member): a write in progress when sysmon
		// preempts is otherwise a P taken.
		runtime.Gosched()
		n, rerr := dec.Read(buf)
		if n > 0 {
			if known && total+int64(n) > declared {
				return total, m.u.fail(errTooBig)
			}
			sum = crc32.Update(sum, crc32.IEEETable, buf[:n])
			if _, err := w.Write(buf[:n]); err != nil {
				return total, &fastcopy.WriteError{Err: err}
			}
			total += int64(n)
		}
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			return total, m.u.fail(dataError(rerr))
		}
	}
	if h.Method == zipfmt.Store && known && total < declared {
		return total, m.u.fail(zipfmt.ErrShort)
	}
	if sum != h.CRC32 {
		return total, applet.Errorf("crc error")
	}
	if h.Method != zipfmt.Store && h.Size32 != zipfmt.Unknown && total != declared {
		// BusyBox carries on: the CRC matched.
		m.u.ctx.Warnf("bad length")
	}
	return total, nil
}

// corruptError is damaged data that a decompressor other than
// inflate found: BusyBox prints its words, then "inflate error".
type corruptError struct{ msg string }

func (e *corruptError) Error() string { return e.msg }

func corrupted(msg string) error { return &corruptError{msg} }

// dataError words a decompressor's error as BusyBox does.
func dataError(err error) error {
	var cd codec.Error
	switch {
	case errors.Is(err, inflate.ErrCorrupt):
		return zipfmt.Error("inflate error")
	case errors.As(err, &cd):
		return corrupted(string(cd))
	case err == io.ErrUnexpectedEOF:
		return zipfmt.ErrShort
	}
	return err
}

// extract writes the member's data to w (-p, -t).
func (m *member) extract(w io.Writer) error {
	_, err := m.CopyTo(m.u.ctx.Context, w, nil)
	var we *fastcopy.WriteError
	if errors.As(err, &we) {
		return applet.Perror(we.Err, "write error")
	}
	return err
}

// linkTarget reads a symlink member's target, which BusyBox takes only
// stored and no longer than a name.
func (m *member) linkTarget() (string, error) {
	h := m.h
	if h.Size > zipfmt.MaxName {
		return "", applet.Errorf("%s", zipfmt.ErrBad)
	}
	if h.Method != zipfmt.Store {
		return "", applet.Errorf("compressed symlink is not supported")
	}
	b := make([]byte, h.Size)
	if _, err := io.ReadFull(m.src, b); err != nil {
		return "", applet.Errorf("%s", zipfmt.ErrShort)
	}
	return string(b), nil
}

// limited reads at most n bytes of r: through Read, a byte at a time,
// or as the inflate.Source of a deflated member (the decoder then sees
// no byte past the member).
type limited struct {
	r *bufio.Reader
	n int64
}

func (l *limited) Read(p []byte) (int, error) {
	if l.n <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	if err == io.EOF && n == 0 {
		return 0, io.ErrUnexpectedEOF
	}
	return n, err
}

func (l *limited) ReadByte() (byte, error) {
	if l.n <= 0 {
		return 0, io.EOF
	}
	c, err := l.r.ReadByte()
	if err == io.EOF {
		return 0, io.ErrUnexpectedEOF
	}
	if err == nil {
		l.n--
	}
	return c, err
}

// Peek returns up to n of the member's next bytes from r's buffer, and
// io.EOF when n goes past the member's end.
func (l *limited) Peek(n int) ([]byte, error) {
	cut := int64(n) > l.n
	if cut {
		n = int(l.n)
	}
	p, err := l.r.Peek(n)
	if err == nil && cut {
		err = io.EOF
	}
	return p, err
}

// Buffered returns how many of the member's bytes r holds.
func (l *limited) Buffered() int {
	b := l.r.Buffered()
	if int64(b) > l.n {
		b = int(l.n)
	}
	return b
}

// Discard consumes n of the member's bytes.
func (l *limited) Discard(n int) (int, error) {
	if int64(n) > l.n {
		n = int(l.n)
	}
	m, err := l.r.Discard(n)
	l.n -= int64(m)
	return m, err
}

// Read makes a member an io.Reader for untar's Extract, which copies
// it through CopyTo instead.
func (m *member) Read([]byte) (int, error) {
	return 0, errors.New("unzip: member data must be copied with CopyTo")
}
