package diffalgo

import (
	"runtime"
	"testing"
)

// TestMatchMemory: Match's working memory per line, which is most of
// diff's on a large file. BusyBox keeps C ints (4 bytes) per line in
// each of its arrays and overlays class and member on its line arrays;
// Match keeps int32 too, puts class and member in the hashes' storage,
// allocates the candidates at the size they reach when most lines
// match, and allocates 36 bytes a line in all here (8-byte sort keys of
// both sides, J, klist, 12-byte candidates). It took 107 with the
// candidates growing by doubling and class and member of their own, and
// 178 with Go's 8-byte ints.
func TestMatchMemory(t *testing.T) {
	const n = 200_000
	old, new := make([]uint32, n, n+2), make([]uint32, n, n+2)
	for i := range n {
		old[i] = uint32(i * 2654435761)
		new[i] = old[i]
		if i%100 == 50 {
			new[i]++ // a changed line
		}
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	J := Match(old, new, false)
	runtime.ReadMemStats(&after)
	if J[n+1] != n+1 || J[1] != 1 || J[51] != 0 {
		t.Fatalf("J[1], J[51], J[n+1] = %d, %d, %d", J[1], J[51], J[n+1])
	}
	if per := (after.TotalAlloc - before.TotalAlloc) / n; per > 40 {
		t.Errorf("Match allocated %d bytes a line, want at most 40", per)
	}
}
