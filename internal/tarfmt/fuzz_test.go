package tarfmt

import (
	"bytes"
	"io"
	"testing"
)

// FuzzReader reads arbitrary archives: the reader must return entries
// or an error, never panic, and keep no more than its limits in memory:
// a header it returns never claims more data than it can hand out, and
// its sparse map fits the file.
func FuzzReader(f *testing.F) {
	f.Add(cat(header("f", TypeReg, 3, nil), pad("abc"), end))
	f.Add(cat(header("pax", TypeXHeader, 9, nil), pad("9 path=a\n"), header("f", TypeReg, 0, nil), end))
	f.Add(cat(header("././@LongLink", TypeGNULongName, 4, nil), pad("abc\x00"), header("f", TypeSymlink, 0, nil), end))
	f.Add(cat(header("sp", TypeGNUSparse, 3, func(b []byte) {
		putOctalBB(b[386:398], 10)
		putOctalBB(b[398:410], 3)
		putOctalBB(b[483:495], 20)
	}), pad("xyz"), end))
	f.Fuzz(func(t *testing.T, archive []byte) {
		tr := NewReader(bytes.NewReader(archive))
		for i := 0; i < 100; i++ {
			h, err := tr.Next()
			if err != nil {
				return
			}
			if h.Size < 0 || len(h.Name) > MaxPAX+MaxLongName || len(h.Sparse) > MaxSparse {
				t.Fatalf("header out of bounds: size %d, name %d bytes, %d regions", h.Size, len(h.Name), len(h.Sparse))
			}
			if h.Sparse != nil {
				if err := checkSparse(h); err != nil {
					t.Fatalf("returned an invalid sparse map: %v", err)
				}
			}
			n, _ := io.CopyN(io.Discard, tr.Expand(h), 1<<20)
			if n > h.FileSize() && h.FileSize() >= 0 {
				t.Fatalf("read %d bytes of a %d-byte file", n, h.FileSize())
			}
		}
	})
}

// FuzzHeaders is FuzzReader with every block's checksum made right, so
// that the fuzzer explores what is behind the checksum: numbers, names,
// types, extended headers and sparse maps.
func FuzzHeaders(f *testing.F) {
	f.Add(cat(header("f", TypeReg, 3, nil), pad("abc"), end))
	f.Add(cat(header("pax", TypeXHeader, 25, nil), pad("25 GNU.sparse.map=0,1,5,1\n"), header("f", TypeReg, 2, nil), pad("ab"), end))
	f.Add(cat(header("x", TypeXHeader, 44, nil), pad("22 GNU.sparse.major=1\n22 GNU.sparse.minor=0\n"),
		header("f", TypeReg, 514, nil), pad("1\n0\n2\n"), pad("ab"), end))
	f.Fuzz(func(t *testing.T, archive []byte) {
		b := append([]byte(nil), archive...)
		for off := 0; off+BlockSize <= len(b); off += BlockSize {
			blk := b[off : off+BlockSize]
			sum, _ := checksums(blk)
			putOctalNUL(blk[148:155], sum)
			blk[155] = ' '
		}
		tr := NewReader(bytes.NewReader(b))
		for i := 0; i < 100; i++ {
			h, err := tr.Next()
			if err != nil {
				return
			}
			if h.Size < 0 || len(h.Sparse) > MaxSparse {
				t.Fatalf("header out of bounds: size %d, %d regions", h.Size, len(h.Sparse))
			}
			if h.Sparse != nil {
				if err := checkSparse(h); err != nil {
					t.Fatalf("returned an invalid sparse map: %v", err)
				}
			}
			n, _ := io.CopyN(io.Discard, tr.Expand(h), 1<<20)
			if n > h.FileSize() && h.FileSize() >= 0 {
				t.Fatalf("read %d bytes of a %d-byte file", n, h.FileSize())
			}
		}
	})
}
