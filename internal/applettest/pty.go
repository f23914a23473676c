package applettest

import (
	"os"
	"strconv"
	"testing"

	"golang.org/x/sys/unix"
)

// Pty opens a new pseudo-terminal for the test: its master side, its
// terminal side (not made the controlling terminal) and the terminal's
// name. Both are closed when the test ends; the test is skipped where the
// system has no pseudo-terminals.
func Pty(t testing.TB) (master, tty *os.File, name string) {
	t.Helper()
	master, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Skip("no pseudo-terminals:", err)
	}
	t.Cleanup(func() { master.Close() })
	if err := unix.IoctlSetPointerInt(int(master.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Fatal(err)
	}
	n, err := unix.IoctlGetInt(int(master.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Fatal(err)
	}
	name = "/dev/pts/" + strconv.Itoa(n)
	tty, err = os.OpenFile(name, os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tty.Close() })
	return master, tty, name
}
