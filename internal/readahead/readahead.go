// Package readahead reads from a reader in a goroutine of its own, so
// that producing data (decompressing it, or reading it from a file)
// overlaps with consuming it.
package readahead

import "io"

// ReadAhead reads from a reader in a goroutine of its own, a few buffers
// ahead of its caller, so that decompressing overlaps with what the
// caller does with the data (tar writing files, gunzip writing its
// output), as GNU tar's separate gzip process does. Memory is the
// buffers: n of size bytes.
type ReadAhead struct {
	full chan chunk
	free chan []byte
	done chan struct{}
	cur  []byte
	buf  []byte // cur's whole buffer, to give back
	err  error
}

type chunk struct {
	b   []byte
	err error
}

// New starts reading r. Close stops the goroutine (once its
// read in progress returns).
func New(r io.Reader, n, size int) *ReadAhead {
	ra := &ReadAhead{full: make(chan chunk, n), free: make(chan []byte, n), done: make(chan struct{})}
	for i := 0; i < n; i++ {
		ra.free <- make([]byte, size)
	}
	go ra.fill(r)
	return ra
}

// fill reads into free buffers and hands them over, until an error or
// io.EOF, which it hands over after the data before it.
func (ra *ReadAhead) fill(r io.Reader) {
	for {
		var b []byte
		select {
		case b = <-ra.free:
		case <-ra.done:
			return
		}
		m, err := io.ReadFull(r, b)
		if err == io.ErrUnexpectedEOF {
			err = io.EOF
		}
		select {
		case ra.full <- chunk{b[:m], err}:
		case <-ra.done:
			return
		}
		if err != nil {
			return
		}
	}
}

// Read returns what the goroutine read, and its error after its data.
func (ra *ReadAhead) Read(p []byte) (int, error) {
	for len(ra.cur) == 0 {
		if ra.buf != nil {
			ra.free <- ra.buf[:cap(ra.buf)]
			ra.buf = nil
		}
		if ra.err != nil {
			return 0, ra.err
		}
		c := <-ra.full
		ra.cur, ra.buf, ra.err = c.b, c.b, c.err
	}
	n := copy(p, ra.cur)
	ra.cur = ra.cur[n:]
	return n, nil
}

// Close stops the reading goroutine.
func (ra *ReadAhead) Close() error {
	select {
	case <-ra.done:
	default:
		close(ra.done)
	}
	return nil
}
