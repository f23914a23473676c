package applettest

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// WriterFunc is a standard output made of a function: a test's failing or
// counting writer in one line.
type WriterFunc func([]byte) (int, error)

func (f WriterFunc) Write(p []byte) (int, error) { return f(p) }

// Repeat returns an input made on the fly: line over and over, size bytes
// in all, so that a test can feed an applet far more than it should ever
// hold in memory.
func Repeat(line string, size int64) io.Reader {
	return &repeat{line: line, left: size}
}

type repeat struct {
	line string
	left int64
	off  int
}

func (s *repeat) Read(p []byte) (int, error) {
	if s.left == 0 {
		return 0, io.EOF
	}
	n := 0
	for n < len(p) && s.left > 0 {
		k := copy(p[n:min(len(p), n+int(min(s.left, int64(len(s.line)-s.off))))], s.line[s.off:])
		n += k
		s.left -= int64(k)
		s.off = (s.off + k) % len(s.line)
	}
	return n, nil
}

// Counter is a standard output that counts what is written to it and
// keeps only its last 64 bytes.
type Counter struct {
	N    int64
	Last []byte
}

func (c *Counter) Write(p []byte) (int, error) {
	c.N += int64(len(p))
	c.Last = append(c.Last[:0], p[max(0, len(p)-64):]...)
	return len(p), nil
}

// Allocated runs f and returns how many heap allocations it made and how
// many bytes they took (runtime.MemStats before and after): a test that
// runs an applet over a small and a large input compares the two to show
// that its memory does not grow with the input.
func Allocated(f func()) (mallocs, bytes uint64) {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.Mallocs - before.Mallocs, after.TotalAlloc - before.TotalAlloc
}

// Tree makes DIR/t/d0 ... d{dirs-1}, each holding files empty files named
// file-0000, file-0001, ...: the tree the walkers' allocation tests run
// over.
func Tree(t testing.TB, dir string, dirs, files int) {
	t.Helper()
	for d := range dirs {
		sub := filepath.Join(dir, "t", fmt.Sprint("d", d))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			t.Fatal(err)
		}
		for f := range files {
			if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("file-%04d", f)), nil, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
