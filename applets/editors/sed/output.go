package sed

import (
	"bufio"
	"io"
	"os"
	"syscall"

	"gobox/internal/applet"
)

// How the line in the pattern space ended, besides its terminator byte
// ('\n', or NUL which also ends a line in BusyBox's sed).
const (
	noEOL     = -1 // the last line of the input had no terminator
	lastIsNUL = -2 // the input ended with a NUL right after this line
)

// outFile is an output stream: sed's standard output, the temporary
// file of -i, or the file of a w command. It remembers the last byte
// it wrote, so that a line that ended without a newline gets one before
// anything else is written after it (BusyBox's puts_maybe_newline).
type outFile struct {
	w    *bufio.Writer
	f    *os.File // the file, for w files and -i's temporary file
	last int      // what the last put ended with: '\n', 0, or 'x'
	nl   byte     // the line terminator: '\n', or NUL with -z
	err  error    // the first write error
	any  *error   // where the first write error of any stream goes
}

// newOut returns a stream writing to w through a buffer that buffer
// makes (standard output's from the applet's pool, ctx.BufWriter, one a
// run; the files of w commands and -i, which may be many, their own,
// bufio.NewWriterSize); its first write error also goes to *any when
// that is nil, for sed to stop at it.
func newOut(buffer func(io.Writer, int) *bufio.Writer, w io.Writer, f *os.File, nl byte, any *error) *outFile {
	o := &outFile{f: f, last: '\n', nl: nl, any: any}
	o.w = buffer(errWriter{w, o}, 64<<10)
	return o
}

// errWriter records the first error of the writes under a buffer, so
// that sed can stop at a failed write without flushing to find out.
type errWriter struct {
	w io.Writer
	o *outFile
}

func (e errWriter) Write(p []byte) (int, error) {
	n, err := e.w.Write(p)
	if err != nil {
		if e.o.err == nil {
			e.o.err = err
		}
		if e.o.any != nil && *e.o.any == nil {
			*e.o.any = err
		}
	}
	return n, err
}

// puts writes s followed by end: a terminator byte, or noEOL (none), or
// lastIsNUL (a NUL after which a newline is still owed).
func (o *outFile) puts(s []byte, end int) {
	if o.last != '\n' && o.last != 0 {
		o.w.WriteByte(o.nl)
		o.last = '\n'
	}
	o.w.Write(s)
	if len(s) > 0 {
		o.last = 'x'
	}
	switch end {
	case lastIsNUL:
		o.w.WriteByte(0)
		o.last = 'x'
	case noEOL:
	default:
		o.w.WriteByte(byte(end))
		o.last = end
	}
}

// raw writes s as it is, leaving the line state alone ('=' does so).
func (o *outFile) raw(s []byte) { o.w.Write(s) }

// flush writes out what is buffered and returns the first write error.
func (o *outFile) flush() error {
	o.w.Flush()
	return o.err
}

// writeError is the error for a failed write: BusyBox says "write
// error" and exits 4, as GNU sed does.
func writeError(err error) error {
	return &applet.ExitError{Code: 4, Msg: "write error", Err: err}
}

// outFiles opens the files of w commands, once per name: two commands
// writing "out" share it. /dev/stdout and /dev/stderr are sed's own
// streams (GNU's special names), so that what w writes there comes in
// order with the rest.
type outFiles struct {
	ctx    *applet.Ctx
	err    error // the first write error of any stream
	nl     byte
	stdout *outFile
	stderr *outFile
	files  map[string]*outFile
	order  []*outFile
}

func (fs *outFiles) open(name string) (*outFile, error) {
	switch name {
	case "/dev/stdout":
		return fs.stdout, nil
	case "/dev/stderr":
		if fs.stderr == nil {
			fs.stderr = newOut(bufio.NewWriterSize, fs.ctx.Stderr, nil, fs.nl, &fs.err)
			fs.order = append(fs.order, fs.stderr)
		}
		return fs.stderr, nil
	}
	if o := fs.files[name]; o != nil {
		return o, nil
	}
	f, err := os.OpenFile(fs.ctx.Path(name), os.O_WRONLY|os.O_CREATE|os.O_TRUNC|syscall.O_CLOEXEC, 0o666&^fs.ctx.Umask)
	if err != nil {
		return nil, applet.Perror(err, "can't open '%s'", name)
	}
	o := newOut(bufio.NewWriterSize, f, f, fs.nl, &fs.err)
	if fs.files == nil {
		fs.files = map[string]*outFile{}
	}
	fs.files[name] = o
	fs.order = append(fs.order, o)
	return o, nil
}

// flush flushes every w file and returns the first write error.
func (fs *outFiles) flush() error {
	var first error
	for _, o := range fs.order {
		if err := o.flush(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// close flushes and closes every w file.
func (fs *outFiles) close() error {
	first := fs.flush()
	for _, o := range fs.order {
		if o.f != nil {
			if err := o.f.Close(); err != nil && first == nil {
				first = err
			}
		}
	}
	return first
}
