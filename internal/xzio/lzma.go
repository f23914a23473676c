package xzio

import (
	"encoding/binary"
	"errors"
	"io"

	"github.com/ulikunitz/xz/lzma"

	"gobox/internal/lzmadec"
)

// MaxLzmaDict is the largest dictionary a .lzma reader allocates: the
// format has no magic, so a stray header could ask for 4 GiB. BusyBox
// allocates what the header says (up to the data size) and dies of
// "out of memory" when it cannot.
const MaxLzmaDict = 256 << 20

// LzmaReader decompresses one .lzma stream; what follows its end is
// ignored, as BusyBox's unlzma ignores it.
type LzmaReader struct {
	s   *source
	r   *lzmadec.Reader1
	err error
}

// NewLzmaReader reads the .lzma header from r.
func NewLzmaReader(r io.Reader) (*LzmaReader, error) {
	s := newSource(r)
	head, _ := s.br.Peek(lzma.HeaderLen)
	if len(head) < lzma.HeaderLen || head[0] >= 9*5*5 {
		if s.err != nil {
			return nil, s.err
		}
		return nil, Error("bad lzma header")
	}
	dict := int64(binary.LittleEndian.Uint32(head[1:5]))
	size := int64(binary.LittleEndian.Uint64(head[5:13]))
	if size >= 0 && size < dict {
		dict = size
	}
	if dict > MaxLzmaDict {
		return nil, Error("out of memory")
	}
	props, _ := lzmadec.DecodeProps(head[0])
	s.br.Discard(lzma.HeaderLen)
	s.n += lzma.HeaderLen
	return &LzmaReader{s: s, r: lzmadec.NewReader1(s, props, int(dict), size)}, nil
}

// Read returns decompressed data.
func (l *LzmaReader) Read(p []byte) (int, error) {
	if l.err != nil {
		return 0, l.err
	}
	n, err := l.r.Read(p)
	if err != nil && err != io.EOF {
		err = lzmaErr(l.s, err)
	}
	l.err = err
	return n, err
}

// lzmaErr words the coder's errors as BusyBox's unlzma does.
func lzmaErr(s *source, err error) error {
	if s.err != nil {
		return s.err
	}
	if err == lzmadec.ErrTruncated || errors.Is(err, io.ErrUnexpectedEOF) {
		return Error("unexpected EOF")
	}
	return errCorrupt
}

// NewLzmaWriter compresses into w in the .lzma format as xz-utils'
// lzma writes it: unknown size, end marker. Close does not close w.
func NewLzmaWriter(w io.Writer, o Options) (io.WriteCloser, error) {
	ew := &errWriter{w: w}
	lw, err := lzma.WriterConfig{DictCap: o.dictSize(), Matcher: o.matcher(), EOSMarker: true}.NewWriter(ew)
	if err != nil {
		return nil, err
	}
	return &lzmaWriter{lw, ew}, nil
}

type lzmaWriter struct {
	w  *lzma.Writer
	ew *errWriter
}

func (l *lzmaWriter) Write(p []byte) (int, error) {
	n, err := l.w.Write(p)
	if err == nil {
		err = l.ew.err
	}
	return n, err
}

func (l *lzmaWriter) Close() error {
	err := l.w.Close()
	if l.ew.err != nil {
		return l.ew.err
	}
	return err
}
