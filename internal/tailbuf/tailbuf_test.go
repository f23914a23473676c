package tailbuf

import (
	"bytes"
	"errors"
	"io"
	"math/rand"
	"runtime"
	"strings"
	"testing"
)

// lines splits s into lines, a last one without an end included; ends
// are the bytes in ends.
func lines(s, ends string) []string {
	var out []string
	for s != "" {
		i := strings.IndexAny(s, ends)
		if i < 0 {
			return append(out, s)
		}
		out = append(out, s[:i+1])
		s = s[i+1:]
	}
	return out
}

// want returns the start and the end of s as head and tail would cut it.
func want(s string, n uint64, unit Unit) (start, end string) {
	if unit == Bytes {
		if n > uint64(len(s)) {
			return "", s
		}
		return s[:uint64(len(s))-n], s[uint64(len(s))-n:]
	}
	ends := "\n"
	if unit == LinesOrNUL {
		ends = "\n\x00"
	}
	l := lines(s, ends)
	if n > uint64(len(l)) {
		return "", s
	}
	k := len(l) - int(n)
	return strings.Join(l[:k], ""), strings.Join(l[k:], "")
}

// chunky returns reads of up to max bytes at a time, sizes chosen by r.
type chunky struct {
	r   io.Reader
	rnd *rand.Rand
	max int
}

func (c *chunky) Read(p []byte) (int, error) {
	if len(p) > 1 {
		p = p[:1+c.rnd.Intn(min(len(p), c.max))]
	}
	return c.r.Read(p)
}

// run reads all of s through a Buffer, as head and tail do, and returns
// what was spilled and written before the end, and the end.
func run(t *testing.T, s string, n uint64, unit Unit, rnd *rand.Rand, max int) (string, string) {
	t.Helper()
	b := New(n, unit)
	var start, end bytes.Buffer
	r := &chunky{r: strings.NewReader(s), rnd: rnd, max: max}
	for {
		_, err := b.Fill(r)
		if serr := b.Spill(&start); serr != nil {
			t.Fatal(serr)
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := b.WriteStart(&start); err != nil {
		t.Fatal(err)
	}
	if err := b.WriteEnd(&end); err != nil {
		t.Fatal(err)
	}
	return start.String(), end.String()
}

func TestCut(t *testing.T) {
	long := strings.Repeat("a line of some length\n", 10000)   // 220,000 bytes
	longLine := strings.Repeat("x", 3*ChunkSize+5) + "\nend\n" // a line over chunks
	for _, tc := range []struct {
		name string
		s    string
	}{
		{"empty", ""},
		{"one newline", "\n"},
		{"newlines", "\n\n\n\n"},
		{"no newline", "abc"},
		{"ends in newline", "a\nb\nc\n"},
		{"partial last line", "a\nb\nc"},
		{"long", long},
		{"long partial", long + "partial"},
		{"long line", longLine},
		{"long line partial", longLine + strings.Repeat("y", ChunkSize)},
		{"NULs", "a\x00b\nc\x00\x00d\n\x00e"},
		{"NUL last", "a\nb\x00"},
		{"long with NULs", strings.Repeat("line\x00with a NUL\n", 20000)},
		{"long NUL runs", strings.Repeat("\x00", 3*ChunkSize) + "\n" + strings.Repeat("ab\x00", 30000)},
	} {
		for _, n := range []uint64{0, 1, 2, 3, 10, 9999, 10000, 10001, ChunkSize, 3*ChunkSize + 7, 1 << 40} {
			for _, unit := range []Unit{Lines, Bytes, LinesOrNUL} {
				// Reads of a few bytes for the short inputs; of up to
				// a page for the long, which 1-byte reads would make slow.
				sizes := []int{1, 7, ChunkSize}
				if len(tc.s) > ChunkSize {
					sizes = []int{4093, ChunkSize}
				}
				for _, max := range sizes {
					rnd := rand.New(rand.NewSource(int64(n) + int64(max)))
					wantStart, wantEnd := want(tc.s, n, unit)
					start, end := run(t, tc.s, n, unit, rnd, max)
					if start != wantStart || end != wantEnd {
						t.Errorf("%s, n %d, unit %d, reads of up to %d: start %d bytes, end %d bytes; want %d and %d",
							tc.name, n, unit, max, len(start), len(end), len(wantStart), len(wantEnd))
					}
				}
			}
		}
	}
}

// lineSource is a stream of line over and over, up to limit bytes, made
// without allocating.
type lineSource struct {
	limit, done int64
	line        []byte
	pos         int
}

func (s *lineSource) Read(p []byte) (int, error) {
	if s.done >= s.limit {
		return 0, io.EOF
	}
	n := 0
	for n < len(p) && s.done < s.limit {
		if s.pos == len(s.line) {
			s.pos = 0
		}
		k := copy(p[n:], s.line[s.pos:])
		k = int(min(int64(k), s.limit-s.done))
		n += k
		s.pos += k
		s.done += int64(k)
	}
	return n, nil
}

// TestBounded streams 64 MB through buffers of a few sizes and checks
// that they hold no more than their end, the line being read and two
// chunks at any point, and allocate no more than that in all: the memory
// does not grow with the stream.
func TestBounded(t *testing.T) {
	short := "the quick brown fox jumps over it\n" // 34 bytes
	long := strings.Repeat("x", 100000-1) + "\n"   // lines longer than a chunk
	for _, tc := range []struct {
		line string
		n    uint64
		unit Unit
		keep int64 // bytes the end takes
	}{
		{short, 10, Lines, 10 * 34},
		{short, 1000, Lines, 1000 * 34},
		{short, 100000, Lines, 100000 * 34},
		{short, 1 << 20, Bytes, 1 << 20},
		{short, 0, Bytes, 0},
		{long, 1, Lines, 100000},
		{long, 5, Lines, 500000},
		{"a NUL\x00and a newline\n", 1000, LinesOrNUL, 500 * 20},
	} {
		total := int64(len(tc.line)) * (64 << 20 / int64(len(tc.line))) // whole lines
		b := New(tc.n, tc.unit)
		src := &lineSource{limit: total, line: []byte(tc.line)}
		// The end, the line being read, and the chunks they straddle.
		bound := uint64(tc.keep + int64(len(tc.line)) + 2*ChunkSize)
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		for {
			_, err := b.Fill(src)
			b.Spill(io.Discard)
			if b.size > bound {
				t.Fatalf("n %d unit %d: holds %d bytes, more than %d", tc.n, tc.unit, b.size, bound)
			}
			if err != nil {
				break
			}
		}
		runtime.ReadMemStats(&after)
		// That, and the queue's slots.
		if got, max := after.TotalAlloc-before.TotalAlloc, bound+ChunkSize/2; got > max {
			t.Errorf("n %d unit %d: allocated %d bytes for a stream of %d MB; want at most %d", tc.n, tc.unit, got, total>>20, max)
		}
		var end bytes.Buffer
		b.WriteEnd(&end)
		if int64(end.Len()) != tc.keep {
			t.Errorf("n %d unit %d: end of %d bytes, want %d", tc.n, tc.unit, end.Len(), tc.keep)
		}
	}
}

func TestWriteErrors(t *testing.T) {
	errFull := errors.New("full")
	b := New(0, Bytes)
	for i := 0; i < 3; i++ {
		b.Fill(strings.NewReader(strings.Repeat("x", ChunkSize)))
	}
	if err := b.Spill(failWriter{errFull}); err != errFull {
		t.Errorf("Spill: %v, want %v", err, errFull)
	}
	if err := b.WriteStart(failWriter{errFull}); err != errFull {
		t.Errorf("WriteStart: %v, want %v", err, errFull)
	}
	b = New(1, Lines)
	b.Fill(strings.NewReader("a\nb\n"))
	if err := b.WriteEnd(failWriter{errFull}); err != errFull {
		t.Errorf("WriteEnd: %v, want %v", err, errFull)
	}
}

type failWriter struct{ err error }

func (w failWriter) Write([]byte) (int, error) { return 0, w.err }
