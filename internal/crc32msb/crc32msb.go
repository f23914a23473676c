// Package crc32msb builds the table of the CRC-32 that bzip2 and POSIX
// cksum use: the polynomial 0x04C11DB7, most significant bit first (the
// opposite bit order of hash/crc32's IEEE table, which that package
// cannot give). Each user builds its table when it starts, in
// microseconds, so no package-level table costs every exec an init.
package crc32msb

// Poly is the generator polynomial, high bit first.
const Poly = 0x04C11DB7

// Fill sets t[b] to the CRC of the byte b alone, before any inversion:
// crc = crc<<8 ^ t[crc>>24^b] updates a CRC with b.
func Fill(t *[256]uint32) {
	for i := range t {
		c := uint32(i) << 24
		for range 8 {
			if c&0x80000000 != 0 {
				c = c<<1 ^ Poly
			} else {
				c <<= 1
			}
		}
		t[i] = c
	}
}
