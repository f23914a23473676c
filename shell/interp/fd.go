package interp

import (
	"io"
	"os"
	"syscall"
)

// fdesc is one open descriptor of the shell: a file, or for what the
// shell feeds or captures itself (a here-document, a command
// substitution, a test's buffers) a Go reader or writer.
type fdesc struct {
	f     *os.File
	r     io.Reader
	w     io.Writer
	owner *shell // the shell copy that opened it and closes it; nil: not ours to close
	fresh bool   // just opened by a redirection
}

func (d *fdesc) reader() io.Reader {
	if d == nil {
		return badReader{}
	}
	if d.f != nil {
		return d.f
	}
	if d.r != nil {
		return d.r
	}
	return badReader{}
}

func (d *fdesc) writer() io.Writer {
	if d == nil {
		return badWriter{}
	}
	if d.f != nil {
		return d.f
	}
	if d.w != nil {
		return d.w
	}
	return badWriter{}
}

// badReader and badWriter stand for a closed descriptor.
type badReader struct{}

func (badReader) Read([]byte) (int, error) { return 0, syscall.EBADF }

type badWriter struct{}

func (badWriter) Write([]byte) (int, error) { return 0, syscall.EBADF }

// fdTable maps descriptor numbers to what they are open on. Copies share
// the fdescs; each copy's slice is its own.
type fdTable struct {
	fds []*fdesc
}

func (t fdTable) copy() fdTable {
	return fdTable{fds: append([]*fdesc(nil), t.fds...)}
}

func (t *fdTable) get(fd int) *fdesc {
	if fd < 0 || fd >= len(t.fds) {
		return nil
	}
	return t.fds[fd]
}

func (t *fdTable) set(fd int, d *fdesc) {
	for fd >= len(t.fds) {
		t.fds = append(t.fds, nil)
	}
	t.fds[fd] = d
}

// closeOwned closes what the shell copy sh opened and still holds.
func (t *fdTable) closeOwned(sh *shell) {
	for i, d := range t.fds {
		if d != nil && d.owner == sh {
			d.close()
			t.fds[i] = nil
		}
	}
}

func (d *fdesc) close() {
	if d.f != nil {
		d.f.Close()
	} else if c, ok := d.w.(io.Closer); ok {
		c.Close()
	} else if c, ok := d.r.(io.Closer); ok {
		c.Close()
	}
}

// stdout, stderr and stdin are the shell's current standard streams.
func (sh *shell) stdout() io.Writer { return sh.fds.get(1).writer() }
func (sh *shell) stderr() io.Writer { return sh.fds.get(2).writer() }
func (sh *shell) stdin() io.Reader  { return sh.fds.get(0).reader() }

// file returns the *os.File behind fd, or nil.
func (sh *shell) file(fd int) *os.File {
	if d := sh.fds.get(fd); d != nil {
		return d.f
	}
	return nil
}

// wasClosed reports whether the shell's table has a place for fd, which
// is then nil because the shell closed it (or never had it open).
func (t *fdTable) wasClosed(fd int) bool { return fd < len(t.fds) }
