//go:build amd64 || ppc64 || ppc64le || s390x

package dirent

import "golang.org/x/sys/unix"

// sysFstatat is the fstatat(2) system call that fills unix.Stat_t here.
const sysFstatat = unix.SYS_NEWFSTATAT
