package crc32msb

import "testing"

// TestFill: the table gives POSIX cksum's CRC of "123456789" (its check
// value, 0x765E7680 before the length is folded in: CRC-32/MPEG-2 style
// with a final inversion, i.e. CRC-32/BZIP2's 0xFC891918).
func TestFill(t *testing.T) {
	var tab [256]uint32
	Fill(&tab)
	if tab[1] != Poly || tab[0] != 0 {
		t.Fatalf("t[0]=%#x t[1]=%#x", tab[0], tab[1])
	}
	crc := ^uint32(0)
	for _, b := range []byte("123456789") {
		crc = crc<<8 ^ tab[crc>>24^uint32(b)]
	}
	if got := ^crc; got != 0xFC891918 {
		t.Errorf("CRC-32/BZIP2 of 123456789 = %#x, want 0xfc891918", got)
	}
}
