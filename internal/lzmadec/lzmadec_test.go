package lzmadec

import (
	"bytes"
	"encoding/binary"
	"io"
	"math/rand"
	"os/exec"
	"testing"
	"testing/iotest"
)

// sample is data with literals, short and long matches and runs.
func sample(n int, seed int64) []byte {
	r := rand.New(rand.NewSource(seed))
	words := []string{"alpha ", "beta ", "gamma\n", "delta ", "\x00\x01\x02", "epsilon "}
	var b bytes.Buffer
	for b.Len() < n {
		switch r.Intn(5) {
		case 0:
			b.WriteString(words[r.Intn(len(words))])
		case 1:
			b.Write(bytes.Repeat([]byte{byte(r.Intn(256))}, r.Intn(300)))
		case 2:
			for i := r.Intn(64); i > 0; i-- {
				b.WriteByte(byte(r.Intn(256)))
			}
		default:
			if b.Len() > 10 {
				s := b.Bytes()
				off := r.Intn(len(s))
				l := min(r.Intn(400), len(s)-off)
				b.Write(append([]byte(nil), s[off:off+l]...))
			}
		}
	}
	return b.Bytes()[:n]
}

// hostXz runs Debian's xz with args on in, skipping when it is absent.
func hostXz(t testing.TB, in []byte, args ...string) []byte {
	t.Helper()
	if _, err := exec.LookPath("xz"); err != nil {
		t.Skip("no xz")
	}
	cmd := exec.Command("xz", args...)
	cmd.Stdin = bytes.NewReader(in)
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func readLzmaFile(t testing.TB, f []byte) ([]byte, error) {
	t.Helper()
	pr, err := DecodeProps(f[0])
	if err != nil {
		return nil, err
	}
	dict := int(binary.LittleEndian.Uint32(f[1:5]))
	size := int64(binary.LittleEndian.Uint64(f[5:13]))
	return io.ReadAll(NewReader1(bytes.NewReader(f[13:]), pr, dict, size))
}

func TestHostLZMA(t *testing.T) {
	for _, n := range []int{0, 1, 100, 5000, 300000, 3 << 20} {
		data := sample(n, int64(n))
		for _, args := range [][]string{
			{"--format=lzma", "-c"},
			{"--format=lzma", "-c", "-0"},
			{"--format=lzma", "-c", "--lzma1=preset=6,lc=0,lp=2,pb=0"},
			{"--format=lzma", "-c", "--lzma1=preset=1,lc=4,lp=0,pb=4,dict=4KiB"},
		} {
			f := hostXz(t, data, args...)
			got, err := readLzmaFile(t, f)
			if err != nil || !bytes.Equal(got, data) {
				t.Errorf("%d %v: err %v, equal %v (%d/%d)", n, args, err, bytes.Equal(got, data), len(got), len(data))
			}
			if n <= 5000 {
				// Input a byte at a time, as from a slow pipe.
				pr, _ := DecodeProps(f[0])
				r := NewReader1(iotest.OneByteReader(bytes.NewReader(f[13:])), pr, 1<<20, -1)
				if got, err := io.ReadAll(r); err != nil || !bytes.Equal(got, data) {
					t.Errorf("%d %v, a byte at a time: %d bytes, %v", n, args, len(got), err)
				}
			}
		}
		for _, args := range [][]string{
			{"--format=raw", "-c"},
			{"--format=raw", "-c", "--lzma2=preset=0,dict=4KiB"},
			{"--format=raw", "-c", "--lzma2=preset=6,lc=1,lp=3,pb=0"},
		} {
			f := hostXz(t, data, args...)
			got, err := io.ReadAll(NewReader2(bytes.NewReader(f), 8<<20))
			if err != nil || !bytes.Equal(got, data) {
				t.Errorf("%d %v: err %v, equal %v (%d/%d)", n, args, err, bytes.Equal(got, data), len(got), len(data))
			}
			var d Decoder
			dst := make([]byte, len(data))
			used, err := d.DecodeLZMA2(dst, f, 8<<20)
			if err != nil || used != len(f) || !bytes.Equal(dst, data) {
				t.Errorf("flat %d %v: err %v, used %d/%d", n, args, err, used, len(f))
			}
		}
	}
}

// lzma2Cases are raw LZMA2 streams of the host's xz (none without it).
func lzma2Cases(t testing.TB) [][]byte {
	if _, err := exec.LookPath("xz"); err != nil {
		return nil
	}
	var out [][]byte
	for i, n := range []int{10, 1000, 70000} {
		out = append(out, hostXz(t, sample(n, int64(i)), "--format=raw", "-c", "--lzma2=preset=1,dict=64KiB"))
	}
	return out
}
