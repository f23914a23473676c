package xzio

import (
	"bytes"
	"hash/crc32"
	"io"
	"testing"
)

func crc32IEEE(p []byte) uint32 { return crc32.ChecksumIEEE(p) }

// FuzzReader: any input gives data and an error or the end, never a
// panic or a runaway allocation (the dictionary is bounded).
func FuzzReader(f *testing.F) {
	f.Add([]byte(helloXz))
	f.Add([]byte(helloXz + helloXz))
	f.Add([]byte(helloXz + "\x00\x00\x00\x00garbage"))
	f.Add(xz(f, bytes.Repeat([]byte("fuzz"), 1000), Options{Threads: 2, BlockSize: 1000, Size: -1}))
	f.Add(xz(f, []byte("sha"), Options{Check: CheckSHA256, Size: -1}))
	f.Fuzz(func(t *testing.T, in []byte) {
		r, err := NewReader(bytes.NewReader(in))
		if err != nil {
			return
		}
		io.Copy(io.Discard, io.LimitReader(r, 64<<20))
	})
}

func FuzzLzmaReader(f *testing.F) {
	f.Add([]byte(helloLzma))
	f.Fuzz(func(t *testing.T, in []byte) {
		r, err := NewLzmaReader(bytes.NewReader(in))
		if err != nil {
			return
		}
		io.Copy(io.Discard, io.LimitReader(r, 64<<20))
	})
}
