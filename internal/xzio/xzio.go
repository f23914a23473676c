// Package xzio reads and writes the .xz container and the legacy .lzma
// ("lzma alone") format: readers decode with gobox's own LZMA and LZMA2
// decoder (internal/lzmadec; blocks with sizes in their headers can be
// decoded ahead on other cores: SetThreads, parallel.go), writers encode with
// github.com/ulikunitz/xz/lzma. The container is gobox's own (the
// library's xz package builds a CRC-64 table at start-up, which every
// exec of every applet would pay for; here the table is built on first
// use): stream header, blocks, index and footer, the none, CRC-32,
// CRC-64 and SHA-256 checks, concatenated streams and stream padding.
//
// Readers report damaged input as Error, in BusyBox's words ("corrupted
// data", "bad lzma header", ...); errors of the underlying reader pass
// through unchanged. Memory is bounded: a stream asking for a dictionary
// larger than the limit is refused instead of allocated.
package xzio

import (
	"bufio"
	"errors"
	"hash/crc64"
	"io"
	"sync"
)

// Error is damaged input; its text is BusyBox's words for it.
type Error string

func (e Error) Error() string { return string(e) }

const (
	// errCorrupt is what BusyBox's unxz says of every damaged stream.
	errCorrupt = Error("corrupted data")
	// errMagic is input that is no .xz stream at all.
	errMagic = Error("invalid magic")
)

// MaxDict is the largest LZMA2 dictionary a .xz reader accepts: BusyBox
// unxz's limit (64 MiB, what xz -9 uses), so that a hostile header
// cannot make it allocate gigabytes.
const MaxDict = 64 << 20

// The CRC-64 table is built on first use, not at start-up (zero values
// need no init code).
var (
	crc64Once sync.Once
	crc64Tab  *crc64.Table
)

func crc64Table() *crc64.Table {
	crc64Once.Do(func() { crc64Tab = crc64.MakeTable(crc64.ECMA) })
	return crc64Tab
}

// source reads the compressed input byte-exactly (the LZMA2 coder must
// not read past its end marker), counts what it consumed and keeps the
// first error of the underlying reader, so that an I/O error is not
// mistaken for damaged data.
type source struct {
	br  *bufio.Reader
	n   int64
	err error
}

func newSource(r io.Reader) *source {
	s := &source{}
	s.br = bufio.NewReaderSize(errKeeper{r, s}, 64<<10)
	return s
}

// errKeeper records the underlying reader's errors other than EOF.
type errKeeper struct {
	r io.Reader
	s *source
}

func (e errKeeper) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err != nil && err != io.EOF && e.s.err == nil {
		e.s.err = err
	}
	return n, err
}

func (s *source) Read(p []byte) (int, error) {
	n, err := s.br.Read(p)
	s.n += int64(n)
	return n, err
}

func (s *source) ReadByte() (byte, error) {
	b, err := s.br.ReadByte()
	if err == nil {
		s.n++
	}
	return b, err
}

// full reads exactly len(p) bytes; a short read is damaged input.
func (s *source) full(p []byte) error {
	_, err := io.ReadFull(s, p)
	return s.fail(err)
}

// fail words an error met while reading: the underlying reader's own,
// or damaged data.
func (s *source) fail(err error) error {
	if err == nil {
		return nil
	}
	if s.err != nil {
		return s.err
	}
	var e Error
	if errors.As(err, &e) {
		return e
	}
	return errCorrupt
}
