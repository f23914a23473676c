package codec

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

// zst compresses data with the codec's writer.
func zst(t testing.TB, data string, level int) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := ByName("zstd").Writer(&buf, level)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, data)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// skippable is a skippable frame holding payload.
func skippable(payload string) []byte {
	b := []byte{0x50, 0x2a, 0x4d, 0x18, 0, 0, 0, 0}
	binary.LittleEndian.PutUint32(b[4:], uint32(len(payload)))
	return append(b, payload...)
}

func TestZstdRoundTrip(t *testing.T) {
	data := strings.Repeat("zstd round trip line\n", 5000)
	for _, level := range []int{0, 1, 3, 9, 19} {
		out, err := readAll(t, "zstd", zst(t, data, level))
		if err != nil || string(out) != data {
			t.Errorf("level %d: %d bytes, %v", level, len(out), err)
		}
	}
	// Every frame to the end, skippable frames skipped.
	multi := append(append(zst(t, "one\n", 1), skippable("ignored")...), zst(t, "two\n", 19)...)
	if out, err := readAll(t, "zstd", multi); err != nil || string(out) != "one\ntwo\n" {
		t.Errorf("multi-frame: %q, %v", out, err)
	}
}

// TestZstdDamaged: damaged input is an Error in the zstd CLI's words,
// whatever part of the stream is hit.
func TestZstdDamaged(t *testing.T) {
	good := zst(t, strings.Repeat("some text to compress ", 200), 3)
	flip := func(i int) []byte {
		b := bytes.Clone(good)
		b[i] ^= 0x55
		return b
	}
	// A frame header asking for a 256 MiB window (beyond the 128 MiB
	// limit, within the library's own default of 512 MiB), with a raw
	// block after.
	bigWindow := []byte{0x28, 0xb5, 0x2f, 0xfd, 0x00, (28 - 10) << 3, 0x09, 0x00, 0x00, 'a'}
	for _, tc := range []struct {
		name string
		in   []byte
		want error
	}{
		{"truncated", good[:len(good)/2], ZstdErrEOF},
		{"no checksum", good[:len(good)-4], ZstdErrEOF},
		{"bad checksum", flip(len(good) - 1), ZstdErrChecksum},
		{"trailing garbage", append(bytes.Clone(good), "garbage"...), ZstdErrFormat},
		{"not zstd", []byte("hello world\n"), ZstdErrFormat},
		{"header cut", good[:5], ZstdErrEOF},
		{"window too large", bigWindow, ZstdErrMemory},
	} {
		_, err := readAll(t, "zstd", tc.in)
		if err != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
	}
}

// errReader fails with EIO after its data.
type errReader struct{ r io.Reader }

func (e errReader) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err == io.EOF {
		err = syscall.EIO
	}
	return n, err
}

// TestZstdInputError: an error of the reader underneath passes through
// as it is, not as damaged data.
func TestZstdInputError(t *testing.T) {
	in := zst(t, strings.Repeat("x", 100000), 3)
	r, _ := ByName("zstd").Reader(errReader{bytes.NewReader(in[:len(in)/2])})
	_, err := io.ReadAll(r)
	if !errors.Is(err, syscall.EIO) {
		t.Errorf("got %v, want EIO", err)
	}
	var ce Error
	if errors.As(err, &ce) {
		t.Errorf("an input error reported as damaged data: %v", err)
	}
}

// TestZstdBomb: a small stream that expands to 1 GiB decodes in bounded
// memory (the output streams through a fixed window), and a frame cannot
// make the decoder take a window beyond the limit.
func TestZstdBomb(t *testing.T) {
	if testing.Short() {
		t.Skip("decodes 1 GiB")
	}
	var buf bytes.Buffer
	w, _ := NewZstdEncoder(&buf, 1, 1)
	zero := make([]byte, 1<<20)
	for range 1024 {
		w.Write(zero)
	}
	w.Close()
	if buf.Len() > 1<<20 {
		t.Fatalf("the bomb is %d bytes", buf.Len())
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	r, _ := ByName("zstd").Reader(bytes.NewReader(buf.Bytes()))
	n, err := io.Copy(io.Discard, r)
	r.Close()
	runtime.ReadMemStats(&after)
	if err != nil || n != 1<<30 {
		t.Fatalf("decoded %d bytes, %v", n, err)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 64<<20 {
		t.Errorf("decoding 1 GiB allocated %d MiB", grew>>20)
	}
}

// FuzzZstdReader: any input decodes or fails with an Error, without a
// panic, and never yields more than the decoder's limits allow.
func FuzzZstdReader(f *testing.F) {
	f.Add(zst(f, "hello\n", 3))
	f.Add(append(skippable("x"), zst(f, "a", 1)...))
	f.Add([]byte{0x28, 0xb5, 0x2f, 0xfd, 0x00, 0xa8, 0x09, 0x00, 0x00, 'a'})
	f.Fuzz(func(t *testing.T, in []byte) {
		r, err := ByName("zstd").Reader(bytes.NewReader(in))
		if err != nil {
			t.Skip()
		}
		defer r.Close()
		_, err = io.Copy(io.Discard, io.LimitReader(r, 64<<20))
		var ce Error
		if err != nil && !errors.As(err, &ce) {
			t.Errorf("%T %v is not an Error", err, err)
		}
	})
}
