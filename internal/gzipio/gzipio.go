// Package gzipio reads and writes the gzip format (RFC 1952) for gzip,
// gunzip, zcat and tar, inflating with gobox's internal/inflate and
// deflating with compress/flate: member after member of multi-member
// input, BusyBox's words for broken input ("invalid magic", "crc
// error", "incorrect length", "corrupted data", "unexpected end of
// file"), and GNU gzip's rule for what follows the last member (zero
// bytes are padding, anything else is "trailing garbage").
//
// It frames the stream itself rather than using compress/gzip so that
// each of those cases is told apart; memory stays bounded whatever the
// input (names and comments in headers are cut at MaxName), and output
// streams in constant memory, so a decompression bomb only costs time.
package gzipio

import (
	"bufio"
	"encoding/binary"
	"hash/crc32"
	"io"
	"time"

	"gobox/internal/inflate"
)

// Error is an error of a bad stream; its text is BusyBox's words.
type Error string

func (e Error) Error() string { return string(e) }

// Errors of a bad stream.
const (
	ErrMagic   = Error("invalid magic")
	ErrCorrupt = Error("corrupted data")
	ErrEOF     = Error("unexpected end of file")
	ErrCRC     = Error("crc error")
	ErrLength  = Error("incorrect length")
)

// MaxName is the most bytes of a header's name or comment kept; the
// rest is skipped.
const MaxName = 4096

// Header flag bits.
const (
	flagText    = 1 << 0
	flagHCRC    = 1 << 1
	flagExtra   = 1 << 2
	flagName    = 1 << 3
	flagComment = 1 << 4
)

// OSUnix is the OS byte gzip writes on Unix.
const OSUnix = 3

// Header is a member's header.
type Header struct {
	Name    string    // original file name, if stored
	Comment string    // comment, if stored
	ModTime time.Time // modification time; zero when not stored
	OS      byte
	// Level is the compression level to write with (1..9; 0 means 6).
	Level int
}

// Trailing says what followed the last member.
type Trailing int

// What can follow the last member.
const (
	TrailingNone    Trailing = iota // the input ended there
	TrailingZeros                   // zero bytes to the end: padding, accepted silently
	TrailingGarbage                 // something that is no member: GNU warns
)

// Reader decompresses a gzip stream of one or more members.
type Reader struct {
	br *bufio.Reader
	fr *inflate.Reader
	// Header is the header of the member being read.
	Header Header
	// Members is how many members were started.
	Members int
	// CRC and Size are the last finished member's trailer: its CRC-32
	// and its length mod 2^32.
	CRC, Size uint32

	crc      uint32
	size     uint32
	total    int64
	in       *countReader
	err      error
	trailing Trailing
	single   bool
}

// countReader counts the compressed bytes read.
type countReader struct {
	r io.Reader
	n int64
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// NewReader starts reading a gzip stream: it reads the first member's
// header, and fails with ErrMagic when r does not start with one.
func NewReader(r io.Reader) (*Reader, error) {
	z := &Reader{in: &countReader{r: r}}
	z.br = bufio.NewReaderSize(z.in, 64<<10)
	if err := z.readHeader(true); err != nil {
		return nil, err
	}
	return z, nil
}

// Single makes the reader stop after the current member, as a caller
// that handles members one by one wants.
func (z *Reader) Single() { z.single = true }

// Trailing reports what followed the last member, once Read has
// returned io.EOF.
func (z *Reader) Trailing() Trailing { return z.trailing }

// InputSize returns how many compressed bytes were read from the
// source (read ahead included).
func (z *Reader) InputSize() int64 { return z.in.n - int64(z.br.Buffered()) }

// OutputSize returns how many bytes were decompressed so far.
func (z *Reader) OutputSize() int64 { return z.total }

// readHeader reads a member's header. For the first member a missing
// magic is ErrMagic.
func (z *Reader) readHeader(first bool) error {
	h, _, err := ReadHeader(z.br)
	if err == ErrMagic && !first {
		err = ErrCorrupt
	}
	if err != nil {
		return err
	}
	z.Header = h
	z.Members++
	z.crc, z.size = 0, 0
	// The decoder consumes exactly the member's DEFLATE bytes from br,
	// leaving the trailer.
	if z.fr == nil {
		z.fr = inflate.NewReader(z.br)
	} else {
		z.fr.Reset(z.br)
	}
	return nil
}

// ReadHeader reads a gzip member's header from br and returns it with
// its length in bytes. Input that does not start with gzip's magic is
// ErrMagic; a header that is cut short or names another method than
// DEFLATE is ErrCorrupt.
func ReadHeader(br *bufio.Reader) (Header, int64, error) {
	var h Header
	hr := &headerReader{br: br}
	var b [10]byte
	n, err := io.ReadFull(br, b[:2])
	hr.n += int64(n)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return h, hr.n, err
	}
	if n < 2 || b[0] != 0x1f || b[1] != 0x8b {
		return h, hr.n, ErrMagic
	}
	if err := hr.full(b[2:10]); err != nil {
		return h, hr.n, err
	}
	if b[2] != 8 {
		return h, hr.n, ErrCorrupt
	}
	flags := b[3]
	h.OS = b[9]
	if t := binary.LittleEndian.Uint32(b[4:8]); t != 0 {
		h.ModTime = time.Unix(int64(t), 0)
	}
	if flags&flagExtra != 0 {
		var l [2]byte
		if err := hr.full(l[:]); err != nil {
			return h, hr.n, err
		}
		if err := hr.skip(int(binary.LittleEndian.Uint16(l[:]))); err != nil {
			return h, hr.n, err
		}
	}
	if flags&flagName != 0 {
		if h.Name, err = hr.cstring(); err != nil {
			return h, hr.n, err
		}
	}
	if flags&flagComment != 0 {
		if h.Comment, err = hr.cstring(); err != nil {
			return h, hr.n, err
		}
	}
	if flags&flagHCRC != 0 {
		if err := hr.skip(2); err != nil {
			return h, hr.n, err
		}
	}
	return h, hr.n, nil
}

// headerReader reads the parts of a header, counting them; the input
// may not end inside.
type headerReader struct {
	br *bufio.Reader
	n  int64
}

func (hr *headerReader) full(p []byte) error {
	n, err := io.ReadFull(hr.br, p)
	hr.n += int64(n)
	return readErr(err, ErrCorrupt)
}

func (hr *headerReader) skip(n int) error {
	m, err := hr.br.Discard(n)
	hr.n += int64(m)
	return readErr(err, ErrCorrupt)
}

// cstring reads a NUL-terminated string, keeping MaxName bytes of it.
func (hr *headerReader) cstring() (string, error) {
	var s []byte
	for {
		c, err := hr.br.ReadByte()
		if err != nil {
			return "", readErr(err, ErrCorrupt)
		}
		hr.n++
		if c == 0 {
			return string(s), nil
		}
		if len(s) < MaxName {
			s = append(s, c)
		}
	}
}

// readErr maps the end of the input to the error a truncated stream
// gets at that point.
func readErr(err, atEOF error) error {
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return atEOF
	}
	return err
}

// Read decompresses. At the end of the stream it returns io.EOF;
// broken input is one of the package's errors, a failure of the
// source as it came.
func (z *Reader) Read(p []byte) (int, error) {
	if z.err != nil {
		return 0, z.err
	}
	for {
		n, err := z.fr.Read(p)
		z.crc = crc32.Update(z.crc, crc32.IEEETable, p[:n])
		z.size += uint32(n)
		z.total += int64(n)
		if err == nil {
			if n > 0 {
				return n, nil
			}
			continue
		}
		if err != io.EOF {
			switch {
			case err == inflate.ErrCorrupt:
				err = ErrCorrupt
			case err == io.ErrUnexpectedEOF:
				err = ErrEOF
			}
			z.err = err
			return n, err
		}
		if err := z.endMember(); err != nil {
			z.err = err
			return n, err
		}
		if z.err != nil {
			return n, z.err
		}
		if n > 0 {
			return n, nil
		}
	}
}

// endMember checks a member's trailer and starts the next member, or
// sets z.err to io.EOF at the end of the stream.
func (z *Reader) endMember() error {
	var t [8]byte
	if _, err := io.ReadFull(z.br, t[:]); err != nil {
		return readErr(err, ErrCorrupt)
	}
	z.CRC = binary.LittleEndian.Uint32(t[0:4])
	z.Size = binary.LittleEndian.Uint32(t[4:8])
	if z.CRC != z.crc {
		return ErrCRC
	}
	if z.Size != z.size {
		return ErrLength
	}
	if z.single {
		z.err = io.EOF
		return nil
	}
	next, err := z.br.Peek(2)
	switch {
	case len(next) == 0 && err == io.EOF:
		z.err = io.EOF
		return nil
	case len(next) == 2 && next[0] == 0x1f && next[1] == 0x8b:
		return z.readHeader(false)
	case len(next) == 0:
		return err
	}
	// Not a member: GNU gzip takes zero bytes up to the end as padding
	// (from tapes), anything else as garbage it warns of.
	z.err = io.EOF
	z.trailing = TrailingGarbage
	for {
		c, err := z.br.ReadByte()
		if err == io.EOF {
			z.trailing = TrailingZeros
			return nil
		}
		if err != nil || c != 0 {
			return nil
		}
	}
}
