package xzio

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash"
	"hash/crc32"
	"io"

	"github.com/ulikunitz/xz/lzma"
)

// Options are a compression's settings.
type Options struct {
	// Level is the preset, 0 to 9 as xz's -0..-9 (it picks the
	// dictionary size); Extreme (-e) is accepted (see matcher).
	Level   int
	Extreme bool
	// Check is the integrity check (CheckCRC64 if zero and not
	// NoCheck); NoCheck writes none.
	Check   byte
	NoCheck bool
	// Size, when not negative, is how much will be written: the
	// dictionary need not be larger.
	Size int64
	// Threads above 1 compress blocks of BlockSize in parallel.
	Threads   int
	BlockSize int
}

// presetDict is xz-utils' dictionary size for each preset.
var presetDict = [10]int{256 << 10, 1 << 20, 2 << 20, 4 << 20, 4 << 20, 8 << 20, 8 << 20, 16 << 20, 32 << 20, 64 << 20}

// dictSize is the dictionary a compression with o uses.
func (o *Options) dictSize() int {
	l := o.Level
	if l < 0 || l > 9 {
		l = 6
	}
	d := presetDict[l]
	if o.Size >= 0 && o.Size < int64(d) {
		// The smallest size the headers can say (2^n or 3*2^(n-1)):
		// xz-utils refuses a .lzma header with any other.
		d = max(int(o.Size), lzma.MinDictCap)
		p := dictProp(d)
		d = int(int64(2|p&1) << (p/2 + 11))
	}
	return d
}

// matcher is always the hash table: the library's binary tree, the
// natural choice for -e, takes minutes on repetitive input (a megabyte
// of one repeated line), so Extreme changes nothing yet.
func (o *Options) matcher() lzma.MatchAlgorithm {
	return lzma.HashTable4
}

func (o *Options) check() byte {
	if o.NoCheck {
		return CheckNone
	}
	if o.Check == 0 {
		return CheckCRC64
	}
	return o.Check
}

// dictProp is the LZMA2 property byte for a dictionary of d bytes: the
// smallest encoded size not below d.
func dictProp(d int) byte {
	for p := byte(0); p < 40; p++ {
		if int64(2|p&1)<<(p/2+11) >= int64(d) {
			return p
		}
	}
	return 40
}

// Writer compresses into one .xz stream; Close ends it.
type Writer struct {
	w       *errWriter
	o       Options
	dict    int
	records []record
	started bool
	closed  bool

	// One block streamed (Threads <= 1).
	block *lzma.Writer2
	cw    *countWriter
	check hash.Hash
	usize int64

	// Parallel blocks.
	buf     []byte
	pending []chan blockResult
	sem     chan struct{}
}

// NewWriter returns a Writer compressing into w with o.
func NewWriter(w io.Writer, o Options) (*Writer, error) {
	x := &Writer{w: &errWriter{w: w}, o: o, dict: o.dictSize()}
	if newCheck(o.check()) == nil && o.check() != CheckNone {
		return nil, errors.New("unsupported check type")
	}
	if o.Threads > 1 {
		if x.o.BlockSize <= 0 {
			// xz-utils' default block size: three dictionaries.
			x.o.BlockSize = max(3*presetDict[max(0, min(o.Level, 9))], 1<<20)
		}
		x.sem = make(chan struct{}, o.Threads)
	}
	return x, nil
}

// errWriter keeps the first write error: the LZMA2 coder's Close drops
// the error of its last flush.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	if err != nil {
		e.err = err
	}
	return n, err
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

func (x *Writer) header() error {
	if x.started {
		return nil
	}
	x.started = true
	h := make([]byte, 12)
	copy(h, Magic)
	h[7] = x.o.check()
	binary.LittleEndian.PutUint32(h[8:], crc32.ChecksumIEEE(h[6:8]))
	_, err := x.w.Write(h)
	return err
}

// blockHeader is a block header for the LZMA2 filter, with the sizes
// when they are known (csize, usize >= 0).
func (x *Writer) blockHeader(csize, usize int64) []byte {
	h := []byte{0, 0}
	if csize >= 0 {
		h[1] |= 0x40
		h = putVLI(h, csize)
	}
	if usize >= 0 {
		h[1] |= 0x80
		h = putVLI(h, usize)
	}
	h = append(h, 0x21, 1, dictProp(x.dict))
	for len(h)%4 != 0 {
		h = append(h, 0)
	}
	h[0] = byte(len(h) / 4)
	return binary.LittleEndian.AppendUint32(h, crc32.ChecksumIEEE(h))
}

func putVLI(p []byte, n int64) []byte {
	for n >= 0x80 {
		p = append(p, byte(n)|0x80)
		n >>= 7
	}
	return append(p, byte(n))
}

func (x *Writer) lzma2(w io.Writer) (*lzma.Writer2, error) {
	return lzma.Writer2Config{DictCap: x.dict, Matcher: x.o.matcher()}.NewWriter2(w)
}

// Write compresses p.
func (x *Writer) Write(p []byte) (int, error) {
	if x.closed {
		return 0, errors.New("xz: write after close")
	}
	if err := x.header(); err != nil || len(p) == 0 {
		return 0, err
	}
	if x.sem != nil {
		return x.writeParallel(p)
	}
	if x.block == nil {
		h := x.blockHeader(-1, -1)
		if _, err := x.w.Write(h); err != nil {
			return 0, err
		}
		x.cw = &countWriter{w: x.w, n: int64(len(h))}
		var err error
		if x.block, err = x.lzma2(x.cw); err != nil {
			return 0, err
		}
		x.check = newCheck(x.o.check())
	}
	n, err := x.block.Write(p)
	if x.check != nil {
		x.check.Write(p[:n])
	}
	x.usize += int64(n)
	if err == nil {
		err = x.w.err
	}
	return n, err
}

// endBlock finishes the streamed block.
func (x *Writer) endBlock() error {
	if err := x.block.Close(); err != nil {
		return err
	}
	if x.w.err != nil {
		return x.w.err
	}
	n := x.cw.n
	tail := make([]byte, (4-n%4)%4)
	if x.check != nil {
		tail = append(tail, checkBytes(x.check)...)
	}
	if _, err := x.w.Write(tail); err != nil {
		return err
	}
	x.records = append(x.records, record{n + int64(checkSize(x.o.check())), x.usize})
	x.block = nil
	return nil
}

// Close finishes the stream; it does not close the underlying writer.
func (x *Writer) Close() error {
	if x.closed {
		return nil
	}
	x.closed = true
	if err := x.header(); err != nil {
		return err
	}
	if x.sem != nil {
		if len(x.buf) > 0 {
			x.dispatch()
		}
		if err := x.drain(0); err != nil {
			return err
		}
	} else if x.block != nil {
		if err := x.endBlock(); err != nil {
			return err
		}
	}
	return x.footer()
}

// footer writes the index and the stream footer.
func (x *Writer) footer() error {
	idx := []byte{0}
	idx = putVLI(idx, int64(len(x.records)))
	for _, r := range x.records {
		idx = putVLI(idx, r.unpadded)
		idx = putVLI(idx, r.uncompressed)
	}
	for len(idx)%4 != 0 {
		idx = append(idx, 0)
	}
	idx = binary.LittleEndian.AppendUint32(idx, crc32.ChecksumIEEE(idx))
	f := make([]byte, 12)
	binary.LittleEndian.PutUint32(f[4:], uint32(len(idx)/4-1))
	f[9] = x.o.check()
	binary.LittleEndian.PutUint32(f[:4], crc32.ChecksumIEEE(f[4:10]))
	copy(f[10:], footerMagic)
	_, err := x.w.Write(append(idx, f...))
	return err
}

// blockResult is a block compressed by a worker.
type blockResult struct {
	data []byte
	rec  record
	err  error
}

func (x *Writer) writeParallel(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		if x.buf == nil {
			x.buf = make([]byte, 0, x.o.BlockSize)
		}
		k := min(len(p), x.o.BlockSize-len(x.buf))
		x.buf = append(x.buf, p[:k]...)
		p = p[k:]
		if len(x.buf) == x.o.BlockSize {
			x.dispatch()
			// Keep at most twice the workers' blocks in flight.
			if err := x.drain(2 * x.o.Threads); err != nil {
				return 0, err
			}
		}
	}
	return n, nil
}

// dispatch hands the buffered block to a worker.
func (x *Writer) dispatch() {
	data := x.buf
	x.buf = nil
	ch := make(chan blockResult, 1)
	x.pending = append(x.pending, ch)
	x.sem <- struct{}{}
	go func() {
		defer func() { <-x.sem }()
		ch <- x.compressBlock(data)
	}()
}

// drain writes finished blocks, in order, until at most keep are pending.
func (x *Writer) drain(keep int) error {
	for len(x.pending) > keep {
		r := <-x.pending[0]
		x.pending = x.pending[1:]
		if r.err != nil {
			return r.err
		}
		if _, err := x.w.Write(r.data); err != nil {
			return err
		}
		x.records = append(x.records, r.rec)
	}
	return nil
}

// compressBlock makes one whole block of data, with its sizes in the
// header (as xz -T writes them, so that readers may split the work).
func (x *Writer) compressBlock(data []byte) blockResult {
	var body bytes.Buffer
	w, err := x.lzma2(&body)
	if err != nil {
		return blockResult{err: err}
	}
	if _, err := w.Write(data); err != nil {
		return blockResult{err: err}
	}
	if err := w.Close(); err != nil {
		return blockResult{err: err}
	}
	csize := int64(body.Len())
	h := x.blockHeader(csize, int64(len(data)))
	out := make([]byte, 0, len(h)+body.Len()+8+32)
	out = append(out, h...)
	out = append(out, body.Bytes()...)
	for len(out)%4 != 0 {
		out = append(out, 0)
	}
	if c := newCheck(x.o.check()); c != nil {
		c.Write(data)
		out = append(out, checkBytes(c)...)
	}
	return blockResult{data: out, rec: record{int64(len(h)) + csize + int64(checkSize(x.o.check())), int64(len(data))}}
}
