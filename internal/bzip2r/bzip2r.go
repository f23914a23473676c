// Package bzip2r reads bzip2 data: every stream of a file to its end, as
// bzip2 1.0.8 and BusyBox do, with BusyBox's errors.
//
// By default (NewReader) blocks are decoded one after the other with no
// goroutine, in BusyBox's memory: one decoder of 4 bytes per byte of
// block (3.6 MB at -9), the input streaming through a window of 64 KB
// and the output written straight into the caller's buffer.
//
// On request (NewReaderN) blocks are decoded in parallel, as lbzip2
// does: they start at any bit, so candidates are found by searching for
// the block magic, decoded speculatively, and taken in order only where
// the previous block ended (a false match inside a block's data is
// dropped, whatever its decoding said). Memory is still bounded
// whatever the input: up to par candidates decode at once and one more
// waits, each in a decoder of its own, handing its output over in
// pieces of 256 KB (six at most waiting), and the input is kept from
// the block being written to the furthest candidate.
package bzip2r

import (
	"encoding/binary"
	"io"
	"runtime"
	"strconv"

	"golang.org/x/sys/unix"
)

// Error is damaged input; its text is BusyBox's (decompress_bunzip2.c's
// return codes, which unpack_bz2_stream prints as "bunzip error N").
type Error int

const (
	ErrNotBzip  Error = -2 // no bzip2 header, or no block where one must be
	ErrEOF      Error = -3 // the input ends inside a stream
	ErrData     Error = -5 // a block is damaged (or fails its CRC)
	ErrObsolete Error = -7 // a randomised block (bzip2 before 0.9.5)
	ErrCRC      Error = 1  // the stream's combined CRC is wrong
	errShort    Error = 2  // a block ran past the data it was given
)

func (e Error) Error() string {
	switch e {
	case ErrCRC:
		return "CRC error"
	case errShort:
		e = ErrEOF
	}
	return "bunzip error " + strconv.Itoa(int(e))
}

const (
	readChunk = 1 << 20   // read at once decoding blocks in parallel
	seqChunk  = 64 << 10  // and one at a time
	pieceSize = 256 << 10 // a block's output travels in pieces of this
	pieces    = 6         // pieces a block may have ready before it is taken
)

const (
	stHeader = iota // next is a stream's "BZh" byte
	stBlocks        // next is a block's magic or the stream's end
)

// Reader decompresses a bzip2 file.
type Reader struct {
	r      io.Reader
	win    []byte // input bytes winOff.. (the blocks being decoded and what follows)
	winOff int64
	eof    bool
	rerr   error

	state    int
	first    bool
	next     int64 // the bit where the next block or stream starts
	limit    int   // symbols in a block of this stream
	combined uint32
	crcTab   *[256]uint32
	err      error

	par  int
	look int64 // input read beyond a block's start before decoding it

	// One block at a time (par 1, or a file of one block).
	dec      *decoder
	emitting bool

	// Blocks in parallel: jobs are the candidates being decoded, in
	// the order of their start; cur is the block being written.
	jobs     []*job
	scanBit  int64
	cand     [256]bool
	cur      *job
	piece    []byte
	pieceBuf []byte
	free     chan []byte
	decs     chan *decoder
	sem      chan struct{} // par tokens: the candidates decoding at once
}

// NewReader reads the bzip2 file from r one block after the other,
// with no goroutine: one decoder of 4 bytes per byte of block (3.6 MB
// at -9, as BusyBox's) and a window of 64 KB on the input.
func NewReader(r io.Reader) *Reader {
	return NewReaderN(r, 1)
}

// Threads is the number of blocks NewReaderN(r, 0) decodes at once:
// GOMAXPROCS, as many as a quarter of the machine's RAM allows
// (xz-utils' default limit for its threaded decoder, which internal/xzio
// follows too): a board of 64 MB decodes one block at a time.
func Threads() int {
	var ram uint64
	var si unix.Sysinfo_t
	if unix.Sysinfo(&si) == nil {
		ram = uint64(si.Totalram) * uint64(si.Unit)
	}
	return parFor(runtime.GOMAXPROCS(0), ram)
}

// Measured peaks of the parallel reader, bunzip2 -c -T at -9 (256 MiB
// of mixed data): 20 MB with one block decoding, 36 MB with two.
const (
	seqPeak     = 20 << 20
	perDecoder  = 16 << 20
	unknownRAMs = 1 << 30
)

// parFor is the number of blocks to decode at once with procs CPUs and
// ram bytes of RAM (0: unknown): within a quarter of it, at least one.
func parFor(procs int, ram uint64) int {
	if ram == 0 {
		ram = unknownRAMs
	}
	budget := int64(ram / 4)
	n := 1 + int((budget-seqPeak)/perDecoder)
	return max(1, min(procs, n))
}

// NewReaderN decodes up to par blocks at once (0: Threads()); 1 is
// NewReader.
func NewReaderN(r io.Reader, par int) *Reader {
	if par <= 0 {
		par = Threads()
	}
	z := &Reader{r: r, first: true, par: par, look: blockLook, crcTab: crcTable()}
	for s := range 8 {
		// The byte after the one the magic starts in, at each shift.
		z.cand[blockMagic>>(32+s)&0xff] = true
	}
	return z
}

// Read decompresses into p; damaged input is an Error, and the failure
// of the underlying reader is its own error.
func (z *Reader) Read(p []byte) (int, error) {
	if z.err != nil {
		return 0, z.err
	}
	if len(p) == 0 {
		return 0, nil
	}
	for {
		if len(z.piece) > 0 {
			n := copy(p, z.piece)
			z.piece = z.piece[n:]
			if len(z.piece) == 0 {
				z.putBuf(z.pieceBuf)
			}
			return n, nil
		}
		if z.cur != nil {
			m := <-z.cur.ch
			if m.buf != nil {
				z.piece, z.pieceBuf = m.buf, m.buf
				continue
			}
			z.cur = nil
			if !m.ok {
				return 0, z.fail(ErrCRC)
			}
			z.combined = (z.combined<<1 | z.combined>>31) ^ m.crc
			continue
		}
		if z.emitting {
			if n := z.dec.emit(p); n > 0 {
				return n, nil
			}
			z.emitting = false
			if _, ok := z.dec.done(); !ok {
				return 0, z.fail(ErrCRC)
			}
			z.combined = (z.combined<<1 | z.combined>>31) ^ z.dec.blockCRC
			continue
		}
		if err := z.nextBlock(); err != nil {
			return 0, z.fail(err)
		}
	}
}

// fail ends the reading with err; nothing after it is decoded.
func (z *Reader) fail(err error) error {
	if err == errShort || err == ErrEOF {
		if z.rerr != nil {
			err = z.rerr
		} else {
			err = ErrEOF
		}
	}
	z.err = err
	z.stop()
	return err
}

// Close stops the decoding under way.
func (z *Reader) Close() error {
	if z.err == nil {
		z.err = io.ErrClosedPipe
	}
	z.stop()
	return nil
}

// stop cancels every candidate and the block being written.
func (z *Reader) stop() {
	for _, j := range z.jobs {
		j.cancel()
	}
	z.jobs = nil
	if z.cur != nil {
		z.cur.cancel()
		z.cur = nil
	}
	z.piece = nil
}

// fill reads until the window holds the input up to byte upto, or the
// input ends. What is before the next block (and before where the
// search for candidates is) is dropped.
func (z *Reader) fill(upto int64) {
	keep := z.next / 8
	if z.par > 1 {
		keep = min(keep, z.scanBit/8)
	}
	z.fillFrom(keep, upto)
}

// fillFrom is fill, dropping what is before byte keep.
func (z *Reader) fillFrom(keep, upto int64) {
	end := z.winOff + int64(len(z.win))
	if z.eof || end >= upto {
		return
	}
	keep = min(max(keep, z.winOff), end)
	chunk := int64(readChunk)
	if z.par == 1 {
		chunk = seqChunk
	}
	size := end - keep + max(chunk, upto-end)
	var nb []byte
	if z.par > 1 {
		// Blocks being decoded hold the old window.
		nb = make([]byte, size)
	} else if int64(cap(z.win)) >= size {
		nb = z.win[:size]
	} else {
		// What is kept is less than a chunk (the rest of a block's
		// chunk, or a few bytes of header): the window is made once.
		nb = make([]byte, size, max(size, 2*seqChunk))
	}
	k := copy(nb, z.win[keep-z.winOff:])
	z.win, z.winOff = nb[:k], keep
	for z.winOff+int64(len(z.win)) < upto {
		m, err := z.r.Read(nb[len(z.win):size])
		z.win = nb[:len(z.win)+m]
		if err != nil {
			z.eof = true
			if err != io.EOF {
				z.rerr = err
			}
			return
		}
	}
}

// peek returns the k bits (k <= 56) at bit at, or false if the input
// ends first.
func (z *Reader) peek(at int64, k uint) (uint64, bool) {
	z.fill((at + int64(k) + 7) / 8)
	i := at/8 - z.winOff
	if (z.winOff+int64(len(z.win)))*8 < at+int64(k) || i < 0 {
		return 0, false
	}
	var v uint64
	for j := i; j < i+8 && j < int64(len(z.win)); j++ {
		v |= uint64(z.win[j]) << (56 - 8*(j-i))
	}
	return v << uint(at%8) >> (64 - k), true
}

// nextBlock reads up to the next block and starts decoding it, or
// returns io.EOF at the end of the last stream.
func (z *Reader) nextBlock() error {
	for {
		if z.state == stHeader {
			at := z.next / 8
			z.fill(at + 4)
			b := z.win[at-z.winOff:]
			if !z.first && (len(b) < 2 || b[0] != 'B' || b[1] != 'Z') {
				// What follows a stream is not another: bzip2 and
				// BusyBox stop there, content.
				return io.EOF
			}
			for i, c := range []byte("BZh") {
				if i < len(b) && b[i] != c {
					return ErrNotBzip
				}
			}
			if len(b) < 4 {
				return ErrEOF
			}
			if b[3] < '1' || b[3] > '9' {
				return ErrNotBzip
			}
			z.limit = int(b[3]-'0') * 100000
			z.next += 32
			z.state = stBlocks
			z.combined = 0
			if z.first && z.par > 1 {
				z.first = false
				z.scanBit = z.next + 1
				z.fill(z.next/8 + z.look)
				if z.eof && z.scan() < 0 {
					// One block: no goroutine for it.
					z.par = 1
				}
				z.scanBit = z.next
			}
			z.first = false
			continue
		}
		v, ok := z.peek(z.next, 48)
		if !ok {
			return ErrEOF
		}
		if v == endMagic {
			crc, ok := z.peek(z.next+48, 32)
			if !ok {
				return ErrEOF
			}
			if uint32(crc) != z.combined {
				return ErrCRC
			}
			z.next = (z.next + 80 + 7) &^ 7
			z.state = stHeader
			continue
		}
		if v != blockMagic {
			return ErrNotBzip
		}
		if z.par == 1 {
			return z.decodeHere()
		}
		return z.takeJob()
	}
}

// decodeHere decodes the block at next in this goroutine, its input
// streaming through the window (more).
func (z *Reader) decodeHere() error {
	if z.dec == nil {
		z.dec = newDecoder(z.crcTab)
		z.dec.more = z.more
	}
	at := z.next / 8
	z.fill(at + seqChunk)
	end, err := z.dec.decode(z.win[at-z.winOff:], uint(z.next%8), z.limit)
	if err != nil {
		return err
	}
	z.next = at*8 + end
	z.emitting = true
	return nil
}

// more is the decoder's more when blocks are decoded one at a time:
// data is the window's end, from the block's first byte on, and the
// window moves on to hold what follows byte pos of it.
func (z *Reader) more(data []byte, pos int) ([]byte, int, bool) {
	if z.eof {
		return nil, 0, false
	}
	at := z.winOff + int64(len(z.win)-len(data)+pos)
	z.fillFrom(at, at+seqChunk)
	i := int(at - z.winOff)
	return z.win[i:], 0, true
}

// scan returns the next candidate block start at or after scanBit (and
// moves scanBit past it), reading ahead as far as par blocks may reach;
// -1 if there is none so far.
func (z *Reader) scan() int64 {
	for {
		w := z.win
		lo := max(z.scanBit/8-z.winOff, 0)
		for i := lo; i+7 <= int64(len(w)); i++ {
			if !z.cand[w[i+1]] {
				continue
			}
			var v uint64
			if i+8 <= int64(len(w)) {
				v = binary.BigEndian.Uint64(w[i:]) >> 8
			} else {
				for _, c := range w[i : i+7] {
					v = v<<8 | uint64(c)
				}
			}
			for s := range int64(8) {
				bit := (z.winOff+i)*8 + s
				if bit >= z.scanBit && (v>>(8-s))&(1<<48-1) == blockMagic {
					z.scanBit = bit + 1
					z.fill(bit/8 + z.look)
					return bit
				}
			}
		}
		z.scanBit = max(z.scanBit, (z.winOff+int64(len(w))-6)*8)
		if z.eof || z.scanBit-z.next > int64(z.par)*maxBlockBytes*8 {
			return -1
		}
		z.fill(z.winOff + int64(len(z.win)) + readChunk)
	}
}

// job is a candidate block decoded in a goroutine of its own. Its
// messages: the end of the block (or why it is not one), then pieces of
// its output, then whether its CRC matched.
type job struct {
	start int64 // the bit of its magic
	eof   bool  // it had the input to its end
	ch    chan msg
	quit  chan struct{}
}

type msg struct {
	end   int64 // head: the bit (from the block's first byte) after it
	count int
	err   error
	buf   []byte // a piece of output
	ok    bool   // tail: the CRC matched
	crc   uint32
}

func (j *job) cancel() { close(j.quit) }

func (j *job) send(m msg) bool {
	select {
	case j.ch <- m:
		return true
	case <-j.quit:
		return false
	}
}

// startJob decodes the candidate at bit start in a goroutine.
func (z *Reader) startJob(start int64) *job {
	if z.free == nil {
		z.free = make(chan []byte, (z.par+1)*pieces)
		z.decs = make(chan *decoder, z.par+1)
		z.sem = make(chan struct{}, z.par)
	}
	at := start/8 - z.winOff
	data := z.win[at:]
	j := &job{
		start: start,
		eof:   z.eof || int64(len(data)) >= maxBlockBytes,
		ch:    make(chan msg, pieces),
		quit:  make(chan struct{}),
	}
	go z.work(j, data, uint(start%8))
	return j
}

// work decodes job j, whose magic is off bits into data, and sends its
// messages.
func (z *Reader) work(j *job, data []byte, off uint) {
	// One more candidate is queued than there are CPUs, so that one
	// is ready when the block being written is done; it waits here.
	select {
	case z.sem <- struct{}{}:
	case <-j.quit:
		return
	}
	held := true
	defer func() {
		if held {
			<-z.sem
		}
	}()
	// send hands m over; a candidate whose output waits for the writer
	// gives its token to another meanwhile.
	send := func(m msg) bool {
		select {
		case j.ch <- m:
			return true
		default:
		}
		<-z.sem
		held = false
		if !j.send(m) {
			return false
		}
		select {
		case z.sem <- struct{}{}:
			held = true
			return true
		case <-j.quit:
			return false
		}
	}
	var d *decoder
	select {
	case d = <-z.decs:
	default:
		d = newDecoder(z.crcTab)
	}
	defer func() {
		select {
		case z.decs <- d:
		default:
		}
	}()
	end, err := d.decode(data, off, maxBlock)
	if !send(msg{end: end, count: d.count, err: err}) || err != nil {
		return
	}
	for {
		buf := z.getBuf()
		n := d.emit(buf)
		if n == 0 {
			z.putBuf(buf)
			_, ok := d.done()
			send(msg{ok: ok, crc: d.blockCRC})
			return
		}
		if !send(msg{buf: buf[:n]}) {
			return
		}
	}
}

func (z *Reader) getBuf() []byte {
	select {
	case b := <-z.free:
		return b[:pieceSize]
	default:
		return make([]byte, pieceSize)
	}
}

func (z *Reader) putBuf(b []byte) {
	select {
	case z.free <- b:
	default:
	}
}

// dispatch starts candidates until par are being decoded.
func (z *Reader) dispatch() {
	for len(z.jobs) < z.par {
		c := z.scan()
		if c < 0 {
			return
		}
		z.jobs = append(z.jobs, z.startJob(c))
	}
}

// takeJob makes the block at next the one being written: the candidate
// found there if any (earlier ones were inside the previous block),
// else one started now.
func (z *Reader) takeJob() error {
	for len(z.jobs) > 0 && z.jobs[0].start < z.next {
		z.jobs[0].cancel()
		z.jobs = z.jobs[1:]
	}
	z.scanBit = max(z.scanBit, z.next)
	z.dispatch()
	if len(z.jobs) == 0 || z.jobs[0].start != z.next {
		z.stop()
		z.jobs = []*job{z.startJob(z.next)}
		z.scanBit = z.next + 1
	}
	j := z.jobs[0]
	z.jobs = z.jobs[1:]
	z.dispatch()
	head := <-j.ch
	if head.err == errShort && !j.eof {
		// The block is longer than the data it was given.
		j.cancel()
		z.fill(z.next/8 + maxBlockBytes)
		j = z.startJob(z.next)
		head = <-j.ch
	}
	if head.err == nil && head.count > z.limit {
		head.err = ErrData
	}
	if head.err != nil {
		j.cancel()
		return head.err
	}
	z.next = z.next/8*8 + head.end
	z.cur = j
	return nil
}
