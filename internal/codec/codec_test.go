package codec

import (
	"bytes"
	"encoding/hex"
	"errors"
	"io"
	"testing"
)

func TestDetect(t *testing.T) {
	for _, tc := range []struct {
		head []byte
		want string
	}{
		{[]byte{0x1f, 0x8b, 8, 0}, "gzip"},
		{[]byte("BZh91AY"), "bzip2"},
		{[]byte("\xfd7zXZ\x00\x00"), "xz"},
		{[]byte{0x28, 0xb5, 0x2f, 0xfd, 0}, "zstd"},
		{[]byte{0x1f, 0x9d, 0x90}, "compress"},
	} {
		c := Detect(tc.head)
		if c == nil || c.Name != tc.want {
			t.Errorf("Detect(%q) = %v, want %s", tc.head, c, tc.want)
		}
	}
	if c := Detect([]byte("ustar\x00")); c != nil {
		t.Errorf("Detect(ustar) = %s, want nil", c.Name)
	}
	if c := BySuffix("a.tar.bz2"); c == nil || c.Name != "bzip2" {
		t.Errorf("BySuffix(a.tar.bz2) = %v", c)
	}
	if c := BySuffix("a.tar"); c != nil {
		t.Errorf("BySuffix(a.tar) = %s, want nil", c.Name)
	}
}

// helloBz2 is "hello\n" as bzip2 -9 (1.0.8) writes it.
const helloBz2 = "425a6839314159265359c1c080e2000001410000100244a00030cd00c3462997177245385090c1c080e2"

func readAll(t *testing.T, name string, in []byte) ([]byte, error) {
	t.Helper()
	r, err := ByName(name).Reader(bytes.NewReader(in))
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
}

func TestBzip2Read(t *testing.T) {
	in, _ := hex.DecodeString(helloBz2)
	out, err := readAll(t, "bzip2", in)
	if err != nil || string(out) != "hello\n" {
		t.Fatalf("bzip2 read: %q, %v", out, err)
	}
	bad := bytes.Clone(in)
	bad[20] ^= 0xff
	badCRC := bytes.Clone(in)
	badCRC[len(badCRC)-1] ^= 1 // the stream's CRC
	// BusyBox's words (Alpine's bzcat on the same input).
	for _, tc := range []struct {
		name string
		in   []byte
		out  string
		err  error
	}{
		{"damaged", bad, "", Error("bunzip error -5")},
		{"stream crc", badCRC, "hello\n", Error("CRC error")},
		{"BZ then junk", []byte("BZx not bzip2"), "", Error("bunzip error -2")},
		{"level 0", []byte("BZh0\x31\x41\x59\x26\x53\x59"), "", Error("bunzip error -2")},
		{"not BZ", []byte("B"), "", Error("invalid magic")},
		{"empty", nil, "", Error("invalid magic")},
		{"cut", in[:len(in)-4], "hello\n", Error("bunzip error -3")},
		{"cut in the block", in[:20], "", Error("bunzip error -3")},
		{"header only", []byte("BZh9"), "", Error("bunzip error -3")},
		{"two streams", append(bytes.Clone(in), in...), "hello\nhello\n", nil},
		{"trailing junk", append(bytes.Clone(in), "junk\n"...), "hello\n", nil},
		{"trailing zeros", append(bytes.Clone(in), 0, 0, 0, 0), "hello\n", nil},
		{"one trailing byte", append(bytes.Clone(in), 'B'), "hello\n", nil},
		{"two streams, one trailing byte", append(append(bytes.Clone(in), in...), '\n'), "hello\nhello\n", nil},
		{"second stream cut", append(bytes.Clone(in), "BZh9"...), "hello\n", Error("bunzip error -3")},
	} {
		out, err := readAll(t, "bzip2", tc.in)
		if string(out) != tc.out || err != tc.err {
			t.Errorf("%s: %q, %v; want %q, %v", tc.name, out, err, tc.out, tc.err)
		}
	}
}

func TestUnsupported(t *testing.T) {
	_, err := ByName("compress").Writer(io.Discard, 0)
	if !errors.Is(err, ErrUnsupported) || err.Error() != "compress (de)compression is not supported yet" {
		t.Errorf("compress writer: %v", err)
	}
}
