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
	if _, err := readAll(t, "bzip2", bad); err != Error("corrupted data") {
		t.Errorf("damaged bzip2: %v, want corrupted data", err)
	}
	if _, err := readAll(t, "bzip2", []byte("BZx not bzip2")); err != Error("invalid magic") {
		t.Errorf("bad magic: %v, want invalid magic", err)
	}
	if _, err := readAll(t, "bzip2", in[:len(in)-4]); err != Error("unexpected end of file") {
		t.Errorf("cut bzip2: %v, want unexpected end of file", err)
	}
}

func TestUnsupported(t *testing.T) {
	_, err := ByName("compress").Writer(io.Discard, 0)
	if !errors.Is(err, ErrUnsupported) || err.Error() != "compress (de)compression is not supported yet" {
		t.Errorf("compress writer: %v", err)
	}
}
