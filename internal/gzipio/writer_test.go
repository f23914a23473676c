package gzipio

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"testing/iotest"

	"gobox/internal/deflate"
)

// mixed is n bytes of input that compresses partly: runs of text with
// random bytes between, so blocks differ and matches cross block
// boundaries.
func mixed(n int) []byte {
	r := rand.New(rand.NewPCG(1, 2))
	var b bytes.Buffer
	words := strings.Fields("the quick brown fox jumps over the lazy dog gzip block deflate window")
	for b.Len() < n {
		if r.IntN(8) == 0 {
			for range r.IntN(64) {
				b.WriteByte(byte(r.Uint32()))
			}
		}
		b.WriteString(words[r.IntN(len(words))])
		b.WriteByte(" \n"[r.IntN(2)])
	}
	return b.Bytes()[:n]
}

// pcompress compresses data on procs goroutines, in writes of chunk
// bytes.
func pcompress(t *testing.T, data []byte, level, procs, chunk int) ([]byte, *Writer) {
	t.Helper()
	var buf bytes.Buffer
	zw, err := newWriter(&buf, Header{Level: level}, procs)
	if err != nil {
		t.Fatal(err)
	}
	for p := data; len(p) > 0; {
		k := min(chunk, len(p))
		if n, err := zw.Write(p[:k]); n != k || err != nil {
			t.Fatalf("Write: %d, %v", n, err)
		}
		p = p[k:]
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), zw
}

// TestParallelSame: the output is the same bytes whatever the number of
// goroutines and however the input is written, and reads back (with
// ours and the standard library's reader).
func TestParallelSame(t *testing.T) {
	for _, level := range []int{1, 6, 9} {
		bs := blockSize(level)
		sizes := []int{0, 1, dictSize, bs - 1, bs, bs + 1, 2 * bs, 5*bs + 7}
		data := mixed(5*bs + 7)
		for _, n := range sizes {
			in := data[:n]
			want, _ := pcompress(t, in, level, 1, len(in)+1)
			for _, procs := range []int{2, 3, 8} {
				for _, chunk := range []int{1000, 64 << 10, bs + 3} {
					got, _ := pcompress(t, in, level, procs, chunk)
					if !bytes.Equal(got, want) {
						t.Fatalf("level %d, %d bytes, %d procs, writes of %d: output differs from one goroutine's", level, n, procs, chunk)
					}
				}
			}
			out, _, err := decompress(want)
			if err != nil || out != string(in) {
				t.Fatalf("level %d, %d bytes: read back %d bytes, %v", level, n, len(out), err)
			}
			zr, err := gzip.NewReader(bytes.NewReader(want))
			if err != nil {
				t.Fatal(err)
			}
			if std, err := io.ReadAll(zr); err != nil || !bytes.Equal(std, in) {
				t.Fatalf("level %d, %d bytes: compress/gzip reads %d bytes, %v", level, n, len(std), err)
			}
		}
	}
}

// TestOneBlock: an input of one block is compressed on the caller's
// goroutine, into what one DEFLATE compressor makes of it.
func TestOneBlock(t *testing.T) {
	data := mixed(BlockSize)
	got, zw := pcompress(t, data, 6, 4, 4096)
	if zw.started {
		t.Error("goroutines started for one block")
	}
	c, _ := deflate.New(6)
	want := c.Close(c.Append(nil, data))
	if body := got[10 : len(got)-8]; !bytes.Equal(body, want) {
		t.Errorf("one block: %d bytes of DEFLATE, one compressor makes %d", len(body), len(want))
	}
	if _, zw := pcompress(t, mixed(BlockSize+1), 6, 4, 4096); !zw.started {
		t.Error("two blocks on four CPUs compressed on one goroutine")
	}
}

// TestDictionary: each block is primed with the input before it, so
// cutting costs little: repeated data compresses as well across block
// boundaries as within one.
func TestDictionary(t *testing.T) {
	unit := mixed(20 << 10)
	data := bytes.Repeat(unit, 40) // 800 KiB: seven blocks
	got, _ := pcompress(t, data, 6, 2, len(data))
	// Unprimed, every block would pay for the whole unit again.
	if limit := 2 * len(unit); len(got) > limit {
		t.Errorf("%d repeats of %d bytes compress to %d, want < %d", 40, len(unit), len(got), limit)
	}
}

// slowWriter counts the writes and fails after limit bytes (0: never).
type slowWriter struct {
	n, limit int64
}

func (w *slowWriter) Write(p []byte) (int, error) {
	if w.limit > 0 && atomic.AddInt64(&w.n, int64(len(p))) > w.limit {
		return 0, errors.New("no space")
	}
	return len(p), nil
}

// TestBounded: however much is written, at most procs+1 blocks exist.
func TestBounded(t *testing.T) {
	var buf slowWriter
	zw, _ := newWriter(&buf, Header{Level: 1}, 2)
	data := mixed(BlockSize)
	for range 40 {
		zw.Write(data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if len(zw.ring) > 3 {
		t.Errorf("%d blocks allocated, want at most 3", len(zw.ring))
	}
}

// TestParallelError: a failing output stops the writes and Close
// reports it, having ended its goroutines (Close returns).
func TestParallelError(t *testing.T) {
	w := &slowWriter{limit: 300 << 10}
	zw, _ := newWriter(w, Header{}, 2)
	data := mixed(BlockSize)
	var err error
	for i := 0; i < 200 && err == nil; i++ {
		_, err = zw.Write(data)
	}
	if err == nil || err.Error() != "no space" {
		t.Errorf("Write: %v, want no space", err)
	}
	if err := zw.Close(); err == nil || err.Error() != "no space" {
		t.Errorf("Close: %v", err)
	}
	// Close after a failed Write without writing more.
	zw, _ = newWriter(&slowWriter{limit: 1}, Header{}, 2)
	zw.Write(mixed(3 * BlockSize))
	if err := zw.Close(); err == nil {
		t.Error("Close on a failing writer succeeded")
	}
	if _, err := zw.Write([]byte("x")); err == nil {
		t.Error("Write after Close succeeded")
	}
}

// TestGNUReads: GNU gzip reads the parallel output back, and tests it.
func TestGNUReads(t *testing.T) {
	gz, err := exec.LookPath("gzip")
	if err != nil {
		t.Skip("no GNU gzip")
	}
	data := mixed(3*BlockSize + 100)
	c, _ := pcompress(t, data, 6, 2, 10000)
	f := t.TempDir() + "/x.gz"
	if err := os.WriteFile(f, c, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(gz, "-dc", f).Output()
	if err != nil || !bytes.Equal(out, data) {
		t.Errorf("gzip -dc: %d bytes, %v", len(out), err)
	}
}

// perBlock is the stream as the Writer defines it, made the plain way:
// each block of input compressed by a new compressor primed with
// the dictSize bytes before it and ended by a sync flush, the last one
// (never empty unless the input is) by the end of the DEFLATE stream.
func perBlock(t *testing.T, data []byte, level int) []byte {
	t.Helper()
	var b bytes.Buffer
	b.Write([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, OSUnix})
	switch level {
	case 1:
		b.Bytes()[8] = 4
	case 9:
		b.Bytes()[8] = 2
	}
	for bs, off := blockSize(level), 0; ; off += bs {
		end := min(off+bs, len(data))
		c, err := deflate.New(level)
		if err != nil {
			t.Fatal(err)
		}
		c.Reset(data[max(0, off-dictSize):off])
		z := c.Append(nil, data[off:end])
		if end == len(data) {
			b.Write(c.Close(z))
			break
		}
		b.Write(c.Flush(z))
	}
	var tail [8]byte
	binary.LittleEndian.PutUint32(tail[:4], crc32.ChecksumIEEE(data))
	binary.LittleEndian.PutUint32(tail[4:], uint32(len(data)))
	b.Write(tail[:])
	return b.Bytes()
}

// countWriter counts the writes it takes.
type countWriter struct {
	bytes.Buffer
	writes int
}

func (w *countWriter) Write(p []byte) (int, error) {
	w.writes++
	return w.Buffer.Write(p)
}

// TestSameAsPerBlock: compressors reused block after block make the
// bytes new ones would, at every level, on compressible and random
// input (where a block may be stored rather than coded), on one CPU and
// several; each block is one write, the header riding on the first and
// the trailer on the last.
func TestSameAsPerBlock(t *testing.T) {
	random := make([]byte, 3*BlockSize+500)
	r := rand.New(rand.NewPCG(3, 4))
	for i := range random {
		random[i] = byte(r.Uint32())
	}
	// Random input whose blocks start with text, then text after
	// random, then runs a window's worth long.
	data := map[string][]byte{
		"mixed":  mixed(4*BlockSize + 123),
		"random": random,
		"halves": append(mixed(BlockSize+dictSize/2), random[:BlockSize+7]...),
		"runs":   bytes.Repeat([]byte("abcdefgh"), (2*BlockSize+dictSize)/8),
	}
	for name, in := range data {
		for level := 1; level <= 9; level++ {
			want := perBlock(t, in, level)
			for _, procs := range []int{1, 2, 3} {
				w := &countWriter{}
				zw, _ := newWriter(w, Header{Level: level}, procs)
				if _, err := io.Copy(zw, bytes.NewReader(in)); err != nil {
					t.Fatal(err)
				}
				if err := zw.Close(); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(w.Bytes(), want) {
					t.Fatalf("%s, level %d, %d procs: %d bytes differ from a new compressor per block's %d", name, level, procs, w.Len(), len(want))
				}
				if bs := blockSize(level); w.writes != (len(in)+bs-1)/bs {
					t.Errorf("%s, level %d, %d procs: %d writes for %d blocks", name, level, procs, w.writes, (len(in)+bs-1)/bs)
				}
			}
		}
	}
}

// TestCompressorReused: a compressor serves block after block, and
// blocks are reused: a long input allocates nothing per block.
func TestCompressorReused(t *testing.T) {
	data := mixed(BlockSize)
	for _, procs := range []int{1, 2} {
		run := func(blocks int) (allocs, bytes uint64) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			zw, _ := newWriter(io.Discard, Header{}, procs)
			for range blocks {
				zw.Write(data)
			}
			zw.Close()
			runtime.ReadMemStats(&after)
			return after.Mallocs - before.Mallocs, after.TotalAlloc - before.TotalAlloc
		}
		run(4) // the first use of a size class costs extra
		a4, b4 := run(4)
		a36, b36 := run(36)
		if a36 > a4+16 || b36 > b4+32*4096 {
			t.Errorf("%d procs: 32 more blocks allocated %d more times, %d more bytes", procs, int64(a36-a4), int64(b36-b4))
		}
	}
}

// TestReadFrom: reading into the blocks makes what Write makes, through
// short reads, and a read error is returned; input of whole blocks ends
// with a full block, not an empty one.
func TestReadFrom(t *testing.T) {
	for _, n := range []int{0, 5000, 2 * BlockSize, 2*BlockSize + 1} {
		in := mixed(n)
		for _, procs := range []int{1, 2} {
			var buf bytes.Buffer
			zw, _ := newWriter(&buf, Header{Level: 6}, procs)
			if m, err := zw.ReadFrom(bytes.NewReader(in)); m != int64(n) || err != nil {
				t.Fatalf("ReadFrom: %d, %v", m, err)
			}
			if err := zw.Close(); err != nil || !bytes.Equal(buf.Bytes(), perBlock(t, in, 6)) {
				t.Errorf("%d bytes, %d procs: %v; output differs from a new compressor per block's", n, procs, err)
			}
		}
	}
	in := mixed(3*BlockSize + 17)
	want, _ := pcompress(t, in, 6, 2, len(in))
	var buf bytes.Buffer
	zw, _ := newWriter(&buf, Header{Level: 6}, 2)
	n, err := zw.ReadFrom(iotest.OneByteReader(io.LimitReader(bytes.NewReader(in), 5000)))
	if n != 5000 || err != nil {
		t.Fatalf("ReadFrom: %d, %v", n, err)
	}
	if m, err := zw.ReadFrom(bytes.NewReader(in[5000:])); m != int64(len(in)-5000) || err != nil {
		t.Fatalf("ReadFrom: %d, %v", m, err)
	}
	if err := zw.Close(); err != nil || !bytes.Equal(buf.Bytes(), want) {
		t.Fatalf("Close: %v; %d bytes, Write made %d", err, buf.Len(), len(want))
	}
	zw, _ = newWriter(io.Discard, Header{}, 2)
	boom := errors.New("boom")
	if _, err := zw.ReadFrom(iotest.ErrReader(boom)); err != boom {
		t.Errorf("ReadFrom of a failing reader: %v", err)
	}
	zw.Close()
}

// TestGOMAXPROCS: NewWriter makes the same bytes at every level whatever
// GOMAXPROCS is (it compresses on that many goroutines).
func TestGOMAXPROCS(t *testing.T) {
	in := mixed(7*BlockSize + 99)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for level := 1; level <= 9; level++ {
		var want []byte
		for _, procs := range []int{1, 2, 4} {
			runtime.GOMAXPROCS(procs)
			var buf bytes.Buffer
			zw, err := NewWriter(&buf, Header{Level: level})
			if err != nil {
				t.Fatal(err)
			}
			zw.Write(in)
			if err := zw.Close(); err != nil {
				t.Fatal(err)
			}
			if want == nil {
				want = buf.Bytes()
				if out, _, err := decompress(want); err != nil || out != string(in) {
					t.Fatalf("level %d: read back %d bytes, %v", level, len(out), err)
				}
			} else if !bytes.Equal(buf.Bytes(), want) {
				t.Fatalf("level %d: GOMAXPROCS %d makes other bytes than GOMAXPROCS 1", level, procs)
			}
		}
	}
}

// TestMemoryReleased: the compressors' and blocks' memory is mapped
// once, outside the heap, and released by Close, on every path.
func TestMemoryReleased(t *testing.T) {
	for _, procs := range []int{1, 2} {
		for _, n := range []int{0, 100, 5 * BlockSize} {
			zw, _ := newWriter(io.Discard, Header{}, procs)
			zw.Write(mixed(n))
			if n > 0 && (zw.mem == nil || !zw.mapped) {
				t.Errorf("%d procs, %d bytes: memory not mapped", procs, n)
			}
			zw.Close()
			if zw.mem != nil || zw.mapped || zw.own != nil {
				t.Errorf("%d procs, %d bytes: memory kept after Close", procs, n)
			}
			if _, err := zw.Write([]byte("x")); err == nil {
				t.Error("Write after Close succeeded")
			}
		}
	}
	zw, _ := newWriter(&slowWriter{limit: 1}, Header{}, 2)
	zw.Write(mixed(6 * BlockSize))
	zw.Close()
	if zw.mem != nil {
		t.Error("memory kept after a failed write")
	}
}
