package codec

import (
	"io"

	"gobox/internal/xzio"
)

// lzma is the legacy .lzma format: no magic, so only named or by suffix.
var lzmaCodec = Codec{
	Name:      "lzma",
	Suffixes:  []string{"lzma"},
	NewReader: newLzmaReader,
	NewWriter: newLzmaWriter,
}

func newLzmaReader(r io.Reader) (io.ReadCloser, error) {
	l, err := xzio.NewLzmaReader(r)
	if err != nil {
		return nil, xzErr(err)
	}
	return &xzReader{l}, nil
}

func newLzmaWriter(w io.Writer, level int) (io.WriteCloser, error) {
	if level <= 0 {
		level = 6
	}
	return xzio.NewLzmaWriter(w, xzio.Options{Level: level, Size: -1})
}
