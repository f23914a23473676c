package lzmadec

import (
	"math/rand"
	"testing"
)

// TestProbUpdate checks bitB's and bitP's branchless probability step
// against the specification's two for every probability up to 2048 (a
// model's stays within 31..2017; 0 cannot decode a 0).
func TestProbUpdate(t *testing.T) {
	const rng = 0xffffffff
	for v := uint32(1); v <= 2048; v++ {
		for _, c := range []struct{ code, bit, want uint32 }{
			{0, 0, v + (2048-v)>>5},
			{rng - 1, 1, v - v>>5},
		} {
			p := uint16(v)
			if _, _, b := bitB(&p, rng, c.code); b != c.bit || uint32(p) != c.want {
				t.Fatalf("bitB p=%d: bit %d p'=%d, want %d %d", v, b, p, c.bit, c.want)
			}
			p = uint16(v)
			if _, _, b, _ := bitP(&p, v, 0, 0, rng, c.code); b != c.bit || uint32(p) != c.want {
				t.Fatalf("bitP p=%d: bit %d p'=%d, want %d %d", v, b, p, c.bit, c.want)
			}
		}
	}
}

// TestBitVariants checks that the branchless bitB and bitP decode what
// the branchy bit does: the same bit, range, code and new probability,
// and for bitP the child probability that the bit selects.
func TestBitVariants(t *testing.T) {
	type tc struct{ p, rng, code uint32 }
	var cases []tc
	// At the edges: the smallest and largest normalised range, the
	// extreme probabilities, code either side of the bound.
	for _, rng := range []uint32{1 << 24, 1<<24 + 1, 0x80000000, 0xfffffffe, 0xffffffff} {
		for _, p := range []uint32{1, 31, 32, 1024, 2016, 2017, 2047} {
			bound := (rng >> 11) * p
			for _, code := range []uint32{0, bound - 1, bound, bound + 1, rng - 1} {
				if code < rng {
					cases = append(cases, tc{p, rng, code})
				}
			}
		}
	}
	r := rand.New(rand.NewSource(1))
	for range 100000 {
		rng := 1<<24 + uint32(r.Int63n(1<<32-1<<24))
		cases = append(cases, tc{uint32(1 + r.Intn(2047)), rng, uint32(r.Int63n(int64(rng)))})
	}
	for _, c := range cases {
		p0 := uint16(c.p)
		wr, wc, _, wb := bit(&p0, c.rng, c.code, nil, 0)

		p1 := uint16(c.p)
		gr, gc, gb := bitB(&p1, c.rng, c.code)
		if gr != wr || gc != wc || gb != wb || p1 != p0 {
			t.Fatalf("bitB(p=%d, rng=%#x, code=%#x) = %#x %#x %d p=%d, want %#x %#x %d p=%d",
				c.p, c.rng, c.code, gr, gc, gb, p1, wr, wc, wb, p0)
		}

		p2 := uint16(c.p)
		gr, gc, gb, next := bitP(&p2, c.p, 111, 222, c.rng, c.code)
		if gr != wr || gc != wc || gb != wb || p2 != p0 || next != 111+111*wb {
			t.Fatalf("bitP(p=%d, rng=%#x, code=%#x) = %#x %#x %d p=%d next %d, want %#x %#x %d p=%d",
				c.p, c.rng, c.code, gr, gc, gb, p2, next, wr, wc, wb, p0)
		}
	}
}

// TestLitState checks the table of states after a literal against the
// specification's rule for the twelve states.
func TestLitState(t *testing.T) {
	for s := uint32(0); s < 12; s++ {
		want := s - 6
		switch {
		case s < 4:
			want = 0
		case s < 10:
			want = s - 3
		}
		if got := uint32(litState[s]); got != want {
			t.Errorf("state %d: got %d, want %d", s, got, want)
		}
	}
}
