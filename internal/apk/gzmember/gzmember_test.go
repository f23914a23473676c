package gzmember

import (
	"bytes"
	"compress/gzip"
	"crypto/sha1"
	"hash"
	"io"
	"math/rand"
	"testing"
	"testing/iotest"
)

func member(t *testing.T, data []byte, level int) []byte {
	t.Helper()
	var b bytes.Buffer
	w, err := gzip.NewWriterLevel(&b, level)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(data)
	w.Close()
	return b.Bytes()
}

// TestMembers reads concatenated members one by one: each member's
// data, and exactly its compressed bytes in its hash, through sources
// that return the input whole, a byte at a time, or in odd pieces.
func TestMembers(t *testing.T) {
	rnd := rand.New(rand.NewSource(1))
	big := make([]byte, 200<<10)
	for i := range big {
		big[i] = "abcdefgh\n"[rnd.Intn(9)]
	}
	noise := make([]byte, 70<<10)
	rnd.Read(noise)
	datas := [][]byte{[]byte("signature"), big, {}, noise, []byte("last")}
	var in []byte
	var members [][]byte
	for i, d := range datas {
		m := member(t, d, []int{9, 6, 1, 0, 5}[i])
		members = append(members, m)
		in = append(in, m...)
	}
	in = append(in, 0, 0, 0)
	for name, src := range map[string]func() io.Reader{
		"whole":    func() io.Reader { return bytes.NewReader(in) },
		"one byte": func() io.Reader { return iotest.OneByteReader(bytes.NewReader(in)) },
		"halves":   func() io.Reader { return iotest.HalfReader(bytes.NewReader(in)) },
	} {
		r := NewReader(src())
		var off int64
		for i, d := range datas {
			h := sha1.New()
			if err := r.Next(h); err != nil {
				t.Fatalf("%s: member %d: Next: %v", name, i, err)
			}
			if r.MemberStart() != off {
				t.Fatalf("%s: member %d starts at %d, want %d", name, i, r.MemberStart(), off)
			}
			got, err := io.ReadAll(r)
			if err != nil || !bytes.Equal(got, d) {
				t.Fatalf("%s: member %d: %v, %d bytes, want %d", name, i, err, len(got), len(d))
			}
			off += int64(len(members[i]))
			if r.Offset() != off {
				t.Fatalf("%s: member %d ends at %d, want %d", name, i, r.Offset(), off)
			}
			if want := sha1.Sum(members[i]); !bytes.Equal(h.Sum(nil), want[:]) {
				t.Fatalf("%s: member %d: hash of other bytes than the member's", name, i)
			}
		}
		// Three zero bytes: a header cut short.
		if err := r.Next(); err != ErrTruncate {
			t.Fatalf("%s: after the members: %v", name, err)
		}
	}
	r := NewReader(bytes.NewReader(in))
	for range datas {
		r.Next()
		io.Copy(io.Discard, r)
	}
	if zeros, err := r.Tail(); !zeros || err != nil {
		t.Fatalf("Tail: %v, %v", zeros, err)
	}
}

// TestDamaged: truncated, corrupt and mismatched members give the
// package's errors.
func TestDamaged(t *testing.T) {
	data := bytes.Repeat([]byte("gzmember damaged "), 2000)
	m := member(t, data, 6)
	corrupt := append([]byte{}, m...)
	corrupt[10] = 0xff // block type 3
	crc := append([]byte{}, m...)
	crc[len(crc)-8] ^= 1
	for _, c := range []struct {
		name string
		in   []byte
		want error
	}{
		{"cut in data", m[:len(m)/2], ErrTruncate},
		{"cut in trailer", m[:len(m)-3], ErrTruncate},
		{"corrupt", corrupt, ErrCorrupt},
		{"crc", crc, ErrTrailer},
	} {
		r := NewReader(bytes.NewReader(c.in))
		if err := r.Next(nopHash{}); err != nil {
			t.Fatalf("%s: Next: %v", c.name, err)
		}
		if _, err := io.Copy(io.Discard, r); err != c.want {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
}

type nopHash struct{ hash.Hash }

func (nopHash) Write(p []byte) (int, error) { return len(p), nil }
