//go:build !(amd64 || ppc64 || ppc64le || s390x || arm64 || riscv64 || 386 || arm || mips || mipsle || ppc)

package dirent

import "golang.org/x/sys/unix"

// fstatat goes through unix.Fstatat where that emulates fstatat(2) with
// statx(2) (loong64, mips64): the name is copied on each call.
func fstatat(dirfd int, name *byte, st *unix.Stat_t, flags int) error {
	return unix.Fstatat(dirfd, unix.BytePtrToString(name), st, flags)
}
