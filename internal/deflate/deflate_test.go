package deflate

import (
	"bufio"
	"bytes"
	"compress/flate"
	"io"
	"math/rand/v2"
	"strings"
	"testing"

	"gobox/internal/inflate"
)

// text is n bytes of log-like lines.
func text(n int) []byte {
	r := rand.New(rand.NewPCG(1, 2))
	words := strings.Fields("the quick brown fox jumps over the lazy dog gzip block deflate window GET POST /index.html 200 404 Mozilla/5.0")
	var b bytes.Buffer
	for b.Len() < n {
		b.WriteString("2024-05-")
		b.WriteByte(byte('0' + r.IntN(3)))
		b.WriteByte(byte('0' + r.IntN(10)))
		for range 3 + r.IntN(8) {
			b.WriteByte(' ')
			b.WriteString(words[r.IntN(len(words))])
		}
		b.WriteByte('\n')
	}
	return b.Bytes()[:n]
}

func random(n int, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, 7))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

// inputs are the round-trip cases.
func inputs() map[string][]byte {
	long := append(random(40000, 1), random(40000, 1)...)
	return map[string][]byte{
		"empty":      nil,
		"one":        {'x'},
		"two":        {'x', 'y'},
		"three":      []byte("abc"),
		"high":       {0xff, 0x90, 0x8f}, // fixed codes of 9 bits
		"short":      random(40, 9),
		"random":     random(200000, 2),
		"zeros":      make([]byte, 300000),
		"repeat":     bytes.Repeat([]byte("ab"), 100000),
		"longmatch":  long, // a 40000-byte match further than the window
		"near32k":    append(random(wsize-1, 3), random(wsize-1, 3)...),
		"at32k":      append(random(wsize, 4), random(wsize, 4)...),
		"text":       text(500000),
		"textrandom": append(text(100000), random(100000, 5)...),
		"edge":       append(bytes.Repeat([]byte{'a'}, winLen-maxMatch-5), text(70000)...),
	}
}

// compress compresses p in writes of chunk bytes, primed with dict.
func compress(t testing.TB, level int, dict, p []byte, chunk int) []byte {
	c, err := New(level)
	if err != nil {
		t.Fatal(err)
	}
	c.Reset(dict)
	var out []byte
	for len(p) > 0 {
		k := min(chunk, len(p))
		out = c.Append(out, p[:k])
		p = p[k:]
	}
	return c.Close(out)
}

// inflateOurs decodes with gobox's decoder, which takes no dictionary.
func inflateOurs(z, _ []byte) ([]byte, error) {
	return io.ReadAll(inflate.NewReader(bufio.NewReader(bytes.NewReader(z))))
}

func inflateStd(z, dict []byte) ([]byte, error) {
	return io.ReadAll(flate.NewReaderDict(bytes.NewReader(z), dict))
}

// TestRoundTrip: every level's output of every input decodes to the
// input, with ours and compress/flate's decoder, the same bytes however
// the input is split among Appends.
func TestRoundTrip(t *testing.T) {
	for name, in := range inputs() {
		for level := 0; level <= 9; level++ {
			z := compress(t, level, nil, in, len(in)+1)
			for _, dec := range []func([]byte, []byte) ([]byte, error){inflateOurs, inflateStd} {
				got, err := dec(z, nil)
				if err != nil || !bytes.Equal(got, in) {
					t.Fatalf("%s level %d: %d bytes back of %d, %v", name, level, len(got), len(in), err)
				}
			}
			{
				for _, chunk := range []int{1000, 65536 + 7} {
					if len(in) > 100000 && chunk == 1000 {
						continue
					}
					if z2 := compress(t, level, nil, in, chunk); !bytes.Equal(z2, z) {
						t.Fatalf("%s level %d: writes of %d differ", name, level, chunk)
					}
				}
			}
		}
	}
}

// TestDictionary: a stream primed with a dictionary refers back into it
// (so it is smaller) and decodes, given the same dictionary, at every
// level and dictionary size, across the 32 KiB boundary.
func TestDictionary(t *testing.T) {
	src := text(3 * wsize)
	for level := 1; level <= 9; level++ {
		for _, dn := range []int{1, 2, 3, 100, wsize - 1, wsize, wsize + 5, 2 * wsize} {
			for _, n := range []int{0, 1, 5, 1000, 70000} {
				dict, in := src[:dn], src[dn:min(dn+n, len(src))]
				z := compress(t, level, dict, in, len(in)+1)
				got, err := inflateStd(z, dict[max(0, len(dict)-wsize):])
				if err != nil || !bytes.Equal(got, in) {
					t.Fatalf("level %d, dict %d, input %d: %d bytes back, %v", level, dn, n, len(got), err)
				}
			}
		}
	}
}

// TestSlide16: four positions at a time slide as one would: down by
// wsize, those below it to 0 (no chain).
func TestSlide16(t *testing.T) {
	vals := []uint16{0, 1, wsize - 1, wsize, wsize + 1, 0xfffe, 0xffff, 12345, 40000}
	var b []byte
	for range 3 {
		for _, v := range vals {
			b = append(b, byte(v), byte(v>>8))
		}
	}
	b = b[:len(b)/8*8]
	slide16(b)
	for i := 0; i < len(b); i += 2 {
		v := vals[i/2%len(vals)]
		want := max(v, wsize) - wsize
		if got := uint16(b[i]) | uint16(b[i+1])<<8; got != want {
			t.Errorf("%d slid to %d, want %d", v, got, want)
		}
	}
}

// TestReuse: a Compressor reset after other streams makes the bytes a
// new one makes, with and without a dictionary, through sync flushes.
func TestReuse(t *testing.T) {
	in := text(300000)
	dict := random(wsize, 11)
	for level := 0; level <= 9; level++ {
		c, _ := New(level)
		used, _ := New(level)
		used.Reset(nil)
		used.Close(used.Append(nil, random(100000, 12))) // a stream that slid the window
		used.Reset(nil)
		used.Append(nil, in[:5000]) // one left unfinished
		for _, d := range [][]byte{nil, dict} {
			c.Reset(d)
			used.Reset(d)
			want := c.Close(c.Flush(c.Append(nil, in)))
			got := used.Close(used.Flush(used.Append(nil, in)))
			if !bytes.Equal(got, want) {
				t.Fatalf("level %d, dict %d: a reused compressor's %d bytes differ from a new one's %d", level, len(d), len(got), len(want))
			}
		}
	}
}

// TestFlush: after Flush the output decodes to all the input so far
// (a decoder reading it waits for more, having given all of it), ends
// with an empty stored block, and the stream goes on.
func TestFlush(t *testing.T) {
	in := text(200000)
	for level := 0; level <= 9; level++ {
		c, _ := New(level)
		z := c.Flush(c.Append(nil, in[:70000]))
		if !bytes.HasSuffix(z, []byte{0, 0, 0xff, 0xff}) {
			t.Fatalf("level %d: Flush did not end with an empty stored block: % x", level, z[max(0, len(z)-8):])
		}
		got := make([]byte, 70000)
		if _, err := io.ReadFull(flate.NewReader(bytes.NewReader(z)), got); err != nil || !bytes.Equal(got, in[:70000]) {
			t.Fatalf("level %d: the flushed output does not decode to the input: %v", level, err)
		}
		z = c.Close(c.Append(z, in[70000:]))
		if got, err := inflateOurs(z, nil); err != nil || !bytes.Equal(got, in) {
			t.Fatalf("level %d: %d bytes back, %v", level, len(got), err)
		}
	}
}

// TestLevels: levels outside 0-9 are refused; a Compressor in memory
// too small is refused.
func TestLevels(t *testing.T) {
	for _, l := range []int{-2, -1, 10} {
		if _, err := New(l); err != ErrLevel {
			t.Errorf("New(%d): %v", l, err)
		}
	}
	if _, err := NewIn(6, make([]byte, MemSize-1)); err == nil {
		t.Error("NewIn with too little memory succeeded")
	}
	if c, err := NewIn(6, make([]byte, MemSize)); err != nil || c.Level() != 6 {
		t.Errorf("NewIn: %v", err)
	}
}

// TestNoAllocs: after New, a stream allocates nothing but its output
// (here in a buffer big enough), however long.
func TestNoAllocs(t *testing.T) {
	in := text(1 << 20)
	for _, level := range []int{0, 1, 4, 6, 9} {
		c, _ := New(level)
		out := make([]byte, 0, 2<<20)
		n := testing.AllocsPerRun(3, func() {
			c.Reset(in[:wsize])
			out = c.Close(c.Flush(c.Append(out[:0], in)))
		})
		if n != 0 {
			t.Errorf("level %d: %v allocations per stream", level, n)
		}
	}
}

// TestCodeLengths: codes built from frequencies that would make a
// Huffman tree deeper than the limit (Fibonacci numbers) are limited,
// and every code is complete (Kraft's sum is exactly 1), as zlib's
// decoder requires.
func TestCodeLengths(t *testing.T) {
	var h huffman
	cases := []struct {
		n, max int
	}{{numLit, 15}, {numDist, 15}, {numCL, 7}, {40, 15}, {2, 15}, {1, 7}, {0, 15}, {3, 7}}
	for _, tc := range cases {
		for _, shape := range []string{"fib", "flat", "skew"} {
			freq := make([]uint32, max(tc.n, 2))
			a, b := uint32(1), uint32(1)
			for i := range tc.n {
				switch shape {
				case "fib":
					freq[i] = a
					a, b = b, min(a+b, 1<<22)
				case "flat":
					freq[i] = 7
				case "skew":
					freq[i] = uint32(1 + i*i*i)
				}
			}
			lens := make([]uint8, len(freq))
			h.buildLengths(freq, lens, tc.max)
			kraft := 0
			for s, l := range lens {
				if int(l) > tc.max || (freq[s] != 0 && l == 0) {
					t.Fatalf("%s %d symbols: symbol %d (freq %d) has length %d", shape, tc.n, s, freq[s], l)
				}
				if l != 0 {
					kraft += 1 << (tc.max - int(l))
				}
			}
			if kraft != 1<<tc.max {
				t.Errorf("%s %d symbols, limit %d: Kraft sum %d/%d", shape, tc.n, tc.max, kraft, 1<<tc.max)
			}
		}
	}
}

// failWriter fails every write.
type failWriter struct{}

func (failWriter) Write(p []byte) (int, error) { return 0, io.ErrShortWrite }

// TestWriter: the io.Writer form makes the bytes Append makes, in
// writes of any size, flushes on Flush, and returns its writer's error.
func TestWriter(t *testing.T) {
	in := text(300000)
	dict := text(wsize + 100)
	for _, level := range []int{0, 1, 6, 9} {
		var buf bytes.Buffer
		w, err := NewWriter(&buf, level, dict)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(in[:1000])
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		flushed := buf.Len()
		w.Write(in[1000:])
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		c, _ := New(level)
		c.Reset(dict)
		want := c.Close(c.Append(c.Flush(c.Append(nil, in[:1000])), in[1000:]))
		if !bytes.Equal(buf.Bytes(), want) || flushed == 0 {
			t.Errorf("level %d: Writer made %d bytes (%d at Flush), Append %d", level, buf.Len(), flushed, len(want))
		}
		w.Reset(failWriter{}, nil)
		if _, err := w.Write(in); err != io.ErrShortWrite {
			t.Errorf("level %d: Write to a failing writer: %v", level, err)
		}
		if err := w.Close(); err != io.ErrShortWrite {
			t.Errorf("level %d: Close after a failed write: %v", level, err)
		}
	}
	if _, err := NewWriter(io.Discard, 10, nil); err != ErrLevel {
		t.Errorf("level 10: %v", err)
	}
}
