package bzip2w

import (
	"bytes"
	"compress/bzip2"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math/rand"
	"os/exec"
	"runtime"
	"testing"
)

func compress(t *testing.T, data []byte, level, procs int, chunks int) []byte {
	t.Helper()
	var b bytes.Buffer
	z := NewWriterN(&b, level, procs)
	// Written in pieces, so that runs and blocks straddle Write calls.
	step := max(1, len(data)/max(1, chunks))
	for p := data; len(p) > 0; {
		n := min(step, len(p))
		if _, err := z.Write(p[:n]); err != nil {
			t.Fatal(err)
		}
		p = p[n:]
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// runs is data whose first-stage (RLE1) length differs from its own:
// runs of every length from 1 to 600, so that the block limit falls
// inside runs of each kind.
func runs(n int, seed int64) []byte {
	rnd := rand.New(rand.NewSource(seed))
	var b []byte
	for len(b) < n {
		b = append(b, bytes.Repeat([]byte{byte(rnd.Intn(3))}, 1+rnd.Intn(600))...)
		if rnd.Intn(4) == 0 {
			b = append(b, byte(rnd.Intn(256)), byte(rnd.Intn(256)))
		}
	}
	return b[:n]
}

func noise(n int) []byte {
	b := make([]byte, n)
	rand.New(rand.NewSource(2)).Read(b)
	return b
}

// TestRoundTrip: many blocks, in one stream that the standard library
// and bzip2 1.0.x read, the same bytes whatever the number of
// goroutines and however the input is cut into writes.
func TestRoundTrip(t *testing.T) {
	_, noBzip2 := exec.LookPath("bzip2")
	for _, tc := range []struct {
		name  string
		data  []byte
		level int
	}{
		{"empty", nil, 9},
		{"one byte", []byte{'x'}, 9},
		{"runs level 1", runs(1<<20, 1), 1},
		{"runs level 2", runs(900<<10, 3), 2},
		{"zeros", make([]byte, 3<<20), 1},
		{"noise", noise(700 << 10), 1},
		{"mixed level 9", append(runs(1<<20, 4), noise(1<<20)...), 9},
	} {
		z := compress(t, tc.data, tc.level, 1, 1)
		if z4 := compress(t, tc.data, tc.level, 4, 7); !bytes.Equal(z, z4) {
			t.Errorf("%s: the output depends on the goroutines or the writes", tc.name)
		}
		if string(z[:4]) != "BZh"+string(rune('0'+tc.level)) {
			t.Errorf("%s: header %q", tc.name, z[:4])
		}
		got, err := io.ReadAll(bzip2.NewReader(bytes.NewReader(z)))
		if err != nil || !bytes.Equal(got, tc.data) {
			t.Errorf("%s: read back %d of %d bytes, %v", tc.name, len(got), len(tc.data), err)
		}
		if noBzip2 == nil {
			cmd := exec.Command("bzip2", "-dc")
			cmd.Stdin = bytes.NewReader(z)
			if out, err := cmd.Output(); err != nil || !bytes.Equal(out, tc.data) {
				t.Errorf("%s: bzip2 -d: %d bytes, %v", tc.name, len(out), err)
			}
		}
	}
	if z := compress(t, nil, 9, 1, 1); string(z) != "BZh9\x17\x72\x45\x38\x50\x90\x00\x00\x00\x00" {
		t.Errorf("empty: %q", z)
	}
}

type failWriter struct{ n int }

var errFull = errors.New("full")

func (f *failWriter) Write(p []byte) (int, error) {
	if f.n -= len(p); f.n < 0 {
		return 0, errFull
	}
	return len(p), nil
}

// TestWriteError: a failed write is returned, by Write or Close.
func TestWriteError(t *testing.T) {
	z := NewWriter(&failWriter{n: 1000}, 1)
	var err error
	for range 50 {
		if _, err = z.Write(noise(100 << 10)); err != nil {
			break
		}
	}
	if cerr := z.Close(); err == nil {
		err = cerr
	}
	if !errors.Is(err, errFull) {
		t.Errorf("error %v, want %v", err, errFull)
	}
}

// TestBoundedMemory: a stream makes at most as many coders as threads
// (3.6 MB each at level 9), only one while it is short, and once they
// are made it allocates next to nothing per block, so the heap does not
// grow to twice what is live before collecting. Before: one compressor
// per CPU, and a new output buffer per block.
// The input differs from write to write (TestRepetitiveMemory has the
// same 50 kB twice in a block).
func TestBoundedMemory(t *testing.T) {
	const level = 1 // 100 kB blocks: many blocks, quickly
	// No runs: about a block every two writes.
	all := noise(50_000 * 100)
	for _, tc := range []struct {
		procs, blocks, made int // blocks: writes, two to a block
	}{
		{1, 80, 1},
		{8, 2 * (serialBlocks - 1), 1}, // short: one compressor
		{2, 80, 2},
	} {
		z := NewWriterN(io.Discard, level, tc.procs)
		w := 0
		write := func(n int) {
			for range n {
				w++
				if _, err := z.Write(all[w*50_000 : (w+1)*50_000]); err != nil {
					t.Fatal(err)
				}
			}
		}
		// Warm up: the compressors and buffers the stream keeps.
		warm := min(tc.blocks, 4*serialBlocks)
		write(warm)
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		write(tc.blocks - warm)
		if err := z.Close(); err != nil {
			t.Fatal(err)
		}
		runtime.ReadMemStats(&after)
		if z.made != tc.made {
			t.Errorf("procs %d, %d writes: %d compressors made, want %d", tc.procs, tc.blocks, z.made, tc.made)
		}
		// The writes after the warm-up (50 kB each): allowed 10 kB
		// a write (goroutines, channels, results).
		if n := tc.blocks - warm; n > 0 {
			if got := after.TotalAlloc - before.TotalAlloc; got > uint64(n)*10_000 {
				t.Errorf("procs %d: %d bytes allocated for %d writes after the warm-up, want at most 10 kB a write", tc.procs, got, n)
			}
		}
	}
}

// text is log-like lines: what bzip2 is mostly given.
func text(n int, seed int64) []byte {
	rnd := rand.New(rand.NewSource(seed))
	words := []string{"GET", "POST", "/index.html", "/api/v1/items", "200", "404", "user", "session", "ok", "error", "timeout", "cache"}
	var b []byte
	for i := 0; len(b) < n; i++ {
		b = fmt.Appendf(b, "2026-12-01T%02d:%02d:%02d host%d ", i/3600%24, i/60%60, i%60, rnd.Intn(9))
		for range 3 + rnd.Intn(6) {
			b = append(b, words[rnd.Intn(len(words))]...)
			b = append(b, ' ')
		}
		b = fmt.Appendf(b, "%d\n", rnd.Intn(100000))
	}
	return b[:n]
}

// TestSameAsBzip2: the bytes are bzip2 1.0.8's, at every level, blocks
// ending inside runs included (Debian's bzip2, when installed; Alpine's
// BusyBox bzip2 derives from the same code: scripts/difftest).
func TestSameAsBzip2(t *testing.T) {
	if _, err := exec.LookPath("bzip2"); err != nil {
		t.Skip("no bzip2")
	}
	inputs := map[string][]byte{
		"text":  text(400<<10, 1),
		"runs":  runs(300<<10, 5),
		"mixed": append(append(text(150<<10, 2), noise(100<<10)...), runs(150<<10, 6)...),
		"small": []byte("hello, world\n"),
		"one":   {'x'},
		"aaaa":  bytes.Repeat([]byte{'a'}, 100),
		// The fallback sort's: periodic blocks (equal rotations, in
		// bzip2's order), small ones (< 10,000 bytes, fallback only),
		// a period 2 that does not divide the block.
		"abc":     bytes.Repeat([]byte("abc"), 1000),
		"yes":     bytes.Repeat([]byte("y\n"), 150_000)[:299_999],
		"period8": bytes.Repeat([]byte("abcdefg\n"), 37_500)[:299_999],
		"zeros":   make([]byte, 1<<20),
		"repeats": bytes.Repeat(noise(50_000), 6),
	}
	for name, data := range inputs {
		for level := 1; level <= 9; level++ {
			cmd := exec.Command("bzip2", "-c", fmt.Sprintf("-%d", level))
			cmd.Stdin = bytes.NewReader(data)
			want, err := cmd.Output()
			if err != nil {
				t.Fatal(err)
			}
			if got := compress(t, data, level, 2, 3); !bytes.Equal(got, want) {
				t.Errorf("%s -%d: %d bytes, bzip2's %d, not the same", name, level, len(got), len(want))
			}
		}
	}
}

// TestRepetitiveMemory: blocks that take the fallback sort (the same
// 50 kB twice in each) allocate nothing per block, one goroutine or two.
func TestRepetitiveMemory(t *testing.T) {
	block := noise(50_000) // twice in each 100 kB block: a long repeat
	for _, procs := range []int{1, 2} {
		z := NewWriterN(io.Discard, 1, procs)
		for range 4 * serialBlocks {
			z.Write(block)
		}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		const writes = 40
		for range writes {
			if _, err := z.Write(block); err != nil {
				t.Fatal(err)
			}
		}
		z.Close()
		runtime.ReadMemStats(&after)
		if got := after.TotalAlloc - before.TotalAlloc; got > writes*10_000 {
			t.Errorf("procs %d: %d bytes allocated for %d writes, want at most 10 kB a write", procs, got, writes)
		}
	}
}

// TestOneCoderMemory: NewWriter codes in bzip2 1.0.8's memory: one
// coder (its rotations, 4 bytes a byte of block) and one block, coded
// where it was filled, its bits written in pieces. Before, a stream
// took a second coder and a block more once it was long, filled a new
// block while the last was coded, copied each block's bits whole into
// the stream's buffer, and made its coder's array again for a block a
// few bytes longer than the first (7 MB for one coder).
//
// Repetitive input (short periods, long repeats, runs) takes the
// fallback sort, which works in the same arrays as bzip2's does in its
// own: before, it held each rotation's rank in 3.6 MB more.
func TestOneCoderMemory(t *testing.T) {
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"text", text(6*900_000, 7)},
		// Incompressible: its bits are as long as the block. Before,
		// they grew by append, 3.5 MB of garbage on the way.
		{"noise", noise(3 * 900_000)},
		{"y\\n", bytes.Repeat([]byte("y\n"), 3*450_000)},
		{"zeros", make([]byte, 100<<20)}, // 200,000 runs, 6 blocks
		{"period 7", bytes.Repeat([]byte("abcdef\n"), 3*130_000)},
		{"100 kB 27 times", bytes.Repeat(noise(100_000), 27)},
	} {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		z := NewWriter(io.Discard, 9)
		if _, err := z.Write(tc.data); err != nil {
			t.Fatal(err)
		}
		if err := z.Close(); err != nil {
			t.Fatal(err)
		}
		runtime.ReadMemStats(&after)
		// 3.6 MB of rotations, 0.9 MB of block, the radix sort's
		// 0.3 MB, room for a block's bits (0.96 MB, made at once)
		// and small change.
		if got := after.TotalAlloc - before.TotalAlloc; got > 6<<20 {
			t.Errorf("%s: %.1f MB allocated, want at most 6", tc.name, float64(got)/(1<<20))
		}
		if z.made != 1 {
			t.Errorf("%s: %d coders made", tc.name, z.made)
		}
	}
}

// TestRepetitiveSameAsBzip2: blocks sorted by the fallback sort, equal
// rotations included, come out as bzip2 1.0.8's (the CRC-32 and length
// of Debian's bzip2 -c output, so that this runs without bzip2).
// Before, a periodic block's equal rotations were in the order of their
// starts, and its origPtr could differ: the first four here did.
func TestRepetitiveSameAsBzip2(t *testing.T) {
	for _, tc := range []struct {
		name  string
		data  []byte
		level int
		size  int
		crc   uint32
	}{
		{"abc x1000", bytes.Repeat([]byte("abc"), 1000), 9, 45, 0x3adbbe89},
		{"y\\n x4999", bytes.Repeat([]byte("y\n"), 4999), 1, 45, 0xb5227c16},
		{"y\\n x6000", bytes.Repeat([]byte("y\n"), 6000), 9, 45, 0xb7f2879d},
		{"period 8, -1", bytes.Repeat([]byte("abcdefg\n"), 112_498)[:899_981], 1, 517, 0xc7c6cc89},
		{"period 8, -9", bytes.Repeat([]byte("abcdefg\n"), 112_498)[:899_981], 9, 70, 0x3d01ca94},
		{"zeros", make([]byte, 3<<20), 9, 48, 0xb7f0cea2},
		{"zeros -1", make([]byte, 3<<20), 1, 48, 0xab169f05},
		{"y\\n, odd", bytes.Repeat([]byte("y\n"), 450_000)[:899_981], 1, 320, 0x0b333798},
		{"y\\n, odd, -9", bytes.Repeat([]byte("y\n"), 450_000)[:899_981], 9, 46, 0x1033090b},
	} {
		z := compress(t, tc.data, tc.level, 1, 1)
		if len(z) != tc.size || crc32.ChecksumIEEE(z) != tc.crc {
			t.Errorf("%s: %d bytes, CRC %#08x; bzip2's: %d, %#08x", tc.name, len(z), crc32.ChecksumIEEE(z), tc.size, tc.crc)
		}
	}
}
