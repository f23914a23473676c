package gzipio

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"
	"time"
)

func compress(t testing.TB, data string, h Header) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw, err := NewWriter(&buf, h)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := zw.Write([]byte(data)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// hello is BusyBox's test stream: "HELLO\n" with a time stamp.
const hello = "\x1f\x8b\x08\x00\x85\x1d\xef\x45\x02\x03\xf3\x70\xf5\xf1\xf1\xe7\x02\x00\x6e\xd7\xac\xfd\x06\x00\x00\x00"

func decompress(in []byte) (string, *Reader, error) {
	z, err := NewReader(bytes.NewReader(in))
	if err != nil {
		return "", nil, err
	}
	out, err := io.ReadAll(z)
	return string(out), z, err
}

func TestRoundTrip(t *testing.T) {
	data := strings.Repeat("the quick brown fox jumps over the lazy dog\n", 5000)
	for level := 1; level <= 9; level++ {
		mt := time.Date(2021, 2, 3, 4, 5, 6, 0, time.UTC)
		c := compress(t, data, Header{Level: level, Name: "fox.txt", ModTime: mt})
		got, z, err := decompress(c)
		if err != nil || got != data {
			t.Fatalf("level %d: %v", level, err)
		}
		if z.Header.Name != "fox.txt" || !z.Header.ModTime.Equal(mt) || z.Header.OS != OSUnix {
			t.Errorf("level %d: header %+v", level, z.Header)
		}
		// The standard library reads what we write.
		zr, err := gzip.NewReader(bytes.NewReader(c))
		if err != nil {
			t.Fatal(err)
		}
		std, err := io.ReadAll(zr)
		if err != nil || string(std) != data || zr.Name != "fox.txt" {
			t.Errorf("level %d: compress/gzip reads %d bytes, %v, name %q", level, len(std), err, zr.Name)
		}
	}
	// BusyBox's own: no name, no time stamp, byte 8 says level 9.
	c := compress(t, "x", Header{Level: 9})
	if c[3] != 0 || !bytes.Equal(c[4:8], []byte{0, 0, 0, 0}) || c[8] != 2 || c[9] != 3 {
		t.Errorf("header %x", c[:10])
	}
}

func TestBusyBoxStream(t *testing.T) {
	got, z, err := decompress([]byte(hello))
	if err != nil || got != "HELLO\n" || z.Header.ModTime.Unix() != 0x45ef1d85 || z.Trailing() != TrailingNone {
		t.Errorf("%q, %v, %+v", got, err, z)
	}
}

// TestMembers: members one after the other make one stream; after the
// last, zero bytes are padding and anything else is garbage.
func TestMembers(t *testing.T) {
	a, b := compress(t, "first\n", Header{}), compress(t, "second\n", Header{Name: "b"})
	tests := []struct {
		in       []byte
		out      string
		trailing Trailing
		err      error
	}{
		{append(append([]byte{}, a...), b...), "first\nsecond\n", TrailingNone, nil},
		{append(append([]byte{}, a...), make([]byte, 1000)...), "first\n", TrailingZeros, nil},
		{append(append([]byte{}, a...), "junk"...), "first\n", TrailingGarbage, nil},
		{append(append([]byte{}, a...), "\x00\x00junk"...), "first\n", TrailingGarbage, nil},
		{append(append([]byte{}, a...), "\x1f\x8bjunk"...), "first\n", TrailingNone, ErrCorrupt},
		{append(append([]byte{}, a...), "\x1f"...), "first\n", TrailingGarbage, nil},
	}
	for i, tt := range tests {
		got, z, err := decompress(tt.in)
		if got != tt.out || err != tt.err || z.Trailing() != tt.trailing {
			t.Errorf("%d: %q, %v, trailing %v; want %q, %v, %v", i, got, err, z.Trailing(), tt.out, tt.err, tt.trailing)
		}
	}
}

// TestBroken: each way a stream can be broken gets BusyBox's word.
func TestBroken(t *testing.T) {
	good := compress(t, strings.Repeat("some data to compress\n", 100), Header{Name: "n"})
	flip := func(i int) []byte {
		b := append([]byte{}, good...)
		b[i] ^= 0xff
		return b
	}
	tests := []struct {
		name string
		in   []byte
		err  error
	}{
		{"empty", nil, ErrMagic},
		{"one byte", []byte{0x1f}, ErrMagic},
		{"not gzip", []byte("plain text"), ErrMagic},
		{"other method", []byte("\x1f\x8b\x07\x00\x00\x00\x00\x00\x00\x03"), ErrCorrupt},
		{"cut in header", good[:5], ErrCorrupt},
		{"cut in name", good[:11], ErrCorrupt},
		{"cut in data", good[:len(good)/2], ErrEOF},
		{"cut in trailer", good[:len(good)-3], ErrCorrupt},
		{"bad crc", flip(len(good) - 8), ErrCRC},
		{"bad length", flip(len(good) - 2), ErrLength},
		{"bad data", append(append([]byte{}, good[:12]...), bytes.Repeat([]byte{0xff}, 50)...), ErrCorrupt},
	}
	for _, tt := range tests {
		_, _, err := decompress(tt.in)
		if !errors.Is(err, tt.err) {
			t.Errorf("%s: %v, want %v", tt.name, err, tt.err)
		}
	}
}

// TestHeaderFields: extra field, name, comment and header CRC are read
// (names kept to MaxName bytes).
func TestHeaderFields(t *testing.T) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Name = strings.Repeat("n", MaxName+100)
	zw.Comment = "a comment"
	zw.Extra = []byte("extra!")
	zw.Write([]byte("data"))
	zw.Close()
	got, z, err := decompress(buf.Bytes())
	if err != nil || got != "data" || len(z.Header.Name) != MaxName || z.Header.Comment != "a comment" {
		t.Errorf("%q, %v, name %d bytes, comment %q", got, err, len(z.Header.Name), z.Header.Comment)
	}
	b := buf.Bytes()
	h, n, err := ReadHeader(bufio.NewReader(bytes.NewReader(b)))
	if err != nil || n != int64(10+2+6+MaxName+100+1+len("a comment")+1) || h.Comment != "a comment" {
		t.Errorf("ReadHeader: %d bytes, %v", n, err)
	}
}

// TestBomb: a stream that inflates a thousandfold streams through in
// constant memory.
func TestBomb(t *testing.T) {
	var buf bytes.Buffer
	zw, _ := NewWriter(&buf, Header{Level: 9})
	zeros := make([]byte, 1<<20)
	for i := 0; i < 256; i++ {
		zw.Write(zeros)
	}
	zw.Close()
	if buf.Len() > 1<<20 {
		t.Fatalf("256 MiB of zeros compressed to %d bytes", buf.Len())
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	z, err := NewReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	n, err := io.CopyBuffer(io.Discard, z, make([]byte, 64<<10))
	runtime.ReadMemStats(&after)
	if err != nil || n != 256<<20 {
		t.Fatalf("%d bytes, %v", n, err)
	}
	if grew := after.HeapInuse - min(after.HeapInuse, before.HeapInuse); grew > 8<<20 {
		t.Errorf("the heap grew by %d bytes inflating a bomb", grew)
	}
}

// TestWriterError: a failing output is reported, and sticks.
func TestWriterError(t *testing.T) {
	zw, _ := NewWriter(failWriter{}, Header{})
	zw.Write(make([]byte, 1<<20))
	if err := zw.Close(); err == nil {
		t.Error("Close on a failing writer succeeded")
	}
	if _, err := zw.Write([]byte("x")); err == nil {
		t.Error("Write after a failure succeeded")
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("no space") }

// TestMemberBoundaries: the decoder consumes exactly a member's DEFLATE
// data, so the trailer, the next member and what follows the last one
// are read where they are, however the input arrives.
func TestMemberBoundaries(t *testing.T) {
	a := compress(t, strings.Repeat("alpha beta gamma ", 5000), Header{})
	b := compress(t, "delta", Header{Level: 1})
	in := append(append(append([]byte{}, a...), b...), "garbage"...)
	for name, r := range map[string]func() io.Reader{
		"whole":    func() io.Reader { return bytes.NewReader(in) },
		"one byte": func() io.Reader { return iotest.OneByteReader(bytes.NewReader(in)) },
	} {
		z, err := NewReader(r())
		if err != nil {
			t.Fatal(err)
		}
		out, err := io.ReadAll(z)
		if err != nil || string(out) != strings.Repeat("alpha beta gamma ", 5000)+"delta" {
			t.Fatalf("%s: %v, %d bytes", name, err, len(out))
		}
		if z.Members != 2 || z.Trailing() != TrailingGarbage || z.InputSize() != int64(len(a)+len(b)+1) {
			t.Fatalf("%s: %d members, trailing %v, input %d", name, z.Members, z.Trailing(), z.InputSize())
		}
		z, _ = NewReader(r())
		z.Single()
		if _, err := io.Copy(io.Discard, z); err != nil || z.InputSize() != int64(len(a)) {
			t.Fatalf("%s: single member: %v, input %d, want %d", name, err, z.InputSize(), len(a))
		}
	}
}
