package untar

import (
	"bytes"
	"errors"

	"golang.org/x/sys/unix"

	"gobox/internal/dirent"
)

// errPlanted is a path that goes through a symlink this extraction
// created: never followed, whatever it points to.
var errPlanted = errors.New("path goes through a symlink from the archive")

// maxSymlinks is how many symlinks one resolution follows, as Linux's
// MAXSYMLINKS.
const maxSymlinks = 40

// cacheDepth is how many directory levels stay open between entries.
const cacheDepth = 64

// devIno names an inode.
type devIno struct{ dev, ino uint64 }

// dirs opens directories beneath the target on behalf of an Extractor,
// one component at a time, never by a path the kernel resolves on its
// own: a component that is a symlink is followed only if it existed
// before the extraction (and then resolved as if the target were the
// root, so it cannot leave it), never if the extraction created it.
//
// It keeps the directories of the last path it opened, so that the
// entries of one directory cost no lookup.
type dirs struct {
	root    int
	rootID  devIno
	abs     bool // ".." components allowed (-P): the root is "/"
	umask   uint32
	planted map[devIno]bool // symlinks this extraction created
	// The cached path: its components joined by "/" (a clean path),
	// where component i ends at ends[i] and is open as fds[i].
	path    []byte
	ends    []int
	fds     []int
	cname   dirent.CBuf // a name NUL-terminated for a system call
	noOpen2 bool        // openat2 is missing: plain openat
}

func (d *dirs) close() {
	d.truncate(0)
	unix.Close(d.root)
}

// truncate closes the cached directories from level n down.
func (d *dirs) truncate(n int) {
	for i := len(d.fds) - 1; i >= n; i-- {
		unix.Close(d.fds[i])
	}
	d.fds, d.ends = d.fds[:n], d.ends[:n]
	d.path = d.path[:0]
	if n > 0 {
		d.path = d.path[:d.ends[n-1]]
	}
}

// invalidate forgets the cached directories at or below the clean path
// p, after the entry there was removed or replaced.
func (d *dirs) invalidate(p []byte) {
	n := countComps(p)
	if n == 0 || n > len(d.ends) || !bytes.Equal(d.path[:d.ends[n-1]], p) {
		return
	}
	d.truncate(n - 1)
}

// open returns a descriptor (O_PATH) of the directory at the clean path
// p, creating missing directories when create is set. The descriptor
// belongs to the cache: it stays valid until the next call.
func (d *dirs) open(p []byte, create bool) (int, error) {
	if len(d.fds) > cacheDepth {
		d.truncate(cacheDepth)
	}
	// The components that p shares with the cached path.
	k, off := 0, 0
	for ; k < len(d.ends) && off < len(p); k++ {
		c, next := nextComp(p, off)
		start := 0
		if k > 0 {
			start = d.ends[k-1] + 1
		}
		if !bytes.Equal(c, d.path[start:d.ends[k]]) {
			break
		}
		off = next
	}
	d.truncate(k)
	cur := d.root
	if k > 0 {
		cur = d.fds[k-1]
	}
	for off < len(p) {
		c, next := nextComp(p, off)
		fd, err := d.step(cur, c, create)
		if err != nil {
			return -1, err
		}
		if len(d.path) > 0 {
			d.path = append(d.path, '/')
		}
		d.path = append(d.path, c...)
		d.ends = append(d.ends, len(d.path))
		d.fds = append(d.fds, fd)
		cur, off = fd, next
	}
	return cur, nil
}

// openDir opens the directory name in dir without following a symlink:
// with openat2 confined beneath dir where the kernel has it.
func (d *dirs) openDir(dir int, name []byte) (int, error) {
	const flags = unix.O_PATH | unix.O_DIRECTORY | unix.O_NOFOLLOW | unix.O_CLOEXEC
	cname, err := d.cname.Of(name)
	if err != nil {
		return -1, err
	}
	if isDotDot(name) && d.abs {
		return dirent.Openat(dir, cname, flags)
	}
	if len(name) == 0 || isDot(name) || isDotDot(name) || bytes.IndexByte(name, '/') >= 0 {
		// Never reached: names are split and checked before.
		return -1, unix.EINVAL
	}
	if !d.noOpen2 {
		how := unix.OpenHow{
			Flags:   flags,
			Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_SYMLINKS | unix.RESOLVE_NO_MAGICLINKS,
		}
		fd, err := dirent.Openat2(dir, cname, &how)
		switch err {
		case unix.ENOSYS, unix.EPERM, unix.E2BIG:
			// No openat2, or a filter that forbids it.
			d.noOpen2 = true
		case unix.EINTR, unix.EAGAIN:
			return d.openDir(dir, name)
		default:
			return fd, err
		}
	}
	// (dirent.Openat retries after EINTR.)
	return dirent.Openat(dir, cname, flags)
}

// step opens the directory name in cur, creating it if asked.
func (d *dirs) step(cur int, name []byte, create bool) (int, error) {
	fd, err := d.openDir(cur, name)
	if err == nil {
		return fd, nil
	}
	if err == unix.ENOENT && create {
		cname, err := d.cname.Of(name)
		if err == nil {
			err = dirent.Mkdirat(cur, cname, 0o777&^d.umask)
		}
		if err != nil && err != unix.EEXIST {
			return -1, err
		}
		return d.openDir(cur, name)
	}
	if err == unix.ENOTDIR || err == unix.ELOOP {
		return d.follow(cur, name, 0)
	}
	return -1, err
}

// isLink reports whether name in dir is a symlink, and whether this
// extraction made it.
func (d *dirs) isLink(dir int, name []byte) (link, planted bool) {
	var st unix.Stat_t
	cname, err := d.cname.Of(name)
	if err != nil || dirent.Fstatat(dir, cname, &st, unix.AT_SYMLINK_NOFOLLOW) != nil || st.Mode&unix.S_IFMT != unix.S_IFLNK {
		return false, false
	}
	return true, d.planted[devIno{uint64(st.Dev), uint64(st.Ino)}]
}

// follow opens the directory that the symlink name in dir leads to,
// resolved within the root: an absolute target starts at the root and
// ".." stops there. depth counts the symlinks followed so far.
func (d *dirs) follow(dir int, name []byte, depth int) (int, error) {
	link, planted := d.isLink(dir, name)
	switch {
	case !link:
		return -1, unix.ENOTDIR
	case planted:
		return -1, errPlanted
	case depth >= maxSymlinks:
		return -1, unix.ELOOP
	}
	// A buffer of its own: a component of it is followed in turn.
	target := make([]byte, 4096)
	cname, err := d.cname.Of(name)
	if err != nil {
		return -1, err
	}
	n, err := dirent.Readlinkat(dir, cname, target)
	if err != nil {
		return -1, err
	}
	target = target[:n]
	cur := dir
	if bytes.HasPrefix(target, []byte("/")) {
		cur = d.root
	}
	cur, err = unix.Dup(cur)
	if err != nil {
		return -1, err
	}
	for c := range bytes.SplitSeq(target, []byte("/")) {
		var next int
		switch {
		case len(c) == 0, isDot(c):
			continue
		case isDotDot(c):
			if d.isRoot(cur) {
				continue
			}
			dd := [3]byte{'.', '.'}
			next, err = dirent.Openat(cur, &dd[0], unix.O_PATH|unix.O_DIRECTORY)
		default:
			next, err = d.openDir(cur, c)
			if err == unix.ENOTDIR || err == unix.ELOOP {
				next, err = d.follow(cur, c, depth+1)
			}
		}
		unix.Close(cur)
		if err != nil {
			return -1, err
		}
		cur = next
	}
	return cur, nil
}

// isRoot reports whether fd is the root directory.
func (d *dirs) isRoot(fd int) bool {
	var st unix.Stat_t
	return unix.Fstat(fd, &st) == nil && uint64(st.Dev) == d.rootID.dev && uint64(st.Ino) == d.rootID.ino
}

// plant records the symlink name in dir as made by this extraction.
func (d *dirs) plant(dir int, name []byte) {
	var st unix.Stat_t
	if cname, err := d.cname.Of(name); err == nil && dirent.Fstatat(dir, cname, &st, unix.AT_SYMLINK_NOFOLLOW) == nil {
		if d.planted == nil {
			d.planted = map[devIno]bool{}
		}
		d.planted[devIno{uint64(st.Dev), uint64(st.Ino)}] = true
	}
}
