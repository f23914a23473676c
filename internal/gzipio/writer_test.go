package gzipio

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"strings"
	"sync/atomic"
	"testing"
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
	sizes := []int{0, 1, dictSize, BlockSize - 1, BlockSize, BlockSize + 1, 2 * BlockSize, 5*BlockSize + 7}
	data := mixed(5*BlockSize + 7)
	for _, level := range []int{1, 6, 9} {
		for _, n := range sizes {
			in := data[:n]
			want, _ := pcompress(t, in, level, 1, len(in)+1)
			for _, procs := range []int{2, 3, 8} {
				for _, chunk := range []int{1000, 64 << 10, BlockSize + 3} {
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
	var want bytes.Buffer
	fw, _ := flate.NewWriter(&want, 6)
	fw.Write(data)
	fw.Close()
	if body := got[10 : len(got)-8]; !bytes.Equal(body, want.Bytes()) {
		t.Errorf("one block: %d bytes of DEFLATE, one compressor makes %d", len(body), want.Len())
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

// TestBounded: however much is written, at most procs+2 blocks exist.
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
	if zw.nblocks > 4 {
		t.Errorf("%d blocks allocated, want at most 4", zw.nblocks)
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
