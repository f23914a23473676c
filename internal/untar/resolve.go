package untar

import (
	"errors"
	"strings"

	"golang.org/x/sys/unix"
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
	names   []string        // the cached path's components
	fds     []int           // fds[i] is the directory names[:i+1]
	noOpen2 bool            // openat2 is missing: plain openat
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
	d.fds, d.names = d.fds[:n], d.names[:n]
}

// invalidate forgets the cached directories at or below comps, after
// the entry there was removed or replaced.
func (d *dirs) invalidate(comps []string) {
	if len(comps) > len(d.names) {
		return
	}
	for i, c := range comps {
		if d.names[i] != c {
			return
		}
	}
	d.truncate(len(comps) - 1)
}

// open returns a descriptor (O_PATH) of the directory comps, creating
// missing directories when create is set. The descriptor belongs to the
// cache: it stays valid until the next call.
func (d *dirs) open(comps []string, create bool) (int, error) {
	if len(d.fds) > cacheDepth {
		d.truncate(cacheDepth)
	}
	k := 0
	for k < len(comps) && k < len(d.names) && comps[k] == d.names[k] {
		k++
	}
	d.truncate(k)
	cur := d.root
	if k > 0 {
		cur = d.fds[k-1]
	}
	for _, c := range comps[k:] {
		fd, err := d.step(cur, c, create)
		if err != nil {
			return -1, err
		}
		d.names = append(d.names, c)
		d.fds = append(d.fds, fd)
		cur = fd
	}
	return cur, nil
}

// openDir opens the directory name in dir without following a symlink:
// with openat2 confined beneath dir where the kernel has it.
func (d *dirs) openDir(dir int, name string) (int, error) {
	const flags = unix.O_PATH | unix.O_DIRECTORY | unix.O_NOFOLLOW | unix.O_CLOEXEC
	if name == ".." && d.abs {
		return unix.Openat(dir, name, flags, 0)
	}
	if name == "" || name == "." || name == ".." || strings.IndexByte(name, '/') >= 0 {
		// Never reached: names are split and checked before.
		return -1, unix.EINVAL
	}
	if !d.noOpen2 {
		fd, err := unix.Openat2(dir, name, &unix.OpenHow{
			Flags:   flags,
			Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_SYMLINKS | unix.RESOLVE_NO_MAGICLINKS,
		})
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
	for {
		fd, err := unix.Openat(dir, name, flags, 0)
		if err != unix.EINTR {
			return fd, err
		}
	}
}

// step opens the directory name in cur, creating it if asked.
func (d *dirs) step(cur int, name string, create bool) (int, error) {
	fd, err := d.openDir(cur, name)
	if err == nil {
		return fd, nil
	}
	if err == unix.ENOENT && create {
		if err := unix.Mkdirat(cur, name, 0o777&^d.umask); err != nil && err != unix.EEXIST {
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
func (d *dirs) isLink(dir int, name string) (link, planted bool) {
	var st unix.Stat_t
	if unix.Fstatat(dir, name, &st, unix.AT_SYMLINK_NOFOLLOW) != nil || st.Mode&unix.S_IFMT != unix.S_IFLNK {
		return false, false
	}
	return true, d.planted[devIno{uint64(st.Dev), uint64(st.Ino)}]
}

// follow opens the directory that the symlink name in dir leads to,
// resolved within the root: an absolute target starts at the root and
// ".." stops there. depth counts the symlinks followed so far.
func (d *dirs) follow(dir int, name string, depth int) (int, error) {
	link, planted := d.isLink(dir, name)
	switch {
	case !link:
		return -1, unix.ENOTDIR
	case planted:
		return -1, errPlanted
	case depth >= maxSymlinks:
		return -1, unix.ELOOP
	}
	buf := make([]byte, 4096)
	n, err := unix.Readlinkat(dir, name, buf)
	if err != nil {
		return -1, err
	}
	target := string(buf[:n])
	cur := dir
	if strings.HasPrefix(target, "/") {
		cur = d.root
	}
	cur, err = unix.Dup(cur)
	if err != nil {
		return -1, err
	}
	for _, c := range strings.Split(target, "/") {
		var next int
		switch c {
		case "", ".":
			continue
		case "..":
			if d.isRoot(cur) {
				continue
			}
			next, err = unix.Openat(cur, "..", unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
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
func (d *dirs) plant(dir int, name string) {
	var st unix.Stat_t
	if unix.Fstatat(dir, name, &st, unix.AT_SYMLINK_NOFOLLOW) == nil {
		if d.planted == nil {
			d.planted = map[devIno]bool{}
		}
		d.planted[devIno{uint64(st.Dev), uint64(st.Ino)}] = true
	}
}
