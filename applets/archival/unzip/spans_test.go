package unzip

import "testing"

// TestSpans: overlapping members are refused, and members laid end to
// end or a data descriptor apart keep one range, not one each (before:
// 16 bytes a member, 1.6 MB for 100,000 members).
func TestSpans(t *testing.T) {
	type add struct {
		start, end int64
		bad        bool
	}
	many := func(n int, size, gap int64) []add {
		var a []add
		for i := range int64(n) {
			a = append(a, add{start: i * (size + gap), end: i*(size+gap) + size})
		}
		return a
	}
	for _, tt := range []struct {
		name   string
		adds   []add
		ranges int
	}{
		{"end to end", many(100_000, 100, 0), 1},
		{"data descriptors between", many(100_000, 100, 16), 1},
		{"room for a member between", many(1000, 100, minSpan), 1000},
		{"out of order, filling a gap", []add{{0, 100, false}, {200, 300, false}, {100, 200, false}}, 1},
		{"out of order, apart", []add{{1000, 1100, false}, {0, 100, false}, {500, 600, false}}, 3},
		{"same stream twice", []add{{0, 100, false}, {0, 100, true}}, 1},
		{"into a merged range", []add{{0, 100, false}, {110, 200, false}, {50, 150, true}}, 1},
		{"overlapping the next", []add{{100, 200, false}, {50, 150, true}}, 1},
		{"overlapping the last", []add{{100, 200, false}, {199, 300, true}}, 1},
	} {
		var sp spans
		for _, a := range tt.adds {
			err := sp.add(a.start, a.end)
			if (err != nil) != a.bad {
				t.Errorf("%s: add(%d, %d): %v, want refused %v", tt.name, a.start, a.end, err, a.bad)
			}
		}
		if len(sp.s) != tt.ranges {
			t.Errorf("%s: %d ranges kept, want %d", tt.name, len(sp.s), tt.ranges)
		}
	}
}
