package digest

import (
	"bytes"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha3"
	"crypto/sha512"
	"encoding/hex"
	"math/big"
	"math/rand/v2"
	"testing"
)

// TestAgainstStdlib compares every digest with the standard library's
// over messages of every length around the block and padding edges, fed
// in pieces of random sizes.
func TestAgainstStdlib(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	msg := make([]byte, 1200)
	for i := range msg {
		msg[i] = byte(rnd.UintN(256))
	}
	type pair struct {
		name string
		ours func() Hash
		std  func([]byte) []byte
	}
	pairs := []pair{
		{"md5", MD5, func(b []byte) []byte { s := md5.Sum(b); return s[:] }},
		{"sha1", SHA1, func(b []byte) []byte { s := sha1.Sum(b); return s[:] }},
		{"sha256", SHA256, func(b []byte) []byte { s := sha256.Sum256(b); return s[:] }},
		{"sha512", SHA512, func(b []byte) []byte { s := sha512.Sum512(b); return s[:] }},
		{"sha3-224", func() Hash { return SHA3(224) }, func(b []byte) []byte { s := sha3.Sum224(b); return s[:] }},
		{"sha3-256", func() Hash { return SHA3(256) }, func(b []byte) []byte { s := sha3.Sum256(b); return s[:] }},
		{"sha3-384", func() Hash { return SHA3(384) }, func(b []byte) []byte { s := sha3.Sum384(b); return s[:] }},
		{"sha3-512", func() Hash { return SHA3(512) }, func(b []byte) []byte { s := sha3.Sum512(b); return s[:] }},
	}
	for _, p := range pairs {
		for n := 0; n <= len(msg); n += 1 + n/40 {
			h := p.ours()
			for rest := msg[:n]; len(rest) > 0; {
				k := min(len(rest), 1+int(rnd.UintN(150)))
				h.Write(rest[:k])
				rest = rest[k:]
			}
			got := h.Sum(nil)[:h.Size()]
			if want := p.std(msg[:n]); !bytes.Equal(got, want) {
				t.Fatalf("%s of %d bytes: %x, want %x", p.name, n, got, want)
			}
		}
	}
}

// TestSHA3Widths: the widths beyond the standard's, as Alpine's BusyBox
// sha3sum -a prints them (of "abc").
func TestSHA3Widths(t *testing.T) {
	for _, tc := range []struct {
		bits int
		want string
	}{
		{32, "f5880cb4"},
		{768, "e064ae7ef2d787c403918a5ac377c88ce06c1c2ef2f676fa3567a84e0ba075a5fe8c390bad9fcc5a839400e91c7716ca3df19b2028becdbf9bfaddd973fddc31"},
	} {
		h := SHA3(tc.bits)
		h.Write([]byte("abc"))
		sum := h.Sum(nil)
		if got := hex.EncodeToString(sum[:min(len(sum), h.Size())]); got != tc.want {
			t.Errorf("SHA3(%d) of abc = %s, want %s", tc.bits, got, tc.want)
		}
	}
}

// TestTables recomputes the round constants from their definitions:
// SHA-256's and SHA-512's are the first bits of the fractional parts of
// the cube roots of the first primes, Keccak's come from its LFSR.
func TestTables(t *testing.T) {
	var primes []int64
	for n := int64(2); len(primes) < 80; n++ {
		prime := true
		for _, p := range primes {
			if n%p == 0 {
				prime = false
				break
			}
		}
		if prime {
			primes = append(primes, n)
		}
	}
	// fracCubeRoot returns the first bits bits of the fraction of p^(1/3).
	fracCubeRoot := func(p int64, bits uint) uint64 {
		x := new(big.Int).Lsh(big.NewInt(p), 3*bits)
		// Integer cube root by bisection.
		lo, hi := big.NewInt(0), new(big.Int).Lsh(big.NewInt(1), bits+8)
		one := big.NewInt(1)
		for new(big.Int).Sub(hi, lo).Cmp(one) > 0 {
			mid := new(big.Int).Rsh(new(big.Int).Add(lo, hi), 1)
			if new(big.Int).Exp(mid, big.NewInt(3), nil).Cmp(x) <= 0 {
				lo = mid
			} else {
				hi = mid
			}
		}
		mask := new(big.Int).Sub(new(big.Int).Lsh(one, bits), one)
		return new(big.Int).And(lo, mask).Uint64()
	}
	for i, k := range sha256K {
		if want := uint32(fracCubeRoot(primes[i], 32)); k != want {
			t.Errorf("sha256K[%d] = %#x, want %#x", i, k, want)
		}
	}
	for i, k := range sha512K {
		if want := fracCubeRoot(primes[i], 64); k != want {
			t.Errorf("sha512K[%d] = %#x, want %#x", i, k, want)
		}
	}
	lfsr := uint8(1)
	bit := func() uint64 {
		b := uint64(lfsr & 1)
		if lfsr&0x80 != 0 {
			lfsr = lfsr<<1 ^ 0x71
		} else {
			lfsr <<= 1
		}
		return b
	}
	for i, rc := range keccakRC {
		var want uint64
		for j := 0; j < 7; j++ {
			want |= bit() << (1<<j - 1)
		}
		if rc != want {
			t.Errorf("keccakRC[%d] = %#x, want %#x", i, rc, want)
		}
	}
}

func BenchmarkSHA256(b *testing.B) {
	buf := make([]byte, 64<<10)
	b.SetBytes(int64(len(buf)))
	h := SHA256()
	for range b.N {
		h.Write(buf)
	}
}

func BenchmarkMD5(b *testing.B) {
	buf := make([]byte, 64<<10)
	b.SetBytes(int64(len(buf)))
	h := MD5()
	for range b.N {
		h.Write(buf)
	}
}
