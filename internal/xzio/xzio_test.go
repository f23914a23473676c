package xzio

import (
	"bytes"
	"errors"
	"io"
	"os/exec"
	"runtime"
	"strings"
	"testing"
)

// helloXz is "hello\n" as xz-utils 5.4 writes it (CRC-64).
const helloXz = "\xfd7zXZ\x00\x00\x04\xe6\xd6\xb4\x46\x02\x00\x21\x01\x16\x00\x00\x00\x74\x2f\xe5\xa3\x01\x00\x05hello\n\x00\x00\x00\xa5\x60\x97\xf1\x94\xf6\xfd\xe0\x00\x01\x1e\x06\xc1\x2f\xa4\x1d\x1f\xb6\xf3\x7d\x01\x00\x00\x00\x00\x04YZ"

// helloLzma is "hello\n" as xz-utils' lzma writes it.
const helloLzma = "\x5d\x00\x00\x80\x00\xff\xff\xff\xff\xff\xff\xff\xff\x00\x34\x19\x49\xee\x8d\xdd\x3d\x3a\xdf\xff\xff\xdd\x12\x00\x00"

func unxz(in []byte) ([]byte, error) {
	r, err := NewReader(bytes.NewReader(in))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}

func xz(t testing.TB, data []byte, o Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := NewWriter(&buf, o)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestRead(t *testing.T) {
	hello := []byte(helloXz)
	for _, tc := range []struct {
		name string
		in   string
		want string
		err  error
	}{
		{"one stream", helloXz, "hello\n", nil},
		{"two streams", helloXz + helloXz, "hello\nhello\n", nil},
		{"stream padding", helloXz + "\x00\x00\x00\x00" + helloXz + "\x00\x00\x00\x00", "hello\nhello\n", nil},
		{"padding not in fours", helloXz + "\x00\x00", "hello\n", errCorrupt},
		// BusyBox's unxz ignores what follows a stream.
		{"trailing garbage", helloXz + "garbage", "hello\n", nil},
		{"not xz", "not xz at all", "", errMagic},
		{"empty", "", "", errMagic},
		{"cut in the header", helloXz[:8], "", errMagic},
		{"cut in the data", helloXz[:30], "hel", errCorrupt},
		{"cut in the index", helloXz[:len(helloXz)-14], "hello\n", errCorrupt},
		{"cut in the footer", helloXz[:len(helloXz)-2], "hello\n", errCorrupt},
		{"second stream cut", helloXz + helloXz[:20], "hello\n", errCorrupt},
		{"bad header crc", helloXz[:8] + "\x00" + helloXz[9:], "", errMagic},
		{"bad check", string(flip(hello, 37)), "hello\n", errCorrupt},
		{"bad index", string(flip(hello, 52)), "hello\n", errCorrupt},
		{"bad footer magic", helloXz[:len(helloXz)-1] + "X", "hello\n", errCorrupt},
		{"bad block header crc", string(flip(hello, 16)), "", errCorrupt},
	} {
		got, err := unxz([]byte(tc.in))
		if string(got) != tc.want || err != tc.err {
			t.Errorf("%s: %q, %v; want %q, %v", tc.name, got, err, tc.want, tc.err)
		}
	}
}

func flip(p []byte, i int) []byte {
	q := bytes.Clone(p)
	q[i] ^= 0x55
	return q
}

func TestRoundTrip(t *testing.T) {
	data := []byte(strings.Repeat("the quick brown fox jumps over the lazy dog\n", 30000))
	for _, tc := range []struct {
		name string
		o    Options
	}{
		{"default", Options{Level: 6, Size: -1}},
		{"level 0", Options{Level: 0, Size: -1}},
		{"extreme", Options{Level: 1, Extreme: true, Size: -1}},
		{"crc32", Options{Check: CheckCRC32, Size: -1}},
		{"sha256", Options{Check: CheckSHA256, Size: -1}},
		{"no check", Options{NoCheck: true, Size: -1}},
		{"size known", Options{Level: 9, Size: int64(len(data))}},
		{"threads", Options{Threads: 3, BlockSize: 100000, Size: -1}},
	} {
		c := xz(t, data, tc.o)
		got, err := unxz(c)
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("%s: round trip: %d bytes, %v", tc.name, len(got), err)
		}
	}
	// Nothing written is still a stream (xz-utils writes the same 32
	// bytes for empty input).
	c := xz(t, nil, Options{Size: -1})
	if got, err := unxz(c); err != nil || len(got) != 0 || len(c) != 32 {
		t.Errorf("empty: %d bytes of %q, %v", len(c), got, err)
	}
}

// TestBigDict: a header asking for a dictionary over BusyBox's 64 MiB is
// refused before anything is allocated.
func TestBigDict(t *testing.T) {
	c := xz(t, []byte("hello\n"), Options{Level: 6, Size: -1})
	// The LZMA2 dictionary byte of the first block header: 38 is 1 GiB.
	i := bytes.Index(c, []byte{0x21, 0x01}) + 2
	c[i] = 38
	fixBlockCRC(c)
	var err error
	allocs := allocated(func() { _, err = unxz(c) })
	if err != errCorrupt || allocs > 8<<20 {
		t.Errorf("1 GiB dictionary: %v, %d bytes allocated", err, allocs)
	}
}

func fixBlockCRC(c []byte) {
	h := c[12 : 12+int(c[12])*4+4]
	n := len(h) - 4
	crc := crc32IEEE(h[:n])
	h[n], h[n+1], h[n+2], h[n+3] = byte(crc), byte(crc>>8), byte(crc>>16), byte(crc>>24)
}

func allocated(f func()) uint64 {
	var a, b runtime.MemStats
	runtime.ReadMemStats(&a)
	f()
	runtime.ReadMemStats(&b)
	return b.TotalAlloc - a.TotalAlloc
}

// TestBomb: a small input that expands a thousandfold (sixteen streams
// of 4 MiB of zeros each) decompresses in bounded memory: the reader
// streams, whatever the output's size.
func TestBomb(t *testing.T) {
	one := xz(t, make([]byte, 4<<20), Options{Level: 0, Size: -1})
	bomb := bytes.Repeat(one, 16)
	const size = 16 * 4 << 20
	if len(bomb) > size/1000 {
		t.Fatalf("bomb is %d bytes", len(bomb))
	}
	var n int64
	var err error
	allocs := allocated(func() {
		r, _ := NewReader(bytes.NewReader(bomb))
		n, err = io.CopyBuffer(io.Discard, r, make([]byte, 64<<10))
	})
	if n != size || err != nil || allocs > 16<<20 {
		t.Errorf("bomb: %d bytes out, %v, %d bytes allocated", n, err, allocs)
	}
}

// TestCutAnywhere: every truncation and every byte flip of a stream is
// an error or the data, never a panic or a silent short read.
func TestCutAnywhere(t *testing.T) {
	data := []byte(strings.Repeat("abcdefgh", 5000))
	c := xz(t, data, Options{Size: -1})
	for i := 0; i < len(c); i++ {
		got, err := unxz(c[:i])
		if err == nil {
			t.Fatalf("cut at %d of %d: no error, %d bytes", i, len(c), len(got))
		}
		bad := flip(c, i)
		got, err = unxz(bad)
		if err == nil && !bytes.Equal(got, data) {
			t.Fatalf("flip at %d: wrong data and no error", i)
		}
	}
}

func TestLzma(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   string
		want string
		err  error
	}{
		{"hello", helloLzma, "hello\n", nil},
		{"trailing data ignored", helloLzma + helloLzma, "hello\n", nil},
		{"short header", helloLzma[:10], "", Error("bad lzma header")},
		{"bad properties", "\xe1" + helloLzma[1:], "", Error("bad lzma header")},
		{"cut", helloLzma[:20], "", Error("unexpected EOF")},
		{"huge dictionary", helloLzma[:1] + "\x00\x00\x00\xf0" + helloLzma[5:], "", Error("out of memory")},
	} {
		var got []byte
		r, err := NewLzmaReader(strings.NewReader(tc.in))
		if err == nil {
			got, err = io.ReadAll(r)
		}
		if string(got) != tc.want || err != tc.err {
			t.Errorf("%s: %q, %v; want %q, %v", tc.name, got, err, tc.want, tc.err)
		}
	}
	var buf bytes.Buffer
	w, _ := NewLzmaWriter(&buf, Options{Level: 6, Size: -1})
	data := strings.Repeat("lzma alone\n", 1000)
	io.WriteString(w, data)
	w.Close()
	r, err := NewLzmaReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := io.ReadAll(r); string(got) != data || err != nil {
		t.Errorf("lzma round trip: %d bytes, %v", len(got), err)
	}
}

// TestIOError: an error of the underlying reader is passed on, not
// called damaged data.
func TestIOError(t *testing.T) {
	eio := errors.New("input/output error")
	r, err := NewReader(io.MultiReader(strings.NewReader(helloXz[:30]), errReader{eio}))
	if err == nil {
		_, err = io.ReadAll(r)
	}
	if err != eio {
		t.Errorf("I/O error: %v", err)
	}
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

// failWriter fails after n bytes.
type failWriter struct{ n int }

func (f *failWriter) Write(p []byte) (int, error) {
	if len(p) > f.n {
		n := f.n
		f.n = 0
		return n, errors.New("disk full")
	}
	f.n -= len(p)
	return len(p), nil
}

// TestWriteError: the LZMA2 coder's Close drops its last flush's error;
// the Writer reports it.
func TestWriteError(t *testing.T) {
	for _, n := range []int{0, 5, 12, 40} {
		w, _ := NewWriter(&failWriter{n: n}, Options{Size: -1})
		_, err := w.Write([]byte("hello, world\n"))
		if err == nil {
			err = w.Close()
		}
		if err == nil || err.Error() != "disk full" {
			t.Errorf("fail after %d: %v", n, err)
		}
	}
}

// TestInterop checks streams against xz-utils both ways.
func TestInterop(t *testing.T) {
	if _, err := exec.LookPath("xz"); err != nil {
		t.Skip("xz-utils not installed (scripts/ci-deps.sh)")
	}
	data := bytes.Repeat([]byte("interop with xz-utils 0123456789\n"), 20000)
	for _, args := range [][]string{
		{"-c"}, {"-c", "-0"}, {"-c", "-9e"}, {"-c", "-C", "none"}, {"-c", "-C", "crc32"}, {"-c", "-C", "sha256"},
		{"-c", "-T2", "--block-size=100000"}, {"-c", "--format=lzma"},
	} {
		cmd := exec.Command("xz", args...)
		cmd.Stdin = bytes.NewReader(data)
		c, err := cmd.Output()
		if err != nil {
			t.Fatal(err)
		}
		var got []byte
		if args[len(args)-1] == "--format=lzma" {
			var r io.Reader
			if r, err = NewLzmaReader(bytes.NewReader(c)); err == nil {
				got, err = io.ReadAll(r)
			}
		} else {
			got, err = unxz(c)
		}
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("xz %v | ours: %d bytes, %v", args, len(got), err)
		}
	}
	for _, o := range []Options{{Size: -1}, {Check: CheckSHA256, Size: -1}, {NoCheck: true, Size: -1}, {Threads: 2, BlockSize: 50000, Size: -1}} {
		cmd := exec.Command("xz", "-dc")
		cmd.Stdin = bytes.NewReader(xz(t, data, o))
		got, err := cmd.Output()
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("ours %+v | xz -dc: %d bytes, %v", o, len(got), err)
		}
	}
	var buf bytes.Buffer
	w, _ := NewLzmaWriter(&buf, Options{Size: -1})
	w.Write(data)
	w.Close()
	cmd := exec.Command("xz", "-dc", "--format=lzma")
	cmd.Stdin = &buf
	if got, err := cmd.Output(); err != nil || !bytes.Equal(got, data) {
		t.Errorf("ours lzma | xz -dc --format=lzma: %d bytes, %v", len(got), err)
	}
}
