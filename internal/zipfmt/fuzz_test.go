package zipfmt

import (
	"bytes"
	"testing"
)

// FuzzRead walks arbitrary input as unzip does: the end record, the
// central directory, and each local header it points at. Nothing may
// panic, and memory stays bounded by the names and extra fields.
func FuzzRead(f *testing.F) {
	f.Add([]byte("PK\x03\x04\x0a\x00\x00\x00\x00\x00\xa3\x20\x43\x52\x20\x30\x3a\x36\x06\x00\x00\x00\x06\x00\x00\x00\x01\x00\x00\x00fhello\n" +
		"PK\x01\x02\x1e\x03\x0a\x00\x00\x00\x00\x00\xa3\x20\x43\x52\x20\x30\x3a\x36\x06\x00\x00\x00\x06\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\xa4\x81\x00\x00\x00\x00f" +
		"PK\x05\x06\x00\x00\x00\x00\x01\x00\x01\x00\x2f\x00\x00\x00\x25\x00\x00\x00\x00\x00"))
	f.Add([]byte("PK\x06\x07\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01\x00\x00\x00PK\x05\x06\x00\x00\x00\x00\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x00\x00"))
	f.Fuzz(func(t *testing.T, in []byte) {
		r := bytes.NewReader(in)
		off, ok := FindCentral(r, int64(len(in)))
		if !ok {
			return
		}
		for i := 0; i < 1000; i++ {
			h, next, end, err := ReadCentral(r, off)
			if err != nil || end {
				return
			}
			if next <= off {
				t.Fatalf("central directory went back: %d after %d", next, off)
			}
			off = next
			if h.Offset < uint64(len(in)) {
				ReadLocal(bytes.NewReader(in[h.Offset:]))
			}
		}
	})
}
