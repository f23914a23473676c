//go:build amd64 || ppc64 || ppc64le || s390x || arm64 || riscv64 || 386 || arm || mips || mipsle || ppc

package dirent

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// fstatat takes the name as a NUL-terminated byte string, so that a name
// inside the getdents buffer needs no copy (unix.Fstatat copies its
// string argument on every call).
func fstatat(dirfd int, name *byte, st *unix.Stat_t, flags int) error {
	_, _, e := unix.Syscall6(sysFstatat, uintptr(dirfd), uintptr(unsafe.Pointer(name)), uintptr(unsafe.Pointer(st)), uintptr(flags), 0, 0)
	if e != 0 {
		return e
	}
	return nil
}
