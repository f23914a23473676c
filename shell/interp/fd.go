package interp

import (
	"io"
	"os"
	"syscall"

	"golang.org/x/sys/unix"

	"gobox/internal/fastcopy"
)

// fdesc is one open descriptor of the shell: a file, or for what the
// shell feeds or captures itself (a here-document, a command
// substitution, a test's buffers) a Go reader or writer.
//
// A file a redirection opens is first a bare descriptor (raw): builtins
// read and write it with system calls, and an *os.File is made for it
// only when something else needs one (file): a child, an applet, a copy
// of the shell on another goroutine. So "echo x >/dev/null" in a loop
// allocates nothing (issue 10), and the descriptor is only ever used on
// the goroutine of the shell that opened it while it is raw (fork makes
// the files before a copy can see them).
type fdesc struct {
	f     *os.File
	r     io.Reader
	w     io.Writer
	raw   int    // the descriptor, while rawOK
	rawOK bool   // raw is open and has no *os.File yet
	name  string // the name it was opened by, for the *os.File
	owner *shell // the shell copy that opened it and closes it; nil: not ours to close
	fresh bool   // just opened by a redirection
}

// file returns the *os.File of d, made now for a raw descriptor (which
// then belongs to it), or nil when d is a Go reader or writer.
func (d *fdesc) file() *os.File {
	if d == nil {
		return nil
	}
	if d.rawOK {
		d.f = os.NewFile(uintptr(d.raw), d.name)
		d.rawOK = false
	}
	return d.f
}

func (d *fdesc) reader() io.Reader {
	if d == nil {
		return badReader{}
	}
	if d.rawOK {
		return d
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
	if d.rawOK {
		return d
	}
	if d.f != nil {
		return d.f
	}
	if d.w != nil {
		return d.w
	}
	return badWriter{}
}

// Read reads a raw descriptor (or its file, once made).
func (d *fdesc) Read(b []byte) (int, error) {
	if !d.rawOK {
		return d.reader().Read(b)
	}
	return fastcopy.FD(d.raw).Read(b)
}

// Write writes all of b to a raw descriptor (or its file, once made).
func (d *fdesc) Write(b []byte) (int, error) {
	if !d.rawOK {
		return d.writer().Write(b)
	}
	return fastcopy.FD(d.raw).Write(b)
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

// copy returns a table of its own with the same fdescs, whose raw
// descriptors get their files first: the copy runs on another goroutine.
func (t fdTable) copy() fdTable {
	for _, d := range t.fds {
		d.file()
	}
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

// holds reports whether d is open on some descriptor of the table.
func (t *fdTable) holds(d *fdesc) bool {
	for _, x := range t.fds {
		if x == d {
			return true
		}
	}
	return false
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
	if d.rawOK {
		unix.Close(d.raw)
		d.rawOK = false
	} else if d.f != nil {
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
	return sh.fds.get(fd).file()
}

// wasClosed reports whether the shell's table has a place for fd, which
// is then nil because the shell closed it (or never had it open).
func (t *fdTable) wasClosed(fd int) bool { return fd < len(t.fds) }
