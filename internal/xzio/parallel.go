package xzio

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"

	"golang.org/x/sys/unix"

	"gobox/internal/lzmadec"
)

// Blocks whose headers give both sizes (as xz -T and gobox's xz -T
// write them) are read ahead and decoded on other cores, each into a
// flat buffer of its size, while the Reader streams the block before
// them through its own dictionary; they are returned strictly in order,
// so a damaged block stops the data where the sequential path would.
// Memory is bounded: at most threads-1 blocks decode ahead, only blocks
// of at most maxFlat bytes, and only while what is held stays within a
// quarter of physical memory (xz-utils' default limit for its threaded
// decoder).

// maxFlat is the largest block decoded ahead into a buffer of its own.
const maxFlat = 64 << 20

// ablock is a block read ahead.
type ablock struct {
	blockHeader
	bstart     int64  // where its header began (fromSource)
	comp       []byte // data, padding and check (not fromSource)
	cost       int64  // bytes it holds while queued
	fromSource bool   // its data is still in the source: streamed from there
	dispatched bool   // a goroutine decodes it into out
	done       chan struct{}
	out        []byte
	dec        *lzmadec.Decoder
	err        error // reading it (or its header)
	decErr     error // decoding it: the goroutine's, read after done
}

// SetThreads sets how many blocks may decode at once (1: one block at a
// time, through one dictionary). Call it before the first Read.
func (x *Reader) SetThreads(n int) {
	x.threads = n
	if n > 1 && x.memLimit == 0 {
		var si unix.Sysinfo_t
		if unix.Sysinfo(&si) == nil {
			x.memLimit = int64(si.Totalram) * int64(si.Unit) / 4
		}
		if x.memLimit <= 0 {
			x.memLimit = 1 << 30
		}
	}
}

// defaultThreads is what NewReader decodes with: one block at a time, as xz 5.4
// and BusyBox decode. Decoding ahead holds each block whole (three
// dictionaries, 24 MiB, for xz -T's blocks at -6), which would take
// xz -dc from BusyBox's 8 MB to 47 MB (issue 10's bound is BusyBox's
// plus 2 MB); the sequential decoder is still faster than xz-utils', so
// cores are spent only when asked for (xz -T).
const defaultThreads = 1

// ahead reads block headers and data ahead of the one about to start,
// while they qualify, and hands all but the first undecoded one to
// goroutines (that one the Reader streams itself meanwhile).
func (x *Reader) ahead() {
	w := x.threads - 1
	for len(x.queue) <= w {
		if n := len(x.queue); n > 0 && (x.queue[n-1].fromSource || x.queue[n-1].err != nil) {
			break
		}
		c, err := x.s.br.Peek(1)
		if err != nil || c[0] == 0 {
			break // the index (or trouble) comes next: the usual path
		}
		x.queue = append(x.queue, x.readAhead())
	}
	reserved := false
	for _, e := range x.queue {
		if x.inflight >= w {
			break
		}
		if e.dispatched || e.fromSource || e.err != nil {
			continue
		}
		if !reserved {
			reserved = true
			continue
		}
		x.dispatch(e)
	}
}

// readAhead reads the next block's header and, when it qualifies, its
// data, padding and check.
func (x *Reader) readAhead() *ablock {
	e := &ablock{bstart: x.s.n}
	c, _ := x.s.ReadByte()
	hdr := make([]byte, int(c)*4+4)
	hdr[0] = c
	if e.err = x.s.full(hdr[1:]); e.err != nil {
		return e
	}
	n := len(hdr) - 4
	if crc32.ChecksumIEEE(hdr[:n]) != binary.LittleEndian.Uint32(hdr[n:]) {
		e.err = errCorrupt
		return e
	}
	if e.blockHeader, e.err = parseBlock(hdr[:n]); e.err != nil {
		return e
	}
	b := e.blockHeader
	size := b.csize + (4-b.csize%4)%4 + int64(checkSize(x.flags[1]))
	// LZMA2 data is never much larger than what it holds (stored
	// chunks add 3 bytes in 64 KiB): a header saying otherwise is not
	// trusted with an allocation; the block streams, and fails there.
	if b.csize < 0 || b.usize < 0 || b.usize > maxFlat || b.csize > b.usize+b.usize>>14+64 ||
		x.held+size+b.usize > x.memLimit {
		e.fromSource = true
		return e
	}
	e.comp = reuse(&x.comps, int(size))
	if e.err = x.s.full(e.comp); e.err != nil {
		return e
	}
	e.cost = size + b.usize
	x.held += e.cost
	return e
}

// dispatch decodes e in a goroutine of its own, checking its data
// against its header and its check.
func (x *Reader) dispatch(e *ablock) {
	e.dispatched = true
	x.inflight++
	e.done = make(chan struct{})
	e.out = reuse(&x.bufs, int(e.usize))
	e.dec = x.getDec()
	ck := x.flags[1]
	go func() {
		defer close(e.done)
		n, err := e.dec.DecodeLZMA2(e.out, e.comp[:e.csize], int(e.dict))
		if err != nil || int64(n) != e.csize {
			e.decErr = errCorrupt
			return
		}
		pad := int((4 - e.csize%4) % 4)
		tail := e.comp[e.csize:]
		if bytes.Count(tail[:pad], []byte{0}) != pad {
			e.decErr = errCorrupt
			return
		}
		if h := newCheck(ck); h != nil {
			h.Write(e.out)
			if !bytes.Equal(checkBytes(h), tail[pad:]) {
				e.decErr = errCorrupt
			}
		}
	}()
}

// nextAhead starts the next block from the queue, reading ahead first;
// false when the queue is empty.
func (x *Reader) nextAhead() (bool, error) {
	x.ahead()
	if len(x.queue) == 0 {
		return false, nil
	}
	e := x.queue[0]
	x.queue[0] = nil
	x.queue = x.queue[1:]
	switch {
	case e.dispatched:
		<-e.done
		x.inflight--
		if e.decErr != nil {
			x.release(e)
			return true, e.decErr
		}
		// Its compressed data is done with: let the next block have it.
		x.putComp(e.comp)
		x.held -= int64(len(e.comp))
		e.cost -= int64(len(e.comp))
		e.comp = nil
		x.flat, x.flatOff = e, 0
	case e.err != nil:
		return true, e.err
	case e.fromSource:
		x.bstart = e.bstart
		x.startBlock(e.blockHeader, x.s)
	default:
		if x.memSrc == nil {
			x.memSrc = new(bytes.Reader)
		}
		x.memSrc.Reset(e.comp[:e.csize])
		x.mem = e
		x.startBlock(e.blockHeader, x.memSrc)
	}
	return true, nil
}

// endFlat ends a block decoded ahead and returned.
func (x *Reader) endFlat() error {
	e := x.flat
	x.flat = nil
	x.records = append(x.records, record{e.hsize + e.csize + int64(checkSize(x.flags[1])), e.usize})
	x.release(e)
	return nil
}

// release gives back what a block held.
func (x *Reader) release(e *ablock) {
	x.held -= e.cost
	if e.out != nil && len(x.bufs) < x.threads {
		x.bufs = append(x.bufs, e.out)
	}
	if e.dec != nil {
		x.decs = append(x.decs, e.dec)
	}
	x.putComp(e.comp)
	e.out, e.dec, e.comp = nil, nil, nil
}

// putComp keeps a compressed data buffer for the next block.
func (x *Reader) putComp(b []byte) {
	if b != nil && len(x.comps) < x.threads+1 {
		x.comps = append(x.comps, b)
	}
}

// reuse returns a buffer of n bytes from the ones given back to pool,
// or a new one.
func reuse(pool *[][]byte, n int) []byte {
	for i, b := range *pool {
		if cap(b) >= n {
			(*pool)[i] = (*pool)[len(*pool)-1]
			*pool = (*pool)[:len(*pool)-1]
			return b[:n]
		}
	}
	return make([]byte, n)
}

// getDec returns a flat decoder, reusing one given back.
func (x *Reader) getDec() *lzmadec.Decoder {
	if n := len(x.decs); n > 0 {
		d := x.decs[n-1]
		x.decs = x.decs[:n-1]
		return d
	}
	return new(lzmadec.Decoder)
}

// readFlat returns data of the block decoded ahead.
func (x *Reader) readFlat(p []byte) int {
	n := copy(p, x.flat.out[x.flatOff:])
	x.flatOff += n
	return n
}
