package bzip2w

import (
	"bytes"
	"compress/bzip2"
	"fmt"
	"io"
	"math/rand"
	"slices"
	"strings"
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
		s.fallback(buf, n)
	} else {
		s.bwt(buf, n)
	}
	for i := range buf {
		if buf[i] != b[i%n] {
			t.Fatalf("%d bytes: the sort changed byte %d", n, i)
		}
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

// TestBWT: both sorts (the quicksort and, forced, the fallback) agree
// with comparing whole rotations, on random, repetitive and periodic
// blocks, and the fallback leaves the block as it was.
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
	// From smallBlock bytes on, the quicksort's own (or its handing
	// over, for equal rotations).
	for _, alpha := range []int{2, 4, 256} {
		b := make([]byte, 12_000)
		for i := range b {
			b[i] = byte(rnd.Intn(alpha))
		}
		cases = append(cases, b)
	}
	for _, p := range []int{1, 2, 3, 5, 7, 64, 1000} {
		unit := make([]byte, p)
		rnd.Read(unit)
		for _, n := range []int{3000, 12_000} {
			cases = append(cases, bytes.Repeat(unit, n/p+1)[:n], bytes.Repeat(unit, n/p+1)[:p*(n/p)])
		}
	}
	for i, b := range cases {
		want := naiveBWT(b)
		for _, force := range []bool{false, true} {
			var s sorter
			if got := sortedBWT(t, &s, b, force); !bytes.Equal(got, want) {
				t.Errorf("case %d (%d bytes), fallback %v: wrong BWT %s", i, len(b), force, fmt.Sprint(len(got)))
			}
		}
	}
}

// TestPeriodic: a block is periodic when a shorter pattern repeats over
// all of it, and only then.
func TestPeriodic(t *testing.T) {
	for _, tc := range []struct {
		b    string
		want bool
	}{
		{"a", false}, {"ab", false}, {"aa", true}, {"abab", true},
		{"ababa", false}, {"abcabcabc", true}, {"abcabcabd", false},
		{"aaaaaaaaab", false}, {"xyzxyzxyzxyzxyzxyzxyzxyzxyzxyz", true},
	} {
		b := []byte(tc.b + strings.Repeat(" ", overshoot))
		if got := periodic(b, len(tc.b)); got != tc.want {
			t.Errorf("%q: periodic %v, want %v", tc.b, got, tc.want)
		}
	}
}

// TestFallbackSameAsQuickSort: where the quicksort sorts a block (no
// two rotations equal), the fallback sort puts every rotation in the
// same place, on text, noise, runs and moderate repeats.
func TestFallbackSameAsQuickSort(t *testing.T) {
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"text", text(300_000, 3)},
		{"noise", noise(200_000)},
		{"runs", runs(200_000, 2)},
		{"1 kB three times", append(bytes.Repeat(text(1000, 5), 3), text(100_000, 6)...)},
	} {
		n := len(tc.data)
		b := append(append([]byte{}, tc.data...), make([]byte, overshoot)...)
		for i := range overshoot {
			b[n+i] = b[i%n]
		}
		var q, f sorter
		q.sa, f.sa = make([]int32, n+1), make([]int32, n+1)
		if !q.quickSort(b, n) {
			t.Fatalf("%s: the quicksort gave up", tc.name)
		}
		f.fallback(b, n)
		if !slices.Equal(q.sa[:n], f.sa[:n]) {
			t.Errorf("%s: the two sorts differ", tc.name)
		}
	}
}

// TestWorstCase: blocks that defeat the quicksort (one byte, short
// periods, long repeats) are sorted by the fallback sort, in
// O(n log^2 n): the test finishes in the normal run, and the stream
// reads back.
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
