package applet

import (
	"bufio"
	"io"
	"math/bits"
	"runtime"
	"sync"
)

// The buffers an applet uses for one run inside the shell's process (a
// read buffer, a buffered standard output) are small and come from a
// pool, by size, going back to it when Run returns. Made anew at the
// sizes tuned for a process of its own, they were most of what an
// in-process applet allocated: 64 KB for every "... | wc -l" of a
// script's loop, 170 KB for every "echo $x | grep -q y", a collection
// every few runs. Measured on a 3,000-round script of command
// substitutions and pipelines through awk, grep, basename, wc, cut, tr
// and sed (the "sh pipelines" workload of scripts/bench/mem.sh):
//
//	                                   wall   private memory
//	buffers made anew, tuned sizes     2.8 s  3.6 MB
//	capped (16 KiB reads, 8 KiB out)   1.3 s  3.8 MB
//	capped and pooled (256 KiB kept)   0.7 s  4.1 MB
//	pooled, tuned sizes (512 KiB)      0.8 s  4.4 MB
//	sync.Pool, tuned sizes             0.7 s  4.7 MB
//
// In-process, 16 KiB reads and 8 KiB writes cost nothing measurable
// against 64 to 128 KiB (grep, wc, md5sum, cut, sed, awk over 256 MiB,
// in and out of files). A run that has the process to itself gets the
// sizes it asks for, made anew, as does a Ctx that Run did not make (a
// test calling Main).
//
// The rules for an applet: take a buffer once per run (or per file, if
// a run may touch few files), not per line; use len of what it gets,
// which may be less than it asked for; use it only until Main returns,
// never from a goroutine that outlives Main; flush a writer before
// returning, as with bufio. A buffer is not zeroed.

// Size classes: powers of two from 4 KiB to 256 KiB. Smaller requests
// are not pooled (a bufio.Writer of 16 bytes costs nothing), larger ones
// are rare and would hold too much in a pool.
const (
	minClassShift = 12
	maxClassShift = 18
	nClasses      = maxClassShift - minClassShift + 1
)

// idle holds the buffers that no run holds, up to maxIdle bytes in
// all: the set a loop of pipelines reuses (a bound above what it needs
// would only be kept; one below it drops buffers that the loop makes
// again). A collection after which nothing was taken from it empties
// it, so an idle shell holds nothing for long (the runtime collects
// every two minutes at least); emptying it at every collection made a
// busy loop make its buffers again, garbage that brought the next
// collection sooner.
var idle struct {
	sync.Mutex
	bytes   int
	armed   bool // a collection will call dropIdle
	used    bool // taken from since the last collection
	bufs    [nClasses][]*[]byte
	writers [nClasses][]*bufio.Writer
	readers [nClasses][]*bufio.Reader
}

const maxIdle = 256 << 10

// The largest read buffer and output buffer of an in-process run.
const capRead, capWrite = 16 << 10, 8 << 10

func classSize(k int) int { return 1 << (k + minClassShift) }

// take pops an idle item of class k from list, or returns the zero value.
func take[T any](list *[nClasses][]T, k int) (v T) {
	idle.Lock()
	if l := list[k]; len(l) > 0 {
		v = l[len(l)-1]
		list[k] = l[:len(l)-1]
		idle.bytes -= classSize(k)
		idle.used = true
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
			armDrop()
		}
	}
	idle.Unlock()
}

// armDrop has dropIdle called after the next collection: the cleanup of
// an object nothing refers to (pointers keep it out of the tiny
// allocator, whose blocks are freed together).
func armDrop() {
	runtime.AddCleanup(new([2]*byte), func(int) { dropIdle() }, 0)
}

// dropIdle lets the collector have every idle buffer if none was taken
// since the last collection; otherwise it waits for the next. Dropping
// them at every collection made a busy loop make them again, which is
// garbage that brings the next collection sooner.
func dropIdle() {
	idle.Lock()
	defer idle.Unlock()
	if idle.used {
		idle.used = false
		armDrop()
		return
	}
	idle.bufs, idle.writers, idle.readers = [nClasses][]*[]byte{}, [nClasses][]*bufio.Writer{}, [nClasses][]*bufio.Reader{}
	idle.bytes, idle.armed = 0, false
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

// Buf returns a buffer of n bytes (at most 16 KiB in-process; not
// zeroed) that the applet may use until Main returns (see the rules
// above).
func (c *Ctx) Buf(n int) []byte {
	if c.pooled && n > capRead {
		n = capRead
	}
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

// BufWriter returns a bufio.Writer of n bytes (0: bufio's default; at
// most 8 KiB in-process) over w, which the applet must flush and may use
// until Main returns.
func (c *Ctx) BufWriter(w io.Writer, n int) *bufio.Writer {
	if n <= 0 {
		n = 4096
	}
	if c.pooled && n > capWrite {
		n = capWrite
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

// BufReader returns a bufio.Reader of n bytes (0: bufio's default; at
// most 16 KiB in-process) over r, which the applet may use until Main
// returns.
func (c *Ctx) BufReader(r io.Reader, n int) *bufio.Reader {
	if n <= 0 {
		n = 4096
	}
	if c.pooled && n > capRead {
		n = capRead
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
