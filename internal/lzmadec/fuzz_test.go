package lzmadec

import (
	"bytes"
	"encoding/binary"
	"io"
	"strings"
	"testing"

	"github.com/ulikunitz/xz/lzma"
)

// The fuzz targets compare the decoders with ulikunitz's on the same
// input: what one decodes the other must decode alike.

const fuzzDict = 1 << 16

// capped reads at most 1 MiB: a tiny input can describe a long run.
func capped(r io.Reader) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, 1<<20))
	if len(b) == 1<<20 {
		err = io.ErrShortBuffer
	}
	return b, err
}

func FuzzLZMA2(f *testing.F) {
	f.Add([]byte{1, 0, 4, 'h', 'e', 'l', 'l', 'o', 0})
	for _, c := range lzma2Cases(f) {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		got, err := capped(NewReader2(bytes.NewReader(in), fuzzDict))
		if err == io.ErrShortBuffer {
			return
		}
		r2, rerr := lzma.Reader2Config{DictCap: fuzzDict}.NewReader2(bytes.NewReader(in))
		var want []byte
		if rerr == nil {
			want, rerr = capped(r2)
		}
		if err == nil && lax(rerr) {
			return
		}
		if err == nil && (rerr != nil || !bytes.Equal(got, want)) {
			t.Fatalf("ours: %d bytes; ulikunitz: %d bytes, %v", len(got), len(want), rerr)
		}
		if err == nil {
			// The flat decoder agrees, and takes the same input.
			var d Decoder
			dst := make([]byte, len(got))
			n, ferr := d.DecodeLZMA2(dst, in, fuzzDict)
			if ferr != nil || !bytes.Equal(dst, got) {
				t.Fatalf("flat: %v", ferr)
			}
			_ = n
		} else if rerr == nil && err != nil && len(want) > 0 {
			// ulikunitz is laxer about the range coder's final state;
			// our output is then a prefix of its.
			if !bytes.HasPrefix(want, got) {
				t.Fatalf("ours failed (%v) with output not a prefix of ulikunitz's", err)
			}
		}
	})
}

func FuzzLZMA1(f *testing.F) {
	f.Add([]byte("\x5d\x00\x00\x80\x00\xff\xff\xff\xff\xff\xff\xff\xff\x00\x34\x19\x49\xee\x8d\xdd\x3d\x3a\xdf\xff\xff\xdd\x12\x00\x00"))
	f.Add([]byte("\x5d\x00\x00\x80\x00\x06\x00\x00\x00\x00\x00\x00\x00\x00\x34\x19\x49\xee\x8d\xdd\x3d\x3a\xdf\xff\xff\xdd\x12\x00\x00"))
	f.Fuzz(func(t *testing.T, in []byte) {
		if len(in) < 13 {
			return
		}
		pr, err := DecodeProps(in[0])
		if err != nil {
			return
		}
		// Keep the dictionary small for the fuzzer.
		h := append([]byte(nil), in[:13]...)
		binary.LittleEndian.PutUint32(h[1:], min(binary.LittleEndian.Uint32(h[1:]), fuzzDict))
		dict := int(binary.LittleEndian.Uint32(h[1:]))
		size := int64(binary.LittleEndian.Uint64(h[5:]))
		got, err := capped(NewReader1(bytes.NewReader(in[13:]), pr, dict, size))
		if err == io.ErrShortBuffer {
			return
		}
		lr, rerr := lzma.NewReader(bytes.NewReader(append(h, in[13:]...)))
		var want []byte
		if rerr == nil {
			want, rerr = capped(lr)
		}
		// BusyBox, like gobox, stops at the size the header gives
		// without reading the range coder's last bytes, where ulikunitz
		// wants them: gobox may succeed where it fails, not the reverse.
		if err == nil && rerr != nil && !bytes.HasPrefix(got, want) {
			t.Fatalf("ours: %d bytes; ulikunitz: %d bytes (%v), not a prefix", len(got), len(want), rerr)
		}
		if err == nil && rerr == nil && !bytes.Equal(got, want) {
			t.Fatalf("ours: %d bytes; ulikunitz: %d bytes", len(got), len(want))
		}
		if err != nil && rerr == nil {
			t.Fatalf("ours failed (%v), ulikunitz gave %d bytes", err, len(want))
		}
	})
}

// lax: ulikunitz refuses a range coder whose first byte is not 0, which
// BusyBox (and so gobox) accepts.
func lax(err error) bool {
	return err != nil && strings.Contains(err.Error(), "first byte not zero")
}
