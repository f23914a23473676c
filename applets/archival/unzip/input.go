package unzip

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"sort"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/dirent"
	"gobox/internal/untar"
	"gobox/internal/zipfmt"
)

// input is the archive: a seekable file (walked by its central
// directory) or a stream (walked by its local headers).
type input struct {
	f    *os.File    // seekable, or nil
	ra   io.ReaderAt // f, where its bytes are read (a test counts the reads)
	size int64
	br   *bufio.Reader // the stream, when f is nil
	own  bool          // f is ours to close
}

func (in *input) close() {
	if in.own {
		in.f.Close()
	}
}

// openInput opens the archive: "-" is stdin, and a name that does not
// open is tried with ".zip" and ".ZIP", as BusyBox does. It returns the
// name that opened.
func openInput(ctx *applet.Ctx, src string) (*input, string, error) {
	if src == "-" {
		if f := ctx.File(0); f != nil {
			if size, err := f.Seek(0, io.SeekEnd); err == nil {
				return &input{f: f, ra: f, size: size}, src, nil
			}
		}
		return &input{br: bufio.NewReaderSize(ctx.Stdin, 64<<10)}, src, nil
	}
	var f *os.File
	name := src
	for _, ext := range []string{"", ".zip", ".ZIP"} {
		var err error
		name = src + ext
		if f, err = os.Open(ctx.Path(name)); err == nil {
			break
		}
	}
	if f == nil {
		return nil, "", applet.Errorf("can't open %s[.zip]", src)
	}
	if size, err := f.Seek(0, io.SeekEnd); err == nil {
		return &input{f: f, ra: f, size: size, own: true}, name, nil
	}
	return &input{f: nil, br: bufio.NewReaderSize(f, 64<<10)}, name, nil
}

// openRoot opens the target directory, for lstat beneath it.
func openRoot(dir, shown string) (int, error) {
	fd, err := unix.Open(dir, unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		if shown == "" {
			shown = dir
		}
		return -1, applet.Perror(err, "can't change directory to '%s'", shown)
	}
	return fd, nil
}

func closeFd(fd int) { unix.Close(fd) }

// fileStat is what lstat tells of a name.
type fileStat struct{ mode uint32 }

func (s *fileStat) isDir() bool { return s.mode&unix.S_IFMT == unix.S_IFDIR }
func (s *fileStat) isReg() bool { return s.mode&unix.S_IFMT == unix.S_IFREG }

// lstat looks name up beneath the target, without following its last
// component, and with symlinks on the way resolved as if the target were
// the root (nothing outside it is looked at). there is false when there
// is nothing there; a name untar refuses is nothing, and is refused when
// written.
func (u *unzipper) lstat(name []byte) (st fileStat, there bool, err error) {
	var ok bool
	u.clean, ok = untar.Clean(u.clean, name)
	if !ok || len(u.clean) == 0 {
		return st, false, nil
	}
	pfd := u.root
	parent, base := []byte(nil), u.clean
	if i := bytes.LastIndexByte(u.clean, '/'); i >= 0 {
		parent, base = u.clean[:i], u.clean[i+1:]
		if pfd, err = u.openParent(parent); err == unix.ENOENT {
			u.errno = unix.ENOENT
			return st, false, nil
		}
		if err != nil {
			return st, false, err
		}
	}
	var ust unix.Stat_t
	cbase, err := u.cname.Of(base)
	if err == nil {
		err = dirent.Fstatat(pfd, cbase, &ust, unix.AT_SYMLINK_NOFOLLOW)
	}
	dirName := name[len(name)-1] == '/'
	if err == nil && ust.Mode&unix.S_IFMT == unix.S_IFLNK && dirName {
		// "NAME/" follows a symlink, as lstat(2) does.
		err = dirent.Fstatat(pfd, cbase, &ust, 0)
	}
	if err == unix.ENOENT {
		u.errno = unix.ENOENT
		return st, false, nil
	}
	if err != nil {
		return st, false, err
	}
	if dirName && ust.Mode&unix.S_IFMT != unix.S_IFDIR {
		return st, false, unix.ENOTDIR
	}
	return fileStat{mode: ust.Mode}, true, nil
}

// openParent returns a descriptor of the directory parent beneath the
// target, kept open for the next member, which is most often in the
// same directory (zip writes a directory's members together): one
// openat2 and one close fewer per member. Kept only while the members
// share that parent: none of them can change what the parent's path
// leads to, as only a member named by the path or a prefix of it could,
// and such a member has another parent.
func (u *unzipper) openParent(parent []byte) (int, error) {
	if u.pfd >= 0 && bytes.Equal(parent, u.parent) {
		return u.pfd, nil
	}
	if u.pfd >= 0 {
		closeFd(u.pfd)
		u.pfd = -1
	}
	cparent, err := u.cname.Of(parent)
	if err != nil {
		return -1, err
	}
	fd, err := dirent.Openat2(u.root, cparent, &unix.OpenHow{
		Flags:   unix.O_PATH | unix.O_DIRECTORY | unix.O_CLOEXEC,
		Resolve: unix.RESOLVE_IN_ROOT | unix.RESOLVE_NO_MAGICLINKS,
	})
	if err == unix.ENOSYS || err == unix.EPERM || err == unix.E2BIG {
		fd, err = dirent.Openat(u.root, cparent, unix.O_PATH|unix.O_DIRECTORY)
	}
	if err != nil {
		return -1, err
	}
	u.pfd, u.parent = fd, append(u.parent[:0], parent...)
	return fd, nil
}

// spans are the byte ranges of the members extracted so far (local
// header to end of data), sorted: a member that overlaps another is
// refused, which stops the zip bombs that point many central entries
// at one compressed stream. Ranges less than a member apart are merged
// (members usually lie end to end, or a data descriptor apart), so that
// memory does not grow with the number of members: BusyBox keeps
// nothing per member.
type spans struct{ s [][2]int64 }

// minSpan is the smallest range a member takes: its local header. No
// member fits in a smaller gap, so merging across one refuses nothing
// that would not overlap anyway.
const minSpan = 30

func (sp *spans) add(start, end int64) error {
	i := sort.Search(len(sp.s), func(i int) bool { return sp.s[i][0] >= start })
	if i > 0 && sp.s[i-1][1] > start || i < len(sp.s) && sp.s[i][0] < end {
		return zipfmt.Error("bad archive: members overlap (zip bomb?)")
	}
	before := i > 0 && start-sp.s[i-1][1] < minSpan
	after := i < len(sp.s) && sp.s[i][0]-end < minSpan
	switch {
	case before && after:
		sp.s[i-1][1] = sp.s[i][1]
		sp.s = append(sp.s[:i], sp.s[i+1:]...)
	case before:
		sp.s[i-1][1] = end
	case after:
		sp.s[i][0] = start
	default:
		sp.s = append(sp.s, [2]int64{})
		copy(sp.s[i+1:], sp.s[i:])
		sp.s[i] = [2]int64{start, end}
	}
	return nil
}

// window reads the central directory for zipfmt.ReadCentral, which
// asks for each header in three small reads: they are served from a
// buffer of the 64 KiB at and after the last read that missed it, so
// the directory costs a system call per 64 KiB instead of three per
// member.
type window struct {
	r   io.ReaderAt
	buf []byte
	off int64 // where buf starts in the archive
}

func (w *window) ReadAt(p []byte, off int64) (int, error) {
	if off >= w.off && off+int64(len(p)) <= w.off+int64(len(w.buf)) {
		return copy(p, w.buf[off-w.off:]), nil
	}
	if off < 0 || len(p) > cap(w.buf) {
		return w.r.ReadAt(p, off)
	}
	n, err := w.r.ReadAt(w.buf[:cap(w.buf)], off)
	w.buf, w.off = w.buf[:n], off
	if n < len(p) {
		copy(p, w.buf)
		if err == nil {
			err = io.EOF
		}
		return n, err
	}
	return copy(p, w.buf), nil
}

// members reads the members' local headers and data through one
// buffer, in the order the central directory gives them: a member that
// starts where the previous one ended (zip writes them end to end, in
// the directory's order) is already buffered, so a small member costs
// no read of its own (before, each took one for its header, one for its
// name and one or more for its data).
type members struct {
	r    io.ReaderAt
	size int64
	sec  io.SectionReader // under br: the archive from base on
	base int64
	br   *bufio.Reader
}

// at returns the buffer positioned at off in the archive.
func (s *members) at(off int64) *bufio.Reader {
	if s.br != nil {
		read, _ := s.sec.Seek(0, io.SeekCurrent)
		pos := s.base + read - int64(s.br.Buffered())
		if off >= pos && off-pos <= int64(s.br.Buffered()) {
			s.br.Discard(int(off - pos))
			return s.br
		}
	}
	if off < 0 || off > s.size {
		// Nothing there: the reads find the end ("short read").
		off = s.size
	}
	s.sec, s.base = *io.NewSectionReader(s.r, off, s.size-off), off
	if s.br == nil {
		s.br = bufio.NewReaderSize(&s.sec, 64<<10)
	} else {
		s.br.Reset(&s.sec)
	}
	return s.br
}
