package gzipio

import (
	"bytes"
	"io"
	"testing"
)

// FuzzReader decompresses arbitrary input: a result or one of the
// package's errors, never a panic, and never more than a bounded amount
// of output per input byte kept in memory (the output is discarded).
func FuzzReader(f *testing.F) {
	f.Add([]byte(hello))
	f.Add([]byte(hello + hello + "junk"))
	f.Add([]byte("\x1f\x8b\x08\x1e\x00\x00\x00\x00\x00\x03\x02\x00xx\x00name\x00comment\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, in []byte) {
		z, err := NewReader(bytes.NewReader(in))
		if err != nil {
			return
		}
		io.CopyN(io.Discard, z, 64<<20)
		if len(z.Header.Name) > MaxName || len(z.Header.Comment) > MaxName {
			t.Fatalf("header strings over MaxName: %d, %d", len(z.Header.Name), len(z.Header.Comment))
		}
	})
}
