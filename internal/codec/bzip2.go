package codec

import (
	"bufio"
	"compress/bzip2"
	"io"

	"gobox/internal/bzip2w"
)

// bzip2 decompresses with the standard library's reader (no init work)
// and compresses with internal/bzip2w: github.com/dsnet/compress/bzip2,
// the pure-Go writer whose output bzip2 1.0.x and BusyBox read, block
// by block in parallel.
var bzip2Codec = Codec{
	Name:      "bzip2",
	Magic:     []byte("BZh"),
	Suffixes:  []string{"bz2", "tbz", "tbz2"},
	NewReader: newBzip2Reader,
	NewWriter: newBzip2Writer,
}

func newBzip2Reader(r io.Reader) (io.ReadCloser, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	t := &tailReader{br: br}
	return &bzip2Reader{br: br, tail: t, r: bzip2.NewReader(t)}, nil
}

type bzip2Reader struct {
	br      *bufio.Reader
	tail    *tailReader
	r       io.Reader
	checked bool
	err     error // sticky: the stdlib reader may not stay failed
}

// tailReader hands the stdlib reader its bytes one by one (it reads
// through io.ByteReader) and keeps the last twelve.
type tailReader struct {
	br   *bufio.Reader
	last [12]byte
}

func (t *tailReader) Read(p []byte) (int, error) { panic("bzip2 reads bytes") }

func (t *tailReader) ReadByte() (byte, error) {
	b, err := t.br.ReadByte()
	if err == nil {
		copy(t.last[:], t.last[1:])
		t.last[11] = b
	}
	return b, err
}

// endedBeforeLast reports whether a stream's end (its 48-bit end magic,
// its CRC and zero bits up to a byte) came just before the last byte
// read: the stdlib reader took that byte for the start of another
// stream and found no more, where BusyBox stops content.
func (t *tailReader) endedBeforeLast() bool {
	var v uint64 // the 64 bits before the last byte
	var hi uint32
	for _, b := range t.last[3:11] {
		v = v<<8 | uint64(b)
	}
	for _, b := range t.last[:3] {
		hi = hi<<8 | uint32(b)
	}
	for pad := uint(0); pad < 8; pad++ {
		if v&(1<<pad-1) != 0 {
			break
		}
		// 48 bits of magic and 32 of CRC end pad bits before the byte.
		magic := (uint64(hi)<<(32-pad) | v>>(32+pad)) & (1<<48 - 1)
		if magic == 0x177245385090 {
			return true
		}
	}
	return false
}

// bunzip's return codes (BusyBox's decompress_bunzip2.c), which its
// unpack_bz2_stream prints as "bunzip error N".
const (
	bunzipNotBzip   = Error("bunzip error -2") // no bzip2 header where one must be
	bunzipInputEOF  = Error("bunzip error -3") // the stream is cut short
	bunzipDataError = Error("bunzip error -5") // the data is damaged
	bunzipObsolete  = Error("bunzip error -7") // a randomised (pre-0.9.5) block
)

func (b *bzip2Reader) Read(p []byte) (int, error) {
	if b.err != nil {
		return 0, b.err
	}
	if !b.checked {
		// BusyBox's check_signature16 wants "BZ"; what follows is
		// start_bunzip's business (the stdlib checks the same).
		b.checked = true
		head, _ := b.br.Peek(2)
		if string(head) != "BZ" {
			b.err = Error("invalid magic")
			return 0, b.err
		}
	}
	n, err := b.r.Read(p)
	if err == io.ErrUnexpectedEOF && b.tail.endedBeforeLast() {
		err = io.EOF
	}
	if err != nil && err != io.EOF {
		err = bzip2Error(err)
	}
	if err != nil {
		b.err = err
	}
	return n, err
}

// bzip2Error words an error of the stdlib reader as BusyBox does.
func bzip2Error(err error) error {
	se, ok := err.(bzip2.StructuralError)
	if !ok {
		if err == io.ErrUnexpectedEOF {
			return bunzipInputEOF
		}
		return err
	}
	switch se {
	case "bad magic value in continuation file":
		// What follows the last stream is not "BZ": BusyBox stops
		// there, content.
		return io.EOF
	case "file checksum mismatch":
		return Error("CRC error")
	case "bad magic value", "non-Huffman entropy encoding", "invalid compression level", "bad magic value found":
		return bunzipNotBzip
	case "deprecated randomized files":
		return bunzipObsolete
	}
	return bunzipDataError
}

func (b *bzip2Reader) Close() error { return nil }

// newBzip2Writer compresses at level 1..9 (blocks of 100..900 kB; 0 is
// bzip2's default, 9).
func newBzip2Writer(w io.Writer, level int) (io.WriteCloser, error) {
	if level <= 0 || level > 9 {
		level = 9
	}
	return bzip2w.NewWriter(w, level), nil
}
