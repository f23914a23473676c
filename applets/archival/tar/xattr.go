package tar

import (
	"strconv"
	"strings"

	"golang.org/x/sys/unix"

	"gobox/internal/dirent"
)

// xattrStored reports whether --xattrs stores (and restores) the
// extended attribute name: user.* always, security.* as root, as GNU
// tar restores by default; system.* (ACLs) and trusted.* are left out.
func xattrStored(name string, root bool) bool {
	return strings.HasPrefix(name, "user.") || root && strings.HasPrefix(name, "security.")
}

// readXattrs returns the current entry's extended attributes that
// --xattrs stores, or nil. It reads them without following a symlink,
// through the entry's directory descriptor (/proc/self/fd), so that
// long paths and renamed parents do not matter; a file system without
// them has none.
func readXattrs(w *dirent.Walk, root bool) map[string]string {
	dirfd, cname := w.At()
	path := unix.BytePtrToString(cname)
	if dirfd != unix.AT_FDCWD {
		path = "/proc/self/fd/" + strconv.Itoa(dirfd) + "/" + path
	}
	buf := make([]byte, 4096)
	n, err := unix.Llistxattr(path, buf)
	for err == unix.ERANGE {
		if n, err = unix.Llistxattr(path, nil); err == nil {
			buf = make([]byte, n)
			n, err = unix.Llistxattr(path, buf)
		}
	}
	if err != nil || n == 0 {
		return nil
	}
	var out map[string]string
	for _, name := range strings.Split(strings.TrimSuffix(string(buf[:n]), "\x00"), "\x00") {
		if !xattrStored(name, root) {
			continue
		}
		v, ok := getXattr(path, name)
		if !ok {
			continue
		}
		if out == nil {
			out = map[string]string{}
		}
		out[name] = v
	}
	return out
}

// getXattr reads one attribute of path (not following a symlink).
func getXattr(path, name string) (string, bool) {
	buf := make([]byte, 256)
	for {
		n, err := unix.Lgetxattr(path, name, buf)
		if err == unix.ERANGE {
			if n, err = unix.Lgetxattr(path, name, nil); err != nil {
				return "", false
			}
			buf = make([]byte, n)
			continue
		}
		if err != nil {
			return "", false
		}
		return string(buf[:n]), true
	}
}
