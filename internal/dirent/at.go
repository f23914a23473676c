package dirent

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// The *at system calls a tree walker makes on the entries it reads, with
// names as NUL-terminated byte strings (an Entry's CName, or CString) so
// that a call costs no allocation: unix's wrappers copy their string
// arguments on every call, and a walk of a large tree makes millions.
// Each retries after EINTR.

func sysAt(trap uintptr, a0 int, a1 *byte, a2, a3, a4, a5 uintptr) (uintptr, error) {
	for {
		r, _, e := unix.Syscall6(trap, uintptr(a0), uintptr(unsafe.Pointer(a1)), a2, a3, a4, a5)
		if e == unix.EINTR {
			continue
		}
		if e != 0 {
			return r, e
		}
		return r, nil
	}
}

// Mkdirat is mkdirat(2).
func Mkdirat(dirfd int, name *byte, mode uint32) error {
	_, err := sysAt(unix.SYS_MKDIRAT, dirfd, name, uintptr(mode), 0, 0, 0)
	return err
}

// Unlinkat is unlinkat(2): flags 0 removes a file, unix.AT_REMOVEDIR a
// directory.
func Unlinkat(dirfd int, name *byte, flags int) error {
	_, err := sysAt(unix.SYS_UNLINKAT, dirfd, name, uintptr(flags), 0, 0, 0)
	return err
}

// Fchmodat is fchmodat(2), which always follows a symlink.
func Fchmodat(dirfd int, name *byte, mode uint32) error {
	_, err := sysAt(unix.SYS_FCHMODAT, dirfd, name, uintptr(mode), 0, 0, 0)
	return err
}

// Fchownat is fchownat(2); flags may hold unix.AT_SYMLINK_NOFOLLOW.
func Fchownat(dirfd int, name *byte, uid, gid int, flags int) error {
	_, err := sysAt(unix.SYS_FCHOWNAT, dirfd, name, uintptr(uid), uintptr(gid), uintptr(flags), 0)
	return err
}

// Faccessat is faccessat(2) (as access(2) checks: with the real ids).
func Faccessat(dirfd int, name *byte, mode uint32) error {
	_, err := sysAt(unix.SYS_FACCESSAT, dirfd, name, uintptr(mode), 0, 0, 0)
	return err
}

// Mknodat is mknodat(2).
func Mknodat(dirfd int, name *byte, mode uint32, dev uint64) error {
	_, err := sysAt(unix.SYS_MKNODAT, dirfd, name, uintptr(mode), uintptr(dev), 0, 0)
	return err
}

// Symlinkat makes name (relative to dirfd) a symlink to target, a
// NUL-terminated byte string.
func Symlinkat(target *byte, dirfd int, name *byte) error {
	for {
		_, _, e := unix.Syscall(unix.SYS_SYMLINKAT, uintptr(unsafe.Pointer(target)), uintptr(dirfd), uintptr(unsafe.Pointer(name)))
		if e == unix.EINTR {
			continue
		}
		if e != 0 {
			return e
		}
		return nil
	}
}

// Linkat is linkat(2).
func Linkat(olddirfd int, oldname *byte, newdirfd int, newname *byte, flags int) error {
	for {
		_, _, e := unix.Syscall6(unix.SYS_LINKAT, uintptr(olddirfd), uintptr(unsafe.Pointer(oldname)),
			uintptr(newdirfd), uintptr(unsafe.Pointer(newname)), uintptr(flags), 0)
		if e == unix.EINTR {
			continue
		}
		if e != 0 {
			return e
		}
		return nil
	}
}

// Utimensat is utimensat(2) with an access and a modification time;
// flags may hold unix.AT_SYMLINK_NOFOLLOW.
func Utimensat(dirfd int, name *byte, ts *[2]unix.Timespec, flags int) error {
	for {
		_, _, e := unix.Syscall6(unix.SYS_UTIMENSAT, uintptr(dirfd), uintptr(unsafe.Pointer(name)),
			uintptr(unsafe.Pointer(ts)), uintptr(flags), 0, 0)
		if e == unix.EINTR {
			continue
		}
		if e != 0 {
			return e
		}
		return nil
	}
}

// Create is openat(2) with a mode, for O_CREAT; it adds O_CLOEXEC.
func Create(dirfd int, name *byte, flags int, mode uint32) (int, error) {
	fd, err := sysAt(unix.SYS_OPENAT, dirfd, name, uintptr(flags|unix.O_CLOEXEC), uintptr(mode), 0, 0)
	if err != nil {
		return -1, err
	}
	return int(fd), nil
}
