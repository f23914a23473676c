package codec

import (
	"bufio"
	"compress/bzip2"
	"io"
)

// bzip2 decompresses with the standard library's reader (no init work);
// compression comes with the bzip2 applet.
var bzip2Codec = Codec{
	Name:      "bzip2",
	Magic:     []byte("BZh"),
	Suffixes:  []string{"bz2"},
	NewReader: newBzip2Reader,
}

func newBzip2Reader(r io.Reader) (io.ReadCloser, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	return &bzip2Reader{br: br, r: bzip2.NewReader(br)}, nil
}

type bzip2Reader struct {
	br      *bufio.Reader
	r       io.Reader
	checked bool
}

func (b *bzip2Reader) Read(p []byte) (int, error) {
	if !b.checked {
		// BusyBox's start_bunzip wants "BZh" and a block size digit.
		b.checked = true
		head, _ := b.br.Peek(4)
		if len(head) < 4 || string(head[:3]) != "BZh" || head[3] < '1' || head[3] > '9' {
			return 0, Error("invalid magic")
		}
	}
	n, err := b.r.Read(p)
	if _, ok := err.(bzip2.StructuralError); ok {
		err = Error("corrupted data")
	} else if err == io.ErrUnexpectedEOF {
		err = Error("unexpected end of file")
	}
	return n, err
}

func (b *bzip2Reader) Close() error { return nil }
