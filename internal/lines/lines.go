// Package lines reads lines the way BusyBox's text applets do through
// libbb (bb_get_chunk_from_file and the xmalloc_fgetline family): a line
// ends at a newline or at a NUL byte, whichever comes first, so a NUL in
// the input splits a line in two; with NULOnly (sort -z, uniq -z's
// input is not) only a NUL ends one. A last line without a terminator is
// still a line, and a read error ends the input as EOF does, remembered
// for the applets that report it (Err).
//
// Lines are returned in the Reader's own buffer, which grows to hold the
// longest line: memory is bounded by the longest line, not the input.
package lines

import (
	"bytes"
	"io"
)

// EOF is the terminator Line reports for a last line that had none.
const EOF = -1

// Reader reads lines from an io.Reader.
type Reader struct {
	rd   io.Reader
	buf  []byte
	r, w int // buf[r:w] is read but not yet returned
	eof  bool
	err  error
	// NULOnly makes a NUL byte the only line terminator.
	NULOnly bool
}

// NewReader returns a Reader of rd with a buffer of size bytes to start
// with (it grows for longer lines).
func NewReader(rd io.Reader, size int) *Reader {
	return &Reader{rd: rd, buf: make([]byte, max(size, 16))}
}

// NewReaderBuf returns a Reader of rd that starts with buf as its buffer
// (an applet's pooled one, applet.Ctx.Buf); a longer line grows a new
// one, and buf is left as it is.
func NewReaderBuf(rd io.Reader, buf []byte) *Reader {
	if len(buf) < 16 {
		buf = make([]byte, 16)
	}
	return &Reader{rd: rd, buf: buf}
}

// Reset makes the Reader read from rd, keeping its buffer and mode.
func (lr *Reader) Reset(rd io.Reader) {
	lr.rd, lr.r, lr.w, lr.eof, lr.err = rd, 0, 0, false, nil
}

// Err returns the first read error other than io.EOF.
func (lr *Reader) Err() error { return lr.err }

// Line returns the next line without its terminator, and the terminator:
// '\n', 0, or EOF for a last line that had none. ok is false at the end
// of the input. The line is valid until the next call; when it had a
// terminator, line[:len(line)+1] is the line with it (fgets's view).
func (lr *Reader) Line() (line []byte, term int, ok bool) {
	scan := lr.r
	for {
		if i := lr.index(lr.buf[scan:lr.w]); i >= 0 {
			end := scan + i
			line, term = lr.buf[lr.r:end], int(lr.buf[end])
			lr.r = end + 1
			return line, term, true
		}
		scan = lr.w
		if lr.eof {
			if lr.r < lr.w {
				line = lr.buf[lr.r:lr.w]
				lr.r = lr.w
				return line, EOF, true
			}
			return nil, EOF, false
		}
		scan -= lr.fill()
	}
}

// index returns the position of the first terminator in p, or -1.
func (lr *Reader) index(p []byte) int {
	if lr.NULOnly {
		return bytes.IndexByte(p, 0)
	}
	i := bytes.IndexByte(p, '\n')
	if i < 0 {
		i = len(p)
	}
	if j := bytes.IndexByte(p[:i], 0); j >= 0 {
		return j
	}
	if i == len(p) {
		return -1
	}
	return i
}

// fill reads more into the buffer, first moving what is left of it to
// the front, or growing it when the line being read fills it. It
// returns by how much the buffer's content moved.
func (lr *Reader) fill() (shifted int) {
	if lr.r > 0 {
		copy(lr.buf, lr.buf[lr.r:lr.w])
		shifted = lr.r
		lr.w -= lr.r
		lr.r = 0
	}
	if lr.w == len(lr.buf) {
		lr.buf = append(lr.buf, make([]byte, len(lr.buf))...)
	}
	n, err := lr.rd.Read(lr.buf[lr.w:])
	lr.w += n
	if err != nil {
		lr.eof = true
		if err != io.EOF {
			lr.err = err
		}
	}
	return shifted
}
