package deflate

import "io"

// Writer compresses to an io.Writer through a Compressor.
type Writer struct {
	w   io.Writer
	c   *Compressor
	buf []byte
	err error
}

// writeChunk is how much input one Append takes, bounding the buffer.
const writeChunk = 64 << 10

// NewWriter returns a Writer of a stream at level (0-9) primed with
// dict (nil: none).
func NewWriter(w io.Writer, level int, dict []byte) (*Writer, error) {
	c, err := New(level)
	if err != nil {
		return nil, err
	}
	c.Reset(dict)
	return &Writer{w: w, c: c}, nil
}

// Write compresses p; output is written as blocks complete.
func (z *Writer) Write(p []byte) (int, error) {
	n := 0
	for z.err == nil && len(p) > 0 {
		k := min(len(p), writeChunk)
		z.buf = z.c.Append(z.buf[:0], p[:k])
		z.send()
		n += k
		p = p[k:]
	}
	return n, z.err
}

// Flush writes all the input so far, ending with an empty stored block.
func (z *Writer) Flush() error {
	if z.err == nil {
		z.buf = z.c.Flush(z.buf[:0])
		z.send()
	}
	return z.err
}

// Close ends the stream; it does not close the underlying writer.
func (z *Writer) Close() error {
	if z.err == nil {
		z.buf = z.c.Close(z.buf[:0])
		z.send()
	}
	return z.err
}

// Reset starts a new stream to w primed with dict.
func (z *Writer) Reset(w io.Writer, dict []byte) {
	z.w, z.err = w, nil
	z.c.Reset(dict)
}

func (z *Writer) send() {
	if len(z.buf) > 0 {
		_, z.err = z.w.Write(z.buf)
	}
}
