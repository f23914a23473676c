package cksum

import (
	"context"
	"math/rand"
	"strings"
	"testing"

	"gobox/internal/applet"
	"gobox/internal/applettest"
)

// bitwise is POSIX cksum's CRC one bit at a time, the way the standard
// describes it, as a reference for the sliced table.
func bitwise(data []byte) uint32 {
	var crc uint32
	feed := func(b byte) {
		for i := 7; i >= 0; i-- {
			bit := uint32(b>>i) & 1
			top := crc >> 31
			crc <<= 1
			if top^bit != 0 {
				crc ^= 0x04C11DB7
			}
		}
	}
	for _, b := range data {
		feed(b)
	}
	for n := len(data); n != 0; n >>= 8 {
		feed(byte(n))
	}
	return ^crc
}

func TestTableMatchesBitwise(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	tab := newTable()
	ctx := &applet.Ctx{Context: context.Background()}
	buf := make([]byte, 7) // an odd buffer: the 8-byte loop and the tail both run
	for _, n := range []int{0, 1, 7, 8, 9, 255, 256, 4096, 100003} {
		data := make([]byte, n)
		rng.Read(data)
		crc, size, err := tab.sum(ctx, strings.NewReader(string(data)), buf)
		if err != nil || size != int64(n) || crc != bitwise(data) {
			t.Errorf("%d bytes: crc %d size %d err %v, want crc %d", n, crc, size, err, bitwise(data))
		}
	}
}

// TestLarge checks a megabyte through the applet against the reference.
func TestLarge(t *testing.T) {
	data := strings.Repeat("0123456789abcdef", 1<<16)
	r := applettest.Cmd{Stdin: data}.Run(t, &Applet)
	want := strings.Join([]string{itoa(bitwise([]byte(data))), itoa(uint32(len(data)))}, " ") + "\n"
	if r.Stdout != want || r.Code != 0 {
		t.Errorf("got %q %d, want %q", r.Stdout, r.Code, want)
	}
}

func itoa(n uint32) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}
