package sed

import (
	"bytes"
	"io"
	"os"

	"gobox/internal/applet"
)

// input reads the lines of a list of files ("-" is standard input) as
// one stream, through one bounded buffer: a line is copied out of it as
// it is read, so only the longest line has to fit in memory.
//
// A line ends at a newline or, as BusyBox reads them, at a NUL byte;
// with -z only at a NUL.
type input struct {
	ctx   *applet.Ctx
	names []string
	next  int       // index in names of the next file to open
	name  string    // the file being read
	r     io.Reader // nil: no file open
	f     *os.File  // the open file, to close
	buf   []byte
	start int
	end   int
	eof   bool
	zero  bool // -z: lines end at NUL only
	// failed is set when a file could not be opened or read: sed
	// goes on with the others and exits 1.
	failed bool
	// beforeRead runs before a read that may block (the buffer is
	// empty), so that output is not held back while sed waits for
	// input in a pipeline.
	beforeRead func()
	// fatal is set by a failure that must stop sed (a read error
	// during -i, where the file must stay as it was).
	fatal   error
	inPlace bool
}

func newInput(ctx *applet.Ctx, names []string, zero bool, beforeRead func()) *input {
	return &input{ctx: ctx, names: names, zero: zero, beforeRead: beforeRead, buf: ctx.Buf(64 << 10)}
}

// fill reads more into the empty buffer; it sets eof at the end of the
// file or at a read error, which it reports.
func (in *input) fill() {
	if in.beforeRead != nil {
		in.beforeRead()
	}
	for {
		n, err := in.r.Read(in.buf)
		in.start, in.end = 0, n
		if n > 0 {
			return
		}
		if err == nil {
			continue
		}
		in.eof = true
		if err != io.EOF {
			if in.inPlace {
				in.fatal = applet.Perror(err, "%s", in.name)
			} else {
				in.ctx.Perror(err, "%s", in.name)
			}
			in.failed = true
		}
		return
	}
}

// open opens the next file that can be opened; false when none is left.
func (in *input) open() bool {
	for in.next < len(in.names) {
		name := in.names[in.next]
		in.next++
		in.name, in.eof, in.start, in.end = name, false, 0, 0
		if name == "-" {
			in.r, in.f = in.ctx.Stdin, nil
			return true
		}
		f, err := os.Open(in.ctx.Path(name))
		if err != nil {
			in.ctx.Perror(err, "%s", name)
			in.failed = true
			continue
		}
		in.r, in.f = f, f
		return true
	}
	return false
}

func (in *input) closeFile() {
	if in.f != nil {
		in.f.Close()
	}
	in.r, in.f = nil, nil
}

// read reads the next line into dst (reusing its memory) and returns
// it with how it ended: its terminator, noEOL or lastIsNUL. ok is false
// when every file is exhausted.
func (in *input) read(dst []byte) (line []byte, end int, ok bool) {
	dst = dst[:0]
	for in.fatal == nil {
		if in.r == nil && !in.open() {
			return dst, 0, false
		}
		got := false
		for {
			if in.start == in.end {
				if in.eof {
					break
				}
				if in.fill(); in.start == in.end {
					break
				}
			}
			got = true
			w := in.buf[in.start:in.end]
			k := -1
			if !in.zero {
				k = bytes.IndexByte(w, '\n')
			}
			z := w
			if k >= 0 {
				z = w[:k]
			}
			if j := bytes.IndexByte(z, 0); j >= 0 {
				k = j
			}
			if k < 0 {
				dst = append(dst, w...)
				in.start = in.end
				continue
			}
			dst = append(dst, w[:k]...)
			in.start += k + 1
			end := int(w[k])
			if end == 0 && !in.zero {
				// A NUL that ends the file is remembered: the
				// next file's first line starts on a new line.
				if in.start == in.end && !in.eof {
					in.fill()
				}
				if in.start == in.end && in.eof {
					end = lastIsNUL
				}
			}
			return dst, end, true
		}
		in.closeFile()
		if got {
			return dst, noEOL, true
		}
	}
	return dst, 0, false
}

// close closes the file being read, if any.
func (in *input) close() { in.closeFile() }
