//go:build 386 || arm || mips || mipsle || ppc

package dirent

import "golang.org/x/sys/unix"

// sysFstatat is fstatat64(2), which fills unix.Stat_t here.
const sysFstatat = unix.SYS_FSTATAT64
