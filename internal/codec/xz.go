package codec

import (
	"io"

	"gobox/internal/xzio"
)

// xz reads and writes through internal/xzio (decoding with gobox's own
// internal/lzmadec, encoding with ulikunitz/xz's LZMA2).
var xzCodec = Codec{
	Name:      "xz",
	Magic:     []byte("\xfd7zXZ\x00"),
	Suffixes:  []string{"xz"},
	NewReader: newXzReader,
	NewWriter: newXzWriter,
}

func newXzReader(r io.Reader) (io.ReadCloser, error) {
	x, err := xzio.NewReader(r)
	if err != nil {
		return nil, xzErr(err)
	}
	return &xzReader{x}, nil
}

// xzReader turns xzio's errors into Errors.
type xzReader struct{ r io.Reader }

func (x *xzReader) Read(p []byte) (int, error) {
	n, err := x.r.Read(p)
	return n, xzErr(err)
}

func (x *xzReader) Close() error { return nil }

func xzErr(err error) error {
	if e, ok := err.(xzio.Error); ok {
		return Error(e)
	}
	return err
}

func newXzWriter(w io.Writer, level int) (io.WriteCloser, error) {
	if level <= 0 {
		level = 6
	}
	return xzio.NewWriter(w, xzio.Options{Level: level, Size: -1})
}
