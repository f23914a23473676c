package unzip

import (
	"bufio"
	"io"
	"os"
	"sort"
	"strings"

	"golang.org/x/sys/unix"

	"gobox/internal/applet"
	"gobox/internal/untar"
	"gobox/internal/zipfmt"
)

// input is the archive: a seekable file (walked by its central
// directory) or a stream (walked by its local headers).
type input struct {
	f    *os.File // seekable, or nil
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
				return &input{f: f, size: size}, src, nil
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
		return &input{f: f, size: size, own: true}, name, nil
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
// the root (nothing outside it is looked at). It returns nil when there
// is nothing there; a name untar refuses is nothing, and is refused when
// written.
func (u *unzipper) lstat(name string) (*fileStat, error) {
	comps, ok := untar.Split(name)
	if !ok || len(comps) == 0 {
		return nil, nil
	}
	pfd := u.root
	if len(comps) > 1 {
		parent := strings.Join(comps[:len(comps)-1], "/")
		fd, err := unix.Openat2(u.root, parent, &unix.OpenHow{
			Flags:   unix.O_PATH | unix.O_DIRECTORY | unix.O_CLOEXEC,
			Resolve: unix.RESOLVE_IN_ROOT | unix.RESOLVE_NO_MAGICLINKS,
		})
		if err == unix.ENOSYS || err == unix.EPERM || err == unix.E2BIG {
			fd, err = unix.Openat(u.root, parent, unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
		}
		if err == unix.ENOENT {
			u.errno = unix.ENOENT
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		defer unix.Close(fd)
		pfd = fd
	}
	var st unix.Stat_t
	base := comps[len(comps)-1]
	err := unix.Fstatat(pfd, base, &st, unix.AT_SYMLINK_NOFOLLOW)
	if err == nil && st.Mode&unix.S_IFMT == unix.S_IFLNK && strings.HasSuffix(name, "/") {
		// "NAME/" follows a symlink, as lstat(2) does.
		err = unix.Fstatat(pfd, base, &st, 0)
	}
	if err == unix.ENOENT {
		u.errno = unix.ENOENT
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if strings.HasSuffix(name, "/") && st.Mode&unix.S_IFMT != unix.S_IFDIR {
		return nil, unix.ENOTDIR
	}
	return &fileStat{mode: st.Mode}, nil
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
