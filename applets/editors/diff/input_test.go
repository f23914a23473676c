package diff

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
)

// TestLineCursor reads lines in every order diff may (forward, back to
// an earlier hunk under -B, jumps of many marks) and checks each against
// the file: lines found from the marks and the cursor, not stored
// offsets. Lines longer than a read window and a last line without a
// newline are among them.
func TestLineCursor(t *testing.T) {
	var lines []string
	for i := range 1000 {
		l := fmt.Sprintf("line %d\n", i)
		switch i % 97 {
		case 5:
			l = "\n"
		case 6:
			l = strings.Repeat("x", 3*chunk/2) + "\n" // across windows
		}
		lines = append(lines, l)
	}
	for _, tail := range []string{"", "no newline"} {
		all := lines
		if tail != "" {
			all = append(all[:len(all):len(all)], tail)
		}
		text := strings.Join(all, "")
		in := &input{r: strings.NewReader(text), size: int64(len(text))}
		if err := in.scan(tokens{}); err != nil {
			t.Fatal(err)
		}
		if in.lines() != len(all) {
			t.Fatalf("tail %q: %d lines, want %d", tail, in.lines(), len(all))
		}
		r := rand.New(rand.NewPCG(1, 2))
		order := []int{1, 2, 2, 1, len(all), 1, 300, 129, 128, 127, 256, 257, len(all) - 1, len(all)}
		for range 2000 {
			order = append(order, 1+r.IntN(len(all)))
		}
		for i := 1; i <= len(all); i++ {
			order = append(order, i)
		}
		for _, i := range order {
			got, noNL, err := in.line(i)
			if err != nil {
				t.Fatal(err)
			}
			want := all[i-1]
			if wantNoNL := !strings.HasSuffix(want, "\n"); string(got) != want || noNL != wantNoNL {
				t.Fatalf("tail %q: line %d = %.20q (no newline %v), want %.20q", tail, i, got, noNL, want)
			}
			n, err := in.length(i)
			if wantN := int64(len(want)) + map[bool]int64{true: 1}[noNL]; err != nil || n != wantN {
				t.Fatalf("tail %q: length(%d) = %d, %v; want %d", tail, i, n, err, wantN)
			}
		}
	}
}

// TestScanMemory: what diff keeps per line of each file. BusyBox keeps
// 24 bytes a line (its line struct and an offset); diff kept an 8-byte
// offset and a 4-byte hash in slices grown by appending (61 bytes a line
// allocated here, counting every growth); it keeps the hash, in a slice
// counted to size, and a mark every markEvery lines: about 4.
func TestScanMemory(t *testing.T) {
	const n = 100_000
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "2026-12-01 12:00:00 host daemon[42]: request %d served\n", i)
	}
	text := b.String()
	// A new input, but with its window's buffer already allocated.
	in := &input{r: strings.NewReader(text), size: int64(len(text)), buf: make([]byte, chunk)}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if err := in.scan(tokens{}); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	if in.lines() != n {
		t.Fatalf("%d lines, want %d", in.lines(), n)
	}
	if per := float64(after.TotalAlloc-before.TotalAlloc) / n; per > 4.5 {
		t.Errorf("scan allocated %.1f bytes a line, want at most 4.5", per)
	}
}
