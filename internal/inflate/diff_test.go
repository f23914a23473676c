package inflate

import (
	"bufio"
	"bytes"
	"compress/flate"
	"errors"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"testing/iotest"

	kflate "github.com/klauspost/compress/flate"
)

// result is what a decoder made of an input: its output, its error's
// kind, and how many input bytes it consumed.
type result struct {
	out  []byte
	kind string // "ok", "eof" (io.ErrUnexpectedEOF), "corrupt"
	used int
}

func kindOf(err error) string {
	var ce flate.CorruptInputError
	switch {
	case err == nil:
		return "ok"
	case err == io.ErrUnexpectedEOF:
		return "eof"
	case errors.Is(err, ErrCorrupt), errors.As(err, &ce):
		return "corrupt"
	}
	return "other: " + err.Error()
}

// source makes the buffered reader the decoders read: bufSize bytes of
// buffer (16 at least) over a reader that returns one byte per call
// when oneByte.
func source(in []byte, bufSize int, oneByte bool) (*bufio.Reader, *bytes.Reader) {
	br := bytes.NewReader(in)
	var r io.Reader = br
	if oneByte {
		r = iotest.OneByteReader(br)
	}
	return bufio.NewReaderSize(r, bufSize), br
}

// decodeOurs decodes in with a Reader, through Read (with reads of
// readSize) or, for readSize 0, WriteTo.
func decodeOurs(in []byte, bufSize int, oneByte bool, readSize int) result {
	src, br := source(in, bufSize, oneByte)
	d := NewReader(src)
	return finish(d, src, br, len(in), readSize)
}

func finish(d *Reader, src *bufio.Reader, br *bytes.Reader, n int, readSize int) result {
	var out bytes.Buffer
	var err error
	if readSize == 0 {
		_, err = d.WriteTo(&out)
	} else {
		p := make([]byte, readSize)
		for {
			var m int
			m, err = d.Read(p)
			out.Write(p[:m])
			if err != nil {
				break
			}
		}
		if err == io.EOF {
			err = nil
		}
	}
	return result{out.Bytes(), kindOf(err), n - br.Len() - src.Buffered()}
}

// decodeTheirs decodes in with compress/flate, which reads a
// *bufio.Reader a byte at a time and no further than the stream.
func decodeTheirs(in []byte) result {
	src, br := source(in, 4096, false)
	out, err := io.ReadAll(flate.NewReader(src))
	return result{out, kindOf(err), len(in) - br.Len() - src.Buffered()}
}

// same checks ours against compress/flate on in, fed in several ways.
func same(t *testing.T, name string, in []byte) {
	t.Helper()
	want := decodeTheirs(in)
	for _, c := range []struct {
		buf      int
		oneByte  bool
		readSize int
	}{
		{64 << 10, false, 0},
		{4096, false, 1000},
		{16, true, 0},
		{16, false, 7},
	} {
		got := decodeOurs(in, c.buf, c.oneByte, c.readSize)
		if got.kind != want.kind || !bytes.Equal(got.out, want.out) || (want.kind == "ok" && got.used != want.used) {
			t.Fatalf("%s (buf %d, one byte %v, read %d): got %s, %d bytes out, %d in; compress/flate %s, %d out, %d in",
				name, c.buf, c.oneByte, c.readSize, got.kind, len(got.out), got.used, want.kind, len(want.out), want.used)
		}
	}
}

func deflateStd(t testing.TB, data []byte, level int) []byte {
	var b bytes.Buffer
	w, err := flate.NewWriter(&b, level)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(data)
	w.Close()
	return b.Bytes()
}

func deflateK(t testing.TB, data []byte, level int) []byte {
	var b bytes.Buffer
	w, err := kflate.NewWriter(&b, level)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(data)
	w.Close()
	return b.Bytes()
}

// corpus is test data of several shapes.
func corpus(t testing.TB) map[string][]byte {
	rnd := rand.New(rand.NewSource(1))
	random := make([]byte, 300<<10)
	rnd.Read(random)
	// Text with long-distance repeats: a block of random words, then
	// the same block again 32768 bytes later (the largest distance).
	words := []string{"the ", "inflate ", "gobox ", "window ", "table ", "bit ", "of ", "\n", "a ", "match "}
	var text bytes.Buffer
	for text.Len() < 400<<10 {
		text.WriteString(words[rnd.Intn(len(words))])
	}
	far := make([]byte, 0, 200<<10)
	blk := make([]byte, 1000)
	rnd.Read(blk)
	far = append(far, blk...)
	filler := make([]byte, 32768-1000)
	rnd.Read(filler)
	far = append(far, filler...)
	far = append(far, blk...)
	far = append(far, bytes.Repeat([]byte{'x'}, 10000)...)
	far = append(far, bytes.Repeat([]byte("ab"), 10000)...)
	far = append(far, bytes.Repeat([]byte("abcdefg"), 10000)...)
	runs := bytes.Repeat([]byte{0}, 258*1000+1)
	m := map[string][]byte{
		"empty":  nil,
		"one":    []byte("x"),
		"short":  []byte("hello, hello, hello world\n"),
		"random": random,
		"text":   text.Bytes(),
		"far":    far,
		"runs":   runs,
	}
	// Some source, for real text.
	_, file, _, _ := runtime.Caller(0)
	src, err := os.ReadFile(filepath.Join(filepath.Dir(file), "inflate.go"))
	if err != nil {
		t.Fatal(err)
	}
	m["source"] = bytes.Repeat(src, 8)
	return m
}

// TestAgainstFlate decodes every level of both writers' output and
// compares with compress/flate, then cuts each stream short and damages
// it, where the error must agree too.
func TestAgainstFlate(t *testing.T) {
	rnd := rand.New(rand.NewSource(2))
	for name, data := range corpus(t) {
		for level := -2; level <= 9; level++ {
			streams := map[string][]byte{
				"std": deflateStd(t, data, level),
				"k":   deflateK(t, data, level),
			}
			for w, z := range streams {
				n := name + "/" + w + "/" + string(rune('0'+level+2))
				got := decodeOurs(z, 64<<10, false, 0)
				if got.kind != "ok" || !bytes.Equal(got.out, data) || got.used != len(z) {
					t.Fatalf("%s: %s, %d bytes (want %d), used %d of %d", n, got.kind, len(got.out), len(data), got.used, len(z))
				}
				// What follows the stream stays unread.
				same(t, n+"+tail", append(append([]byte{}, z...), "TRAILER!"...))
				if level != 6 && level != 1 {
					continue
				}
				// Cut short at a few places, and damaged.
				for i := 0; i < 8 && len(z) > 0; i++ {
					cut := rnd.Intn(len(z))
					same(t, n+"/cut", z[:cut])
					bad := append([]byte{}, z...)
					bad[cut] ^= byte(1 << rnd.Intn(8))
					same(t, n+"/flip", bad)
				}
			}
		}
	}
}

// TestBufferBoundaries ends the stream exactly at each place the
// source's buffer ends, and at the output buffer's end.
func TestBufferBoundaries(t *testing.T) {
	data := corpus(t)["text"]
	z := deflateStd(t, data, 6)
	for _, size := range []int{16, 17, 64, 1000, 4096} {
		for _, extra := range []int{0, 1, 8, 9} {
			in := append(append([]byte{}, z...), make([]byte, extra)...)
			src, br := source(in, size, false)
			got := finish(NewReader(src), src, br, len(in), 0)
			if got.kind != "ok" || !bytes.Equal(got.out, data) || got.used != len(z) {
				t.Fatalf("buffer %d, %d after: %s, %d out, used %d of %d", size, extra, got.kind, len(got.out), got.used, len(z))
			}
		}
	}
	// The source's buffer, and its first read, ending exactly at the
	// stream's end, a byte before and a byte after.
	for _, delta := range []int{-1, 0, 1} {
		r := io.MultiReader(bytes.NewReader(z), bytes.NewReader([]byte("TRAILER")))
		src := bufio.NewReaderSize(r, len(z)+delta)
		d := NewReader(src)
		out, err := io.ReadAll(d)
		rest, _ := io.ReadAll(src)
		if err != nil || !bytes.Equal(out, data) || string(rest) != "TRAILER" {
			t.Fatalf("buffer of the stream's size %+d: %v, %d out, %q left", delta, err, len(out), rest)
		}
	}
	// Output of exactly the output buffer's size and around it, stored
	// and compressed.
	for _, n := range []int{outEnd - 1, outEnd, outEnd + 1, 2*outEnd - window, 3 * outEnd} {
		data := bytes.Repeat([]byte("0123456789abcdef"), n/16+1)[:n]
		for _, level := range []int{0, 1, 9} {
			same(t, "outEnd", deflateStd(t, data, level))
		}
	}
}

// TestReset decodes streams one after another with one Reader.
func TestReset(t *testing.T) {
	c := corpus(t)
	var all []byte
	var want [][]byte
	for _, name := range []string{"text", "empty", "random", "short", "runs"} {
		all = append(all, deflateStd(t, c[name], 5)...)
		want = append(want, c[name])
	}
	src := bufio.NewReader(bytes.NewReader(all))
	d := NewReader(src)
	for i, w := range want {
		if i > 0 {
			d.Reset(src)
		}
		got, err := io.ReadAll(d)
		if err != nil || !bytes.Equal(got, w) {
			t.Fatalf("stream %d: %v, %d bytes, want %d", i, err, len(got), len(w))
		}
	}
	if src.Buffered() != 0 {
		t.Fatalf("%d bytes left", src.Buffered())
	}
}
