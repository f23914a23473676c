package xzio

import (
	"bytes"
	"io"
	"math/rand"
	"os/exec"
	"testing"
	"testing/iotest"
)

// mixed is compressible data that is not a single repeat.
func mixed(n int) []byte {
	r := rand.New(rand.NewSource(int64(n)))
	var b bytes.Buffer
	for b.Len() < n {
		if r.Intn(3) == 0 && b.Len() > 100 {
			s := b.Bytes()
			o := r.Intn(len(s) - 50)
			b.Write(bytes.Clone(s[o : o+r.Intn(50)]))
		} else {
			for i := r.Intn(20); i >= 0; i-- {
				b.WriteByte("abcdefgh \n\x00\xff"[r.Intn(12)])
			}
		}
	}
	return b.Bytes()[:n]
}

func unxzThreads(in []byte, threads int) ([]byte, error) {
	r, err := NewReader(bytes.NewReader(in))
	if err != nil {
		return nil, err
	}
	r.SetThreads(threads)
	return io.ReadAll(r)
}

// multiBlock is data in blocks of 100,000 bytes (the last shorter) as
// gobox's xz -T writes it, and as Debian's xz -T2 does when present.
func multiBlock(t *testing.T, data []byte) map[string][]byte {
	files := map[string][]byte{
		"gobox -T3": xz(t, data, Options{Level: 1, Threads: 3, BlockSize: 100000, Size: -1}),
	}
	if _, err := exec.LookPath("xz"); err == nil {
		cmd := exec.Command("xz", "-1", "-T2", "--block-size=100000", "-c")
		cmd.Stdin = bytes.NewReader(data)
		out, err := cmd.Output()
		if err != nil {
			t.Fatal(err)
		}
		files["xz -T2"] = out
	}
	return files
}

// TestParallel: blocks decoded ahead give what one dictionary gives,
// whatever the number of threads, including several streams.
func TestParallel(t *testing.T) {
	data := mixed(654321)
	for name, c := range multiBlock(t, data) {
		for _, in := range [][]byte{c, append(bytes.Clone(c), c...)} {
			want := data
			if len(in) > len(c) {
				want = append(bytes.Clone(data), data...)
			}
			for _, threads := range []int{1, 2, 3, 8} {
				got, err := unxzThreads(in, threads)
				if err != nil || !bytes.Equal(got, want) {
					t.Errorf("%s, %d threads: %d bytes, %v", name, threads, len(got), err)
				}
			}
			// Input in small pieces, as from a pipe.
			r, err := NewReader(iotest.HalfReader(iotest.OneByteReader(bytes.NewReader(in))))
			if err != nil {
				t.Fatal(err)
			}
			r.SetThreads(3)
			if got, err := io.ReadAll(r); err != nil || !bytes.Equal(got, want) {
				t.Errorf("%s, one byte at a time: %d bytes, %v", name, len(got), err)
			}
		}
	}
}

// TestParallelDamage: a damaged or truncated block stops the data where
// it is: every block before it is returned, no byte of a block after it.
func TestParallelDamage(t *testing.T) {
	data := mixed(654321)
	for name, c := range multiBlock(t, data) {
		for _, at := range []int{len(c) / 3, len(c) / 2, len(c) * 3 / 4} {
			for _, tc := range []struct {
				how string
				in  []byte
			}{
				{"flipped", flip(c, at)},
				{"cut", c[:at]},
			} {
				seq, serr := unxzThreads(tc.in, 1)
				par, perr := unxzThreads(tc.in, 3)
				if serr != errCorrupt || perr != errCorrupt {
					t.Errorf("%s %s at %d: errors %v, %v", name, tc.how, at, serr, perr)
				}
				// The blocks the sequential path completed are all there,
				// and nothing past the block it stopped in (whose data,
				// damaged, may differ).
				done := len(seq) / 100000 * 100000
				if len(par) < done || len(par) > done+100000 || !bytes.Equal(par[:done], data[:done]) {
					t.Errorf("%s %s at %d: %d bytes in parallel, %d in sequence", name, tc.how, at, len(par), len(seq))
				}
			}
		}
	}
}

// TestBlockGarbage: after the first blocks, decoding more blocks
// allocates (almost) nothing, in either path: dictionaries, buffers
// and decoders are reused.
func TestBlockGarbage(t *testing.T) {
	block := mixed(256 << 10)
	var few, many []byte
	for i := 0; i < 4; i++ {
		few = append(few, block...)
	}
	for i := 0; i < 12; i++ {
		many = append(many, block...)
	}
	o := Options{Level: 1, Threads: 2, BlockSize: 256 << 10, Size: -1}
	cFew, cMany := xz(t, few, o), xz(t, many, o)
	for _, threads := range []int{1, 2, 4} {
		cost := func(c []byte) uint64 {
			return allocated(func() {
				r, _ := NewReader(bytes.NewReader(c))
				r.SetThreads(threads)
				if _, err := io.CopyBuffer(io.Discard, r, make([]byte, 64<<10)); err != nil {
					t.Error(err)
				}
			})
		}
		cost(cFew) // warm up whatever the runtime allocates once
		a, b := cost(cFew), cost(cMany)
		// Eight more blocks of 256 KiB: a few KiB of headers and goroutines.
		if b > a+64<<10 {
			t.Errorf("%d threads: 4 blocks allocate %d bytes, 12 blocks %d", threads, a, b)
		}
	}
}

// TestHostileSizes: a block header claiming a huge compressed size (or
// an uncompressed one over the bound) is not trusted with an
// allocation: the block streams and fails as damaged data.
func TestHostileSizes(t *testing.T) {
	for _, tc := range []struct{ csize, usize int64 }{
		{1 << 40, 1 << 20},
		{1 << 20, 1 << 40},
		{1 << 30, 1 << 26},
	} {
		h := []byte{0, 0xc0}
		h = putVLI(h, tc.csize)
		h = putVLI(h, tc.usize)
		h = append(h, 0x21, 0x01, 0x08) // a 64 KiB dictionary
		for len(h)%4 != 0 {
			h = append(h, 0)
		}
		h[0] = byte(len(h) / 4)
		crc := crc32IEEE(h)
		h = append(h, byte(crc), byte(crc>>8), byte(crc>>16), byte(crc>>24))
		in := append([]byte(helloXz[:12]), h...)
		in = append(in, bytes.Repeat([]byte{1, 0, 3, 'a', 'b', 'c', 'd'}, 100)...)
		var err error
		allocs := allocated(func() { _, err = unxzThreads(in, 4) })
		if err != errCorrupt || allocs > 4<<20 {
			t.Errorf("csize %d, usize %d: %v, %d bytes allocated", tc.csize, tc.usize, err, allocs)
		}
	}
}

// TestDefaultOneBlockAtATime: a Reader decodes one block at a time unless
// given threads (issue 10: a block decoded ahead is held whole), even on
// a stream whose blocks could be decoded ahead.
func TestDefaultOneBlockAtATime(t *testing.T) {
	data := mixed(654321)
	for name, in := range multiBlock(t, data) {
		r, err := NewReader(bytes.NewReader(in))
		if err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		buf := make([]byte, 4096)
		for {
			n, err := r.Read(buf)
			got.Write(buf[:n])
			if r.inflight > 0 || len(r.queue) > 0 {
				t.Fatalf("%s: %d blocks decoding ahead, %d queued", name, r.inflight, len(r.queue))
			}
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		}
		if !bytes.Equal(got.Bytes(), data) {
			t.Errorf("%s: data differs", name)
		}
	}
}
