package shelltest

// The /bin/sh switcher: this test binary started again, as
// "shelltest-binsh NS SHELL SRC DST CMD ARG...", in a mount namespace of its
// own (NS is the test's, which it must not be). It bind-mounts the
// multicall binary SHELL over /bin/sh (SHELL "-" keeps the host's, dash on
// Debian) and the directory SRC over DST (SRC "-": none), then execs CMD.
// So a real program runs with our sh as /bin/sh: every shebang line, every
// system() and every "sh -c" of make, and a build directory can have the
// same path in two runs at once (CMD then starts in DST). The mounts die
// with the namespace.

import (
	"fmt"
	"os"
	"os/exec"
	"syscall"

	"golang.org/x/sys/unix"
)

const binshArg0 = "shelltest-binsh"

// binshCommand returns the command that runs argv with shell as /bin/sh
// ("-": the host's) and src mounted over dst (src "-": nothing).
func binshCommand(shell, src, dst string, argv ...string) *exec.Cmd {
	self, _ := os.Executable()
	ns, _ := os.Readlink("/proc/self/ns/mnt")
	cmd := &exec.Cmd{Path: self, Args: append([]string{binshArg0, ns, shell, src, dst}, argv...)}
	cmd.SysProcAttr = &syscall.SysProcAttr{Cloneflags: syscall.CLONE_NEWNS, Setsid: true}
	return cmd
}

// binshMain is the switcher's whole life; it never returns.
func binshMain() {
	parent, shell, src, dst, argv := os.Args[1], os.Args[2], os.Args[3], os.Args[4], os.Args[5:]
	fail := func(what string, err error) {
		fmt.Fprintf(os.Stderr, "%s: %s: %v\n", binshArg0, what, err)
		os.Exit(125)
	}
	self, err := os.Readlink("/proc/self/ns/mnt")
	if err != nil || parent == "" || self == parent {
		fail("namespaces", fmt.Errorf("not in a mount namespace of its own (%s, parent's %s, %v)", self, parent, err))
	}
	if err := unix.Mount("", "/", "", unix.MS_REC|unix.MS_PRIVATE, ""); err != nil {
		fail("make / private", err)
	}
	if shell != "-" {
		if err := unix.Mount(shell, "/bin/sh", "", unix.MS_BIND, ""); err != nil {
			fail("mount "+shell+" on /bin/sh", err)
		}
	}
	if src != "-" {
		if err := unix.Mount(src, dst, "", unix.MS_BIND, ""); err != nil {
			fail("mount "+src+" on "+dst, err)
		}
		// The directory the command starts in is the mounted one.
		if err := os.Chdir(dst); err != nil {
			fail("chdir", err)
		}
	}
	path, err := exec.LookPath(argv[0])
	if err != nil {
		fail("exec", err)
	}
	fail("exec "+path, syscall.Exec(path, argv, os.Environ()))
}
