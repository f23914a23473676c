// Package digest computes the message digests of md5sum, sha1sum,
// sha256sum, sha512sum and sha3sum: MD5, SHA-1, SHA-256, SHA-512 and
// SHA-3 of any width BusyBox's sha3sum -a takes.
//
// The standard library has them all, but linking crypto/* runs about
// fifteen package inits (the FIPS 140 module's self-registration, its
// DRBG, AES-GCM) at every start of gobox, whichever applet runs; these
// plain Go versions run nothing at start-up. They are the portable C of
// BusyBox's libbb/hash_md5_sha.c in speed: no assembly, no SHA-NI.
package digest

import "encoding/binary"

// Hash is a running digest: Write the message, then Sum.
type Hash interface {
	// Write adds p to the message; it never fails.
	Write(p []byte) (int, error)
	// Sum appends the digest of the message so far to b.
	Sum(b []byte) []byte
	// Size is the length of the digest in bytes.
	Size() int
}

// mdBuffer is the partial block of a Merkle-Damgård hash.
type mdBuffer struct {
	buf [128]byte
	n   int    // bytes in buf
	len uint64 // bytes written in all
}

// write feeds p to block, size bytes at a time, keeping the remainder.
func (m *mdBuffer) write(p []byte, size int, block func([]byte)) {
	m.len += uint64(len(p))
	if m.n > 0 {
		k := copy(m.buf[m.n:size], p)
		m.n += k
		p = p[k:]
		if m.n < size {
			return
		}
		block(m.buf[:size])
		m.n = 0
	}
	if full := len(p) / size * size; full > 0 {
		block(p[:full])
		p = p[full:]
	}
	m.n = copy(m.buf[:size], p)
}

// pad returns the final block(s): a 1 bit, zeros, and the message length
// in bits in lenBytes bytes, big- or little-endian.
func (m *mdBuffer) pad(size, lenBytes int, little bool) []byte {
	var tail [256]byte
	n := copy(tail[:], m.buf[:m.n])
	tail[n] = 0x80
	total := size
	if n+1+lenBytes > size {
		total = 2 * size
	}
	bitLen := m.len << 3
	if little {
		binary.LittleEndian.PutUint64(tail[total-lenBytes:], bitLen)
	} else {
		// The high half of a 128-bit length is the top bits of len.
		binary.BigEndian.PutUint64(tail[total-8:], bitLen)
		if lenBytes == 16 {
			binary.BigEndian.PutUint64(tail[total-16:], m.len>>61)
		}
	}
	return tail[:total]
}

// MD5 returns an MD5 digest (RFC 1321).
func MD5() Hash {
	return &md5Hash{s: [4]uint32{0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476}}
}

type md5Hash struct {
	s [4]uint32
	mdBuffer
}

func (h *md5Hash) Size() int { return 16 }

func (h *md5Hash) Write(p []byte) (int, error) {
	h.write(p, 64, func(b []byte) { md5Block(&h.s, b) })
	return len(p), nil
}

func (h *md5Hash) Sum(b []byte) []byte {
	c := *h
	md5Block(&c.s, c.pad(64, 8, true))
	for _, v := range c.s {
		b = binary.LittleEndian.AppendUint32(b, v)
	}
	return b
}

// SHA1 returns a SHA-1 digest (FIPS 180-4).
func SHA1() Hash {
	return &sha1Hash{s: [5]uint32{0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0}}
}

type sha1Hash struct {
	s [5]uint32
	mdBuffer
}

func (h *sha1Hash) Size() int { return 20 }

func (h *sha1Hash) Write(p []byte) (int, error) {
	h.write(p, 64, func(b []byte) { sha1Block(&h.s, b) })
	return len(p), nil
}

func (h *sha1Hash) Sum(b []byte) []byte {
	c := *h
	sha1Block(&c.s, c.pad(64, 8, false))
	for _, v := range c.s {
		b = binary.BigEndian.AppendUint32(b, v)
	}
	return b
}

// SHA256 returns a SHA-256 digest (FIPS 180-4).
func SHA256() Hash {
	return &sha256Hash{s: [8]uint32{0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19}}
}

type sha256Hash struct {
	s [8]uint32
	mdBuffer
}

func (h *sha256Hash) Size() int { return 32 }

func (h *sha256Hash) Write(p []byte) (int, error) {
	h.write(p, 64, func(b []byte) { sha256Block(&h.s, b) })
	return len(p), nil
}

func (h *sha256Hash) Sum(b []byte) []byte {
	c := *h
	sha256Block(&c.s, c.pad(64, 8, false))
	for _, v := range c.s {
		b = binary.BigEndian.AppendUint32(b, v)
	}
	return b
}

// SHA512 returns a SHA-512 digest (FIPS 180-4).
func SHA512() Hash {
	return &sha512Hash{s: [8]uint64{
		0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1,
		0x510e527fade682d1, 0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179,
	}}
}

type sha512Hash struct {
	s [8]uint64
	mdBuffer
}

func (h *sha512Hash) Size() int { return 64 }

func (h *sha512Hash) Write(p []byte) (int, error) {
	h.write(p, 128, func(b []byte) { sha512Block(&h.s, b) })
	return len(p), nil
}

func (h *sha512Hash) Sum(b []byte) []byte {
	c := *h
	sha512Block(&c.s, c.pad(128, 16, false))
	for _, v := range c.s {
		b = binary.BigEndian.AppendUint64(b, v)
	}
	return b
}

// SHA3 returns a SHA-3 digest of bits bits (FIPS 202: 224, 256, 384 and
// 512 are the standard's), which must be a multiple of 32 between 32 and
// 768. As BusyBox's, its Sum gives at most 64 bytes of the state; Size
// says how many bytes sha3sum prints.
func SHA3(bits int) Hash {
	return &sha3Hash{rate: 200 - bits/4, size: bits / 8}
}

type sha3Hash struct {
	a    [25]uint64
	buf  [200]byte
	n    int
	rate int // bytes absorbed per permutation
	size int
}

func (h *sha3Hash) Size() int { return h.size }

func (h *sha3Hash) absorb(p []byte) {
	for i := 0; i < h.rate/8; i++ {
		h.a[i] ^= binary.LittleEndian.Uint64(p[8*i:])
	}
	keccakF1600(&h.a)
}

func (h *sha3Hash) Write(p []byte) (int, error) {
	n := len(p)
	if h.n > 0 {
		k := copy(h.buf[h.n:h.rate], p)
		h.n += k
		p = p[k:]
		if h.n < h.rate {
			return n, nil
		}
		h.absorb(h.buf[:h.rate])
		h.n = 0
	}
	for len(p) >= h.rate {
		h.absorb(p[:h.rate])
		p = p[h.rate:]
	}
	h.n = copy(h.buf[:h.rate], p)
	return n, nil
}

func (h *sha3Hash) Sum(b []byte) []byte {
	c := *h
	clear(c.buf[c.n:c.rate])
	c.buf[c.n] ^= 0x06 // SHA-3's 01 suffix and the first padding bit
	c.buf[c.rate-1] ^= 0x80
	c.absorb(c.buf[:c.rate])
	for i := 0; i < 8; i++ {
		b = binary.LittleEndian.AppendUint64(b, c.a[i])
	}
	return b
}
