package lzmadec

import (
	"bytes"
	"io"
	"os"
	"testing"
)

// BenchmarkRaw decodes LZMA2 made by the host's xz from $LZMADEC_BENCH
// (a raw LZMA2 file, xz --format=raw), skipped without it.
func BenchmarkRaw(b *testing.B) {
	name := os.Getenv("LZMADEC_BENCH")
	if name == "" {
		b.Skip("LZMADEC_BENCH not set")
	}
	in, err := os.ReadFile(name)
	if err != nil {
		b.Fatal(err)
	}
	z := NewReader2(bytes.NewReader(in), 8<<20)
	buf := make([]byte, 1<<16)
	for b.Loop() {
		z.Reset(bytes.NewReader(in), 8<<20)
		n, err := io.CopyBuffer(io.Discard, struct{ io.Reader }{z}, buf)
		if err != nil {
			b.Fatal(err)
		}
		b.SetBytes(n)
	}
}

// BenchmarkFlat is BenchmarkRaw through the flat decoder.
func BenchmarkFlat(b *testing.B) {
	name := os.Getenv("LZMADEC_BENCH")
	if name == "" {
		b.Skip("LZMADEC_BENCH not set")
	}
	in, err := os.ReadFile(name)
	if err != nil {
		b.Fatal(err)
	}
	out, err := io.ReadAll(NewReader2(bytes.NewReader(in), 8<<20))
	if err != nil {
		b.Fatal(err)
	}
	var d Decoder
	for b.Loop() {
		if _, err := d.DecodeLZMA2(out, in, 8<<20); err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(len(out)))
	}
}
