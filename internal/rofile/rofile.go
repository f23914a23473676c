// Package rofile opens files for reading outside Go's poller: a regular
// file cannot be polled, and registering it would cost the runtime a
// thread for nothing. The applets that stream their inputs (cat's kin:
// cut, comm, join, od...) open every named file with it.
package rofile

import (
	"os"

	"golang.org/x/sys/unix"
)

// Open opens path read-only and close-on-exec, retrying on EINTR; its
// error is the bare errno, which applet.Perror words as BusyBox does.
func Open(path string) (*os.File, error) {
	for {
		fd, err := unix.Open(path, unix.O_RDONLY|unix.O_CLOEXEC, 0)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, err
		}
		return os.NewFile(uintptr(fd), path), nil
	}
}
