package codec

import (
	"bufio"
	"errors"
	"io"

	"gobox/internal/bzip2r"
	"gobox/internal/bzip2w"
)

// bzip2 decompresses with internal/bzip2r and compresses with
// internal/bzip2w, gobox's own reader and writer, both working on
// several blocks at once.
var bzip2Codec = Codec{
	Name:      "bzip2",
	Magic:     []byte("BZh"),
	Suffixes:  []string{"bz2", "tbz", "tbz2"},
	NewReader: newBzip2Reader,
	NewWriter: newBzip2Writer,
}

func newBzip2Reader(r io.Reader) (io.ReadCloser, error) {
	br := bufio.NewReaderSize(r, 16)
	return &bzip2Reader{br: br}, nil
}

type bzip2Reader struct {
	br  *bufio.Reader
	r   *bzip2r.Reader
	err error
}

func (b *bzip2Reader) Read(p []byte) (int, error) {
	if b.err != nil {
		return 0, b.err
	}
	if b.r == nil {
		// BusyBox's check_signature16 wants "BZ"; what follows is
		// start_bunzip's business.
		head, _ := b.br.Peek(2)
		if string(head) != "BZ" {
			b.err = Error("invalid magic")
			return 0, b.err
		}
		b.r = bzip2r.NewReader(b.br)
	}
	n, err := b.r.Read(p)
	var e bzip2r.Error
	if errors.As(err, &e) {
		// BusyBox's words: "bunzip error N", "CRC error".
		err = Error(e.Error())
	}
	if err != nil {
		b.err = err
	}
	return n, err
}

func (b *bzip2Reader) Close() error {
	if b.r != nil {
		b.r.Close()
	}
	return nil
}

// newBzip2Writer compresses at level 1..9 (blocks of 100..900 kB; 0 is
// bzip2's default, 9).
func newBzip2Writer(w io.Writer, level int) (io.WriteCloser, error) {
	if level <= 0 || level > 9 {
		level = 9
	}
	return bzip2w.NewWriter(w, level), nil
}
