// Package fastcopy copies bytes from one file to another with the kernel
// doing the work where it can: copy_file_range(2) between regular files,
// sendfile(2) from a regular file to anything, splice(2) to or from a
// pipe, and read(2)/write(2) through a buffer otherwise. It is BusyBox's
// bb_copyfd_eof for cat, cp, tail and dd.
//
// A copy stops when its context is cancelled (between chunks), and its
// error says which side failed: a *ReadError or a *WriteError, wrapping
// the system's error, so that a closed output pipe is errors.Is(err,
// syscall.EPIPE) and the runtime can end the applet as SIGPIPE would.
package fastcopy

import (
	"context"
	"errors"
	"io"
	"os"

	"golang.org/x/sys/unix"
)

// ReadError is a failure to read the source.
type ReadError struct{ Err error }

func (e *ReadError) Error() string { return "read: " + e.Err.Error() }

// Unwrap returns the system's error.
func (e *ReadError) Unwrap() error { return e.Err }

// WriteError is a failure to write the destination.
type WriteError struct {
	Err error
	// Unwritten is how many bytes were read from the source and not
	// written: a caller counting records as read(2) and write(2) would
	// (dd) needs them.
	Unwritten int64
}

func (e *WriteError) Error() string { return "write: " + e.Err.Error() }

// Unwrap returns the system's error.
func (e *WriteError) Unwrap() error { return e.Err }

// BufSize is the buffer of the read/write fallback: BusyBox's
// COPYBUF_KB as Alpine builds it.
const BufSize = 64 << 10

// Copy copies from src to dst until the end of src and returns the number
// of bytes copied. When both are *os.File the kernel copies (see the
// package comment); otherwise it reads and writes through a buffer. It
// returns ctx.Err() when ctx is cancelled, a *ReadError or a *WriteError
// when a side fails. The files' offsets move as read(2) and write(2)
// would move them; non-blocking descriptors are waited for.
func Copy(ctx context.Context, dst io.Writer, src io.Reader) (int64, error) {
	var c Copier
	return c.Copy(ctx, dst, src)
}

// CopyN is Copy of at most n bytes: fewer only at the end of src.
func CopyN(ctx context.Context, dst io.Writer, src io.Reader, n int64) (int64, error) {
	var c Copier
	return c.CopyN(ctx, dst, src, n)
}

// Copier does what Copy and CopyN do, and keeps what one copy learned
// for the next: the read/write buffer (cat of many files allocates it
// once), and the method chosen for the same two files (dd copies a
// block at a time, and asks the kernel what the files are once). Its
// zero value is ready to use; it is not safe for concurrent use.
type Copier struct {
	buf []byte
	// The last pair of files and the method that works between them.
	dst, src *os.File
	dfd, sfd int
	m        method
	// The *os.File copied to or from an FD, and its descriptor.
	kept   *os.File
	keptfd int
}

// fdOf is fd(f), asked once for the file that stays from copy to copy
// while the FD on the other side changes (tar's archive).
func (cp *Copier) fdOf(f *os.File) int {
	if f != cp.kept {
		cp.kept, cp.keptfd = f, fd(f)
	}
	return cp.keptfd
}

// Copy is Copy, reusing what c learned.
func (c *Copier) Copy(ctx context.Context, dst io.Writer, src io.Reader) (int64, error) {
	return c.run(ctx, dst, src, -1)
}

// CopyN is CopyN, reusing what c learned.
func (c *Copier) CopyN(ctx context.Context, dst io.Writer, src io.Reader, n int64) (int64, error) {
	if n <= 0 {
		return 0, nil
	}
	return c.run(ctx, dst, src, n)
}

// method is the way bytes move between two descriptors.
type method int

const (
	readWrite     method = iota // read(2) and write(2) through a buffer
	copyFileRange               // copy_file_range(2): regular to regular
	sendFile                    // sendfile(2): from a regular file or block device
	splice                      // splice(2): one side a pipe
)

// copier is one copy in progress.
type copier struct {
	ctx      context.Context
	dst      io.Writer
	src      io.Reader
	dfd, sfd int   // descriptors, or -1
	limit    int64 // bytes left to copy, or -1 for all
	done     int64
	chunk    int     // most bytes per system call
	buf      *[]byte // the Copier's buffer
}

func (cp *Copier) run(ctx context.Context, dst io.Writer, src io.Reader, n int64) (int64, error) {
	c := copier{ctx: ctx, dst: dst, src: src, dfd: -1, sfd: -1, limit: n, chunk: chunkSize(ctx), buf: &cp.buf}
	m := readWrite
	df, dok := dst.(*os.File)
	sf, sok := src.(*os.File)
	d, dfd := dst.(FD)
	s, sfd := src.(FD)
	if (dfd || dok) && (sfd || sok) && (dfd || sfd) {
		// Not remembered: an FD's number may be another file's next
		// time.
		c.dfd, c.sfd = int(d), int(s)
		if dok {
			c.dfd = cp.fdOf(df)
		}
		if sok {
			c.sfd = cp.fdOf(sf)
		}
		m = choose(c.dfd, c.sfd)
	} else if dok && sok {
		if df != cp.dst || sf != cp.src {
			cp.dst, cp.src = df, sf
			cp.dfd, cp.sfd = fd(df), fd(sf)
			cp.m = choose(cp.dfd, cp.sfd)
		}
		c.dfd, c.sfd, m = cp.dfd, cp.sfd, cp.m
	}
	for m != readWrite {
		next, refused, err := c.kernel(m)
		if err != nil {
			return c.done, err
		}
		if next == m {
			return c.done, nil
		}
		if refused && dok {
			// The files refuse m, not just this once: the next copy
			// between them goes straight to what they take.
			cp.m = next
		}
		m = next
	}
	return c.done, c.readWrite()
}

// chunkSize is how much one system call may copy. A copy that nothing
// cancels (a process run on its own, which a signal stops) moves
// BusyBox's largest chunk at a time; a cancellable one moves less, so
// that Ctrl-C in the shell ends a copy to a fast device promptly.
func chunkSize(ctx context.Context) int {
	if ctx.Done() == nil {
		return 0x7ff00000
	}
	return 16 << 20
}

// fd returns f's descriptor without switching it to blocking mode (as
// f.Fd would), or -1.
func fd(f *os.File) int {
	rc, err := f.SyscallConn()
	if err != nil {
		return -1
	}
	n := -1
	if rc.Control(func(u uintptr) { n = int(u) }) != nil {
		return -1
	}
	return n
}

// choose picks the fastest method the two descriptors allow.
func choose(dfd, sfd int) method {
	if dfd < 0 || sfd < 0 {
		return readWrite
	}
	var ds, ss unix.Stat_t
	if unix.Fstat(dfd, &ds) != nil || unix.Fstat(sfd, &ss) != nil {
		return readWrite
	}
	dt, st := ds.Mode&unix.S_IFMT, ss.Mode&unix.S_IFMT
	switch {
	case st == unix.S_IFREG && dt == unix.S_IFREG:
		return copyFileRange
	case st == unix.S_IFREG || st == unix.S_IFBLK:
		return sendFile
	case st == unix.S_IFIFO || dt == unix.S_IFIFO:
		return splice
	}
	return readWrite
}

// fallback is the method to try when m is refused.
func fallback(m method) method {
	if m == copyFileRange {
		return sendFile
	}
	return readWrite
}

// want is the most bytes the next call may move.
func (c *copier) want() int {
	if c.limit >= 0 && c.limit-c.done < int64(c.chunk) {
		return int(c.limit - c.done)
	}
	return c.chunk
}

// kernel copies with method m until the end of the source, and returns m
// then. It returns another method to go on with when m is refused (on its
// first call, and then refused is true; or when the descriptor is
// non-blocking) and readWrite after any other error: read(2) and write(2)
// then say which side failed, which one call moving both ways cannot.
func (c *copier) kernel(m method) (next method, refused bool, err error) {
	first := true
	for {
		if err := c.ctx.Err(); err != nil {
			return m, false, err
		}
		w := c.want()
		if w == 0 {
			return m, false, nil
		}
		var n int
		var err error
		switch m {
		case copyFileRange:
			n, err = unix.CopyFileRange(c.sfd, nil, c.dfd, nil, w, 0)
		case sendFile:
			n, err = unix.Sendfile(c.dfd, c.sfd, nil, w)
		case splice:
			var n64 int64
			n64, err = unix.Splice(c.sfd, nil, c.dfd, nil, w, unix.SPLICE_F_MOVE)
			n = int(n64)
		}
		switch {
		case err == unix.EINTR:
			continue
		case err == unix.EAGAIN:
			// A non-blocking descriptor: the Go file waits for it.
			return readWrite, false, nil
		case err != nil && first && isRefusal(err):
			return fallback(m), true, nil
		case err != nil:
			return readWrite, false, nil
		case n == 0 && first:
			// Empty, or a file that lies about its size (/proc):
			// read(2) tells.
			return readWrite, false, nil
		case n == 0:
			return m, false, nil
		}
		c.done += int64(n)
		first = false
	}
}

// isRefusal reports whether err means the call cannot be used for these
// descriptors at all (rather than that a side failed).
func isRefusal(err error) bool {
	switch err {
	case unix.EINVAL, unix.ENOSYS, unix.EXDEV, unix.EOPNOTSUPP, unix.EPERM, unix.EBADF:
		return true
	}
	return false
}

// readWrite copies through a buffer, the way that works for every reader
// and writer.
func (c *copier) readWrite() error {
	// Small first: many files are small or empty (cp -R, /proc); the
	// buffer grows to BufSize once a read fills it, and stays with the
	// Copier.
	buf := *c.buf
	if buf == nil {
		buf = make([]byte, 4<<10)
		*c.buf = buf
	}
	for {
		if err := c.ctx.Err(); err != nil {
			return err
		}
		p := buf
		if c.limit >= 0 {
			left := c.limit - c.done
			if left == 0 {
				return nil
			}
			if left < int64(len(p)) {
				p = p[:left]
			}
		}
		n, rerr := c.src.Read(p)
		if n > 0 {
			w, werr := c.dst.Write(p[:n])
			c.done += int64(w)
			if werr == nil && w < n {
				werr = io.ErrShortWrite
			}
			if werr != nil {
				return &WriteError{Err: unwrapPath(werr), Unwritten: int64(n - w)}
			}
		}
		if rerr == io.EOF {
			return nil
		}
		if rerr != nil {
			return &ReadError{Err: unwrapPath(rerr)}
		}
		if n == len(buf) && len(buf) < BufSize {
			buf = make([]byte, BufSize)
			*c.buf = buf
		}
	}
}

// unwrapPath drops os.File's "read NAME:" wrapping; the caller words the
// message.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// FD is a file given by its descriptor alone, for a caller that opened
// it with a system call of its own (os.NewFile would ask its flags,
// one fcntl per file: tar x of 40,000 files). It reads and writes
// directly, and copies by the kernel as an *os.File does; the caller
// closes it.
type FD int

func (f FD) Write(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		m, err := unix.Write(int(f), p[n:])
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return n, err
		}
		if m == 0 {
			return n, io.ErrShortWrite
		}
		n += m
	}
	return n, nil
}

func (f FD) Read(p []byte) (int, error) {
	for {
		n, err := unix.Read(int(f), p)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return 0, err
		}
		if n == 0 && len(p) > 0 {
			return 0, io.EOF
		}
		return n, nil
	}
}
