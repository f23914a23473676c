package applet

import (
	"bufio"
	"io"
	"math/bits"
	"runtime"
	"sync"
)

// The buffers an applet uses for one run inside the shell's process (a
// read buffer, a buffered standard output) come from a pool, by size,
// and go back to it when Run returns. Made anew, they were most of what
// an in-process applet allocated: 64 KB for every "... | wc -l" of a
// script's loop, 170 KB for every "echo $x | grep -q y". That garbage
// cost a collection every few runs: a 3,000-round script of pipelines
// through awk, grep, basename, wc, cut, tr and sed took 2.9 s, and takes
// 0.8 s pooled (scripts/bench/mem.sh's notes have the numbers).
//
// The rules for an applet: take a buffer once per run (or per file, if
// a run may touch few files), not per line; use it only until Main
// returns, never from a goroutine that outlives Main; flush a writer
// before returning, as with bufio. A buffer is not zeroed. A run that
// has the process to itself, or a Ctx that Run did not make (a test
// calling Main), gets buffers of its own, which are never pooled.

// Size classes: powers of two from 4 KiB to 256 KiB. Smaller requests
// are not pooled (a bufio.Writer of 16 bytes costs nothing), larger ones
// are rare and would hold too much in a pool.
const (
	minClassShift = 12
	maxClassShift = 18
	nClasses      = maxClassShift - minClassShift + 1
)

// idle holds the buffers that no run holds, up to maxIdle bytes in
// all: what a pipeline of a few applets holds at once, so that a loop
// reuses them, and a bound on what the pool keeps (sync.Pool, which
// keeps whatever was put and a second generation across a collection,
// cost that script 1.1 MB of private memory; this costs 0.7 MB, and
// 256 KB would cost 0.4 MB but drop buffers that the loop needs, for
// twice the CPU). A collection empties it, so an idle shell holds
// nothing for long (the runtime collects every two minutes at least).
var idle struct {
	sync.Mutex
	bytes   int
	armed   bool
	bufs    [nClasses][]*[]byte
	writers [nClasses][]*bufio.Writer
	readers [nClasses][]*bufio.Reader
}

const maxIdle = 512 << 10

func classSize(k int) int { return 1 << (k + minClassShift) }

// take pops an idle item of class k from list, or returns the zero value.
func take[T any](list *[nClasses][]T, k int) (v T) {
	idle.Lock()
	if l := list[k]; len(l) > 0 {
		v = l[len(l)-1]
		list[k] = l[:len(l)-1]
		idle.bytes -= classSize(k)
	}
	idle.Unlock()
	return v
}

// give keeps v as an idle item of class k if the budget allows; it is
// dropped (garbage) otherwise.
func give[T any](list *[nClasses][]T, k int, v T) {
	idle.Lock()
	if idle.bytes+classSize(k) <= maxIdle {
		list[k] = append(list[k], v)
		idle.bytes += classSize(k)
		if !idle.armed {
			idle.armed = true
			// The cleanup of an object nothing refers to runs after
			// the next collection (pointers keep it out of the tiny
			// allocator, whose blocks are freed together).
			runtime.AddCleanup(new([2]*byte), func(int) { dropIdle() }, 0)
		}
	}
	idle.Unlock()
}

// dropIdle lets the collector have every idle buffer.
func dropIdle() {
	idle.Lock()
	idle.bufs, idle.writers, idle.readers = [nClasses][]*[]byte{}, [nClasses][]*bufio.Writer{}, [nClasses][]*bufio.Reader{}
	idle.bytes, idle.armed = 0, false
	idle.Unlock()
}

// class returns the size class of a request for n bytes, and false when
// n is not pooled.
func class(n int) (int, bool) {
	if n <= 1<<(minClassShift-1) || n > 1<<maxClassShift {
		return 0, false
	}
	shift := bits.Len(uint(n - 1)) // 2^shift >= n
	if shift < minClassShift {
		shift = minClassShift
	}
	return shift - minClassShift, true
}

// runBufs are the buffers handed out during one Run.
type runBufs struct {
	bufs    []*[]byte
	writers []*bufio.Writer
	readers []*bufio.Reader
}

func (c *Ctx) held() *runBufs {
	if !c.pooled {
		return nil
	}
	if c.bufs == nil {
		c.bufs = &runBufs{}
	}
	return c.bufs
}

// Buf returns a buffer of n bytes (not zeroed) that the applet may use
// until Main returns (see the rules above).
func (c *Ctx) Buf(n int) []byte {
	k, ok := class(n)
	h := c.held()
	if !ok || h == nil {
		return make([]byte, n)
	}
	p := take(&idle.bufs, k)
	if p == nil {
		b := make([]byte, classSize(k))
		p = &b
	}
	h.bufs = append(h.bufs, p)
	return (*p)[:n]
}

// BufWriter returns a bufio.Writer of n bytes (0: bufio's default) over
// w, which the applet must flush and may use until Main returns.
func (c *Ctx) BufWriter(w io.Writer, n int) *bufio.Writer {
	if n <= 0 {
		n = 4096
	}
	k, ok := class(n)
	h := c.held()
	if !ok || h == nil {
		return bufio.NewWriterSize(w, n)
	}
	bw := take(&idle.writers, k)
	if bw == nil {
		// Made over nil: NewWriterSize would return w itself if it
		// were a large enough bufio.Writer, which is not ours to pool.
		bw = bufio.NewWriterSize(nil, classSize(k))
	}
	bw.Reset(w)
	h.writers = append(h.writers, bw)
	return bw
}

// BufReader returns a bufio.Reader of n bytes (0: bufio's default) over
// r, which the applet may use until Main returns.
func (c *Ctx) BufReader(r io.Reader, n int) *bufio.Reader {
	if n <= 0 {
		n = 4096
	}
	k, ok := class(n)
	h := c.held()
	if !ok || h == nil {
		return bufio.NewReaderSize(r, n)
	}
	br := take(&idle.readers, k)
	if br == nil {
		br = bufio.NewReaderSize(nil, classSize(k)) // as above
	}
	br.Reset(r)
	h.readers = append(h.readers, br)
	return br
}

// releaseBufs hands the run's buffers back to their pools, dropping
// the readers' and writers' references to the applet's streams.
func (c *Ctx) releaseBufs() {
	h := c.bufs
	if h == nil {
		return
	}
	c.bufs = nil
	for _, p := range h.bufs {
		k, _ := class(cap(*p))
		*p = (*p)[:cap(*p)]
		give(&idle.bufs, k, p)
	}
	for _, w := range h.writers {
		k, _ := class(w.Size())
		w.Reset(nil)
		give(&idle.writers, k, w)
	}
	for _, r := range h.readers {
		k, _ := class(r.Size())
		r.Reset(nil)
		give(&idle.readers, k, r)
	}
}
