package lzo

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/adler32"
	"hash/crc32"
	"io"
)

// Magic starts every lzop file.
var Magic = []byte{0x89, 'L', 'Z', 'O', 0x00, 0x0d, 0x0a, 0x1a, 0x0a}

// Methods: the compressor that made a file (all are LZO1X to read).
const (
	MethodLZO1X1   = 1 // LZO1X-1, lzop's levels 2-6
	MethodLZO1X115 = 2 // LZO1X-1(15), level 1
	MethodLZO1X999 = 3 // LZO1X-999, levels 7-9
)

// Header flags.
const (
	FlagAdler32D    = 0x00000001 // adler32 of each uncompressed block
	FlagAdler32C    = 0x00000002 // adler32 of each compressed block
	FlagExtraField  = 0x00000040
	FlagCRC32D      = 0x00000100
	FlagCRC32C      = 0x00000200
	FlagFilter      = 0x00000800
	FlagHeaderCRC32 = 0x00001000 // the header's checksum is crc32
	flagMask        = 0x00003fff
	flagOSMask      = 0xff000000
	flagCSMask      = 0x00f00000
	flagReserved    = ^uint32(flagMask | flagOSMask | flagCSMask)
	flagOSUnix      = 0x03000000
)

const (
	// BlockSize is how much lzop compresses at a time.
	BlockSize = 256 << 10
	// maxBlockSize is the largest block a reader accepts.
	maxBlockSize = 64 << 20
	// version is the lzop version BusyBox claims (1.01), and the
	// newest whose files it reads.
	version    = 0x1010
	libVersion = 0x2030
)

// Error is damaged input; its text is BusyBox's words for it.
type Error string

func (e Error) Error() string { return string(e) }

// ErrShort is input that ends early: BusyBox's xread.
const ErrShort = Error("short read")

// Header is an lzop file header.
type Header struct {
	Version       uint16
	LibVersion    uint16
	VersionNeeded uint16
	Method        byte
	Level         byte
	Flags         uint32
	Mode          uint32
	Mtime         uint32
	GMTDiff       uint32
	Name          string
}

// Reader decompresses one lzop stream: its header, then its blocks up
// to the end marker; what follows the stream is not read.
type Reader struct {
	Header Header
	r      *bufio.Reader
	verify bool
	in     []byte // a compressed block
	out    []byte // a decompressed block
	rest   []byte // what Read has not returned of the block
	err    error
}

// NewReader reads the magic and header from r; verify says whether to
// check the blocks' checksums (lzop -F does not).
func NewReader(r io.Reader, verify bool) (*Reader, error) {
	z := &Reader{r: bufio.NewReaderSize(r, 64<<10), verify: verify}
	var magic [9]byte
	if err := z.full(magic[:]); err != nil {
		return nil, err
	}
	if string(magic[:]) != string(Magic) {
		return nil, Error("bad magic number")
	}
	if code, err := z.readHeader(); err != nil {
		return nil, err
	} else if code != 0 {
		return nil, Error(fmt.Sprintf("header_error %d", code))
	}
	return z, nil
}

// full reads len(p) bytes; an early end is ErrShort.
func (z *Reader) full(p []byte) error {
	_, err := io.ReadFull(z.r, p)
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return ErrShort
	}
	return err
}

// sumReader checksums what is read through it, both ways, because which
// one counts is known only at the end of the header.
type sumReader struct {
	z      *Reader
	adler  uint32
	crc    uint32
	failed error
}

func (s *sumReader) read(n int) []byte {
	if s.failed != nil {
		return make([]byte, n)
	}
	b := make([]byte, n)
	if err := s.z.full(b); err != nil {
		s.failed = err
		return b
	}
	s.adler = adler32Update(s.adler, b)
	s.crc = crc32.Update(s.crc, crc32.IEEETable, b)
	return b
}

func (s *sumReader) u8() uint32  { return uint32(s.read(1)[0]) }
func (s *sumReader) u16() uint32 { return uint32(binary.BigEndian.Uint16(s.read(2))) }
func (s *sumReader) u32() uint32 { return binary.BigEndian.Uint32(s.read(4)) }

func (s *sumReader) sum(flags uint32) uint32 {
	if flags&FlagHeaderCRC32 != 0 {
		return s.crc
	}
	return s.adler
}

// readHeader reads the header after the magic. It returns BusyBox's
// code for a header it refuses (0: none), or a read error.
func (z *Reader) readHeader() (int, error) {
	s := &sumReader{z: z, adler: 1}
	h := &z.Header
	h.VersionNeeded = 0x0900
	h.Version = uint16(s.u16())
	if s.failed == nil && h.Version < 0x0900 {
		return 3, nil
	}
	h.LibVersion = uint16(s.u16())
	if h.Version >= 0x0940 {
		h.VersionNeeded = uint16(s.u16())
		if s.failed == nil && h.VersionNeeded > version {
			return 16, nil
		}
		if s.failed == nil && h.VersionNeeded < 0x0900 {
			return 3, nil
		}
	}
	h.Method = byte(s.u8())
	if h.Version >= 0x0940 {
		h.Level = byte(s.u8())
	}
	// BusyBox 1.36 checks the fields as it reads them, before the
	// header's checksum.
	if s.failed == nil {
		if code := checkMethod(h); code != 0 {
			return code, nil
		}
	}
	h.Flags = s.u32()
	if s.failed == nil && h.Flags&FlagFilter != 0 {
		return 16, nil
	}
	if s.failed == nil && h.Flags&flagReserved != 0 {
		return -13, nil
	}
	h.Mode = s.u32()
	h.Mtime = s.u32()
	if h.Version >= 0x0940 {
		h.GMTDiff = s.u32()
	}
	if l := int(s.u8()); l > 0 {
		h.Name = string(s.read(l))
	}
	if s.failed != nil {
		return 0, s.failed
	}
	want := s.sum(h.Flags)
	var b [4]byte
	if err := z.full(b[:]); err != nil {
		return 0, err
	}
	if binary.BigEndian.Uint32(b[:]) != want {
		return 2, nil
	}
	if h.Flags&FlagExtraField != 0 {
		// Skipped; its checksum covers its length too.
		s = &sumReader{z: z, adler: 1}
		n := s.u32()
		for left := int64(n); left > 0 && s.failed == nil; left -= 64 << 10 {
			s.read(int(min(left, 64<<10)))
		}
		if s.failed != nil {
			return 0, s.failed
		}
		want := s.sum(h.Flags)
		if err := z.full(b[:]); err != nil {
			return 0, err
		}
		if binary.BigEndian.Uint32(b[:]) != want {
			return 3, nil
		}
	}
	return 0, nil
}

// checkMethod returns BusyBox's code for a method or level it does not
// know, or 0.
func checkMethod(h *Header) int {
	switch h.Method {
	case 0:
		return 14
	case MethodLZO1X1, MethodLZO1X115, MethodLZO1X999:
	default:
		return -1
	}
	if h.Level > 9 {
		return 15
	}
	return 0
}

// Read returns decompressed data.
func (z *Reader) Read(p []byte) (int, error) {
	for len(z.rest) == 0 {
		if z.err != nil {
			return 0, z.err
		}
		z.err = z.block()
	}
	n := copy(p, z.rest)
	z.rest = z.rest[n:]
	return n, nil
}

// WriteTo writes the decompressed data to w, a block at a time.
func (z *Reader) WriteTo(w io.Writer) (int64, error) {
	var total int64
	for {
		if len(z.rest) > 0 {
			n, err := w.Write(z.rest)
			total += int64(n)
			z.rest = z.rest[n:]
			if err != nil {
				return total, err
			}
		}
		if z.err != nil {
			if z.err == io.EOF {
				return total, nil
			}
			return total, z.err
		}
		z.err = z.block()
	}
}

func (z *Reader) u32() (uint32, error) {
	var b [4]byte
	if err := z.full(b[:]); err != nil {
		return 0, err
	}
	return binary.BigEndian.Uint32(b[:]), nil
}

// block reads and decodes the next block into z.rest; io.EOF after the
// last.
func (z *Reader) block() error {
	dlen, err := z.u32()
	if err != nil {
		return err
	}
	if dlen == 0 {
		return io.EOF
	}
	if dlen == 0xffffffff {
		return Error("this file is a split lzop file")
	}
	// BusyBox takes both lengths as signed.
	if int32(dlen) < 0 || dlen > maxBlockSize {
		return Error("corrupted data")
	}
	slen, err := z.u32()
	if err != nil {
		return err
	}
	if int32(slen) <= 0 || slen > dlen {
		return Error("corrupted data")
	}
	flags := z.Header.Flags
	var sums [4]uint32 // adler32 and crc32 of the data, then of the compressed block
	for i, f := range []uint32{FlagAdler32D, FlagCRC32D, FlagAdler32C, FlagCRC32C} {
		if flags&f != 0 && (i < 2 || slen < dlen) {
			if sums[i], err = z.u32(); err != nil {
				return err
			}
		}
	}
	// Read the block in pieces, so that a length the input does not
	// have costs no memory.
	z.in = z.in[:0]
	if slen <= BlockSize && cap(z.in) < BlockSize {
		// Once for lzop's blocks, whatever the first one's size:
		// growing by appends left garbage enough for a collection
		// (issue 10).
		z.in = make([]byte, 0, BlockSize)
	}
	for left := int(slen); left > 0; {
		n := min(left, 1<<20)
		if cap(z.in)-len(z.in) < n {
			z.in = append(z.in, make([]byte, n)...)[:len(z.in)]
		}
		if err := z.full(z.in[len(z.in) : len(z.in)+n]); err != nil {
			return err
		}
		z.in = z.in[:len(z.in)+n]
		left -= n
	}
	data := z.in
	if slen < dlen {
		if z.verify && !checks(flags, FlagAdler32C, FlagCRC32C, sums[2], sums[3], z.in) {
			return Error("checksum error")
		}
		if cap(z.out) < int(dlen) {
			z.out = make([]byte, max(dlen, BlockSize))
		}
		z.out = z.out[:dlen]
		n, err := Decompress(z.in, z.out)
		if err != nil || n != int(dlen) {
			return Error("corrupted data")
		}
		data = z.out
	}
	if z.verify && !checks(flags, FlagAdler32D, FlagCRC32D, sums[0], sums[1], data) {
		return Error("checksum error")
	}
	z.rest = data
	return nil
}

// checks reports whether data has the checksums the flags ask for.
func checks(flags, fAdler, fCRC, adler, crc uint32, data []byte) bool {
	if flags&fAdler != 0 && adler32.Checksum(data) != adler {
		return false
	}
	if flags&fCRC != 0 && crc32.ChecksumIEEE(data) != crc {
		return false
	}
	return true
}

// adler32Update continues an adler32 sum (the standard library's has no
// such entry point).
func adler32Update(adler uint32, p []byte) uint32 {
	const mod = 65521
	s1, s2 := adler&0xffff, adler>>16
	for len(p) > 0 {
		n := min(len(p), 5552)
		for _, b := range p[:n] {
			s1 += uint32(b)
			s2 += s1
		}
		s1 %= mod
		s2 %= mod
		p = p[n:]
	}
	return s2<<16 | s1
}

// Options are how a Writer compresses.
type Options struct {
	// Level is lzop's -1..-6: 1 is LZO1X-1(15), the others LZO1X-1.
	Level int
	// NoChecksum leaves out the checksum of the data (-F).
	NoChecksum bool
	// CompressedChecksum adds one of each compressed block (-C).
	CompressedChecksum bool
}

// Writer compresses into an lzop stream as BusyBox's lzop does, byte for
// byte: the same header (no name, mode or time) and blocks.
type Writer struct {
	w      io.Writer
	flags  uint32
	c      *Compressor
	buf    []byte // the block being filled
	comp   []byte // its compressed form
	out    []byte // what is written of it
	err    error
	closed bool
}

// ErrHighLevel is a level of 7 to 9: LZO1X-999, which BusyBox as Alpine
// builds it does not have.
var ErrHighLevel = errors.New("high compression not compiled in")

// NewWriter writes the header to w and returns a Writer of the blocks.
func NewWriter(w io.Writer, o Options) (*Writer, error) {
	h := Header{Version: version, LibVersion: libVersion, VersionNeeded: 0x0940, Flags: flagOSUnix}
	bits := uint(14)
	switch {
	case o.Level == 1:
		h.Method, h.Level, bits = MethodLZO1X115, 1, 15
	case o.Level >= 7:
		return nil, ErrHighLevel
	default:
		h.Method, h.Level = MethodLZO1X1, 5
	}
	if !o.NoChecksum {
		h.Flags |= FlagAdler32D
		if o.CompressedChecksum {
			h.Flags |= FlagAdler32C
		}
	}
	z := &Writer{
		w: w, flags: h.Flags, c: NewCompressor(bits),
		buf:  make([]byte, 0, BlockSize),
		comp: make([]byte, 0, MaxCompressedLen(BlockSize)),
		out:  make([]byte, 0, MaxCompressedLen(BlockSize)+16),
	}
	b := append([]byte(nil), Magic...)
	b = binary.BigEndian.AppendUint16(b, h.Version)
	b = binary.BigEndian.AppendUint16(b, h.LibVersion)
	b = binary.BigEndian.AppendUint16(b, h.VersionNeeded)
	b = append(b, h.Method, h.Level)
	b = binary.BigEndian.AppendUint32(b, h.Flags)
	b = binary.BigEndian.AppendUint32(b, h.Mode)
	b = binary.BigEndian.AppendUint32(b, h.Mtime)
	b = binary.BigEndian.AppendUint32(b, h.GMTDiff)
	b = append(b, 0) // no name
	b = binary.BigEndian.AppendUint32(b, adler32.Checksum(b[len(Magic):]))
	if _, err := w.Write(b); err != nil {
		return nil, err
	}
	return z, nil
}

// Write compresses p, a block at a time.
func (z *Writer) Write(p []byte) (int, error) {
	n := 0
	for len(p) > 0 && z.err == nil {
		k := min(len(p), BlockSize-len(z.buf))
		z.buf = append(z.buf, p[:k]...)
		p = p[k:]
		n += k
		if len(z.buf) == BlockSize {
			z.err = z.flush()
		}
	}
	return n, z.err
}

// flush writes the block in z.buf: stored as it is when compressing
// does not make it smaller.
func (z *Writer) flush() error {
	src := z.buf
	z.buf = z.buf[:0]
	z.comp = z.c.Compress(z.comp[:0], src)
	out := binary.BigEndian.AppendUint32(z.out[:0], uint32(len(src)))
	stored := len(z.comp) >= len(src)
	if stored {
		out = binary.BigEndian.AppendUint32(out, uint32(len(src)))
	} else {
		out = binary.BigEndian.AppendUint32(out, uint32(len(z.comp)))
	}
	if z.flags&FlagAdler32D != 0 {
		out = binary.BigEndian.AppendUint32(out, adler32.Checksum(src))
	}
	if stored {
		out = append(out, src...)
	} else {
		if z.flags&FlagAdler32C != 0 {
			out = binary.BigEndian.AppendUint32(out, adler32.Checksum(z.comp))
		}
		out = append(out, z.comp...)
	}
	z.out = out
	_, err := z.w.Write(out)
	return err
}

// Close writes the last block and the end marker; it does not close the
// underlying writer.
func (z *Writer) Close() error {
	if z.closed {
		return z.err
	}
	z.closed = true
	if z.err == nil && len(z.buf) > 0 {
		z.err = z.flush()
	}
	if z.err == nil {
		_, z.err = z.w.Write([]byte{0, 0, 0, 0})
	}
	return z.err
}
