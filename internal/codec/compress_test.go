package codec

import (
	"bytes"
	"io"
	"math/rand"
	"os/exec"
	"testing"
)

// compressZ is a small .Z writer for the tests, as compress 4.x writes:
// LZW codes of 9 to maxBits bits packed low bit first, in groups of
// eight codes padded out whenever the width changes; in block mode,
// clearEvery > 0 puts a clear code after that many codes once the table
// is full (compress clears when the ratio drops).
func compressZ(data []byte, maxBits uint, block bool, clearEvery int) []byte {
	out := []byte{0x1f, 0x9d, byte(maxBits)}
	if block {
		out[2] |= lzwBlockMode
	}
	var acc uint64
	var nacc uint
	nBits := uint(lzwInitBits)
	maxCode := 1<<lzwInitBits - 1
	maxMax := 1 << maxBits
	base := 256
	if block {
		base = 257
	}
	dfree := base // the decoder's next entry, one code behind ours
	first := true
	nCodes := 0
	put := func(v int, bits uint) {
		acc |= uint64(v) << nacc
		nacc += bits
		for nacc >= 8 {
			out = append(out, byte(acc))
			acc >>= 8
			nacc -= 8
		}
	}
	pad := func() {
		for ; nCodes%8 != 0; nCodes++ {
			put(0, nBits)
		}
		nCodes = 0
	}
	emit := func(c int) {
		if dfree > maxCode {
			pad()
			nBits++
			maxCode = 1<<nBits - 1
			if nBits == maxBits {
				maxCode = maxMax
			}
		}
		put(c, nBits)
		nCodes++
		if c == lzwClear && block {
			pad()
			nBits, maxCode, dfree = lzwInitBits, 1<<lzwInitBits-1, lzwClear
			return
		}
		if !first && dfree < maxMax {
			dfree++
		}
		first = false
	}
	dict := map[[2]int]int{}
	free := base
	sinceFull := 0
	w := -1
	for _, c := range data {
		if w < 0 {
			w = int(c)
			continue
		}
		if k, ok := dict[[2]int{w, int(c)}]; ok {
			w = k
			continue
		}
		emit(w)
		if free < maxMax {
			dict[[2]int{w, int(c)}] = free
			free++
		} else if block && clearEvery > 0 {
			if sinceFull++; sinceFull >= clearEvery {
				emit(lzwClear)
				dict, free, sinceFull = map[[2]int]int{}, 257, 0
			}
		}
		w = int(c)
	}
	if w >= 0 {
		emit(w)
	}
	if nacc > 0 {
		out = append(out, byte(acc))
	}
	return out
}

// sample is data that fills LZW tables: text with repeats and noise.
func sample(n int) []byte {
	rnd := rand.New(rand.NewSource(1))
	words := []string{"compress ", "lzw ", "the ", "block ", "mode ", "clear ", "code\n", "aaaaaaaa"}
	var b bytes.Buffer
	for b.Len() < n {
		if rnd.Intn(10) == 0 {
			b.WriteByte(byte(rnd.Intn(256)))
		} else {
			b.WriteString(words[rnd.Intn(len(words))])
		}
	}
	return b.Bytes()[:n]
}

func readZ(t *testing.T, z []byte) ([]byte, error) {
	t.Helper()
	return readAll(t, "compress", z)
}

func TestCompressRead(t *testing.T) {
	data := sample(600 << 10)
	_, gzipErr := exec.LookPath("gzip")
	for _, tc := range []struct {
		bits       uint
		block      bool
		clearEvery int
	}{
		{16, true, 0}, {12, true, 0}, {12, true, 1000}, {10, true, 300}, {13, false, 0}, {16, false, 0}, {11, true, 1},
	} {
		z := compressZ(data, tc.bits, tc.block, tc.clearEvery)
		got, err := readZ(t, z)
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("%+v: %d of %d bytes, %v", tc, len(got), len(data), err)
		}
		// GNU gzip reads .Z as compress does: the test writer is
		// right about the padding and the clear codes.
		if gzipErr == nil {
			cmd := exec.Command("gzip", "-dc")
			cmd.Stdin = bytes.NewReader(z)
			if out, err := cmd.Output(); err != nil || !bytes.Equal(out, data) {
				t.Errorf("%+v: gzip -d: %d bytes, %v", tc, len(out), err)
			}
		}
	}
	for _, tc := range []struct {
		name string
		in   string
		out  string
		err  error
	}{
		{"empty", "", "", Error("invalid magic")},
		{"gzip", "\x1f\x8b\x08", "", Error("invalid magic")},
		{"no flags", "\x1f\x9d", "", Error("short read")},
		{"17 bits", "\x1f\x9d\x91", "", Error("compressed with 17 bits, can only handle 16 bits")},
		{"no codes", "\x1f\x9d\x90", "", nil},
		{"one code", "\x1f\x9d\x90\x41\x00", "A", nil},
		{"KwKwK", "\x1f\x9d\x90\x41\x02\x02", "AAA", nil},
		{"first code past 255", "\x1f\x9d\x90\x00\x03", "", Error("corrupted data")},
		{"code past the table", "\x1f\x9d\x90\x41\x04\x02", "A", Error("corrupted data")},
	} {
		got, err := readZ(t, []byte(tc.in))
		if string(got) != tc.out || err != tc.err {
			t.Errorf("%s: %q, %v; want %q, %v", tc.name, got, err, tc.out, tc.err)
		}
	}
}

// TestCompressInterop: what ncompress writes, at each width, when it is
// installed.
func TestCompressInterop(t *testing.T) {
	if _, err := exec.LookPath("compress"); err != nil {
		t.Skip("ncompress is not installed")
	}
	data := sample(1 << 20)
	// -b 9 is left out: compress's own decoders (BusyBox's, gzip's)
	// widen past 9 bits there and fail on what ncompress writes.
	for _, b := range []string{"10", "12", "14", "16"} {
		cmd := exec.Command("compress", "-c", "-b", b)
		cmd.Stdin = bytes.NewReader(data)
		z, err := cmd.Output()
		if err != nil {
			t.Fatalf("compress -b %s: %v", b, err)
		}
		if got, err := readZ(t, z); err != nil || !bytes.Equal(got, data) {
			t.Errorf("compress -b %s: %d of %d bytes, %v", b, len(got), len(data), err)
		}
	}
}

// TestCompressBomb: a stream that expands a few thousandfold decodes in
// bounded memory, as a stream.
func TestCompressBomb(t *testing.T) {
	z := compressZ(bytes.Repeat([]byte{'x'}, 16<<20), 16, true, 0)
	r, _ := ByName("compress").Reader(bytes.NewReader(z))
	n, err := io.Copy(io.Discard, r)
	if err != nil || n != 16<<20 {
		t.Errorf("bomb: %d bytes, %v", n, err)
	}
}

func FuzzCompressReader(f *testing.F) {
	f.Add(compressZ(sample(5000), 16, true, 0))
	f.Add(compressZ(sample(5000), 9, true, 10))
	f.Add(compressZ(sample(5000), 10, false, 0))
	f.Add([]byte("\x1f\x9d\x90\x41\x02\x02"))
	f.Fuzz(func(t *testing.T, in []byte) {
		r, _ := ByName("compress").Reader(bytes.NewReader(in))
		// At most 64 KiB comes of one code: the output is bounded by
		// the input.
		n, err := io.Copy(io.Discard, r)
		if limit := int64(len(in)) * 8 / 9 * (1 << 16); n > limit+1 {
			t.Fatalf("%d bytes from %d", n, len(in))
		}
		if err != nil {
			if _, ok := err.(Error); !ok {
				t.Fatalf("error %T %v", err, err)
			}
		}
	})
}

// CompressZ is compressZ for the package's external tests (tar -Z).
func CompressZ(data []byte) []byte { return compressZ(data, 16, true, 0) }
