package bzip2r

import (
	"bytes"
	"compress/bzip2"
	"errors"
	"io"
	"os"
	"runtime"
	"testing"
	"testing/iotest"

	"gobox/internal/bzip2w"
)

// pars are the block decoders at once each test reads with: one (no
// goroutine), and in parallel.
var pars = []int{1, 2, 4}

func readPar(in []byte, par int) ([]byte, error) {
	z := NewReaderN(bytes.NewReader(in), par)
	defer z.Close()
	return io.ReadAll(z)
}

func compress(t testing.TB, data []byte, level int) []byte {
	t.Helper()
	var b bytes.Buffer
	w := bzip2w.NewWriter(&b, level)
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// magicBytes are bytes whose symbol map (which bytes a block holds, in
// 16-bit groups) spells the block magic: groups 0-2 are 0x3141, 0x5926
// and 0x5359, the others all used. Data of these bytes only puts the
// magic inside every block's header, where a search finds it.
func magicBytes() []byte {
	var set []byte
	for g, m := range []uint16{0x3141, 0x5926, 0x5359} {
		for i := range 16 {
			if m&(0x8000>>i) != 0 {
				set = append(set, byte(g*16+i))
			}
		}
	}
	for b := 0x30; b < 0x100; b += 3 {
		set = append(set, byte(b))
	}
	return set
}

// magicData is n bytes of magicBytes with no run of four (RLE1 would
// add its counts to the map).
func magicData(n int) []byte {
	set := magicBytes()
	out := make([]byte, 0, n)
	x := uint64(12345)
	for len(out) < n {
		x = x*6364136223846793005 + 1442695040888963407
		b := set[x>>33%uint64(len(set))]
		if k := len(out); k >= 3 && out[k-1] == b && out[k-2] == b && out[k-3] == b {
			continue
		}
		out = append(out, b)
	}
	return out
}

// magics counts the bit offsets where the block magic is.
func magics(in []byte) int {
	n := 0
	for bit := 0; bit+48 <= len(in)*8; bit++ {
		var v uint64
		for k := range 48 {
			b := bit + k
			v = v<<1 | uint64(in[b/8]>>(7-b%8)&1)
		}
		if v == blockMagic {
			n++
		}
	}
	return n
}

// TestRead: files from bzip2 1.0.8 (Debian's, at -1 and -9) and from
// gobox's writer, single and multi-block, read the same one block at a
// time and in parallel.
func TestRead(t *testing.T) {
	runs := gen(3<<20, 4, true)
	zeros := make([]byte, 5<<20)
	for _, tc := range []struct {
		name string
		in   []byte
		want []byte
	}{
		{"debian -1, 4 blocks", fixture(t, "text-1.bz2"), gen(400000, 1, false)},
		{"debian -9, 2 blocks", fixture(t, "text-9.bz2"), gen(1000000, 2, false)},
		{"debian -1, runs", fixture(t, "runs-1.bz2"), gen(500000, 3, true)},
		{"empty stream", []byte("BZh9\x17\x72\x45\x38\x50\x90\x00\x00\x00\x00"), nil},
		{"one byte", compress(t, []byte("x"), 9), []byte("x")},
		{"run-heavy, -1", compress(t, runs, 1), runs},
		{"zeros, -9", compress(t, zeros, 9), zeros},
		{"magic in the data, -1", compress(t, magicData(450000), 1), magicData(450000)},
		{"text, -2", compress(t, gen(2<<20, 5, false), 2), gen(2<<20, 5, false)},
		// Blocks of 900 kB that do not compress: one block at a time,
		// each streams through many windows of the input.
		{"noise, -9", compress(t, noise(2<<20), 9), noise(2 << 20)},
	} {
		for _, par := range pars {
			got, err := readPar(tc.in, par)
			if err != nil || !bytes.Equal(got, tc.want) {
				t.Errorf("%s, %d at once: %d bytes (want %d), %v", tc.name, par, len(got), len(tc.want), err)
			}
		}
	}
}

// TestMagicInData: the magic test data has more magics than blocks, so
// the parallel reader meets candidates that are not blocks.
func TestMagicInData(t *testing.T) {
	in := compress(t, magicData(450000), 1)
	blocks := (450000 + 99999) / 100000
	if n := magics(in); n <= blocks {
		t.Fatalf("%d magics in %d blocks: no false candidate", n, blocks)
	}
}

// TestMultiStream: concatenated streams are read to the end, as bzip2
// 1.0.8 (and pbzip2's output) want; what follows the last stream is
// ignored unless it starts "BZ" (Alpine's BusyBox on the same input).
func TestMultiStream(t *testing.T) {
	a, b := gen(250000, 6, false), gen(1000, 7, true)
	za, zb := compress(t, a, 1), compress(t, b, 9)
	ab := append(bytes.Clone(a), b...)
	cat := func(parts ...[]byte) []byte { return bytes.Join(parts, nil) }
	for _, tc := range []struct {
		name string
		in   []byte
		want []byte
		err  error
	}{
		{"two", cat(za, zb), ab, nil},
		{"three", cat(za, zb, za), cat(ab, a), nil},
		{"one byte after", cat(za, []byte("B")), a, nil},
		{"junk after", cat(za, []byte("xyz")), a, nil},
		{"BZ after", cat(za, []byte("BZ")), a, ErrEOF},
		{"BZh9 after", cat(za, []byte("BZh9")), a, ErrEOF},
		{"BZx after", cat(za, []byte("BZx1")), a, ErrNotBzip},
		{"BZh0 after", cat(za, []byte("BZh0")), a, ErrNotBzip},
	} {
		for _, par := range pars {
			got, err := readPar(tc.in, par)
			if err != tc.err || !bytes.Equal(got, tc.want) {
				t.Errorf("%s, %d at once: %d bytes (want %d), %v (want %v)", tc.name, par, len(got), len(tc.want), err, tc.err)
			}
		}
	}
}

// TestDamaged: BusyBox's errors for damaged input (Alpine's bunzip2 on
// the same damage), the same at any parallelism, with what was written
// a prefix of the data and nothing from blocks after the bad one.
func TestDamaged(t *testing.T) {
	data := gen(400000, 1, false)
	in := fixture(t, "text-1.bz2")
	flip := func(at int, mask byte) []byte {
		b := bytes.Clone(in)
		b[at] ^= mask
		return b
	}
	// A block of more than 100k symbols in a stream of level 1.
	level1 := bytes.Clone(fixture(t, "text-9.bz2"))
	level1[3] = '1'
	for _, tc := range []struct {
		name string
		in   []byte
		err  error
		max  int // at most this much output
	}{
		{"block CRC", flip(10, 1), ErrCRC, 100000},
		{"stream CRC", flip(len(in)-2, 1), ErrCRC, len(data)},
		{"middle byte", flip(len(in)/2, 0x55), ErrCRC, 300000},
		{"randomised", flip(14, 0x80), ErrObsolete, 0},
		{"not BZh", []byte("BZx9"), ErrNotBzip, 0},
		{"level 0", []byte("BZh0"), ErrNotBzip, 0},
		{"header only", []byte("BZh9"), ErrEOF, 0},
		{"no magic", []byte("BZh91AY&SX"), ErrNotBzip, 0},
		{"cut in the magic", in[:6], ErrEOF, 0},
		{"cut in the first block", in[:1000], ErrEOF, 0},
		{"cut in the middle", in[:len(in)/2], ErrEOF, 300000},
		{"cut in the end", in[:len(in)-6], ErrEOF, len(data)},
		{"cut in the CRC", in[:len(in)-1], ErrEOF, len(data)},
		{"level 1, block of 9", level1, ErrData, 0},
	} {
		for _, par := range pars {
			got, err := readPar(tc.in, par)
			if err != tc.err || !bytes.Equal(got, data[:len(got)]) || len(got) > tc.max {
				t.Errorf("%s, %d at once: %d bytes (at most %d), %v (want %v)", tc.name, par, len(got), tc.max, err, tc.err)
			}
		}
	}
}

// TestDamagedEverywhere: a damaged byte anywhere is an error or, very
// rarely, a changed byte that decodes the same; never a panic.
func TestDamagedEverywhere(t *testing.T) {
	in := fixture(t, "runs-1.bz2")
	want := gen(500000, 3, true)
	for at := 4; at < len(in); at += 7 {
		b := bytes.Clone(in)
		b[at] ^= 0x21
		seq, serr := readPar(b, 1)
		par, perr := readPar(b, 2)
		if serr != perr || !bytes.Equal(seq, par) {
			t.Errorf("byte %d: %d bytes, %v one at a time; %d, %v in parallel", at, len(seq), serr, len(par), perr)
		}
		if serr == nil && !bytes.Equal(seq, want) {
			t.Errorf("byte %d: wrong data and no error", at)
		}
	}
}

// TestPipe: input a byte at a time, and an input error, are the
// reader's input's.
func TestPipe(t *testing.T) {
	data := gen(400000, 1, false)
	in := fixture(t, "text-1.bz2")
	for _, par := range pars {
		got, err := io.ReadAll(NewReaderN(iotest.OneByteReader(bytes.NewReader(in)), par))
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("%d at once, a byte at a time: %d bytes, %v", par, len(got), err)
		}
		// Blocks started with little of their input: each runs short
		// and is decoded again with more.
		z := NewReaderN(iotest.HalfReader(bytes.NewReader(in)), par)
		z.look = 64
		got, err = io.ReadAll(z)
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("%d at once, short windows: %d bytes, %v", par, len(got), err)
		}
		boom := errors.New("boom")
		r := io.MultiReader(bytes.NewReader(in[:len(in)/2]), iotest.ErrReader(boom))
		if _, err := io.ReadAll(NewReaderN(r, par)); err != boom {
			t.Errorf("%d at once, failing input: %v", par, err)
		}
	}
}

// TestBomb: 64 MiB of one byte from a few hundred bytes decodes in
// bounded memory (the output is streamed in pieces).
func TestBomb(t *testing.T) {
	in := compress(t, make([]byte, 64<<20), 9)
	for _, par := range pars {
		z := NewReaderN(bytes.NewReader(in), par)
		n, err := io.Copy(io.Discard, z)
		if err != nil || n != 64<<20 {
			t.Errorf("%d at once: %d bytes, %v", par, n, err)
		}
	}
}

// TestCloseEarly: closing mid-way stops the decoders.
func TestCloseEarly(t *testing.T) {
	in := compress(t, gen(4<<20, 8, false), 1)
	z := NewReaderN(bytes.NewReader(in), 4)
	if _, err := io.ReadFull(z, make([]byte, 1000)); err != nil {
		t.Fatal(err)
	}
	z.Close()
	if _, err := z.Read(make([]byte, 10)); err == nil {
		t.Error("read after Close")
	}
}

// FuzzReader: on any input, the reader and the standard library's agree
// on the output, or both fail.
func FuzzReader(f *testing.F) {
	f.Add(fixture(f, "runs-1.bz2"))
	f.Add(compress(f, []byte("hello, hello, hello\n"), 1))
	f.Add(compress(f, gen(3000, 9, true), 1))
	f.Add(append(compress(f, []byte("a"), 1), compress(f, []byte("b"), 1)...))
	f.Fuzz(func(t *testing.T, in []byte) {
		if len(in) < 2 || string(in[:2]) != "BZ" {
			return // the caller checks the signature (codec)
		}
		want, werr := io.ReadAll(bzip2.NewReader(bytes.NewReader(in)))
		for _, par := range []int{1, 2} {
			got, err := readPar(in, par)
			if (err == nil) != (werr == nil) && !lenient(want, got, werr, err) {
				t.Fatalf("%d at once: %v; compress/bzip2: %v", par, err, werr)
			}
			if err == nil && werr == nil && !bytes.Equal(got, want) {
				t.Fatalf("%d at once: %d bytes; compress/bzip2: %d", par, len(got), len(want))
			}
			if err != nil {
				if _, ok := err.(Error); !ok {
					t.Fatalf("%d at once: error %T %v", par, err, err)
				}
			}
		}
	})
}

// lenient allows what BusyBox and the standard library are known to do
// differently: the standard library fails on what follows the last
// stream where BusyBox stops content (fewer than two bytes, or not "BZ").
func lenient(want, got []byte, werr, err error) bool {
	return werr != nil && err == nil && bytes.Equal(got, want)
}

// TestParFor: blocks decode side by side only within a quarter of RAM.
func TestParFor(t *testing.T) {
	for _, c := range []struct {
		procs int
		ram   uint64
		want  int
	}{
		{1, 24 << 30, 1},
		{2, 24 << 30, 2},
		{8, 24 << 30, 8},
		{2, 64 << 20, 1},  // a router: a quarter is 16 MB
		{2, 128 << 20, 1}, // 32 MB: not room for a second decoder
		{2, 256 << 20, 2},
		{8, 256 << 20, 3},
		{4, 0, 4}, // unknown: as if 1 GB
	} {
		if got := parFor(c.procs, c.ram); got != c.want {
			t.Errorf("parFor(%d, %d MB) = %d, want %d", c.procs, c.ram>>20, got, c.want)
		}
	}
}

// noise is n bytes that do not compress.
func noise(n int) []byte {
	b := make([]byte, n)
	x := uint64(0x9e3779b97f4a7c15)
	for i := range b {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		b[i] = byte(x >> 24)
	}
	return b
}

// TestOneDecoderMemory: NewReader decodes in BusyBox's memory: one
// decoder's 4 bytes a byte of block and a 128 kB window on the input,
// however many blocks and however big they are compressed. Before, it
// decoded GOMAXPROCS blocks at once, and one at a time it still read a
// block's whole input into windows of 2 MB and more, made anew as they
// grew (14 MB of the process at -9, against BusyBox's 3.6).
func TestOneDecoderMemory(t *testing.T) {
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"text", gen(4<<20, 11, false)},
		{"noise", noise(4 << 20)},
	} {
		in := compress(t, tc.data, 9)
		z := NewReader(bytes.NewReader(in))
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		n, err := io.CopyBuffer(io.Discard, struct{ io.Reader }{z}, make([]byte, 64<<10))
		runtime.ReadMemStats(&after)
		if err != nil || n != int64(len(tc.data)) {
			t.Fatalf("%s: %d bytes, %v", tc.name, n, err)
		}
		// tt (3.6 MB), the window and the copy's buffer (64 kB each,
		// twice), the selectors (32 kB), and small change.
		if got := after.TotalAlloc - before.TotalAlloc; got > 4<<20 {
			t.Errorf("%s: %.1f MB allocated, want at most 4", tc.name, float64(got)/(1<<20))
		}
	}
}
