package deflate

import (
	"bytes"
	"testing"
)

// FuzzRoundTrip: any input, at any level, primed with any dictionary and
// given in any pieces, decodes back (compress/flate's decoder, which
// takes the dictionary), and the pieces do not change the bytes.
func FuzzRoundTrip(f *testing.F) {
	f.Add([]byte("hello, hello, hello world"), []byte("hello"), uint8(6), uint16(7))
	f.Add(bytes.Repeat([]byte{0}, 1000), []byte(nil), uint8(1), uint16(300))
	f.Add(random(5000, 1), random(100, 2), uint8(9), uint16(0))
	f.Fuzz(func(t *testing.T, in, dict []byte, level uint8, piece uint16) {
		lv := int(level % 10)
		whole := compress(t, lv, dict, in, len(in)+1)
		got, err := inflateStd(whole, dict[max(0, len(dict)-wsize):])
		if err != nil || !bytes.Equal(got, in) {
			t.Fatalf("level %d: %d bytes back of %d, %v", lv, len(got), len(in), err)
		}
		if len(dict) == 0 {
			if got, err := inflateOurs(whole, nil); err != nil || !bytes.Equal(got, in) {
				t.Fatalf("level %d: inflate: %d bytes back of %d, %v", lv, len(got), len(in), err)
			}
		}
		if piece > 0 {
			if pieces := compress(t, lv, dict, in, int(piece)); !bytes.Equal(pieces, whole) {
				t.Fatalf("level %d: pieces of %d make other bytes", lv, piece)
			}
		}
	})
}
