package xzio

import (
	"bytes"
	"errors"
	"fmt"
	"testing"
)

// writeTo decodes in with WriteTo into a buffer.
func writeTo(in []byte, threads int) ([]byte, error) {
	r, err := NewReader(bytes.NewReader(in))
	if err != nil {
		return nil, err
	}
	r.SetThreads(threads)
	var b bytes.Buffer
	n, err := r.WriteTo(&b)
	if n != int64(b.Len()) {
		return nil, errors.New("WriteTo miscounted")
	}
	return b.Bytes(), err
}

// TestWriteTo: WriteTo gives what Read gives, data and error, on whole,
// damaged and truncated streams of one block and of many: a block's
// data is written before its check fails, and nothing after it.
func TestWriteTo(t *testing.T) {
	data := mixed(654321)
	files := multiBlock(t, data)
	files["one block"] = xz(t, data, Options{Level: 1, Size: -1})
	for name, c := range files {
		ins := map[string][]byte{"whole": c, "twice": append(bytes.Clone(c), c...)}
		for _, at := range []int{len(c) / 3, len(c) / 2, len(c) - 10, len(c) - 40} {
			ins["flipped at "+fmt.Sprint(at)] = flip(c, at)
			ins["cut at "+fmt.Sprint(at)] = c[:at]
		}
		for how, in := range ins {
			for _, threads := range []int{1, 3} {
				want, werr := unxzThreads(in, threads)
				got, err := writeTo(in, threads)
				if err != werr || !bytes.Equal(got, want) {
					t.Errorf("%s %s, %d threads: %d bytes, %v; Read: %d bytes, %v", name, how, threads, len(got), err, len(want), werr)
				}
			}
		}
	}
}

// TestWriteToWriteError: a failed write ends WriteTo with its error,
// and decoding stops.
func TestWriteToWriteError(t *testing.T) {
	c := xz(t, mixed(3<<20), Options{Level: 1, Size: -1})
	r, err := NewReader(bytes.NewReader(c))
	if err != nil {
		t.Fatal(err)
	}
	fw := &failWriter{n: 300 << 10}
	n, err := r.WriteTo(fw)
	if err == nil || err.Error() != "disk full" || n != 300<<10 {
		t.Errorf("%d bytes, %v", n, err)
	}
	if r.out > 2<<20 {
		t.Errorf("decoded %d bytes after the writer failed at 300 KiB", r.out)
	}
}
