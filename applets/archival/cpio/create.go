package cpio

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"os"
	"slices"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/cpiofmt"
	"gobox/internal/dirent"
	"gobox/internal/fastcopy"
)

// create writes an archive of the names on standard input (-o).
func (c *cpio) create() error {
	out := c.ctx.Stdout
	if f := c.ctx.File(1); f != nil {
		out = f
	}
	if c.o.Has("F") {
		name := c.o.Str("F")
		f, err := os.OpenFile(c.ctx.Path(name), os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o666&^c.ctx.Umask.Perm())
		if err != nil {
			return applet.Perror(err, "can't open '%s'", name)
		}
		defer f.Close()
		out = f
	}
	return c.write(c.ctx.Stdin, out)
}

// link is a group of names of one file with several links: they are
// written after every other name, the data with the last of them (as
// GNU cpio and BusyBox do).
type link struct {
	st    unix.Stat_t
	ino   uint32
	names []string
}

// writer is the state of one archive's creation.
type writer struct {
	c     *cpio
	cw    *cpiofmt.Writer
	cp    fastcopy.Copier
	links []*link
	byID  map[[2]uint64]*link
	ino   uint32 // the last inode number given (--renumber-inodes)

	// Buffers reused from name to name, so that a name costs no
	// allocation: a name longer than the list's buffer, the header, the
	// name's path NUL-terminated, a symlink's target.
	long, path, target []byte
	h                  cpiofmt.Header
}

// write archives the names read from list into out, in c.format.
func (c *cpio) write(list io.Reader, out io.Writer) error {
	w := &writer{c: c, cw: cpiofmt.NewWriter(out, c.format), byID: map[[2]uint64]*link{}}
	sep := byte('\n')
	if c.o.Has("0") {
		sep = 0
	}
	br := bufio.NewReaderSize(list, 64<<10)
	for {
		if c.ctx.Cancelled() {
			return applet.Exit(130)
		}
		line, err := br.ReadSlice(sep)
		if err == bufio.ErrBufferFull {
			w.long = append(w.long[:0], line...)
			for err == bufio.ErrBufferFull {
				line, err = br.ReadSlice(sep)
				w.long = append(w.long, line...)
			}
			line = w.long
		}
		if len(line) > 0 && line[len(line)-1] == sep {
			line = line[:len(line)-1]
		}
		if len(line) > 0 || err == nil {
			if werr := w.name(line); werr != nil {
				return werr
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return applet.Perror(err, "read error")
		}
	}
	// The hard links, the last group seen first and each group's
	// names in reverse, as BusyBox orders them.
	for i := len(w.links) - 1; i >= 0; i-- {
		l := w.links[i]
		for j := len(l.names) - 1; j >= 0; j-- {
			st := l.st
			if j > 0 {
				st.Size = 0
			}
			if err := w.entry([]byte(l.names[j]), &st, l.ino); err != nil {
				return err
			}
		}
	}
	if err := w.cw.Close(); err != nil {
		return writeError(err)
	}
	return nil
}

// name archives one name of the list (a buffer of the list's reader).
func (w *writer) name(name []byte) error {
	// BusyBox strips leading "./" (and the slashes after each).
	for len(name) >= 2 && name[0] == '.' && name[1] == '/' {
		name = name[1:]
		for len(name) > 0 && name[0] == '/' {
			name = name[1:]
		}
	}
	if len(name) == 0 {
		return nil
	}
	var st unix.Stat_t
	flags := unix.AT_SYMLINK_NOFOLLOW
	if w.c.o.Has("L") {
		flags = 0
	}
	path, err := w.cpath(name)
	if err == nil {
		err = dirent.Fstatat(unix.AT_FDCWD, path, &st, flags)
	}
	if err != nil {
		return applet.Perror(err, "%s", name)
	}
	kind := st.Mode & unix.S_IFMT
	if kind != unix.S_IFLNK && kind != unix.S_IFREG {
		st.Size = 0
	}
	ino := uint32(st.Ino)
	// newc stores a file's data once, with its last link; the old
	// format stores it with every link, as GNU cpio does.
	if kind != unix.S_IFDIR && st.Nlink > 1 && w.c.format != cpiofmt.ODC {
		id := [2]uint64{st.Dev, st.Ino}
		l := w.byID[id]
		if l == nil {
			l = &link{st: st, ino: w.number(ino)}
			w.byID[id] = l
			w.links = append(w.links, l)
		}
		l.names = append(l.names, string(name))
		return nil
	}
	return w.entry(name, &st, w.number(ino))
}

// cpath returns ctx.Path(name) NUL-terminated in
// w.path (valid until the next call); a name holding a NUL is EINVAL, as
// for unix's wrappers.
func (w *writer) cpath(name []byte) (*byte, error) {
	if bytes.IndexByte(name, 0) >= 0 {
		return nil, unix.EINVAL
	}
	w.path = append(w.c.ctx.AppendPath(w.path[:0], name), 0)
	return &w.path[0], nil
}

// number is the inode number an entry gets: its own, or the next one
// with --renumber-inodes.
func (w *writer) number(ino uint32) uint32 {
	if !w.c.o.Has("renumber-inodes") {
		return ino
	}
	w.ino++
	return w.ino
}

// entry writes one entry and its data.
func (w *writer) entry(name []byte, st *unix.Stat_t, ino uint32) error {
	c := w.c
	h := &w.h
	*h = cpiofmt.Header{
		Mode:  st.Mode,
		UID:   st.Uid,
		GID:   st.Gid,
		Nlink: uint32(st.Nlink),
		Mtime: st.Mtim.Sec,
		Size:  st.Size,
		Ino:   ino,
	}
	if c.uid != unchanged {
		h.UID = uint32(c.uid)
	}
	if c.gid != unchanged {
		h.GID = uint32(c.gid)
	}
	if !c.o.Has("ignore-devno") {
		// BusyBox's --ignore-devno clears the node's own numbers too.
		h.DevMajor, h.DevMinor = unix.Major(st.Dev), unix.Minor(st.Dev)
		h.RdevMajor, h.RdevMinor = unix.Major(st.Rdev), unix.Minor(st.Rdev)
	}
	// The data is read from the descriptor (no *os.File per file, but
	// for the crc format's checksum, which seeks back).
	var data io.Reader
	w.target = w.target[:0]
	switch {
	case st.Mode&unix.S_IFMT == unix.S_IFLNK && h.Size > 0:
		if err := w.readlink(name); err != nil {
			return applet.Perror(err, "%s", name)
		}
	case h.Size > 0:
		path, err := w.cpath(name)
		fd := -1
		if err == nil {
			fd, err = dirent.Openat(unix.AT_FDCWD, path, unix.O_RDONLY)
		}
		if err != nil {
			return applet.Perror(err, "can't open '%s'", name)
		}
		if c.format == cpiofmt.CRC {
			f := os.NewFile(uintptr(fd), string(name))
			defer f.Close()
			data = f
			if h.Check, err = checksum(f, h.Size); err != nil {
				return applet.Perror(err, "read error")
			}
		} else {
			defer unix.Close(fd)
			data = fastcopy.FD(fd)
		}
	}
	if err := w.cw.WriteHeaderBytes(h, name, w.target); err != nil {
		if errors.Is(err, cpiofmt.ErrTooLarge) {
			return applet.Errorf("%s: file is too large for the %s format", name, c.format)
		}
		return writeError(err)
	}
	if data == nil {
		return nil
	}
	_, err := w.cw.CopyFrom(c.ctx, data, &w.cp)
	switch {
	case err == io.ErrUnexpectedEOF:
		// The file got shorter: the archive cannot be completed.
		return applet.Errorf("short read")
	case err != nil:
		return writeError(err)
	}
	return nil
}

// readlink reads the target of the symlink name into w.target.
func (w *writer) readlink(name []byte) error {
	path, err := w.cpath(name)
	if err != nil {
		return err
	}
	for size := 256; ; size *= 2 {
		w.target = slices.Grow(w.target[:0], size)[:size]
		n, err := dirent.Readlinkat(unix.AT_FDCWD, path, w.target)
		if err != nil {
			return err
		}
		if n < size {
			w.target = w.target[:n]
			return nil
		}
	}
}

// checksum is the crc format's sum of a file's first n bytes; the file
// is left at its start.
func checksum(f *os.File, n int64) (uint32, error) {
	br := bufio.NewReaderSize(io.LimitReader(f, n), 64<<10)
	var sum uint32
	for {
		b, err := br.Peek(64 << 10)
		sum = cpiofmt.Checksum(sum, b)
		br.Discard(len(b))
		if err == io.EOF || err == bufio.ErrBufferFull && len(b) == 0 {
			break
		}
		if err != nil && err != bufio.ErrBufferFull {
			return 0, err
		}
	}
	_, err := f.Seek(0, io.SeekStart)
	return sum, err
}

// writeError words a failure to write the archive.
func writeError(err error) error {
	var we *fastcopy.WriteError
	if errors.As(err, &we) {
		err = we.Err
	}
	var re *fastcopy.ReadError
	if errors.As(err, &re) {
		return applet.Perror(re.Err, "read error")
	}
	return applet.Perror(err, "write error")
}
