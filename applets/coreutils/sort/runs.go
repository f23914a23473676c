package sort

import (
	"bufio"
	"io"
	"os"
	"slices"

	"gobox/internal/applet"
	"gobox/internal/lines"
)

// recSize is what a rec costs, counted against the run size, and
// sideSize what each key after the first adds.
const (
	recSize  = 24
	sideSize = 12
)

// maxMerge is how many runs one merge reads at once; more are merged in
// several passes.
const maxMerge = 32

// batch is the lines held in memory: their bytes, one after the other,
// their recs, and the prepared keys after the first, by line.
type batch struct {
	buf  []byte
	recs []rec
	keys []sideKey
}

// sideKey is one key after the first, prepared for each line of a batch.
type sideKey struct {
	pre []uint64
	aux []uint32
}

func (k *sideKey) at(i uint32) prepared { return prepared{k.pre[i], k.aux[i]} }

func (b *batch) size() int { return len(b.buf) + (recSize+sideSize*len(b.keys))*len(b.recs) }

// reset empties b, keeping its memory.
func (b *batch) reset() {
	b.buf, b.recs = b.buf[:0], b.recs[:0]
	for i := range b.keys {
		b.keys[i].pre, b.keys[i].aux = b.keys[i].pre[:0], b.keys[i].aux[:0]
	}
}

func (b *batch) line(r *rec) []byte { return b.buf[r.off : r.off+r.n] }

// read reads every input into batches, writing each full batch out as a
// sorted run, and keeps the last one (sorted) in s.mem.
func (s *sorter) read(ctx *applet.Ctx, in *inputs) error {
	b := &s.mem
	b.keys = make([]sideKey, len(s.keys)-1)
	for seq := uint32(0); ; seq++ {
		if seq&1023 == 0 && ctx.Cancelled() {
			return applet.Exit(130)
		}
		line, ok, err := in.next()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		if len(b.recs) > 0 && b.size()+len(line)+recSize > s.runSize {
			if err := s.spill(ctx, b); err != nil {
				return err
			}
			seq = 0
		}
		r := s.prep(line)
		r.off, r.seq = uint32(len(b.buf)), seq
		b.buf = append(b.buf, line...)
		b.recs = append(b.recs, r)
		for i := range b.keys {
			p := s.prepKey(line, i+1)
			b.keys[i].pre = append(b.keys[i].pre, p.pre)
			b.keys[i].aux = append(b.keys[i].aux, p.aux)
		}
	}
	s.sortBatch(b)
	return s.err
}

// sortBatch sorts the recs of b, comparing keys after the first from
// what was prepared for them.
func (s *sorter) sortBatch(b *batch) {
	s.side = b
	slices.SortFunc(b.recs, func(x, y rec) int {
		return s.compare(b.line(&x), &x, b.line(&y), &y)
	})
	s.side = nil
}

// spill sorts b and writes it to a new run, then empties it.
func (s *sorter) spill(ctx *applet.Ctx, b *batch) error {
	s.sortBatch(b)
	if s.err != nil {
		return s.err
	}
	f, err := s.newRun()
	if err != nil {
		return err
	}
	w := s.runWriter(f)
	s.emit(w, &memSource{b: b})
	if err := w.Flush(); err != nil {
		return applet.PerrorCode(2, err, "can't write temporary file")
	}
	b.reset()
	return nil
}

// runWriter returns the writer of runs, reset to write to f: one
// buffer serves every run.
func (s *sorter) runWriter(f *os.File) *bufio.Writer {
	if s.runW == nil {
		s.runW = bufio.NewWriterSize(f, 256<<10)
	} else {
		s.runW.Reset(f)
	}
	return s.runW
}

// newRun creates a temporary file for a run, unlinked at once so that
// nothing is left behind whatever becomes of sort.
func (s *sorter) newRun() (*os.File, error) {
	f, err := os.CreateTemp(s.tmpDir, "gobox-sort-")
	if err != nil {
		return nil, applet.PerrorCode(2, err, "can't create temporary file")
	}
	os.Remove(f.Name())
	s.runs = append(s.runs, f)
	return f, nil
}

// closeRuns closes the runs still open.
func (s *sorter) closeRuns() {
	for _, f := range s.runs {
		f.Close()
	}
	s.runs = nil
}

// output writes the sorted lines to w: the batch in memory, merged with
// the runs written out, if any.
func (s *sorter) output(ctx *applet.Ctx, w *bufio.Writer) error {
	if len(s.runs) == 0 {
		s.emit(w, &memSource{b: &s.mem})
		return s.done(ctx, w)
	}
	var srcs []source
	for len(s.runs)+1 > maxMerge {
		// Too many runs to read at once: merge the first ones into one.
		f, err := s.newRun()
		if err != nil {
			return err
		}
		group := s.runs[:maxMerge]
		rw := s.runWriter(f)
		srcs = srcs[:0]
		for _, r := range group {
			src, err := s.newFileSource(r)
			if err != nil {
				return err
			}
			srcs = append(srcs, src)
		}
		s.merge(rw, srcs)
		if err := rw.Flush(); err != nil {
			return applet.PerrorCode(2, err, "can't write temporary file")
		}
		for _, r := range group {
			r.Close()
		}
		s.release(srcs)
		// The merged run takes the place of its group, first: runs stay
		// in input order, which -s needs.
		s.runs = append([]*os.File{f}, s.runs[maxMerge:len(s.runs)-1]...)
		if ctx.Cancelled() {
			return applet.Exit(130)
		}
	}
	srcs = srcs[:0]
	for _, r := range s.runs {
		src, err := s.newFileSource(r)
		if err != nil {
			return err
		}
		srcs = append(srcs, src)
	}
	srcs = append(srcs, &memSource{b: &s.mem})
	s.merge(w, srcs)
	return s.done(ctx, w)
}

// done is the status after the output: a comparison that found a bad
// key, Ctrl-C, or a failed write.
func (s *sorter) done(ctx *applet.Ctx, w *bufio.Writer) error {
	if s.err != nil {
		return s.err
	}
	if ctx.Cancelled() {
		return applet.Exit(130)
	}
	if err := ctx.StdoutErr(); err != nil {
		return stdoutError(err)
	}
	return nil
}

// source is a sorted sequence of lines: a batch in memory or a run.
type source interface {
	// next returns the next line, valid until the next call, and its
	// rec (already prepared for a batch; nil for a run).
	next() (line []byte, r *rec, ok bool)
}

// memSource reads a sorted batch.
type memSource struct {
	b *batch
	i int
}

func (m *memSource) next() ([]byte, *rec, bool) {
	if m.i >= len(m.b.recs) {
		return nil, nil, false
	}
	r := &m.b.recs[m.i]
	m.i++
	return m.b.line(r), r, true
}

// fileSource reads a run from its start.
type fileSource struct{ lr *lines.Reader }

// newFileSource reads the run f, with a reader left by an earlier merge
// if there is one.
func (s *sorter) newFileSource(f *os.File) (*fileSource, error) {
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, applet.PerrorCode(2, err, "can't read temporary file")
	}
	var lr *lines.Reader
	if n := len(s.readers); n > 0 {
		lr, s.readers = s.readers[n-1], s.readers[:n-1]
		lr.Reset(f)
	} else {
		lr = lines.NewReader(f, 64<<10)
		lr.NULOnly = s.zero
	}
	return &fileSource{lr}, nil
}

// release keeps the readers of a merge's runs for the next merge.
func (s *sorter) release(srcs []source) {
	for _, src := range srcs {
		if fs, ok := src.(*fileSource); ok {
			s.readers = append(s.readers, fs.lr)
		}
	}
}

func (f *fileSource) next() ([]byte, *rec, bool) {
	line, _, ok := f.lr.Line()
	return line, nil, ok
}

// emit writes a sorted source to w, without the duplicates -u drops
// (the first of equal lines stays). It stops at a failed write (which
// w keeps for its Flush) or when sort is cancelled.
func (s *sorter) emit(w *bufio.Writer, src source) {
	term := byte('\n')
	if s.zero {
		term = 0
	}
	var last []byte
	var lastRec rec
	have := false
	for n := 0; ; n++ {
		line, r, ok := src.next()
		if !ok || n&1023 == 0 && s.ctx.Cancelled() {
			return
		}
		if s.unique {
			if have && s.compareKeys(last, &lastRec, line, r) == 0 {
				continue
			}
			last = append(last[:0], line...)
			lastRec, have = *r, true
		}
		w.Write(line)
		if w.WriteByte(term) != nil {
			return
		}
	}
}

// head is a source's current line in a merge.
type head struct {
	line []byte
	rec  rec
	src  source
}

// merge writes the lines of the sorted sources to w in order, as one
// sorted sequence: on a tie the earlier source goes first, which keeps
// -s stable, since sources are in input order.
func (s *sorter) merge(w *bufio.Writer, srcs []source) {
	heads := make([]head, 0, len(srcs))
	for i, src := range srcs {
		if h, ok := s.advance(src, uint32(i)); ok {
			heads = append(heads, h)
		}
	}
	less := func(i, j int) bool {
		return s.compare(heads[i].line, &heads[i].rec, heads[j].line, &heads[j].rec) < 0
	}
	down := func(i int) {
		for {
			l := 2*i + 1
			if l >= len(heads) {
				return
			}
			m := l
			if r := l + 1; r < len(heads) && less(r, l) {
				m = r
			}
			if !less(m, i) {
				return
			}
			heads[i], heads[m] = heads[m], heads[i]
			i = m
		}
	}
	for i := len(heads)/2 - 1; i >= 0; i-- {
		down(i)
	}
	term := byte('\n')
	if s.zero {
		term = 0
	}
	var last []byte
	var lastRec rec
	have := false
	for n := 0; len(heads) > 0; n++ {
		if n&1023 == 0 && s.ctx.Cancelled() {
			return
		}
		h := &heads[0]
		if !s.unique || !have || s.compareKeys(last, &lastRec, h.line, &h.rec) != 0 {
			w.Write(h.line)
			if w.WriteByte(term) != nil {
				return // a failed write, which w keeps for its Flush
			}
			if s.unique {
				last = append(last[:0], h.line...)
				lastRec, have = h.rec, true
			}
		}
		if next, ok := s.advance(h.src, h.rec.seq); ok {
			*h = next
		} else {
			heads[0] = heads[len(heads)-1]
			heads = heads[:len(heads)-1]
		}
		down(0)
	}
}

// advance reads the next line of src, the i-th source, as a head.
func (s *sorter) advance(src source, i uint32) (head, bool) {
	line, r, ok := src.next()
	if !ok {
		return head{}, false
	}
	h := head{line: line, src: src}
	if r != nil {
		h.rec = *r
	} else {
		h.rec = s.prep(line)
	}
	h.rec.seq = i
	return h, true
}
