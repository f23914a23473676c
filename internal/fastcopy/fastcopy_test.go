package fastcopy

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"
)

// data is bigger than a pipe's buffer and the first read buffer, and
// not a multiple of either.
var data = bytes.Repeat([]byte("0123456789abcdefghijklmnopqrstuvwxyz\n"), 40000)

func regular(t *testing.T, content []byte) *os.File {
	t.Helper()
	p := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(p, content, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func output(t *testing.T) *os.File {
	t.Helper()
	f, err := os.Create(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// feed returns the read end of a pipe that a goroutine fills with b.
func feed(t *testing.T, b []byte) *os.File {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	go func() { w.Write(b); w.Close() }()
	t.Cleanup(func() { r.Close() })
	return r
}

// drain returns the write end of a pipe and a function that waits for
// everything written to it (after closing it).
func drain(t *testing.T) (*os.File, func() []byte) {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan []byte)
	go func() { b, _ := io.ReadAll(r); r.Close(); got <- b }()
	return w, func() []byte { w.Close(); return <-got }
}

func readBack(t *testing.T, f *os.File) []byte {
	t.Helper()
	b, err := os.ReadFile(f.Name())
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestCopy(t *testing.T) {
	for _, tt := range []struct {
		name string
		run  func(t *testing.T) (n int64, got []byte, err error)
	}{
		{"file to file", func(t *testing.T) (int64, []byte, error) {
			src, dst := regular(t, data), output(t)
			n, err := Copy(context.Background(), dst, src)
			return n, readBack(t, dst), err
		}},
		{"file to pipe", func(t *testing.T) (int64, []byte, error) {
			w, wait := drain(t)
			n, err := Copy(context.Background(), w, regular(t, data))
			return n, wait(), err
		}},
		{"pipe to file", func(t *testing.T) (int64, []byte, error) {
			dst := output(t)
			n, err := Copy(context.Background(), dst, feed(t, data))
			return n, readBack(t, dst), err
		}},
		{"pipe to pipe", func(t *testing.T) (int64, []byte, error) {
			w, wait := drain(t)
			n, err := Copy(context.Background(), w, feed(t, data))
			return n, wait(), err
		}},
		{"file to buffer", func(t *testing.T) (int64, []byte, error) {
			var b bytes.Buffer
			n, err := Copy(context.Background(), &b, regular(t, data))
			return n, b.Bytes(), err
		}},
		{"reader to file", func(t *testing.T) (int64, []byte, error) {
			dst := output(t)
			n, err := Copy(context.Background(), dst, bytes.NewReader(data))
			return n, readBack(t, dst), err
		}},
		{"from an offset", func(t *testing.T) (int64, []byte, error) {
			src, dst := regular(t, append([]byte("skip"), data...)), output(t)
			src.Seek(4, io.SeekStart)
			dst.WriteString("")
			n, err := Copy(context.Background(), dst, src)
			return n, readBack(t, dst), err
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			n, got, err := tt.run(t)
			if err != nil || n != int64(len(data)) || !bytes.Equal(got, data) {
				t.Errorf("copied %d (%v), got %d bytes; want %d", n, err, len(got), len(data))
			}
		})
	}
}

// TestOffsets checks that the file offsets move as read and write would
// move them, so that a second copy appends.
func TestOffsets(t *testing.T) {
	src, dst := regular(t, []byte("abcdef")), output(t)
	src.Seek(2, io.SeekStart)
	dst.WriteString("12")
	if _, err := Copy(context.Background(), dst, src); err != nil {
		t.Fatal(err)
	}
	src.Seek(0, io.SeekStart)
	if _, err := CopyN(context.Background(), dst, src, 3); err != nil {
		t.Fatal(err)
	}
	if got := string(readBack(t, dst)); got != "12cdefabc" {
		t.Errorf("got %q, want %q", got, "12cdefabc")
	}
	if off, _ := src.Seek(0, io.SeekCurrent); off != 3 {
		t.Errorf("source offset %d, want 3", off)
	}
}

func TestCopyN(t *testing.T) {
	for _, n := range []int64{0, 1, 4095, 4096, 70000, int64(len(data)), int64(len(data)) + 10} {
		want := data[:min(n, int64(len(data)))]
		dst := output(t)
		got, err := CopyN(context.Background(), dst, regular(t, data), n)
		if err != nil || got != int64(len(want)) || !bytes.Equal(readBack(t, dst), want) {
			t.Errorf("CopyN file %d: %d, %v", n, got, err)
		}
		var b bytes.Buffer
		got, err = CopyN(context.Background(), &b, feed(t, data), n)
		if err != nil || got != int64(len(want)) || !bytes.Equal(b.Bytes(), want) {
			t.Errorf("CopyN pipe %d: %d, %v", n, got, err)
		}
	}
}

// TestProc copies a file that says it is empty but is not: the kernel
// calls copy nothing, read(2) finds the data.
func TestProc(t *testing.T) {
	want, err := os.ReadFile("/proc/self/limits")
	if err != nil {
		t.Skip("no /proc")
	}
	for _, dst := range []func(t *testing.T) (io.Writer, func() []byte){
		func(t *testing.T) (io.Writer, func() []byte) {
			f := output(t)
			return f, func() []byte { return readBack(t, f) }
		},
		func(t *testing.T) (io.Writer, func() []byte) { return drain(t) },
	} {
		f, err := os.Open("/proc/self/limits")
		if err != nil {
			t.Fatal(err)
		}
		w, got := dst(t)
		n, err := Copy(context.Background(), w, f)
		f.Close()
		if b := got(); err != nil || n == 0 || !bytes.Equal(b, want) {
			t.Errorf("copied %d (%v): %q", n, err, b)
		}
	}
}

func TestErrors(t *testing.T) {
	dir := t.TempDir()
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full")
	}
	defer full.Close()
	for _, tt := range []struct {
		name  string
		dst   func(t *testing.T) io.Writer
		src   func(t *testing.T) io.Reader
		write bool // a *WriteError, else a *ReadError
		errno syscall.Errno
	}{
		{"directory", func(t *testing.T) io.Writer { return output(t) },
			func(t *testing.T) io.Reader { d, _ := os.Open(dir); t.Cleanup(func() { d.Close() }); return d },
			false, syscall.EISDIR},
		{"directory to buffer", func(t *testing.T) io.Writer { return new(bytes.Buffer) },
			func(t *testing.T) io.Reader { d, _ := os.Open(dir); t.Cleanup(func() { d.Close() }); return d },
			false, syscall.EISDIR},
		{"directory to pipe", func(t *testing.T) io.Writer { w, _ := drain(t); return w },
			func(t *testing.T) io.Reader { d, _ := os.Open(dir); t.Cleanup(func() { d.Close() }); return d },
			false, syscall.EISDIR},
		{"full device from file", func(*testing.T) io.Writer { return full },
			func(t *testing.T) io.Reader { return regular(t, data) }, true, syscall.ENOSPC},
		{"full device from pipe", func(*testing.T) io.Writer { return full },
			func(t *testing.T) io.Reader { return feed(t, data) }, true, syscall.ENOSPC},
		{"full device from reader", func(*testing.T) io.Writer { return full },
			func(t *testing.T) io.Reader { return bytes.NewReader(data) }, true, syscall.ENOSPC},
		{"closed pipe from file", closedPipe,
			func(t *testing.T) io.Reader { return regular(t, data) }, true, syscall.EPIPE},
		{"closed pipe from pipe", closedPipe,
			func(t *testing.T) io.Reader { return feed(t, data) }, true, syscall.EPIPE},
		{"read-only file", func(t *testing.T) io.Writer { return regular(t, nil) },
			func(t *testing.T) io.Reader { return regular(t, data) }, true, syscall.EBADF},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Copy(context.Background(), tt.dst(t), tt.src(t))
			var re *ReadError
			var we *WriteError
			if tt.write && !errors.As(err, &we) || !tt.write && !errors.As(err, &re) {
				t.Fatalf("got %T %v, want a write error %v", err, err, tt.write)
			}
			if !errors.Is(err, tt.errno) {
				t.Errorf("got %v, want %v", err, tt.errno)
			}
		})
	}
}

// closedPipe is a pipe nobody reads any more.
func closedPipe(t *testing.T) io.Writer {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	r.Close()
	t.Cleanup(func() { w.Close() })
	return w
}

func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, src := range []func(t *testing.T) io.Reader{
		func(t *testing.T) io.Reader { return regular(t, data) },
		func(t *testing.T) io.Reader { return strings.NewReader("x") },
	} {
		dst := output(t)
		n, err := Copy(ctx, dst, src(t))
		if n != 0 || !errors.Is(err, context.Canceled) || len(readBack(t, dst)) != 0 {
			t.Errorf("cancelled copy: %d, %v", n, err)
		}
	}
}

func TestChoose(t *testing.T) {
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	defer pw.Close()
	null, err := os.OpenFile(os.DevNull, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	dirf, _ := os.Open(t.TempDir())
	defer dirf.Close()
	reg, out := regular(t, data), output(t)
	for _, tt := range []struct {
		name     string
		dst, src *os.File
		want     method
	}{
		{"regular to regular", out, reg, copyFileRange},
		{"regular to pipe", pw, reg, sendFile},
		{"regular to device", null, reg, sendFile},
		{"pipe to regular", out, pr, splice},
		{"pipe to pipe", pw, pr, splice},
		{"device to pipe", pw, null, splice},
		{"device to regular", out, null, readWrite},
		{"directory to regular", out, dirf, readWrite},
	} {
		if got := choose(fd(tt.dst), fd(tt.src)); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestCopierReuse: a Copier copies block after block between the same
// two files as CopyN does, without allocating or asking the kernel what
// the files are each time (dd with bs=512 spent more in fstat than in
// copying, and allocated a copier per block); and through readWrite it
// allocates its buffer once for all the copies.
func TestCopierReuse(t *testing.T) {
	dst := output(t)
	src := regular(t, data)
	var c Copier
	block := int64(512)
	total := int64(0)
	allocs := testing.AllocsPerRun(100, func() {
		n, err := c.CopyN(context.Background(), dst, src, block)
		if err != nil {
			t.Fatal(err)
		}
		total += n
	})
	if allocs != 0 {
		t.Errorf("CopyN of a block between the same files: %v allocations per block, want 0", allocs)
	}
	// The rest, then the whole file must be there.
	if _, err := c.Copy(context.Background(), dst, src); err != nil {
		t.Fatal(err)
	}
	if got := readBack(t, dst); !bytes.Equal(got, data) {
		t.Errorf("copied %d bytes, want %d equal to the source", len(got), len(data))
	}

	// Readers and writers that are not files: one buffer for all.
	var out bytes.Buffer
	out.Grow(20 * len(data))
	c = Copier{}
	c.Copy(context.Background(), &out, bytes.NewReader(data)) // the buffer is made here
	allocs = testing.AllocsPerRun(10, func() {
		if _, err := c.Copy(context.Background(), &out, bytes.NewReader(data)); err != nil {
			t.Fatal(err)
		}
	})
	if allocs > 1 { // the bytes.Reader
		t.Errorf("Copy through a buffer: %v allocations per copy, want at most 1", allocs)
	}
	if want := bytes.Repeat(data, 12); !bytes.Equal(out.Bytes(), want) {
		t.Errorf("copied %d bytes, want %d", out.Len(), len(want))
	}
}

// TestCopierRefusal: between files that refuse the kernel's calls the
// Copier remembers to read and write, and switches when the files change.
func TestCopierRefusal(t *testing.T) {
	dirf, err := os.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer dirf.Close()
	var c Copier
	dst := output(t)
	if _, err := c.Copy(context.Background(), dst, dirf); !errors.Is(err, syscall.EISDIR) {
		t.Errorf("copy of a directory: %v, want EISDIR", err)
	}
	src := regular(t, data)
	if n, err := c.Copy(context.Background(), dst, src); err != nil || n != int64(len(data)) || c.m != copyFileRange {
		t.Errorf("then a regular file: %d, %v, method %v; want %d, copy_file_range", n, err, c.m, len(data))
	}
	if got := readBack(t, dst); !bytes.Equal(got, data) {
		t.Errorf("copied %d bytes, want %d", len(got), len(data))
	}
}

func BenchmarkCopy(b *testing.B) {
	big := bytes.Repeat(data, 32)
	p := filepath.Join(b.TempDir(), "big")
	os.WriteFile(p, big, 0o644)
	null, _ := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	defer null.Close()
	b.SetBytes(int64(len(big)))
	for b.Loop() {
		f, _ := os.Open(p)
		if _, err := Copy(context.Background(), null, f); err != nil {
			b.Fatal(err)
		}
		f.Close()
	}
}

// TestFD: a destination given by its descriptor is copied to by the
// kernel from a file, and through the buffer from anything else, with
// the same bytes; the Copier does not remember it (its number is
// another file's next time).
func TestFD(t *testing.T) {
	dir := t.TempDir()
	data := bytes.Repeat([]byte("0123456789abcdef"), 100000)
	src := filepath.Join(dir, "src")
	if err := os.WriteFile(src, data, 0o644); err != nil {
		t.Fatal(err)
	}
	sf, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer sf.Close()
	var c Copier
	for i, from := range []io.Reader{sf, bytes.NewReader(data)} {
		name := filepath.Join(dir, fmt.Sprint("dst", i))
		fd, err := unix.Open(name, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL, 0o644)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := sf.Seek(0, io.SeekStart); err != nil {
			t.Fatal(err)
		}
		n, err := c.CopyN(context.Background(), FD(fd), from, int64(len(data)-5))
		unix.Close(fd)
		got, _ := os.ReadFile(name)
		if err != nil || n != int64(len(data)-5) || !bytes.Equal(got, data[:len(data)-5]) {
			t.Errorf("from %T: %d bytes, %v; file %d bytes", from, n, err, len(got))
		}
		if c.dst != nil {
			t.Errorf("from %T: the Copier remembered a file", from)
		}
	}
	if _, err := FD(-1).Write([]byte("x")); err != unix.EBADF {
		t.Errorf("write to a bad descriptor: %v", err)
	}
}

// TestFDSource: a source given by its descriptor is copied by the kernel
// to a file or another descriptor and through the buffer to anything
// else, with the same bytes; the file on the other side is asked for
// its descriptor once (tar c copies file after file into one archive).
func TestFDSource(t *testing.T) {
	dir := t.TempDir()
	data := bytes.Repeat([]byte("fedcba9876543210"), 100000)
	src := filepath.Join(dir, "src")
	if err := os.WriteFile(src, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := os.Create(filepath.Join(dir, "archive"))
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	outFD, err := unix.Open(filepath.Join(dir, "fd"), unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Close(outFD)
	var buf bytes.Buffer
	var c Copier
	for i, to := range []io.Writer{out, out, FD(outFD), &buf} {
		fd, err := unix.Open(src, unix.O_RDONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		n, err := c.CopyN(context.Background(), to, FD(fd), int64(len(data)-i))
		unix.Close(fd)
		if err != nil || n != int64(len(data)-i) {
			t.Errorf("%d, to %T: %d bytes, %v", i, to, n, err)
		}
		if i < 2 && c.kept != out {
			t.Errorf("%d: the Copier kept %v, not the archive", i, c.kept)
		}
	}
	want := append(append([]byte{}, data...), data[:len(data)-1]...)
	if got, _ := os.ReadFile(out.Name()); !bytes.Equal(got, want) {
		t.Errorf("archive: %d bytes, want %d", len(got), len(want))
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "fd")); !bytes.Equal(got, data[:len(data)-2]) {
		t.Errorf("descriptor: %d bytes", len(got))
	}
	if !bytes.Equal(buf.Bytes(), data[:len(data)-3]) {
		t.Errorf("buffer: %d bytes", buf.Len())
	}
}
