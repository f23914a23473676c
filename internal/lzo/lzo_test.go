package lzo

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"os"
	"runtime"
	"strings"
	"testing"
)

// compress is lzop's output for data with o.
func compress(t testing.TB, data []byte, o Options) []byte {
	t.Helper()
	var b bytes.Buffer
	w, err := NewWriter(&b, o)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// decompress reads an lzop stream whole, with Read and with WriteTo,
// and fails unless both give the same data and error.
func decompress(stream []byte, verify bool) ([]byte, error) {
	r, err := NewReader(bytes.NewReader(stream), verify)
	if err != nil {
		return nil, err
	}
	got, err := io.ReadAll(r)
	r, _ = NewReader(bytes.NewReader(stream), verify)
	var b bytes.Buffer
	n, werr := r.WriteTo(&b)
	if n != int64(b.Len()) || !bytes.Equal(b.Bytes(), got) || fmt.Sprint(werr) != fmt.Sprint(err) {
		return nil, fmt.Errorf("Read: %d bytes, %v; WriteTo: %d bytes (said %d), %v", len(got), err, b.Len(), n, werr)
	}
	return got, err
}

func unhex(s string) []byte {
	b, err := hex.DecodeString(strings.Join(strings.Fields(s), ""))
	if err != nil {
		panic(err)
	}
	return b
}

// TestBusyBoxBytes: the Writer makes what Alpine's BusyBox lzop makes of
// "hello hello hello hello\n" (od of `busybox lzop -c [OPT] a`).
func TestBusyBoxBytes(t *testing.T) {
	data := []byte("hello hello hello hello\n")
	for _, tc := range []struct {
		o    Options
		want string
	}{
		{Options{}, `89 4c 5a 4f 00 0d 0a 1a 0a 10 10 20 30 09 40 01
			05 03 00 00 01 00 00 00 00 00 00 00 00 00 00 00
			00 00 10 94 00 c4 00 00 00 18 00 00 00 12 70 be
			08 bb 07 68 65 6c 6c 6f 20 68 65 6c 6c 2b 15 00
			0a 11 00 00 00 00 00 00`},
		{Options{NoChecksum: true}, `89 4c 5a 4f 00 0d 0a 1a 0a 10 10 20 30 09 40 01
			05 03 00 00 00 00 00 00 00 00 00 00 00 00 00 00
			00 00 10 86 00 c3 00 00 00 18 00 00 00 12 07 68
			65 6c 6c 6f 20 68 65 6c 6c 2b 15 00 0a 11 00 00
			00 00 00 00`},
		{Options{CompressedChecksum: true}, `89 4c 5a 4f 00 0d 0a 1a 0a 10 10 20 30 09 40 01
			05 03 00 00 03 00 00 00 00 00 00 00 00 00 00 00
			00 00 10 b0 00 c6 00 00 00 18 00 00 00 12 70 be
			08 bb 32 c3 04 3c 07 68 65 6c 6c 6f 20 68 65 6c
			6c 2b 15 00 0a 11 00 00 00 00 00 00`},
		{Options{Level: 1}, `89 4c 5a 4f 00 0d 0a 1a 0a 10 10 20 30 09 40 02
			01 03 00 00 01 00 00 00 00 00 00 00 00 00 00 00
			00 00 10 5f 00 c1 00 00 00 18 00 00 00 12 70 be
			08 bb 07 68 65 6c 6c 6f 20 68 65 6c 6c 2b 15 00
			0a 11 00 00 00 00 00 00`},
	} {
		if got := compress(t, data, tc.o); !bytes.Equal(got, unhex(tc.want)) {
			t.Errorf("%+v:\n got %x\nwant %x", tc.o, got, unhex(tc.want))
		}
		got, err := decompress(unhex(tc.want), true)
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("%+v: read back %q, %v", tc.o, got, err)
		}
	}
	if _, err := NewWriter(io.Discard, Options{Level: 7}); err != ErrHighLevel {
		t.Errorf("level 7: %v", err)
	}
}

// samples are inputs of several kinds and sizes, around the block size
// and the compressor's short-input limit.
func samples() map[string][]byte {
	rng := rand.New(rand.NewSource(1))
	random := make([]byte, 600<<10)
	rng.Read(random)
	var text bytes.Buffer
	words := strings.Fields("the quick brown fox jumps over a lazy dog lzop block size adler crc")
	for text.Len() < 700<<10 {
		text.WriteString(words[rng.Intn(len(words))])
		text.WriteByte(" \n"[rng.Intn(2)])
	}
	// Matches at every distance class: repeats 1, 100, 3000, 20000 and
	// 40000 bytes back, with noise between.
	var far bytes.Buffer
	chunk := random[:40000]
	for far.Len() < 300<<10 {
		far.Write(chunk[:rng.Intn(len(chunk))])
		far.Write(bytes.Repeat([]byte{byte(rng.Intn(256))}, rng.Intn(600)))
		far.Write(far.Bytes()[max(0, far.Len()-[]int{1, 100, 3000, 20000, 40000}[rng.Intn(5)]):][:50])
	}
	m := map[string][]byte{
		"empty":  nil,
		"one":    {'x'},
		"13":     []byte("abcdefghijklm"),
		"14":     []byte("abcdefghijklmn"),
		"zeros":  make([]byte, BlockSize+1),
		"random": random,
		"text":   text.Bytes(),
		"far":    far.Bytes(),
		"mixed":  append(append([]byte(nil), text.Bytes()[:BlockSize-5]...), random[:BlockSize]...),
	}
	for _, n := range []int{15, 16, 17, 18, 19, 20, 100, 238, 239, 240, 300, 1000} {
		m[string(rune('a'+n%26))+"n"+string(rune('0'+n%10))] = text.Bytes()[:n]
		m["r"+string(rune('0'+n%10))+string(rune('a'+n%26))] = random[:n]
	}
	return m
}

// TestRoundTrip: every sample at both compressors, with each checksum
// setting, reads back whole.
func TestRoundTrip(t *testing.T) {
	for name, data := range samples() {
		for _, o := range []Options{{}, {Level: 1}, {NoChecksum: true}, {CompressedChecksum: true}} {
			got, err := decompress(compress(t, data, o), true)
			if err != nil || !bytes.Equal(got, data) {
				t.Errorf("%s %+v: %d bytes back of %d, %v", name, o, len(got), len(data), err)
			}
		}
	}
}

// TestCompressRatio: text compresses, random data is stored (no bigger
// than the input plus framing).
func TestCompressRatio(t *testing.T) {
	s := samples()
	if n := len(compress(t, s["text"], Options{})); n > len(s["text"])/2 {
		t.Errorf("text: %d of %d", n, len(s["text"]))
	}
	if n := len(compress(t, s["zeros"], Options{})); n > 3000 {
		t.Errorf("zeros: %d", n)
	}
	if n, max := len(compress(t, s["random"], Options{})), len(s["random"])+100; n > max {
		t.Errorf("random: %d > %d", n, max)
	}
}

// TestDecompressErrors: damaged streams fail with BusyBox's words.
func TestDecompressErrors(t *testing.T) {
	data := []byte(strings.Repeat("some text to compress, some text to compress\n", 100))
	good := compress(t, data, Options{CompressedChecksum: true})
	hdr := len(Magic) + 29 // header without name, checksum included
	mut := func(f func(b []byte) []byte) []byte { return f(append([]byte(nil), good...)) }
	for _, tc := range []struct {
		name   string
		in     []byte
		verify bool
		want   string
	}{
		{"empty", nil, true, "short read"},
		{"magic", []byte("\x89LZO\x00\r\n\x1a\x0b"), true, "bad magic number"},
		{"cut magic", good[:5], true, "short read"},
		{"cut header", good[:hdr-2], true, "short read"},
		{"header sum", mut(func(b []byte) []byte { b[hdr-1] ^= 1; return b }), true, "header_error 2"},
		{"old version", mut(func(b []byte) []byte { b[9] = 0x08; return b }), true, "header_error 3"},
		{"cut blocks", good[:hdr+3], true, "short read"},
		{"cut data", good[:len(good)-10], true, "short read"},
		{"no end", good[:len(good)-4], true, "short read"},
		{"data sum", mut(func(b []byte) []byte { b[hdr+8] ^= 1; return b }), true, "checksum error"},
		{"compressed sum", mut(func(b []byte) []byte { b[hdr+12] ^= 1; return b }), true, "checksum error"},
		{"corrupt", mut(func(b []byte) []byte { b[len(b)-8] ^= 0x40; return b }), false, "corrupted data"},
		{"split", append(good[:hdr:hdr], 0xff, 0xff, 0xff, 0xff), true, "this file is a split lzop file"},
		{"huge", append(good[:hdr:hdr], 0x04, 0, 0, 1), true, "corrupted data"},
		{"negative", append(good[:hdr:hdr], 0x80, 0, 0, 1), true, "corrupted data"},
		{"src > dst", append(good[:hdr:hdr], 0, 0, 0, 4, 0, 0, 0, 5), true, "corrupted data"},
		{"src 0", append(good[:hdr:hdr], 0, 0, 0, 4, 0, 0, 0, 0), true, "corrupted data"},
		{"big cut", append(good[:hdr:hdr], 0x03, 0, 0, 0, 0x02, 0, 0, 0, 1, 2, 3, 4), true, "short read"},
	} {
		_, err := decompress(tc.in, tc.verify)
		var e Error
		if !errors.As(err, &e) || string(e) != tc.want {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
	}
	// -F skips checksums: a damaged checksum passes.
	bad := mut(func(b []byte) []byte { b[hdr+8] ^= 1; return b })
	if got, err := decompress(bad, false); err != nil || !bytes.Equal(got, data) {
		t.Errorf("unverified: %v", err)
	}
}

// TestHeaderCodes: headers BusyBox refuses, with its numbers.
func TestHeaderCodes(t *testing.T) {
	good := compress(t, []byte("x"), Options{})
	// header rewrites the header fields at off and fixes its checksum.
	header := func(off int, v ...byte) []byte {
		b := append([]byte(nil), good...)
		copy(b[off:], v)
		end := len(Magic) + 25
		sum := adler32Update(1, b[len(Magic):end])
		b[end], b[end+1], b[end+2], b[end+3] = byte(sum>>24), byte(sum>>16), byte(sum>>8), byte(sum)
		return b
	}
	for _, tc := range []struct {
		name string
		in   []byte
		want string
	}{
		{"needs newer", header(13, 0x10, 0x20), "header_error 16"},
		{"needs older", header(13, 0x08, 0x00), "header_error 3"},
		{"method 0", header(15, 0), "header_error 14"},
		{"method 4", header(15, 4), "header_error -1"},
		{"level 10", header(16, 10), "header_error 15"},
		{"filter", header(19, 0x08), "header_error 16"},
		{"reserved", header(19, 0x40), "header_error -13"},
		// BusyBox checks method, level and flags before the checksum.
		{"method 7, bad sum", func() []byte { b := header(15, 7); b[len(Magic)+25] ^= 1; return b }(), "header_error -1"},
		{"level 10, bad sum", func() []byte { b := header(16, 10); b[len(Magic)+25] ^= 1; return b }(), "header_error 15"},
		{"os field, bad sum", func() []byte { b := header(17, 1); b[len(Magic)+25] ^= 1; return b }(), "header_error 2"},
	} {
		_, err := decompress(tc.in, true)
		if err == nil || err.Error() != tc.want {
			t.Errorf("%s: %v, want %s", tc.name, err, tc.want)
		}
	}
}

// TestDecompressBounds: raw LZO1X streams that run past their input or
// output or refer before the output's start fail.
func TestDecompressBounds(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   string
		out  int
		ok   bool
	}{
		{"end only", "110000", 0, true},
		{"literals", "196162636465666768 110000", 8, true},
		{"literals past output", "196162636465666768 110000", 7, false},
		{"literals past input", "1a616263", 9, false},
		{"match", "1261 2100 00 110000", 4, true},
		{"look-behind", "1261 21fcff 110000", 4, false},
		{"match past output", "1261 2100 00 110000", 3, false},
		{"no end", "196162636465666768 00", 8, false},
		{"after end", "11000000", 0, false},
		{"empty", "", 0, false},
		{"long zero run", "00000000", 100, false},
	} {
		in := unhex(tc.in)
		n, err := Decompress(in, make([]byte, tc.out))
		if (err == nil) != tc.ok || (tc.ok && n != tc.out) {
			t.Errorf("%s: %d, %v", tc.name, n, err)
		}
	}
}

// TestMemory: a block length the input does not back costs no memory
// beyond what arrives.
func TestMemory(t *testing.T) {
	good := compress(t, []byte("x"), Options{})
	hdr := len(Magic) + 29
	in := append(good[:hdr:hdr], 0x03, 0xff, 0xff, 0xff, 0x03, 0xff, 0xff, 0xfe, 0, 0, 0, 1)
	r, err := NewReader(bytes.NewReader(in), true)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.ReadAll(r); err != ErrShort {
		t.Fatal(err)
	}
	if cap(r.in) > 1<<20 || cap(r.out) != 0 {
		t.Errorf("buffers %d %d", cap(r.in), cap(r.out))
	}
}

func FuzzDecompress(f *testing.F) {
	for _, s := range []string{"110000", "196162636465666768110000", "1261210000110000"} {
		f.Add(unhex(s), 64)
	}
	for _, data := range [][]byte{[]byte("hello hello hello hello\n"), bytes.Repeat([]byte("abcabcabd"), 300)} {
		var c []byte
		c = NewCompressor(14).Compress(c, data)
		f.Add(c, len(data))
	}
	f.Fuzz(func(t *testing.T, in []byte, n int) {
		if n < 0 || n > 1<<20 {
			return
		}
		dst := make([]byte, n)
		m, err := Decompress(in, dst)
		if m < 0 || m > n {
			t.Fatalf("wrote %d of %d", m, n)
		}
		_ = err
	})
}

// FuzzReader: no input panics, and Read and WriteTo agree on any.
func FuzzReader(f *testing.F) {
	f.Add(compress(f, []byte("hello hello hello hello\n"), Options{CompressedChecksum: true}))
	f.Add(compress(f, bytes.Repeat([]byte("0123456789"), 30000), Options{}))
	f.Fuzz(func(t *testing.T, in []byte) {
		if _, err := decompress(in, true); err != nil && !errors.As(err, new(Error)) && err != ErrShort {
			t.Fatal(err)
		}
	})
}

// TestWriteToBlocks: a block that fails its checksum in the middle of a
// stream is not written, nor any after it; those before it are, with
// WriteTo's pipeline as with Read.
func TestWriteToBlocks(t *testing.T) {
	data := samples()["text"]
	for len(data) < 1<<20 {
		data = append(data, data...)
	}
	good := compress(t, data, Options{})
	// The second block's header: after the stream header and the
	// first block (lengths, data checksum, data).
	hdr := len(Magic) + 29
	slen := int(binary.BigEndian.Uint32(good[hdr+4:]))
	second := hdr + 12 + slen
	for _, tc := range []struct {
		name string
		at   int // byte flipped
		want string
	}{
		{"second block's checksum", second + 8, "checksum error"},
		{"second block's data", second + 12 + 100, "checksum error"},
		{"second block's length", second + 4, "corrupted data"},
	} {
		bad := bytes.Clone(good)
		bad[tc.at] ^= 0x10
		got, err := decompress(bad, true)
		if err == nil || err.Error() != tc.want || !bytes.Equal(got, data[:256<<10]) {
			t.Errorf("%s: %d bytes, %v", tc.name, len(got), err)
		}
	}
}

func FuzzRoundTrip(f *testing.F) {
	f.Add([]byte("hello hello hello hello\n"), uint8(0))
	f.Add(bytes.Repeat([]byte{0}, 1000), uint8(1))
	f.Fuzz(func(t *testing.T, data []byte, bits uint8) {
		c := NewCompressor(14 + uint(bits&1))
		// Twice through one compressor: the second call sees the first's
		// dictionary entries.
		for range 2 {
			comp := c.Compress(nil, data)
			if len(comp) > MaxCompressedLen(len(data)) {
				t.Fatalf("%d bytes from %d", len(comp), len(data))
			}
			out := make([]byte, len(data))
			n, err := Decompress(comp, out)
			if err != nil || n != len(data) || !bytes.Equal(out, data) {
				t.Fatalf("round trip: %d, %v", n, err)
			}
		}
	})
}

// BenchmarkDecompress decodes $LZO_BENCH (a file) compressed in blocks
// of 256 KiB, as lzop does; skipped without it.
func BenchmarkDecompress(b *testing.B) {
	name := os.Getenv("LZO_BENCH")
	if name == "" {
		b.Skip("LZO_BENCH not set")
	}
	data, err := os.ReadFile(name)
	if err != nil {
		b.Fatal(err)
	}
	var blocks [][]byte
	c := NewCompressor(14)
	for off := 0; off < len(data); off += 256 << 10 {
		blocks = append(blocks, c.Compress(nil, data[off:min(off+256<<10, len(data))]))
	}
	out := make([]byte, 256<<10)
	for b.Loop() {
		for _, c := range blocks {
			if _, err := Decompress(c, out); err != nil {
				b.Fatal(err)
			}
		}
		b.SetBytes(int64(len(data)))
	}
}

// TestBlockBuffersOnce: the buffers are allocated once for lzop's
// blocks, whatever the sizes of the first ones (issue 10: a buffer grown
// by appends, block after block, left a collection's worth of garbage).
func TestBlockBuffersOnce(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	data := make([]byte, 4*BlockSize)
	rng.Read(data[2*BlockSize:]) // two blocks of zeros, then noise
	for i := 2 * BlockSize; i < 3*BlockSize; i += 2 {
		data[i] = 'a' // half compressible: a middle-sized block
	}
	in := compress(t, data, Options{})
	run := func() {
		r, err := NewReader(bytes.NewReader(in), true)
		if err != nil {
			t.Fatal(err)
		}
		if n, err := r.WriteTo(io.Discard); err != nil || n != int64(len(data)) {
			t.Fatal(n, err)
		}
	}
	run()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	run()
	runtime.ReadMemStats(&after)
	// The input and output buffers, the bufio.Reader's, and a few small.
	if got, want := after.TotalAlloc-before.TotalAlloc, uint64(2*BlockSize+64<<10+8<<10); got > want {
		t.Errorf("allocated %d bytes, want at most %d", got, want)
	}
}
