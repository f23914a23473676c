package bzip2w

import (
	"bytes"
	"compress/bzip2"
	"fmt"
	"io"
	"math/rand"
	"slices"
	"testing"
)

// naiveBWT sorts the rotations by comparing them whole.
func naiveBWT(b []byte) []byte {
	n := len(b)
	bb := append(append([]byte{}, b...), b...)
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(x, y int) int { return bytes.Compare(bb[x:x+n], bb[y:y+n]) })
	out := make([]byte, n)
	for i, p := range idx {
		out[i] = bb[p+n-1]
	}
	return out
}

// sortedBWT is the last column of s.sa, checked to be a permutation.
func sortedBWT(t *testing.T, s *sorter, b []byte, force bool) []byte {
	n := len(b)
	buf := make([]byte, n+overshoot)
	copy(buf, b)
	for i := range overshoot {
		buf[n+i] = buf[i%n]
	}
	if force {
		if cap(s.sa) < n+1 {
			s.sa = make([]int32, n+1)
		}
		s.doubling(buf, n)
	} else {
		s.bwt(buf, n)
	}
	seen := make([]bool, n)
	out := make([]byte, n)
	for i, p := range s.sa[:n] {
		if seen[p] {
			t.Fatalf("rotation %d twice", p)
		}
		seen[p] = true
		out[i] = buf[(int(p)+n-1)%n]
	}
	return out
}

// TestBWT: both sorts agree with comparing whole rotations, on random,
// repetitive and periodic blocks.
func TestBWT(t *testing.T) {
	rnd := rand.New(rand.NewSource(1))
	var cases [][]byte
	for _, n := range []int{1, 2, 3, 5, 17, 100, 1000, 5000} {
		for _, alpha := range []int{1, 2, 4, 256} {
			b := make([]byte, n)
			for i := range b {
				b[i] = byte(rnd.Intn(alpha))
			}
			cases = append(cases, b)
		}
	}
	for _, p := range []int{1, 2, 3, 5, 7, 64, 1000} {
		unit := make([]byte, p)
		rnd.Read(unit)
		cases = append(cases, bytes.Repeat(unit, 3000/p+1)[:3000], bytes.Repeat(unit, 3000/p+1)[:p*(3000/p)])
	}
	for i, b := range cases {
		want := naiveBWT(b)
		for _, force := range []bool{false, true} {
			var s sorter
			if got := sortedBWT(t, &s, b, force); !bytes.Equal(got, want) {
				t.Errorf("case %d (%d bytes), doubling %v: wrong BWT %s", i, len(b), force, fmt.Sprint(len(got)))
			}
		}
	}
}

// TestWorstCase: blocks that defeat the quicksort (one byte, short
// periods, long repeats) are sorted by prefix doubling, in O(n log n):
// the test finishes in the normal run, and the stream reads back.
func TestWorstCase(t *testing.T) {
	rnd := rand.New(rand.NewSource(3))
	period := func(p, n int) []byte {
		unit := make([]byte, p)
		rnd.Read(unit)
		return bytes.Repeat(unit, n/p+1)[:n]
	}
	long := period(300_000, 900_000)
	long[450_000] ^= 1 // not quite periodic
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"one byte", bytes.Repeat([]byte{'a'}, 10<<20)},
		{"period 2", period(2, 899_000)},
		{"period 3", period(3, 899_000)},
		{"period 1000", period(1000, 899_000)},
		{"long repeats", long},
	} {
		z := compress(t, tc.data, 9, 1, 1)
		got, err := io.ReadAll(bzip2.NewReader(bytes.NewReader(z)))
		if err != nil || !bytes.Equal(got, tc.data) {
			t.Errorf("%s: read back %d of %d bytes, %v", tc.name, len(got), len(tc.data), err)
		}
	}
}

// FuzzRoundTrip: whatever the input and level, the standard library
// reads back what was written.
func FuzzRoundTrip(f *testing.F) {
	f.Add(byte(1), []byte("hello, hello, hello"))
	f.Add(byte(9), bytes.Repeat([]byte{0}, 1000))
	f.Add(byte(1), bytes.Repeat([]byte("ab"), 500))
	f.Fuzz(func(t *testing.T, level byte, data []byte) {
		var b bytes.Buffer
		z := NewWriter(&b, 1+int(level)%9)
		// Small blocks, so that fuzzed inputs span several.
		z.limit = 100 + int(level)
		if _, err := z.Write(data); err != nil {
			t.Fatal(err)
		}
		if err := z.Close(); err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(bzip2.NewReader(&b))
		if err != nil || !bytes.Equal(got, data) {
			t.Fatalf("read back %d of %d bytes, %v", len(got), len(data), err)
		}
	})
}
