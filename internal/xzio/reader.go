package xzio

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"hash"
	"hash/crc32"
	"hash/crc64"
	"io"

	"gobox/internal/lzmadec"
)

// Magic is how a .xz stream starts.
var Magic = []byte{0xfd, '7', 'z', 'X', 'Z', 0}

var footerMagic = []byte{'Y', 'Z'}

// Check types.
const (
	CheckNone   = 0
	CheckCRC32  = 1
	CheckCRC64  = 4
	CheckSHA256 = 10
)

// checkSize is the size of a check of type id (the format reserves sizes
// for the ids it does not define yet).
func checkSize(id byte) int {
	if id == 0 {
		return 0
	}
	return 4 << ((id - 1) / 3)
}

// newCheck returns the hash of check type id, or nil when gobox does not
// know it: that check is skipped, as BusyBox and xz-utils do.
func newCheck(id byte) hash.Hash {
	switch id {
	case CheckCRC32:
		return crc32.NewIEEE()
	case CheckCRC64:
		return crc64.New(crc64Table())
	case CheckSHA256:
		return sha256.New()
	}
	return nil
}

// record is one block as the index lists it.
type record struct{ unpadded, uncompressed int64 }

// Reader decompresses .xz data: every stream to the end of the input,
// or to the first bytes after a stream that do not start another (which
// are ignored, as BusyBox's unxz ignores them).
type Reader struct {
	s       *source
	flags   [2]byte // the stream's flags
	check   hash.Hash
	records []record
	block   io.Reader        // the block being read, nil between blocks
	dec     *lzmadec.Reader2 // the LZMA2 decoder, its dictionary reused
	bstart  int64            // where the block's header began
	hsize   int64            // the block header's size
	csize   int64            // the block's compressed size, -1 unknown
	usize   int64            // its uncompressed size, -1 unknown
	out     int64            // what the block has given so far
	streams int
	err     error

	// Reading ahead (parallel.go).
	threads  int
	queue    []*ablock
	inflight int           // blocks decoding in goroutines
	held     int64         // bytes the queue holds
	memLimit int64         // what it may hold
	mem      *ablock       // the block streamed from memory
	memSrc   *bytes.Reader // its data
	flat     *ablock       // the block decoded ahead being returned
	flatOff  int
	bufs     [][]byte
	comps    [][]byte
	decs     []*lzmadec.Decoder

	// WriteTo (writeto.go): the checks are left to its writer, which
	// is told what data each Read returned and where blocks end.
	events bool
	evs    []wtEvent
}

// NewReader starts reading the .xz stream in r. It reads the stream
// header, so input that is not .xz fails here.
func NewReader(r io.Reader) (*Reader, error) {
	x := &Reader{s: newSource(r)}
	x.SetThreads(defaultThreads)
	if err := x.streamHeader(); err != nil {
		if err == io.EOF || err == errCorrupt {
			err = errMagic
		}
		return nil, err
	}
	return x, nil
}

// streamHeader reads the 12 bytes that start a stream.
func (x *Reader) streamHeader() error {
	var h [12]byte
	if _, err := io.ReadFull(x.s, h[:]); err != nil {
		if err == io.ErrUnexpectedEOF {
			err = io.EOF
		}
		return x.s.fail(err)
	}
	if !bytes.Equal(h[:6], Magic) {
		return errMagic
	}
	if crc32.ChecksumIEEE(h[6:8]) != binary.LittleEndian.Uint32(h[8:]) || h[6] != 0 || h[7] > 15 {
		return errCorrupt
	}
	copy(x.flags[:], h[6:8])
	x.records = x.records[:0]
	x.streams++
	return nil
}

// Read returns decompressed data.
func (x *Reader) Read(p []byte) (int, error) {
	for x.err == nil {
		if x.flat != nil {
			if n := x.readFlat(p); n > 0 {
				x.event(nil, n)
				return n, nil
			}
			x.err = x.endFlat()
			continue
		}
		if x.block == nil {
			x.err = x.next()
			continue
		}
		n, err := x.block.Read(p)
		if n > 0 {
			if x.events {
				x.event(x.check, n)
			} else if x.check != nil {
				x.check.Write(p[:n])
			}
			x.out += int64(n)
			if x.usize >= 0 && x.out > x.usize {
				x.err = errCorrupt
				return 0, x.err
			}
		}
		if err == io.EOF {
			x.err = x.endBlock()
		} else if err != nil {
			x.err = x.s.fail(err)
		}
		if n > 0 {
			return n, nil
		}
	}
	return 0, x.err
}

// next starts the next block, or reads the index and footer that end
// the stream and the start of a stream that may follow.
func (x *Reader) next() error {
	if x.threads > 1 {
		if ok, err := x.nextAhead(); ok {
			return err
		}
	}
	x.bstart = x.s.n
	c, err := x.s.ReadByte()
	if err != nil {
		return x.s.fail(err)
	}
	if c == 0 {
		if err := x.index(); err != nil {
			return err
		}
		return x.nextStream()
	}
	var b blockHeader
	hdr := make([]byte, int(c)*4+4)
	hdr[0] = c
	if err := x.s.full(hdr[1:]); err != nil {
		return err
	}
	n := len(hdr) - 4
	if crc32.ChecksumIEEE(hdr[:n]) != binary.LittleEndian.Uint32(hdr[n:]) {
		return errCorrupt
	}
	b, err = parseBlock(hdr[:n])
	if err != nil {
		return err
	}
	x.startBlock(b, x.s)
	return nil
}

// blockHeader is what a block header says.
type blockHeader struct {
	hsize, csize, usize int64 // csize and usize -1 when not given
	dict                int64
}

// parseBlock parses a block header (without its CRC): the filter chain
// must be LZMA2 alone, the only filter gobox decodes.
func parseBlock(h []byte) (blockHeader, error) {
	b := blockHeader{hsize: int64(len(h)) + 4, csize: -1, usize: -1}
	flags := h[1]
	if flags&0x3c != 0 {
		return b, errCorrupt
	}
	p := h[2:]
	var err error
	if flags&0x40 != 0 {
		if b.csize, p, err = vli(p); err != nil || b.csize == 0 {
			return b, errCorrupt
		}
	}
	if flags&0x80 != 0 {
		if b.usize, p, err = vli(p); err != nil {
			return b, errCorrupt
		}
	}
	if flags&3 != 0 {
		// Filters before LZMA2 (BCJ, delta): BusyBox's unxz has none
		// either.
		return b, errCorrupt
	}
	var id, size int64
	if id, p, err = vli(p); err != nil || id != 0x21 {
		return b, errCorrupt
	}
	if size, p, err = vli(p); err != nil || size != 1 || len(p) < 1 {
		return b, errCorrupt
	}
	prop := p[0]
	for _, c := range p[1:] {
		if c != 0 {
			return b, errCorrupt
		}
	}
	if prop > 40 {
		return b, errCorrupt
	}
	b.dict = int64(2|prop&1) << (prop/2 + 11)
	if prop == 40 {
		b.dict = 1<<32 - 1
	}
	if b.usize >= 0 && b.usize < b.dict {
		b.dict = b.usize
	}
	if b.dict > MaxDict {
		return b, errCorrupt
	}
	return b, nil
}

// startBlock sets up the streaming decoder for a block whose data comes
// from src.
func (x *Reader) startBlock(b blockHeader, src io.Reader) {
	if x.dec == nil {
		x.dec = lzmadec.NewReader2(src, int(b.dict))
	} else {
		x.dec.Reset(src, int(b.dict))
	}
	x.hsize, x.csize, x.usize = b.hsize, b.csize, b.usize
	x.block, x.out = x.dec, 0
	x.check = newCheck(x.flags[1])
}

// endBlock checks the block's padding, sizes and check: read from the
// source, or from memory for a block read ahead.
func (x *Reader) endBlock() error {
	x.block = nil
	var csize int64
	var tail []byte
	if e := x.mem; e != nil {
		x.mem = nil
		csize = e.csize - int64(x.memSrc.Len())
		tail = e.comp[e.csize:]
		x.release(e)
	} else {
		csize = x.s.n - x.bstart - x.hsize
	}
	if x.csize >= 0 && csize != x.csize || x.usize >= 0 && x.out != x.usize {
		return errCorrupt
	}
	pad := int((4 - csize%4) % 4)
	if tail == nil {
		tail = make([]byte, pad+checkSize(x.flags[1]))
		if err := x.s.full(tail); err != nil {
			return err
		}
	}
	if bytes.Count(tail[:pad], []byte{0}) != pad {
		return errCorrupt
	}
	sum := tail[pad:]
	if x.check != nil && x.events {
		// WriteTo's writer compares it, after the data before it.
		x.evs = append(x.evs, wtEvent{h: x.check, want: bytes.Clone(sum)})
	} else if x.check != nil && !bytes.Equal(checkBytes(x.check), sum) {
		return errCorrupt
	}
	x.records = append(x.records, record{x.hsize + csize + int64(len(sum)), x.out})
	return nil
}

// checkBytes is the check as the format stores it: CRCs little-endian.
func checkBytes(h hash.Hash) []byte {
	sum := h.Sum(nil)
	if len(sum) <= 8 {
		for i, j := 0, len(sum)-1; i < j; i, j = i+1, j-1 {
			sum[i], sum[j] = sum[j], sum[i]
		}
	}
	return sum
}

// index reads the stream's index (its indicator byte already read) and
// footer, and checks them against the blocks read.
func (x *Reader) index() error {
	start := x.s.n - 1
	crc := crc32.NewIEEE()
	crc.Write([]byte{0})
	rd := &vliReader{s: x.s, crc: crc}
	count := rd.next()
	if rd.err == nil && count != int64(len(x.records)) {
		return errCorrupt
	}
	for i := int64(0); i < count && rd.err == nil; i++ {
		r := record{rd.next(), rd.next()}
		if rd.err == nil && r != x.records[i] {
			return errCorrupt
		}
	}
	if rd.err != nil {
		return rd.err
	}
	size := x.s.n - start
	pad := make([]byte, (4-size%4)%4)
	if err := x.s.full(pad); err != nil {
		return err
	}
	if bytes.Count(pad, []byte{0}) != len(pad) {
		return errCorrupt
	}
	crc.Write(pad)
	size += int64(len(pad))
	var tail [16]byte // the index's CRC, then the footer
	if err := x.s.full(tail[:]); err != nil {
		return err
	}
	if binary.LittleEndian.Uint32(tail[:4]) != crc.Sum32() {
		return errCorrupt
	}
	f := tail[4:]
	if crc32.ChecksumIEEE(f[4:10]) != binary.LittleEndian.Uint32(f[:4]) ||
		int64(binary.LittleEndian.Uint32(f[4:8])+1)*4 != size+4 ||
		!bytes.Equal(f[8:10], x.flags[:]) || !bytes.Equal(f[10:], footerMagic) {
		return errCorrupt
	}
	return nil
}

// nextStream skips stream padding (zero bytes, in fours) and starts the
// stream that follows, if any. Other bytes after a stream end the data:
// BusyBox's unxz ignores them.
func (x *Reader) nextStream() error {
	zeros := 0
	for {
		head, err := x.s.br.Peek(1)
		if len(head) == 0 {
			if x.s.err != nil {
				return x.s.err
			}
			if err != nil && zeros%4 != 0 {
				return errCorrupt
			}
			return io.EOF
		}
		if head[0] != 0 {
			break
		}
		x.s.ReadByte()
		zeros++
	}
	if zeros%4 != 0 {
		return errCorrupt
	}
	head, _ := x.s.br.Peek(len(Magic))
	if !bytes.Equal(head, Magic) {
		return io.EOF
	}
	if err := x.streamHeader(); err != nil {
		if err == io.EOF {
			err = errCorrupt
		}
		return err
	}
	return nil
}

// Streams is how many streams have been started.
func (x *Reader) Streams() int { return x.streams }

// vliReader reads the index's variable-length integers, feeding its CRC.
type vliReader struct {
	s   *source
	crc hash.Hash32
	err error
}

func (v *vliReader) next() int64 {
	if v.err != nil {
		return 0
	}
	var n int64
	for i := 0; i < 9; i++ {
		b, err := v.s.ReadByte()
		if err != nil {
			v.err = v.s.fail(err)
			return 0
		}
		v.crc.Write([]byte{b})
		n |= int64(b&0x7f) << (7 * i)
		if b&0x80 == 0 {
			if b == 0 && i > 0 {
				v.err = errCorrupt
			}
			return n
		}
	}
	v.err = errCorrupt
	return 0
}

// vli decodes a variable-length integer from the front of p.
func vli(p []byte) (int64, []byte, error) {
	var n int64
	for i := 0; i < 9 && i < len(p); i++ {
		b := p[i]
		n |= int64(b&0x7f) << (7 * i)
		if b&0x80 == 0 {
			if b == 0 && i > 0 {
				return 0, nil, errCorrupt
			}
			return n, p[i+1:], nil
		}
	}
	return 0, nil, errCorrupt
}
