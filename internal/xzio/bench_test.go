package xzio

import (
	"io"
	"os"
	"strconv"
	"testing"
)

// BenchmarkFile decodes $XZIO_BENCH (a .xz file) with $XZIO_THREADS
// threads; skipped without them.
func BenchmarkFile(b *testing.B) {
	name := os.Getenv("XZIO_BENCH")
	if name == "" {
		b.Skip("XZIO_BENCH not set")
	}
	threads, _ := strconv.Atoi(os.Getenv("XZIO_THREADS"))
	buf := make([]byte, 64<<10)
	for b.Loop() {
		f, err := os.Open(name)
		if err != nil {
			b.Fatal(err)
		}
		r, err := NewReader(f)
		if err != nil {
			b.Fatal(err)
		}
		if threads > 0 {
			r.SetThreads(threads)
		}
		n, err := io.CopyBuffer(io.Discard, r, buf)
		if err != nil {
			b.Fatal(err)
		}
		b.SetBytes(n)
		f.Close()
	}
}
