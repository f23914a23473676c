package diffalgo

import (
	"runtime"
	"testing"
)

// TestMatchMemory: Match's working memory per line, which is most of
// diff's on a large file. BusyBox keeps C ints (4 bytes) per line in
// each of its arrays; Match keeps int32 in its own (class, member,
// klist, candidates) beside 8-byte sort keys, and allocates 107 bytes a
// line in all here (the candidate list grows by doubling); with Go's
// 8-byte ints it took 178 (diff of two 64 MiB files: 73 MB resident
// against 110 MB; Alpine's BusyBox 38 MB).
func TestMatchMemory(t *testing.T) {
	const n = 200_000
	old, new := make([]uint32, n), make([]uint32, n)
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
	if per := (after.TotalAlloc - before.TotalAlloc) / n; per > 128 {
		t.Errorf("Match allocated %d bytes a line, want at most 128", per)
	}
}
