package inflate

import (
	"bytes"
	"testing"
)

// bitWriter writes a DEFLATE stream's bits, least significant first.
type bitWriter struct {
	b     []byte
	acc   uint64
	nbits uint
}

// put writes the n low bits of v.
func (w *bitWriter) put(v uint64, n uint) *bitWriter {
	w.acc |= v << w.nbits
	w.nbits += n
	for w.nbits >= 8 {
		w.b = append(w.b, byte(w.acc))
		w.acc >>= 8
		w.nbits -= 8
	}
	return w
}

// code writes a Huffman code of n bits, most significant bit first.
func (w *bitWriter) code(c uint64, n uint) *bitWriter {
	for i := int(n) - 1; i >= 0; i-- {
		w.put(c>>uint(i)&1, 1)
	}
	return w
}

func (w *bitWriter) bytes() []byte {
	if w.nbits > 0 {
		return append(w.b, byte(w.acc))
	}
	return w.b
}

// fixedLit writes symbol s of the fixed literal/length code.
func (w *bitWriter) fixedLit(s int) *bitWriter {
	switch {
	case s < 144:
		return w.code(uint64(0x30+s), 8)
	case s < 256:
		return w.code(uint64(0x190+s-144), 9)
	case s < 280:
		return w.code(uint64(s-256), 7)
	}
	return w.code(uint64(0xc0+s-280), 8)
}

// dynHeader writes a dynamic block's header with the code-length
// code's lengths clLens, then what body writes (the code lengths).
func dynHeader(w *bitWriter, final bool, nlit, ndist int, clLens [19]uint8, body func(w *bitWriter)) {
	f := uint64(0)
	if final {
		f = 1
	}
	w.put(f, 1).put(2, 2)
	w.put(uint64(nlit-257), 5).put(uint64(ndist-1), 5).put(19-4, 4)
	for i := 0; i < 19; i++ {
		w.put(uint64(clLens[codeOrder[i]]), 3)
	}
	body(w)
}

// hostile is damaged or unusual input built bit by bit; each must give
// what compress/flate gives.
func hostile() map[string][]byte {
	m := map[string][]byte{}
	w := func() *bitWriter { return &bitWriter{} }

	m["empty input"] = nil
	m["block type 3"] = w().put(1, 1).put(3, 2).bytes()
	m["fixed 286"] = w().put(1, 1).put(1, 2).fixedLit('a').fixedLit(286).bytes()
	m["fixed 287"] = w().put(1, 1).put(1, 2).fixedLit('a').fixedLit(287).fixedLit(256).bytes()
	m["fixed 286 cut"] = w().put(1, 1).put(1, 2).fixedLit(286).b
	m["fixed dist 30"] = w().put(1, 1).put(1, 2).fixedLit('a').fixedLit(257).code(30, 5).fixedLit(256).bytes()
	m["fixed dist 31"] = w().put(1, 1).put(1, 2).fixedLit('a').fixedLit(257).code(31, 5).bytes()
	m["fixed dist too far"] = w().put(1, 1).put(1, 2).fixedLit('a').fixedLit(257).code(1, 5).fixedLit(256).bytes()
	m["fixed dist at start"] = w().put(1, 1).put(1, 2).fixedLit(257).code(0, 5).fixedLit(256).bytes()
	m["fixed dist exact"] = w().put(1, 1).put(1, 2).fixedLit('a').fixedLit('b').fixedLit(257).code(1, 5).fixedLit(256).bytes()
	m["fixed no end"] = w().put(1, 1).put(1, 2).fixedLit('a').fixedLit('b').bytes()
	m["fixed not final"] = w().put(0, 1).put(1, 2).fixedLit('a').fixedLit(256).bytes()
	m["fixed 258"] = w().put(1, 1).put(1, 2).fixedLit('z').fixedLit(285).code(0, 5).fixedLit(256).bytes()
	m["fixed 284 max"] = w().put(1, 1).put(1, 2).fixedLit('z').fixedLit(284).put(31, 5).code(0, 5).fixedLit(256).bytes()

	// The same deep in a block, where the fast loop decodes them: 100
	// literals, then a match of 3 at distance 100 (fine) or 101 (too far,
	// code 13 + 5 extra bits: 97 + 4), or a distance code 30, or a
	// length 286, then 100 literals more.
	deep := func(tail func(w *bitWriter)) []byte {
		b := w().put(1, 1).put(1, 2)
		for i := 0; i < 100; i++ {
			b.fixedLit('a' + i%26)
		}
		tail(b)
		for i := 0; i < 100; i++ {
			b.fixedLit('A' + i%26)
		}
		return b.fixedLit(256).bytes()
	}
	m["deep dist exact"] = deep(func(w *bitWriter) { w.fixedLit(257).code(13, 5).put(3, 5) })
	m["deep dist too far"] = deep(func(w *bitWriter) { w.fixedLit(257).code(13, 5).put(4, 5) })
	m["deep dist 30"] = deep(func(w *bitWriter) { w.fixedLit(257).code(30, 5).put(0, 13) })
	m["deep 286"] = deep(func(w *bitWriter) { w.fixedLit(286).code(0, 5) })

	m["stored ok"] = append(w().put(1, 1).put(0, 2).bytes(), 3, 0, 0xfc, 0xff, 'a', 'b', 'c')
	m["stored empty"] = append(w().put(1, 1).put(0, 2).bytes(), 0, 0, 0xff, 0xff)
	m["stored bad nlen"] = append(w().put(1, 1).put(0, 2).bytes(), 3, 0, 0xfc, 0xfe, 'a', 'b', 'c')
	m["stored short"] = append(w().put(1, 1).put(0, 2).bytes(), 3, 0, 0xfc, 0xff, 'a')
	m["stored len cut"] = append(w().put(1, 1).put(0, 2).bytes(), 3, 0, 0xfc)
	m["stored after fixed"] = append(w().put(0, 1).put(1, 2).fixedLit('a').fixedLit(256).put(1, 1).put(0, 2).bytes(), 1, 0, 0xfe, 0xff, 'b')

	// Dynamic headers: counts out of range, and a header cut short.
	m["nlit 287"] = w().put(1, 1).put(2, 2).put(30, 5).put(0, 5).put(0, 4).bytes()
	m["nlit 288"] = w().put(1, 1).put(2, 2).put(31, 5).put(0, 5).put(0, 4).bytes()
	m["ndist 31"] = w().put(1, 1).put(2, 2).put(0, 5).put(30, 5).put(0, 4).bytes()
	m["ndist 32"] = w().put(1, 1).put(2, 2).put(0, 5).put(31, 5).put(0, 4).bytes()
	m["header cut"] = w().put(1, 1).put(2, 2).put(0, 5).b

	// Code-length codes: all zero (no code), over-subscribed,
	// incomplete, and a single one-bit code.
	var zero [19]uint8
	b := w()
	dynHeader(b, true, 257, 1, zero, func(*bitWriter) {})
	m["cl none"] = append(b.bytes(), 0, 0, 0)
	over := zero
	over[0], over[1], over[2] = 1, 1, 1
	b = w()
	dynHeader(b, true, 257, 1, over, func(*bitWriter) {})
	m["cl over-subscribed"] = append(b.bytes(), 0, 0)
	inc := zero
	inc[0], inc[8] = 2, 2
	b = w()
	dynHeader(b, true, 257, 1, inc, func(*bitWriter) {})
	m["cl incomplete"] = append(b.bytes(), 0, 0)
	one := zero
	one[18] = 1
	b = w()
	dynHeader(b, true, 257, 1, one, func(w *bitWriter) { w.code(0, 1).put(127, 7).code(0, 1).put(127, 7).code(1, 1) })
	m["cl single, then its missing code"] = b.bytes()

	// A complete code-length code of four 2-bit codes: 0->00, 8->01,
	// 16->10, 18->11.
	cl2 := zero
	cl2[0], cl2[8], cl2[16], cl2[18] = 2, 2, 2, 2
	sym := func(w *bitWriter, s int) {
		switch s {
		case 0:
			w.code(0, 2)
		case 8:
			w.code(1, 2)
		case 16:
			w.code(2, 2)
		case 18:
			w.code(3, 2)
		}
	}
	b = w()
	dynHeader(b, true, 257, 1, cl2, func(w *bitWriter) { sym(w, 16); w.put(0, 2) })
	m["repeat first"] = b.bytes()
	b = w()
	dynHeader(b, true, 257, 1, cl2, func(w *bitWriter) {
		// 256 zeros then 18 repeating 138 zeros: past the end.
		sym(w, 18)
		w.put(127, 7)
		sym(w, 18)
		w.put(127, 7)
	})
	m["repeat past end"] = b.bytes()
	// All 288 lengths 8 would be complete for 256 codes: litlen of 257
	// symbols at 8 bits is over-subscribed.
	b = w()
	dynHeader(b, true, 257, 1, cl2, func(w *bitWriter) {
		for i := 0; i < 258; i++ {
			sym(w, 8)
		}
	})
	m["litlen over-subscribed"] = b.bytes()
	// 256 literals at 8 bits, end of block at 0: complete, with no end
	// of block code; one distance code of length 8 (incomplete).
	b = w()
	dynHeader(b, true, 257, 1, cl2, func(w *bitWriter) {
		for i := 0; i < 256; i++ {
			sym(w, 8)
		}
		sym(w, 0)
		sym(w, 8)
		w.code('q', 8).code('r', 8)
	})
	m["litlen without end, dist incomplete"] = b.bytes()
	// Literal code empty: all zeros.
	b = w()
	dynHeader(b, true, 257, 1, cl2, func(w *bitWriter) {
		sym(w, 18)
		w.put(127, 7)
		sym(w, 18)
		w.put(127, 7)
		sym(w, 0)
		sym(w, 0)
		sym(w, 0)
		sym(w, 0)
	})
	m["litlen empty"] = b.bytes()
	return m
}

// TestHostile checks damaged and unusual streams against compress/flate.
func TestHostile(t *testing.T) {
	for name, in := range hostile() {
		same(t, name, in)
		// With something after, and cut at every byte.
		same(t, name+"+tail", append(append([]byte{}, in...), 0xff, 0, 0xff))
		for i := 0; i < len(in); i++ {
			same(t, name+"/cut", in[:i])
		}
	}
}

// TestHostileKinds pins what some hostile inputs give, so that the
// comparison above cannot pass with both decoders broken alike.
func TestHostileKinds(t *testing.T) {
	h := hostile()
	for name, want := range map[string]string{
		"block type 3":        "corrupt",
		"fixed 286":           "corrupt",
		"fixed dist 30":       "corrupt",
		"fixed dist too far":  "corrupt",
		"fixed dist at start": "corrupt",
		"fixed dist exact":    "ok",
		"deep dist exact":     "ok",
		"deep dist too far":   "corrupt",
		"deep dist 30":        "corrupt",
		"deep 286":            "corrupt",
		"fixed no end":        "eof",
		"fixed not final":     "eof",
		"fixed 258":           "ok",
		"stored ok":           "ok",
		"stored bad nlen":     "corrupt",
		"stored short":        "eof",
		"nlit 287":            "corrupt",
		"ndist 31":            "corrupt",
		"cl over-subscribed":  "corrupt",
		"cl incomplete":       "corrupt",
		"repeat first":        "corrupt",
		"repeat past end":     "corrupt",
		"litlen empty":        "corrupt",
		"empty input":         "eof",
	} {
		got := decodeOurs(h[name], 4096, false, 0)
		if got.kind != want {
			t.Errorf("%s: %s, want %s", name, got.kind, want)
		}
	}
	got := decodeOurs(h["fixed 258"], 4096, false, 0)
	if !bytes.Equal(got.out, bytes.Repeat([]byte{'z'}, 259)) {
		t.Errorf("fixed 258: %q", got.out)
	}
}

// FuzzInflate compares with compress/flate on arbitrary input.
func FuzzInflate(f *testing.F) {
	for _, in := range hostile() {
		f.Add(in)
	}
	for _, name := range []string{"short", "far", "source"} {
		data := corpus(f)[name]
		if len(data) > 40000 {
			data = data[:40000]
		}
		for _, level := range []int{0, 1, 6, 9, -2} {
			f.Add(deflateStd(f, data, level))
		}
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		want := decodeTheirs(in)
		if len(want.out) > 8<<20 {
			return
		}
		for _, c := range []struct {
			buf     int
			oneByte bool
		}{{4096, false}, {16, true}} {
			got := decodeOurs(in, c.buf, c.oneByte, 0)
			if got.kind != want.kind || !bytes.Equal(got.out, want.out) || (want.kind == "ok" && got.used != want.used) {
				t.Fatalf("got %s, %d bytes out, %d in; compress/flate %s, %d out, %d in",
					got.kind, len(got.out), got.used, want.kind, len(want.out), want.used)
			}
		}
	})
}
