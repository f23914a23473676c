package codec

import (
	"io"

	"gobox/internal/gzipio"
)

var gzipCodec = Codec{
	Name:      "gzip",
	Magic:     []byte{0x1f, 0x8b},
	Suffixes:  []string{"gz"},
	NewReader: newGzipReader,
	NewWriter: newGzipWriter,
}

func newGzipReader(r io.Reader) (io.ReadCloser, error) {
	z, err := gzipio.NewReader(r)
	if err != nil {
		return nil, gzipErr(err)
	}
	return &gzipReader{z}, nil
}

// gzipReader turns gzipio's errors into Errors.
type gzipReader struct{ z *gzipio.Reader }

func (g *gzipReader) Read(p []byte) (int, error) {
	n, err := g.z.Read(p)
	return n, gzipErr(err)
}

func (g *gzipReader) Close() error { return nil }

func gzipErr(err error) error {
	if e, ok := err.(gzipio.Error); ok {
		return Error(e)
	}
	return err
}

func newGzipWriter(w io.Writer, level int) (io.WriteCloser, error) {
	return gzipio.NewWriter(w, gzipio.Header{Level: level})
}
