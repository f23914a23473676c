package digest

// The compression functions, written out round by round from the
// standards (RFC 1321, FIPS 180-4, FIPS 202) so that the compiler keeps
// the state in registers. digest_test.go recomputes every table here
// from its definition.

import (
	"encoding/binary"
	"math/bits"
)

// md5Block runs MD5's compression function (RFC 1321) over each 64-byte
// block of p.
func md5Block(s *[4]uint32, p []byte) {
	a0, b0, c0, d0 := s[0], s[1], s[2], s[3]
	for ; len(p) >= 64; p = p[64:] {
		_ = p[63]
		a, b, c, d := a0, b0, c0, d0
		a = b + bits.RotateLeft32(a+0xd76aa478+binary.LittleEndian.Uint32(p[0:])+(d^(b&(c^d))), 7)
		d = a + bits.RotateLeft32(d+0xe8c7b756+binary.LittleEndian.Uint32(p[4:])+(c^(a&(b^c))), 12)
		c = d + bits.RotateLeft32(c+0x242070db+binary.LittleEndian.Uint32(p[8:])+(b^(d&(a^b))), 17)
		b = c + bits.RotateLeft32(b+0xc1bdceee+binary.LittleEndian.Uint32(p[12:])+(a^(c&(d^a))), 22)
		a = b + bits.RotateLeft32(a+0xf57c0faf+binary.LittleEndian.Uint32(p[16:])+(d^(b&(c^d))), 7)
		d = a + bits.RotateLeft32(d+0x4787c62a+binary.LittleEndian.Uint32(p[20:])+(c^(a&(b^c))), 12)
		c = d + bits.RotateLeft32(c+0xa8304613+binary.LittleEndian.Uint32(p[24:])+(b^(d&(a^b))), 17)
		b = c + bits.RotateLeft32(b+0xfd469501+binary.LittleEndian.Uint32(p[28:])+(a^(c&(d^a))), 22)
		a = b + bits.RotateLeft32(a+0x698098d8+binary.LittleEndian.Uint32(p[32:])+(d^(b&(c^d))), 7)
		d = a + bits.RotateLeft32(d+0x8b44f7af+binary.LittleEndian.Uint32(p[36:])+(c^(a&(b^c))), 12)
		c = d + bits.RotateLeft32(c+0xffff5bb1+binary.LittleEndian.Uint32(p[40:])+(b^(d&(a^b))), 17)
		b = c + bits.RotateLeft32(b+0x895cd7be+binary.LittleEndian.Uint32(p[44:])+(a^(c&(d^a))), 22)
		a = b + bits.RotateLeft32(a+0x6b901122+binary.LittleEndian.Uint32(p[48:])+(d^(b&(c^d))), 7)
		d = a + bits.RotateLeft32(d+0xfd987193+binary.LittleEndian.Uint32(p[52:])+(c^(a&(b^c))), 12)
		c = d + bits.RotateLeft32(c+0xa679438e+binary.LittleEndian.Uint32(p[56:])+(b^(d&(a^b))), 17)
		b = c + bits.RotateLeft32(b+0x49b40821+binary.LittleEndian.Uint32(p[60:])+(a^(c&(d^a))), 22)
		a = b + bits.RotateLeft32(a+0xf61e2562+binary.LittleEndian.Uint32(p[4:])+((b&d)|(c&^d)), 5)
		d = a + bits.RotateLeft32(d+0xc040b340+binary.LittleEndian.Uint32(p[24:])+((a&c)|(b&^c)), 9)
		c = d + bits.RotateLeft32(c+0x265e5a51+binary.LittleEndian.Uint32(p[44:])+((d&b)|(a&^b)), 14)
		b = c + bits.RotateLeft32(b+0xe9b6c7aa+binary.LittleEndian.Uint32(p[0:])+((c&a)|(d&^a)), 20)
		a = b + bits.RotateLeft32(a+0xd62f105d+binary.LittleEndian.Uint32(p[20:])+((b&d)|(c&^d)), 5)
		d = a + bits.RotateLeft32(d+0x02441453+binary.LittleEndian.Uint32(p[40:])+((a&c)|(b&^c)), 9)
		c = d + bits.RotateLeft32(c+0xd8a1e681+binary.LittleEndian.Uint32(p[60:])+((d&b)|(a&^b)), 14)
		b = c + bits.RotateLeft32(b+0xe7d3fbc8+binary.LittleEndian.Uint32(p[16:])+((c&a)|(d&^a)), 20)
		a = b + bits.RotateLeft32(a+0x21e1cde6+binary.LittleEndian.Uint32(p[36:])+((b&d)|(c&^d)), 5)
		d = a + bits.RotateLeft32(d+0xc33707d6+binary.LittleEndian.Uint32(p[56:])+((a&c)|(b&^c)), 9)
		c = d + bits.RotateLeft32(c+0xf4d50d87+binary.LittleEndian.Uint32(p[12:])+((d&b)|(a&^b)), 14)
		b = c + bits.RotateLeft32(b+0x455a14ed+binary.LittleEndian.Uint32(p[32:])+((c&a)|(d&^a)), 20)
		a = b + bits.RotateLeft32(a+0xa9e3e905+binary.LittleEndian.Uint32(p[52:])+((b&d)|(c&^d)), 5)
		d = a + bits.RotateLeft32(d+0xfcefa3f8+binary.LittleEndian.Uint32(p[8:])+((a&c)|(b&^c)), 9)
		c = d + bits.RotateLeft32(c+0x676f02d9+binary.LittleEndian.Uint32(p[28:])+((d&b)|(a&^b)), 14)
		b = c + bits.RotateLeft32(b+0x8d2a4c8a+binary.LittleEndian.Uint32(p[48:])+((c&a)|(d&^a)), 20)
		a = b + bits.RotateLeft32(a+0xfffa3942+binary.LittleEndian.Uint32(p[20:])+(b^(c^d)), 4)
		d = a + bits.RotateLeft32(d+0x8771f681+binary.LittleEndian.Uint32(p[32:])+(a^(b^c)), 11)
		c = d + bits.RotateLeft32(c+0x6d9d6122+binary.LittleEndian.Uint32(p[44:])+(d^(a^b)), 16)
		b = c + bits.RotateLeft32(b+0xfde5380c+binary.LittleEndian.Uint32(p[56:])+(c^(d^a)), 23)
		a = b + bits.RotateLeft32(a+0xa4beea44+binary.LittleEndian.Uint32(p[4:])+(b^(c^d)), 4)
		d = a + bits.RotateLeft32(d+0x4bdecfa9+binary.LittleEndian.Uint32(p[16:])+(a^(b^c)), 11)
		c = d + bits.RotateLeft32(c+0xf6bb4b60+binary.LittleEndian.Uint32(p[28:])+(d^(a^b)), 16)
		b = c + bits.RotateLeft32(b+0xbebfbc70+binary.LittleEndian.Uint32(p[40:])+(c^(d^a)), 23)
		a = b + bits.RotateLeft32(a+0x289b7ec6+binary.LittleEndian.Uint32(p[52:])+(b^(c^d)), 4)
		d = a + bits.RotateLeft32(d+0xeaa127fa+binary.LittleEndian.Uint32(p[0:])+(a^(b^c)), 11)
		c = d + bits.RotateLeft32(c+0xd4ef3085+binary.LittleEndian.Uint32(p[12:])+(d^(a^b)), 16)
		b = c + bits.RotateLeft32(b+0x04881d05+binary.LittleEndian.Uint32(p[24:])+(c^(d^a)), 23)
		a = b + bits.RotateLeft32(a+0xd9d4d039+binary.LittleEndian.Uint32(p[36:])+(b^(c^d)), 4)
		d = a + bits.RotateLeft32(d+0xe6db99e5+binary.LittleEndian.Uint32(p[48:])+(a^(b^c)), 11)
		c = d + bits.RotateLeft32(c+0x1fa27cf8+binary.LittleEndian.Uint32(p[60:])+(d^(a^b)), 16)
		b = c + bits.RotateLeft32(b+0xc4ac5665+binary.LittleEndian.Uint32(p[8:])+(c^(d^a)), 23)
		a = b + bits.RotateLeft32(a+0xf4292244+binary.LittleEndian.Uint32(p[0:])+(c^(b|^d)), 6)
		d = a + bits.RotateLeft32(d+0x432aff97+binary.LittleEndian.Uint32(p[28:])+(b^(a|^c)), 10)
		c = d + bits.RotateLeft32(c+0xab9423a7+binary.LittleEndian.Uint32(p[56:])+(a^(d|^b)), 15)
		b = c + bits.RotateLeft32(b+0xfc93a039+binary.LittleEndian.Uint32(p[20:])+(d^(c|^a)), 21)
		a = b + bits.RotateLeft32(a+0x655b59c3+binary.LittleEndian.Uint32(p[48:])+(c^(b|^d)), 6)
		d = a + bits.RotateLeft32(d+0x8f0ccc92+binary.LittleEndian.Uint32(p[12:])+(b^(a|^c)), 10)
		c = d + bits.RotateLeft32(c+0xffeff47d+binary.LittleEndian.Uint32(p[40:])+(a^(d|^b)), 15)
		b = c + bits.RotateLeft32(b+0x85845dd1+binary.LittleEndian.Uint32(p[4:])+(d^(c|^a)), 21)
		a = b + bits.RotateLeft32(a+0x6fa87e4f+binary.LittleEndian.Uint32(p[32:])+(c^(b|^d)), 6)
		d = a + bits.RotateLeft32(d+0xfe2ce6e0+binary.LittleEndian.Uint32(p[60:])+(b^(a|^c)), 10)
		c = d + bits.RotateLeft32(c+0xa3014314+binary.LittleEndian.Uint32(p[24:])+(a^(d|^b)), 15)
		b = c + bits.RotateLeft32(b+0x4e0811a1+binary.LittleEndian.Uint32(p[52:])+(d^(c|^a)), 21)
		a = b + bits.RotateLeft32(a+0xf7537e82+binary.LittleEndian.Uint32(p[16:])+(c^(b|^d)), 6)
		d = a + bits.RotateLeft32(d+0xbd3af235+binary.LittleEndian.Uint32(p[44:])+(b^(a|^c)), 10)
		c = d + bits.RotateLeft32(c+0x2ad7d2bb+binary.LittleEndian.Uint32(p[8:])+(a^(d|^b)), 15)
		b = c + bits.RotateLeft32(b+0xeb86d391+binary.LittleEndian.Uint32(p[36:])+(d^(c|^a)), 21)
		a0, b0, c0, d0 = a0+a, b0+b, c0+c, d0+d
	}
	s[0], s[1], s[2], s[3] = a0, b0, c0, d0
}

// sha1Block runs SHA-1's compression function (FIPS 180-4) over each
// 64-byte block of p.
func sha1Block(s *[5]uint32, p []byte) {
	h0, h1, h2, h3, h4 := s[0], s[1], s[2], s[3], s[4]
	for ; len(p) >= 64; p = p[64:] {
		var w [16]uint32
		for i := range w {
			w[i] = binary.BigEndian.Uint32(p[4*i:])
		}
		a, b, c, d, e := h0, h1, h2, h3, h4
		e += 0x5a827999 + w[0] + bits.RotateLeft32(a, 5) + (d ^ (b & (c ^ d)))
		b = bits.RotateLeft32(b, 30)
		d += 0x5a827999 + w[1] + bits.RotateLeft32(e, 5) + (c ^ (a & (b ^ c)))
		a = bits.RotateLeft32(a, 30)
		c += 0x5a827999 + w[2] + bits.RotateLeft32(d, 5) + (b ^ (e & (a ^ b)))
		e = bits.RotateLeft32(e, 30)
		b += 0x5a827999 + w[3] + bits.RotateLeft32(c, 5) + (a ^ (d & (e ^ a)))
		d = bits.RotateLeft32(d, 30)
		a += 0x5a827999 + w[4] + bits.RotateLeft32(b, 5) + (e ^ (c & (d ^ e)))
		c = bits.RotateLeft32(c, 30)
		e += 0x5a827999 + w[5] + bits.RotateLeft32(a, 5) + (d ^ (b & (c ^ d)))
		b = bits.RotateLeft32(b, 30)
		d += 0x5a827999 + w[6] + bits.RotateLeft32(e, 5) + (c ^ (a & (b ^ c)))
		a = bits.RotateLeft32(a, 30)
		c += 0x5a827999 + w[7] + bits.RotateLeft32(d, 5) + (b ^ (e & (a ^ b)))
		e = bits.RotateLeft32(e, 30)
		b += 0x5a827999 + w[8] + bits.RotateLeft32(c, 5) + (a ^ (d & (e ^ a)))
		d = bits.RotateLeft32(d, 30)
		a += 0x5a827999 + w[9] + bits.RotateLeft32(b, 5) + (e ^ (c & (d ^ e)))
		c = bits.RotateLeft32(c, 30)
		e += 0x5a827999 + w[10] + bits.RotateLeft32(a, 5) + (d ^ (b & (c ^ d)))
		b = bits.RotateLeft32(b, 30)
		d += 0x5a827999 + w[11] + bits.RotateLeft32(e, 5) + (c ^ (a & (b ^ c)))
		a = bits.RotateLeft32(a, 30)
		c += 0x5a827999 + w[12] + bits.RotateLeft32(d, 5) + (b ^ (e & (a ^ b)))
		e = bits.RotateLeft32(e, 30)
		b += 0x5a827999 + w[13] + bits.RotateLeft32(c, 5) + (a ^ (d & (e ^ a)))
		d = bits.RotateLeft32(d, 30)
		a += 0x5a827999 + w[14] + bits.RotateLeft32(b, 5) + (e ^ (c & (d ^ e)))
		c = bits.RotateLeft32(c, 30)
		e += 0x5a827999 + w[15] + bits.RotateLeft32(a, 5) + (d ^ (b & (c ^ d)))
		b = bits.RotateLeft32(b, 30)
		w[0] = bits.RotateLeft32(w[13]^w[8]^w[2]^w[0], 1)
		d += 0x5a827999 + w[0] + bits.RotateLeft32(e, 5) + (c ^ (a & (b ^ c)))
		a = bits.RotateLeft32(a, 30)
		w[1] = bits.RotateLeft32(w[14]^w[9]^w[3]^w[1], 1)
		c += 0x5a827999 + w[1] + bits.RotateLeft32(d, 5) + (b ^ (e & (a ^ b)))
		e = bits.RotateLeft32(e, 30)
		w[2] = bits.RotateLeft32(w[15]^w[10]^w[4]^w[2], 1)
		b += 0x5a827999 + w[2] + bits.RotateLeft32(c, 5) + (a ^ (d & (e ^ a)))
		d = bits.RotateLeft32(d, 30)
		w[3] = bits.RotateLeft32(w[0]^w[11]^w[5]^w[3], 1)
		a += 0x5a827999 + w[3] + bits.RotateLeft32(b, 5) + (e ^ (c & (d ^ e)))
		c = bits.RotateLeft32(c, 30)
		w[4] = bits.RotateLeft32(w[1]^w[12]^w[6]^w[4], 1)
		e += 0x6ed9eba1 + w[4] + bits.RotateLeft32(a, 5) + (b ^ c ^ d)
		b = bits.RotateLeft32(b, 30)
		w[5] = bits.RotateLeft32(w[2]^w[13]^w[7]^w[5], 1)
		d += 0x6ed9eba1 + w[5] + bits.RotateLeft32(e, 5) + (a ^ b ^ c)
		a = bits.RotateLeft32(a, 30)
		w[6] = bits.RotateLeft32(w[3]^w[14]^w[8]^w[6], 1)
		c += 0x6ed9eba1 + w[6] + bits.RotateLeft32(d, 5) + (e ^ a ^ b)
		e = bits.RotateLeft32(e, 30)
		w[7] = bits.RotateLeft32(w[4]^w[15]^w[9]^w[7], 1)
		b += 0x6ed9eba1 + w[7] + bits.RotateLeft32(c, 5) + (d ^ e ^ a)
		d = bits.RotateLeft32(d, 30)
		w[8] = bits.RotateLeft32(w[5]^w[0]^w[10]^w[8], 1)
		a += 0x6ed9eba1 + w[8] + bits.RotateLeft32(b, 5) + (c ^ d ^ e)
		c = bits.RotateLeft32(c, 30)
		w[9] = bits.RotateLeft32(w[6]^w[1]^w[11]^w[9], 1)
		e += 0x6ed9eba1 + w[9] + bits.RotateLeft32(a, 5) + (b ^ c ^ d)
		b = bits.RotateLeft32(b, 30)
		w[10] = bits.RotateLeft32(w[7]^w[2]^w[12]^w[10], 1)
		d += 0x6ed9eba1 + w[10] + bits.RotateLeft32(e, 5) + (a ^ b ^ c)
		a = bits.RotateLeft32(a, 30)
		w[11] = bits.RotateLeft32(w[8]^w[3]^w[13]^w[11], 1)
		c += 0x6ed9eba1 + w[11] + bits.RotateLeft32(d, 5) + (e ^ a ^ b)
		e = bits.RotateLeft32(e, 30)
		w[12] = bits.RotateLeft32(w[9]^w[4]^w[14]^w[12], 1)
		b += 0x6ed9eba1 + w[12] + bits.RotateLeft32(c, 5) + (d ^ e ^ a)
		d = bits.RotateLeft32(d, 30)
		w[13] = bits.RotateLeft32(w[10]^w[5]^w[15]^w[13], 1)
		a += 0x6ed9eba1 + w[13] + bits.RotateLeft32(b, 5) + (c ^ d ^ e)
		c = bits.RotateLeft32(c, 30)
		w[14] = bits.RotateLeft32(w[11]^w[6]^w[0]^w[14], 1)
		e += 0x6ed9eba1 + w[14] + bits.RotateLeft32(a, 5) + (b ^ c ^ d)
		b = bits.RotateLeft32(b, 30)
		w[15] = bits.RotateLeft32(w[12]^w[7]^w[1]^w[15], 1)
		d += 0x6ed9eba1 + w[15] + bits.RotateLeft32(e, 5) + (a ^ b ^ c)
		a = bits.RotateLeft32(a, 30)
		w[0] = bits.RotateLeft32(w[13]^w[8]^w[2]^w[0], 1)
		c += 0x6ed9eba1 + w[0] + bits.RotateLeft32(d, 5) + (e ^ a ^ b)
		e = bits.RotateLeft32(e, 30)
		w[1] = bits.RotateLeft32(w[14]^w[9]^w[3]^w[1], 1)
		b += 0x6ed9eba1 + w[1] + bits.RotateLeft32(c, 5) + (d ^ e ^ a)
		d = bits.RotateLeft32(d, 30)
		w[2] = bits.RotateLeft32(w[15]^w[10]^w[4]^w[2], 1)
		a += 0x6ed9eba1 + w[2] + bits.RotateLeft32(b, 5) + (c ^ d ^ e)
		c = bits.RotateLeft32(c, 30)
		w[3] = bits.RotateLeft32(w[0]^w[11]^w[5]^w[3], 1)
		e += 0x6ed9eba1 + w[3] + bits.RotateLeft32(a, 5) + (b ^ c ^ d)
		b = bits.RotateLeft32(b, 30)
		w[4] = bits.RotateLeft32(w[1]^w[12]^w[6]^w[4], 1)
		d += 0x6ed9eba1 + w[4] + bits.RotateLeft32(e, 5) + (a ^ b ^ c)
		a = bits.RotateLeft32(a, 30)
		w[5] = bits.RotateLeft32(w[2]^w[13]^w[7]^w[5], 1)
		c += 0x6ed9eba1 + w[5] + bits.RotateLeft32(d, 5) + (e ^ a ^ b)
		e = bits.RotateLeft32(e, 30)
		w[6] = bits.RotateLeft32(w[3]^w[14]^w[8]^w[6], 1)
		b += 0x6ed9eba1 + w[6] + bits.RotateLeft32(c, 5) + (d ^ e ^ a)
		d = bits.RotateLeft32(d, 30)
		w[7] = bits.RotateLeft32(w[4]^w[15]^w[9]^w[7], 1)
		a += 0x6ed9eba1 + w[7] + bits.RotateLeft32(b, 5) + (c ^ d ^ e)
		c = bits.RotateLeft32(c, 30)
		w[8] = bits.RotateLeft32(w[5]^w[0]^w[10]^w[8], 1)
		e += 0x8f1bbcdc + w[8] + bits.RotateLeft32(a, 5) + ((b & c) | ((b | c) & d))
		b = bits.RotateLeft32(b, 30)
		w[9] = bits.RotateLeft32(w[6]^w[1]^w[11]^w[9], 1)
		d += 0x8f1bbcdc + w[9] + bits.RotateLeft32(e, 5) + ((a & b) | ((a | b) & c))
		a = bits.RotateLeft32(a, 30)
		w[10] = bits.RotateLeft32(w[7]^w[2]^w[12]^w[10], 1)
		c += 0x8f1bbcdc + w[10] + bits.RotateLeft32(d, 5) + ((e & a) | ((e | a) & b))
		e = bits.RotateLeft32(e, 30)
		w[11] = bits.RotateLeft32(w[8]^w[3]^w[13]^w[11], 1)
		b += 0x8f1bbcdc + w[11] + bits.RotateLeft32(c, 5) + ((d & e) | ((d | e) & a))
		d = bits.RotateLeft32(d, 30)
		w[12] = bits.RotateLeft32(w[9]^w[4]^w[14]^w[12], 1)
		a += 0x8f1bbcdc + w[12] + bits.RotateLeft32(b, 5) + ((c & d) | ((c | d) & e))
		c = bits.RotateLeft32(c, 30)
		w[13] = bits.RotateLeft32(w[10]^w[5]^w[15]^w[13], 1)
		e += 0x8f1bbcdc + w[13] + bits.RotateLeft32(a, 5) + ((b & c) | ((b | c) & d))
		b = bits.RotateLeft32(b, 30)
		w[14] = bits.RotateLeft32(w[11]^w[6]^w[0]^w[14], 1)
		d += 0x8f1bbcdc + w[14] + bits.RotateLeft32(e, 5) + ((a & b) | ((a | b) & c))
		a = bits.RotateLeft32(a, 30)
		w[15] = bits.RotateLeft32(w[12]^w[7]^w[1]^w[15], 1)
		c += 0x8f1bbcdc + w[15] + bits.RotateLeft32(d, 5) + ((e & a) | ((e | a) & b))
		e = bits.RotateLeft32(e, 30)
		w[0] = bits.RotateLeft32(w[13]^w[8]^w[2]^w[0], 1)
		b += 0x8f1bbcdc + w[0] + bits.RotateLeft32(c, 5) + ((d & e) | ((d | e) & a))
		d = bits.RotateLeft32(d, 30)
		w[1] = bits.RotateLeft32(w[14]^w[9]^w[3]^w[1], 1)
		a += 0x8f1bbcdc + w[1] + bits.RotateLeft32(b, 5) + ((c & d) | ((c | d) & e))
		c = bits.RotateLeft32(c, 30)
		w[2] = bits.RotateLeft32(w[15]^w[10]^w[4]^w[2], 1)
		e += 0x8f1bbcdc + w[2] + bits.RotateLeft32(a, 5) + ((b & c) | ((b | c) & d))
		b = bits.RotateLeft32(b, 30)
		w[3] = bits.RotateLeft32(w[0]^w[11]^w[5]^w[3], 1)
		d += 0x8f1bbcdc + w[3] + bits.RotateLeft32(e, 5) + ((a & b) | ((a | b) & c))
		a = bits.RotateLeft32(a, 30)
		w[4] = bits.RotateLeft32(w[1]^w[12]^w[6]^w[4], 1)
		c += 0x8f1bbcdc + w[4] + bits.RotateLeft32(d, 5) + ((e & a) | ((e | a) & b))
		e = bits.RotateLeft32(e, 30)
		w[5] = bits.RotateLeft32(w[2]^w[13]^w[7]^w[5], 1)
		b += 0x8f1bbcdc + w[5] + bits.RotateLeft32(c, 5) + ((d & e) | ((d | e) & a))
		d = bits.RotateLeft32(d, 30)
		w[6] = bits.RotateLeft32(w[3]^w[14]^w[8]^w[6], 1)
		a += 0x8f1bbcdc + w[6] + bits.RotateLeft32(b, 5) + ((c & d) | ((c | d) & e))
		c = bits.RotateLeft32(c, 30)
		w[7] = bits.RotateLeft32(w[4]^w[15]^w[9]^w[7], 1)
		e += 0x8f1bbcdc + w[7] + bits.RotateLeft32(a, 5) + ((b & c) | ((b | c) & d))
		b = bits.RotateLeft32(b, 30)
		w[8] = bits.RotateLeft32(w[5]^w[0]^w[10]^w[8], 1)
		d += 0x8f1bbcdc + w[8] + bits.RotateLeft32(e, 5) + ((a & b) | ((a | b) & c))
		a = bits.RotateLeft32(a, 30)
		w[9] = bits.RotateLeft32(w[6]^w[1]^w[11]^w[9], 1)
		c += 0x8f1bbcdc + w[9] + bits.RotateLeft32(d, 5) + ((e & a) | ((e | a) & b))
		e = bits.RotateLeft32(e, 30)
		w[10] = bits.RotateLeft32(w[7]^w[2]^w[12]^w[10], 1)
		b += 0x8f1bbcdc + w[10] + bits.RotateLeft32(c, 5) + ((d & e) | ((d | e) & a))
		d = bits.RotateLeft32(d, 30)
		w[11] = bits.RotateLeft32(w[8]^w[3]^w[13]^w[11], 1)
		a += 0x8f1bbcdc + w[11] + bits.RotateLeft32(b, 5) + ((c & d) | ((c | d) & e))
		c = bits.RotateLeft32(c, 30)
		w[12] = bits.RotateLeft32(w[9]^w[4]^w[14]^w[12], 1)
		e += 0xca62c1d6 + w[12] + bits.RotateLeft32(a, 5) + (b ^ c ^ d)
		b = bits.RotateLeft32(b, 30)
		w[13] = bits.RotateLeft32(w[10]^w[5]^w[15]^w[13], 1)
		d += 0xca62c1d6 + w[13] + bits.RotateLeft32(e, 5) + (a ^ b ^ c)
		a = bits.RotateLeft32(a, 30)
		w[14] = bits.RotateLeft32(w[11]^w[6]^w[0]^w[14], 1)
		c += 0xca62c1d6 + w[14] + bits.RotateLeft32(d, 5) + (e ^ a ^ b)
		e = bits.RotateLeft32(e, 30)
		w[15] = bits.RotateLeft32(w[12]^w[7]^w[1]^w[15], 1)
		b += 0xca62c1d6 + w[15] + bits.RotateLeft32(c, 5) + (d ^ e ^ a)
		d = bits.RotateLeft32(d, 30)
		w[0] = bits.RotateLeft32(w[13]^w[8]^w[2]^w[0], 1)
		a += 0xca62c1d6 + w[0] + bits.RotateLeft32(b, 5) + (c ^ d ^ e)
		c = bits.RotateLeft32(c, 30)
		w[1] = bits.RotateLeft32(w[14]^w[9]^w[3]^w[1], 1)
		e += 0xca62c1d6 + w[1] + bits.RotateLeft32(a, 5) + (b ^ c ^ d)
		b = bits.RotateLeft32(b, 30)
		w[2] = bits.RotateLeft32(w[15]^w[10]^w[4]^w[2], 1)
		d += 0xca62c1d6 + w[2] + bits.RotateLeft32(e, 5) + (a ^ b ^ c)
		a = bits.RotateLeft32(a, 30)
		w[3] = bits.RotateLeft32(w[0]^w[11]^w[5]^w[3], 1)
		c += 0xca62c1d6 + w[3] + bits.RotateLeft32(d, 5) + (e ^ a ^ b)
		e = bits.RotateLeft32(e, 30)
		w[4] = bits.RotateLeft32(w[1]^w[12]^w[6]^w[4], 1)
		b += 0xca62c1d6 + w[4] + bits.RotateLeft32(c, 5) + (d ^ e ^ a)
		d = bits.RotateLeft32(d, 30)
		w[5] = bits.RotateLeft32(w[2]^w[13]^w[7]^w[5], 1)
		a += 0xca62c1d6 + w[5] + bits.RotateLeft32(b, 5) + (c ^ d ^ e)
		c = bits.RotateLeft32(c, 30)
		w[6] = bits.RotateLeft32(w[3]^w[14]^w[8]^w[6], 1)
		e += 0xca62c1d6 + w[6] + bits.RotateLeft32(a, 5) + (b ^ c ^ d)
		b = bits.RotateLeft32(b, 30)
		w[7] = bits.RotateLeft32(w[4]^w[15]^w[9]^w[7], 1)
		d += 0xca62c1d6 + w[7] + bits.RotateLeft32(e, 5) + (a ^ b ^ c)
		a = bits.RotateLeft32(a, 30)
		w[8] = bits.RotateLeft32(w[5]^w[0]^w[10]^w[8], 1)
		c += 0xca62c1d6 + w[8] + bits.RotateLeft32(d, 5) + (e ^ a ^ b)
		e = bits.RotateLeft32(e, 30)
		w[9] = bits.RotateLeft32(w[6]^w[1]^w[11]^w[9], 1)
		b += 0xca62c1d6 + w[9] + bits.RotateLeft32(c, 5) + (d ^ e ^ a)
		d = bits.RotateLeft32(d, 30)
		w[10] = bits.RotateLeft32(w[7]^w[2]^w[12]^w[10], 1)
		a += 0xca62c1d6 + w[10] + bits.RotateLeft32(b, 5) + (c ^ d ^ e)
		c = bits.RotateLeft32(c, 30)
		w[11] = bits.RotateLeft32(w[8]^w[3]^w[13]^w[11], 1)
		e += 0xca62c1d6 + w[11] + bits.RotateLeft32(a, 5) + (b ^ c ^ d)
		b = bits.RotateLeft32(b, 30)
		w[12] = bits.RotateLeft32(w[9]^w[4]^w[14]^w[12], 1)
		d += 0xca62c1d6 + w[12] + bits.RotateLeft32(e, 5) + (a ^ b ^ c)
		a = bits.RotateLeft32(a, 30)
		w[13] = bits.RotateLeft32(w[10]^w[5]^w[15]^w[13], 1)
		c += 0xca62c1d6 + w[13] + bits.RotateLeft32(d, 5) + (e ^ a ^ b)
		e = bits.RotateLeft32(e, 30)
		w[14] = bits.RotateLeft32(w[11]^w[6]^w[0]^w[14], 1)
		b += 0xca62c1d6 + w[14] + bits.RotateLeft32(c, 5) + (d ^ e ^ a)
		d = bits.RotateLeft32(d, 30)
		w[15] = bits.RotateLeft32(w[12]^w[7]^w[1]^w[15], 1)
		a += 0xca62c1d6 + w[15] + bits.RotateLeft32(b, 5) + (c ^ d ^ e)
		c = bits.RotateLeft32(c, 30)
		h0, h1, h2, h3, h4 = h0+a, h1+b, h2+c, h3+d, h4+e
	}
	s[0], s[1], s[2], s[3], s[4] = h0, h1, h2, h3, h4
}

var sha256K = [...]uint32{
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
	0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
}

// sha256Block runs SHA-256's compression function (FIPS 180-4) over each
// 64-byte block of p.
func sha256Block(s *[8]uint32, p []byte) {
	h0, h1, h2, h3, h4, h5, h6, h7 := s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7]
	for ; len(p) >= 64; p = p[64:] {
		var w [64]uint32
		for i := 0; i < 16; i++ {
			w[i] = binary.BigEndian.Uint32(p[4*i:])
		}
		for i := 16; i < 64; i++ {
			v1, v2 := w[i-2], w[i-15]
			t1 := bits.RotateLeft32(v1, -17) ^ bits.RotateLeft32(v1, -19) ^ v1>>10
			t2 := bits.RotateLeft32(v2, -7) ^ bits.RotateLeft32(v2, -18) ^ v2>>3
			w[i] = t1 + w[i-7] + t2 + w[i-16]
		}
		a, b, c, d, e, f, g, h := h0, h1, h2, h3, h4, h5, h6, h7
		for i := 0; i < 64; i++ {
			t1 := h + sha256K[i] + w[i] + (bits.RotateLeft32(e, -6) ^ bits.RotateLeft32(e, -11) ^ bits.RotateLeft32(e, -25)) + (g ^ (e & (f ^ g)))
			t2 := (bits.RotateLeft32(a, -2) ^ bits.RotateLeft32(a, -13) ^ bits.RotateLeft32(a, -22)) + ((a & b) | ((a | b) & c))
			h, g, f, e, d, c, b, a = g, f, e, d+t1, c, b, a, t1+t2
		}
		h0, h1, h2, h3, h4, h5, h6, h7 = h0+a, h1+b, h2+c, h3+d, h4+e, h5+f, h6+g, h7+h
	}
	s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7] = h0, h1, h2, h3, h4, h5, h6, h7
}

var sha512K = [...]uint64{
	0x428a2f98d728ae22, 0x7137449123ef65cd, 0xb5c0fbcfec4d3b2f, 0xe9b5dba58189dbbc,
	0x3956c25bf348b538, 0x59f111f1b605d019, 0x923f82a4af194f9b, 0xab1c5ed5da6d8118,
	0xd807aa98a3030242, 0x12835b0145706fbe, 0x243185be4ee4b28c, 0x550c7dc3d5ffb4e2,
	0x72be5d74f27b896f, 0x80deb1fe3b1696b1, 0x9bdc06a725c71235, 0xc19bf174cf692694,
	0xe49b69c19ef14ad2, 0xefbe4786384f25e3, 0x0fc19dc68b8cd5b5, 0x240ca1cc77ac9c65,
	0x2de92c6f592b0275, 0x4a7484aa6ea6e483, 0x5cb0a9dcbd41fbd4, 0x76f988da831153b5,
	0x983e5152ee66dfab, 0xa831c66d2db43210, 0xb00327c898fb213f, 0xbf597fc7beef0ee4,
	0xc6e00bf33da88fc2, 0xd5a79147930aa725, 0x06ca6351e003826f, 0x142929670a0e6e70,
	0x27b70a8546d22ffc, 0x2e1b21385c26c926, 0x4d2c6dfc5ac42aed, 0x53380d139d95b3df,
	0x650a73548baf63de, 0x766a0abb3c77b2a8, 0x81c2c92e47edaee6, 0x92722c851482353b,
	0xa2bfe8a14cf10364, 0xa81a664bbc423001, 0xc24b8b70d0f89791, 0xc76c51a30654be30,
	0xd192e819d6ef5218, 0xd69906245565a910, 0xf40e35855771202a, 0x106aa07032bbd1b8,
	0x19a4c116b8d2d0c8, 0x1e376c085141ab53, 0x2748774cdf8eeb99, 0x34b0bcb5e19b48a8,
	0x391c0cb3c5c95a63, 0x4ed8aa4ae3418acb, 0x5b9cca4f7763e373, 0x682e6ff3d6b2b8a3,
	0x748f82ee5defb2fc, 0x78a5636f43172f60, 0x84c87814a1f0ab72, 0x8cc702081a6439ec,
	0x90befffa23631e28, 0xa4506cebde82bde9, 0xbef9a3f7b2c67915, 0xc67178f2e372532b,
	0xca273eceea26619c, 0xd186b8c721c0c207, 0xeada7dd6cde0eb1e, 0xf57d4f7fee6ed178,
	0x06f067aa72176fba, 0x0a637dc5a2c898a6, 0x113f9804bef90dae, 0x1b710b35131c471b,
	0x28db77f523047d84, 0x32caab7b40c72493, 0x3c9ebe0a15c9bebc, 0x431d67c49c100d4c,
	0x4cc5d4becb3e42b6, 0x597f299cfc657e2a, 0x5fcb6fab3ad6faec, 0x6c44198c4a475817,
}

// sha512Block runs SHA-512's compression function (FIPS 180-4) over each
// 128-byte block of p.
func sha512Block(s *[8]uint64, p []byte) {
	h0, h1, h2, h3, h4, h5, h6, h7 := s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7]
	for ; len(p) >= 128; p = p[128:] {
		var w [80]uint64
		for i := 0; i < 16; i++ {
			w[i] = binary.BigEndian.Uint64(p[8*i:])
		}
		for i := 16; i < 80; i++ {
			v1, v2 := w[i-2], w[i-15]
			t1 := bits.RotateLeft64(v1, -19) ^ bits.RotateLeft64(v1, -61) ^ v1>>6
			t2 := bits.RotateLeft64(v2, -1) ^ bits.RotateLeft64(v2, -8) ^ v2>>7
			w[i] = t1 + w[i-7] + t2 + w[i-16]
		}
		a, b, c, d, e, f, g, h := h0, h1, h2, h3, h4, h5, h6, h7
		for i := 0; i < 80; i++ {
			t1 := h + sha512K[i] + w[i] + (bits.RotateLeft64(e, -14) ^ bits.RotateLeft64(e, -18) ^ bits.RotateLeft64(e, -41)) + (g ^ (e & (f ^ g)))
			t2 := (bits.RotateLeft64(a, -28) ^ bits.RotateLeft64(a, -34) ^ bits.RotateLeft64(a, -39)) + ((a & b) | ((a | b) & c))
			h, g, f, e, d, c, b, a = g, f, e, d+t1, c, b, a, t1+t2
		}
		h0, h1, h2, h3, h4, h5, h6, h7 = h0+a, h1+b, h2+c, h3+d, h4+e, h5+f, h6+g, h7+h
	}
	s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7] = h0, h1, h2, h3, h4, h5, h6, h7
}

var keccakRC = [...]uint64{
	0x0000000000000001, 0x0000000000008082, 0x800000000000808a, 0x8000000080008000,
	0x000000000000808b, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
	0x000000000000008a, 0x0000000000000088, 0x0000000080008009, 0x000000008000000a,
	0x000000008000808b, 0x800000000000008b, 0x8000000000008089, 0x8000000000008003,
	0x8000000000008002, 0x8000000000000080, 0x000000000000800a, 0x800000008000000a,
	0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
}

// keccakF1600 is the Keccak-f[1600] permutation (FIPS 202); a[x+5*y] is
// lane (x, y).
func keccakF1600(a *[25]uint64) {
	a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18, a19, a20, a21, a22, a23, a24 := a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11], a[12], a[13], a[14], a[15], a[16], a[17], a[18], a[19], a[20], a[21], a[22], a[23], a[24]
	for _, rc := range keccakRC {
		c0 := a0 ^ a5 ^ a10 ^ a15 ^ a20
		c1 := a1 ^ a6 ^ a11 ^ a16 ^ a21
		c2 := a2 ^ a7 ^ a12 ^ a17 ^ a22
		c3 := a3 ^ a8 ^ a13 ^ a18 ^ a23
		c4 := a4 ^ a9 ^ a14 ^ a19 ^ a24
		d0 := c4 ^ bits.RotateLeft64(c1, 1)
		d1 := c0 ^ bits.RotateLeft64(c2, 1)
		d2 := c1 ^ bits.RotateLeft64(c3, 1)
		d3 := c2 ^ bits.RotateLeft64(c4, 1)
		d4 := c3 ^ bits.RotateLeft64(c0, 1)
		b0 := a0 ^ d0
		b16 := bits.RotateLeft64(a5^d0, 36)
		b7 := bits.RotateLeft64(a10^d0, 3)
		b23 := bits.RotateLeft64(a15^d0, 41)
		b14 := bits.RotateLeft64(a20^d0, 18)
		b10 := bits.RotateLeft64(a1^d1, 1)
		b1 := bits.RotateLeft64(a6^d1, 44)
		b17 := bits.RotateLeft64(a11^d1, 10)
		b8 := bits.RotateLeft64(a16^d1, 45)
		b24 := bits.RotateLeft64(a21^d1, 2)
		b20 := bits.RotateLeft64(a2^d2, 62)
		b11 := bits.RotateLeft64(a7^d2, 6)
		b2 := bits.RotateLeft64(a12^d2, 43)
		b18 := bits.RotateLeft64(a17^d2, 15)
		b9 := bits.RotateLeft64(a22^d2, 61)
		b5 := bits.RotateLeft64(a3^d3, 28)
		b21 := bits.RotateLeft64(a8^d3, 55)
		b12 := bits.RotateLeft64(a13^d3, 25)
		b3 := bits.RotateLeft64(a18^d3, 21)
		b19 := bits.RotateLeft64(a23^d3, 56)
		b15 := bits.RotateLeft64(a4^d4, 27)
		b6 := bits.RotateLeft64(a9^d4, 20)
		b22 := bits.RotateLeft64(a14^d4, 39)
		b13 := bits.RotateLeft64(a19^d4, 8)
		b4 := bits.RotateLeft64(a24^d4, 14)
		a0 = b0 ^ (^b1 & b2)
		a1 = b1 ^ (^b2 & b3)
		a2 = b2 ^ (^b3 & b4)
		a3 = b3 ^ (^b4 & b0)
		a4 = b4 ^ (^b0 & b1)
		a5 = b5 ^ (^b6 & b7)
		a6 = b6 ^ (^b7 & b8)
		a7 = b7 ^ (^b8 & b9)
		a8 = b8 ^ (^b9 & b5)
		a9 = b9 ^ (^b5 & b6)
		a10 = b10 ^ (^b11 & b12)
		a11 = b11 ^ (^b12 & b13)
		a12 = b12 ^ (^b13 & b14)
		a13 = b13 ^ (^b14 & b10)
		a14 = b14 ^ (^b10 & b11)
		a15 = b15 ^ (^b16 & b17)
		a16 = b16 ^ (^b17 & b18)
		a17 = b17 ^ (^b18 & b19)
		a18 = b18 ^ (^b19 & b15)
		a19 = b19 ^ (^b15 & b16)
		a20 = b20 ^ (^b21 & b22)
		a21 = b21 ^ (^b22 & b23)
		a22 = b22 ^ (^b23 & b24)
		a23 = b23 ^ (^b24 & b20)
		a24 = b24 ^ (^b20 & b21)
		a0 ^= rc
	}
	a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11], a[12], a[13], a[14], a[15], a[16], a[17], a[18], a[19], a[20], a[21], a[22], a[23], a[24] = a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18, a19, a20, a21, a22, a23, a24
}
