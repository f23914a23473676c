package dirent

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// Openat2 is openat2(2) with the name as a NUL-terminated byte string
// (unix.Openat2 copies its string on every call, an extractor makes one
// call per member). It does not retry: EINTR and EAGAIN, which openat2
// returns for a resolution raced by a rename, are the caller's.
func Openat2(dirfd int, name *byte, how *unix.OpenHow) (int, error) {
	fd, _, e := unix.Syscall6(unix.SYS_OPENAT2, uintptr(dirfd), uintptr(unsafe.Pointer(name)),
		uintptr(unsafe.Pointer(how)), unsafe.Sizeof(*how), 0, 0)
	if e != 0 {
		return -1, e
	}
	return int(fd), nil
}
