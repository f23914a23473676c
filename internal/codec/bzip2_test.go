package codec

import (
	"bytes"
	"encoding/hex"
	"io"
	"runtime"
	"testing"
)

func bz2(t testing.TB, data []byte, level int) []byte {
	t.Helper()
	var b bytes.Buffer
	w, err := ByName("bzip2").Writer(&b, level)
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

// TestBzip2Write: the writer's block size is the level (0 is 9), and
// what it writes reads back.
func TestBzip2Write(t *testing.T) {
	data := sample(2 << 20)
	for level, head := range map[int]string{0: "BZh9", 1: "BZh1", 6: "BZh6", 9: "BZh9", 12: "BZh9"} {
		z := bz2(t, data, level)
		if string(z[:4]) != head {
			t.Errorf("level %d: %q", level, z[:4])
		}
		if got, err := readAll(t, "bzip2", z); err != nil || !bytes.Equal(got, data) {
			t.Errorf("level %d: %d bytes, %v", level, len(got), err)
		}
	}
}

// TestBzip2Bomb: 256 MiB of zeros in under 1 KiB decompresses as a
// stream, allocating a few block buffers, not the output.
func TestBzip2Bomb(t *testing.T) {
	if testing.Short() {
		t.Skip("decompresses 256 MiB")
	}
	stream := bz2(t, make([]byte, 64<<20), 9)
	bomb := bytes.Repeat(stream, 4)
	if len(bomb) > 4<<10 {
		t.Fatalf("the bomb is %d bytes", len(bomb))
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	n, err := io.Copy(io.Discard, mustReader(t, bomb))
	runtime.ReadMemStats(&after)
	if err != nil || n != 256<<20 {
		t.Fatalf("bomb: %d bytes, %v", n, err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
		t.Errorf("decompressing 256 MiB allocated %d MiB", alloc>>20)
	}
}

func mustReader(t testing.TB, in []byte) io.Reader {
	r, err := ByName("bzip2").Reader(bytes.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func FuzzBzip2Reader(f *testing.F) {
	hello, _ := hex.DecodeString(helloBz2)
	f.Add(hello)
	f.Add(append(bytes.Clone(hello), hello...))
	f.Add(append(bytes.Clone(hello), "BZh9"...))
	f.Add(bz2(f, sample(3000), 1))
	f.Fuzz(func(t *testing.T, in []byte) {
		// A bzip2 block of 900 kB expands at most by RLE1's 255/5: the
		// output is bounded, and every failure is worded.
		n, err := io.Copy(io.Discard, mustReader(t, in))
		if n > int64(len(in)+1)*1024*1024 {
			t.Fatalf("%d bytes from %d", n, len(in))
		}
		if err != nil {
			if _, ok := err.(Error); !ok {
				t.Fatalf("error %T %v", err, err)
			}
		}
	})
}

// TestBzip2LoneTrailingByte: one byte after a stream is ignored, as
// BusyBox ignores it, whatever the padding of the stream's end; a
// stream cut anywhere is still an error.
func TestBzip2LoneTrailingByte(t *testing.T) {
	for n := range 24 {
		data := sample(n * 7)
		z := bz2(t, data, 1)
		got, err := readAll(t, "bzip2", append(bytes.Clone(z), 'x'))
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("%d bytes and one more: %v", len(z), err)
		}
		for cut := 4; cut < len(z); cut++ {
			if _, err := readAll(t, "bzip2", z[:cut]); err == nil {
				t.Errorf("%d bytes cut to %d: no error", len(z), cut)
			}
		}
	}
}
