package codec

import (
	"bufio"
	"errors"
	"io"

	"gobox/internal/bzip2r"
	"gobox/internal/bzip2w"
)

// bzip2 decompresses with internal/bzip2r and compresses with
// internal/bzip2w, gobox's own reader and writer: one block at a time
// in the table's entry (BusyBox's memory), several at once through
// Bzip2Reader and Bzip2Writer for a caller given threads.
var bzip2Codec = Codec{
	Name:      "bzip2",
	Magic:     []byte("BZh"),
	Suffixes:  []string{"bz2", "tbz", "tbz2"},
	NewReader: newBzip2Reader,
	NewWriter: newBzip2Writer,
}

func newBzip2Reader(r io.Reader) (io.ReadCloser, error) {
	return Bzip2Reader(r, 1), nil
}

// Bzip2Reader decompresses r as the bzip2 entry's reader does, decoding
// up to threads blocks at once (0: one per CPU; 1: one after the other,
// with no goroutine, in BusyBox's memory).
func Bzip2Reader(r io.Reader, threads int) io.ReadCloser {
	br := bufio.NewReaderSize(r, 16)
	return &bzip2Reader{br: br, threads: threads}
}

type bzip2Reader struct {
	br      *bufio.Reader
	r       *bzip2r.Reader
	threads int
	err     error
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
		b.r = bzip2r.NewReaderN(b.br, b.threads)
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
// bzip2's default, 9), one block at a time.
func newBzip2Writer(w io.Writer, level int) (io.WriteCloser, error) {
	return Bzip2Writer(w, level, 1), nil
}

// Bzip2Writer compresses into w at level as the bzip2 entry's writer
// does, coding up to threads blocks at once once the input is long (0:
// one per CPU; 1: one after the other, with no goroutine). The bytes
// are the same whatever threads is.
func Bzip2Writer(w io.Writer, level, threads int) io.WriteCloser {
	if level <= 0 || level > 9 {
		level = 9
	}
	return bzip2w.NewWriterN(w, level, threads)
}
