package lzmadec

import (
	"bytes"
	"io"
	"math/rand"
	"testing"

	"github.com/ulikunitz/xz/lzma"
)

// decodeBoth decodes an LZMA2 stream with the streaming reader and the
// flat decoder (into a buffer of the streaming output's size), which
// must agree.
func decodeBoth(t *testing.T, in []byte, dict int) ([]byte, error) {
	t.Helper()
	got, err := io.ReadAll(NewReader2(bytes.NewReader(in), dict))
	var d Decoder
	dst := make([]byte, len(got))
	n, ferr := d.DecodeLZMA2(dst, in, dict)
	if (err == nil) != (ferr == nil) || err == nil && (!bytes.Equal(dst, got) || n != len(in)) {
		t.Errorf("streaming: %d bytes, %v; flat: %v, used %d of %d", len(got), err, ferr, n, len(in))
	}
	return got, err
}

// oneChunk is data (under 64 KiB compressed) as the host's xz writes it
// in raw LZMA2: one LZMA chunk resetting everything, then the end byte.
func oneChunk(t *testing.T, data []byte) []byte {
	c := hostXz(t, data, "--format=raw", "-c", "--lzma2=preset=6,dict=64KiB")
	if c[0] != 0xe0 || c[len(c)-1] != 0 || int(c[3])<<8|int(c[4])+1+6+1 != len(c) {
		t.Fatalf("not one chunk: %x...", c[:8])
	}
	return c[:len(c)-1]
}

// TestChunks: LZMA2's chunk types and resets, hand-assembled.
func TestChunks(t *testing.T) {
	// Chunks that go on without a dictionary reset decode as if fresh
	// when what precedes them is a multiple of 4 bytes (the position
	// state, pb=2) ending in a byte below 32 (the literal context,
	// lc=3), as after a reset.
	a := sample(5000, 1)
	a[len(a)-1] = 0
	b := sample(7000, 2)
	ca, cb := oneChunk(t, a), oneChunk(t, b)
	// cb without a dictionary reset (0xc0: new properties), and without
	// new properties (0xa0: state reset only; the properties byte goes).
	cbProps := append([]byte{0xc0 | cb[0]&0x1f}, cb[1:]...)
	cbState := append([]byte{0xa0 | cb[0]&0x1f}, append(bytes.Clone(cb[1:5]), cb[6:]...)...)
	stored := func(ctrl byte, p string) []byte {
		return append([]byte{ctrl, byte((len(p) - 1) >> 8), byte(len(p) - 1)}, p...)
	}
	cat := func(parts ...[]byte) []byte { return append(bytes.Join(parts, nil), 0) }
	for _, tc := range []struct {
		name string
		in   []byte
		want []byte
		err  error
	}{
		{"lzma chunk", cat(ca), a, nil},
		{"stored with reset", cat(stored(1, "hello")), []byte("hello"), nil},
		{"stored, stored", cat(stored(1, "hello"), stored(2, " world")), []byte("hello world"), nil},
		{"dictionary reset midway", cat(ca, cb), append(bytes.Clone(a), b...), nil},
		{"stored then dictionary reset", cat(stored(1, "hi!"), cb), append([]byte("hi!"), b...), nil},
		{"new properties, same dictionary", cat(ca, cbProps), append(bytes.Clone(a), b...), nil},
		{"state reset, same properties", cat(ca, cbState), append(bytes.Clone(a), b...), nil},
		{"stored between lzma chunks", cat(ca, stored(2, "-- \x00"), cbState), append(append(bytes.Clone(a), "-- \x00"...), b...), nil},
		{"empty", []byte{0}, nil, nil},
		{"no dictionary reset first", cat(stored(2, "hello")), nil, ErrCorrupt},
		{"lzma chunk without properties first", cat(stored(1, "x"), cbState), []byte("x"), ErrCorrupt},
		{"bad control byte", cat(stored(1, "x"), []byte{3}), []byte("x"), ErrCorrupt},
		{"lc+lp over 4", cat(append([]byte{ca[0], ca[1], ca[2], ca[3], ca[4], 4*9 + 1}, ca[6:]...)), nil, ErrCorrupt},
		{"no end byte", bytes.Clone(ca), a, ErrTruncated},
		{"cut in a header", ca[:3], nil, ErrTruncated},
		{"cut in a stored chunk", stored(1, "hello")[:5], []byte("he"), ErrTruncated},
	} {
		got, err := decodeBoth(t, tc.in, 64<<10)
		if !bytes.Equal(got, tc.want) || err != tc.err {
			t.Errorf("%s: %d bytes (want %d), %v (want %v)", tc.name, len(got), len(tc.want), err, tc.err)
		}
	}
}

// TestDictEdge: a match reaching exactly the dictionary's start decodes,
// one byte further is damaged data; through the ring (wrapping) and flat.
func TestDictEdge(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	block := make([]byte, 4096)
	r.Read(block)
	data := bytes.Repeat(block, 4) // matches at distance 4096 exactly
	c := hostXz(t, data, "--format=raw", "-c", "--lzma2=preset=6,dict=4KiB")
	if got, err := decodeBoth(t, c, 4096); err != nil || !bytes.Equal(got, data) {
		t.Errorf("distance = dictionary: %d bytes, %v", len(got), err)
	}
	block = append(block, 'x') // period 4097: too far for 4 KiB
	data = bytes.Repeat(block, 4)
	c = hostXz(t, data, "--format=raw", "-c", "--lzma2=preset=6,dict=8KiB")
	if got, err := decodeBoth(t, c, 8192); err != nil || !bytes.Equal(got, data) {
		t.Errorf("8 KiB dictionary: %d bytes, %v", len(got), err)
	}
	if _, err := decodeBoth(t, c, 4096); err != ErrCorrupt {
		t.Errorf("distance over the dictionary: %v, want %v", err, ErrCorrupt)
	}
}

// TestOurWriter: streams of the encoder gobox's xz uses (ulikunitz's),
// LZMA2 and LZMA1 with and without the end marker.
func TestOurWriter(t *testing.T) {
	data := sample(700000, 3)
	var b2 bytes.Buffer
	w2, err := lzma.Writer2Config{DictCap: 1 << 20}.NewWriter2(&b2)
	if err != nil {
		t.Fatal(err)
	}
	w2.Write(data)
	w2.Close()
	if got, err := decodeBoth(t, b2.Bytes(), 1<<20); err != nil || !bytes.Equal(got, data) {
		t.Errorf("lzma2: %d bytes, %v", len(got), err)
	}
	for _, eos := range []bool{false, true} {
		var b1 bytes.Buffer
		size := int64(len(data))
		if eos {
			size = -1
		}
		w1, err := lzma.WriterConfig{DictCap: 1 << 20, EOSMarker: eos, Size: size}.NewWriter(&b1)
		if err != nil {
			t.Fatal(err)
		}
		w1.Write(data)
		w1.Close()
		got, err := readLzmaFile(t, b1.Bytes())
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("lzma1 (end marker %v): %d bytes, %v", eos, len(got), err)
		}
	}
}

// TestDamage: every cut of a stream is an error, every flipped byte an
// error or the data; never a panic.
func TestDamage(t *testing.T) {
	data := sample(20000, 4)
	c := hostXz(t, data, "--format=raw", "-c", "--lzma2=preset=6,dict=64KiB")
	for i := 0; i < len(c); i++ {
		if _, err := decodeBoth(t, c[:i], 64<<10); err == nil {
			t.Fatalf("cut at %d of %d: no error", i, len(c))
		}
		bad := bytes.Clone(c)
		bad[i] ^= 0x21
		if got, err := decodeBoth(t, bad, 64<<10); err == nil && !bytes.Equal(got, data) && i < len(c)-1 {
			// A flip in the range coder's last bytes may go unseen by
			// the decoder (the container's check catches it); the data
			// must then still be right.
			t.Errorf("flip at %d: wrong data and no error", i)
		}
	}
	l := hostXz(t, data, "--format=lzma", "-c")
	for i := 13; i < len(l); i += 7 {
		if _, err := readLzmaFile(t, l[:i]); err != ErrTruncated && err != ErrCorrupt {
			t.Fatalf(".lzma cut at %d of %d: %v", i, len(l), err)
		}
	}
}
